import { sql, type Kysely } from "kysely";

// Stored values follow one rule (docs/domain/glossary.md, "Stored values"): a value names the glossary's term in
// its base form. Who carries out a promise was stored in the definite form (`polisen`, `kommunen`) beside the sides
// an editor signs for (`polis`, `kommun`); this stores it as `polis`, `kommun`, `bada` (both) or `{ "partner": … }`,
// and a CHECK keeps it so.
//
// The value lives in `promise.responsible` and in the document snapshots of `promise_revision` (history diffs and
// the "did the edit change anything" test compare them with the document as it stands, so they must agree).
// Promises of published documents are immutable by trigger (migration 2026_11_23_191000, docs/operations.md):
// this migration uses the operator's override for its own transaction only.

const renames = {
  up: { polisen: "polis", kommunen: "kommun" },
  down: { polis: "polisen", kommun: "kommunen" },
} as const;

async function inTransaction(db: Kysely<any>, fn: (trx: Kysely<any>) => Promise<void>) {
  if (db.isTransaction) await fn(db);
  else await db.transaction().execute(fn);
}

/** A responsible value with the renames applied (an object, `{ partner }`, stays as it is). */
const renamed = (value: unknown, map: Readonly<Record<string, string>>) =>
  typeof value === "string" && value in map ? map[value] : value;

interface Snapshot {
  focusAreas?: { promises?: { responsible?: unknown }[] }[];
}

async function apply(db: Kysely<any>, map: Readonly<Record<string, string>>) {
  await inTransaction(db, async (trx) => {
    await sql`select set_config('td.allow_published_change', 'on', true)`.execute(trx);
    for (const [from, to] of Object.entries(map))
      await sql`update promise set responsible = to_jsonb(${to}::text) where responsible = to_jsonb(${from}::text)`.execute(
        trx,
      );
    // Snapshots hold whole documents; rewriting them in SQL would take nested jsonb surgery, so it is done here.
    const rows = await trx
      .selectFrom("promise_revision")
      .select(["id", "snapshot"])
      .where("snapshot", "is not", null)
      .execute();
    for (const row of rows) {
      const snap = (typeof row.snapshot === "string" ? JSON.parse(row.snapshot) : row.snapshot) as Snapshot;
      let changed = false;
      for (const area of snap.focusAreas ?? [])
        for (const p of area.promises ?? []) {
          const next = renamed(p.responsible, map);
          if (next !== p.responsible) {
            p.responsible = next;
            changed = true;
          }
        }
      if (changed)
        await trx
          .updateTable("promise_revision")
          .set({ snapshot: JSON.stringify(snap) })
          .where("id", "=", row.id)
          .execute();
    }
    await sql`select set_config('td.allow_published_change', 'off', true)`.execute(trx);
  });
}

export async function up(db: Kysely<any>): Promise<void> {
  await apply(db, renames.up);
  await sql`alter table promise add constraint promise_responsible_check check (
    jsonb_typeof(responsible) = 'object' or responsible in ('"polis"'::jsonb, '"kommun"'::jsonb, '"bada"'::jsonb)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table promise drop constraint promise_responsible_check`.execute(db);
  await apply(db, renames.down);
}
