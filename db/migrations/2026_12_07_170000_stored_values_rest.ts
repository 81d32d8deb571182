import { sql, type Kysely } from "kysely";

// The rest of the stored values rule (docs/domain/glossary.md, "Stored values"), after 2026_12_07_160000:
//
// - a meeting kind `other` becomes `annat` (the other kinds are Swedish); the column's CHECK is replaced;
// - the meeting participant categories are Swedish words of the practice, `police` is `polis` as everywhere else:
//   residents → boende, youth → ungdom, police → polis, associations → forening, business → naringsliv,
//   other → annat (`kommun` stays). They are the keys of `meeting.participants`; a key outside the list (none is
//   written by the app) is counted under `annat`. A new CHECK keeps the keys to the list;
// - a promise's activity type `other` becomes `annat`, in `promise.activity_type` and in the document snapshots of
//   `promise_revision` (history diffs compare them with the document as it stands). Published documents are
//   immutable by trigger (migration 2026_11_23_191000): the operator's override is used for this transaction only.
//
// The walk's problem kinds (`walk_finding.problems`) stay as they are: they are the survey's vocabulary (the glossary
// says why).

const MEETING_KINDS_UP = ["medborgardialog", "bra_mote", "trygghetsvandring", "samverkansmote", "skolbesok", "annat"];
const MEETING_KINDS_DOWN = ["medborgardialog", "bra_mote", "trygghetsvandring", "samverkansmote", "skolbesok", "other"];
const CATEGORIES_UP: Readonly<Record<string, string>> = {
  residents: "boende",
  youth: "ungdom",
  police: "polis",
  kommun: "kommun",
  associations: "forening",
  business: "naringsliv",
  other: "annat",
};
const CATEGORIES_DOWN = Object.fromEntries(Object.entries(CATEGORIES_UP).map(([from, to]) => [to, from]));

interface Direction {
  kinds: { from: string; to: string; allowed: string[] };
  categories: Readonly<Record<string, string>>;
  /** Where a key outside the list goes. */
  rest: string;
  activity: { from: string; to: string };
}

const directions: Record<"up" | "down", Direction> = {
  up: {
    kinds: { from: "other", to: "annat", allowed: MEETING_KINDS_UP },
    categories: CATEGORIES_UP,
    rest: "annat",
    activity: { from: "other", to: "annat" },
  },
  down: {
    kinds: { from: "annat", to: "other", allowed: MEETING_KINDS_DOWN },
    categories: CATEGORIES_DOWN,
    rest: "other",
    activity: { from: "annat", to: "other" },
  },
};

async function inTransaction(db: Kysely<any>, fn: (trx: Kysely<any>) => Promise<void>) {
  if (db.isTransaction) await fn(db);
  else await db.transaction().execute(fn);
}

const textList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql.lit(v)),
    sql`, `,
  );

interface Snapshot {
  focusAreas?: { promises?: { activityType?: unknown }[] }[];
}

async function apply(db: Kysely<any>, d: Direction) {
  await inTransaction(db, async (trx) => {
    // Meetings: the kind, and the participants' keys (summed should two keys meet in one).
    await sql`alter table meeting drop constraint if exists meeting_kind_check`.execute(trx);
    await sql`alter table meeting drop constraint if exists meeting_participants_check`.execute(trx);
    await sql`update meeting set kind = ${d.kinds.to} where kind = ${d.kinds.from}`.execute(trx);
    const renames = sql.join(
      Object.entries(d.categories).map(([from, to]) => sql`(${sql.lit(from)}, ${sql.lit(to)})`),
      sql`, `,
    );
    await sql`update meeting m set participants = coalesce((
        select jsonb_object_agg(s.k, s.n) from (
          select coalesce(r.to_key, ${sql.lit(d.rest)}) as k, sum((e.value)::int)::int as n
            from jsonb_each_text(m.participants) e left join (values ${renames}) r(from_key, to_key) on r.from_key = e.key
           group by 1) s), '{}'::jsonb)
      where participants <> '{}'::jsonb`.execute(trx);
    await sql`alter table meeting add constraint meeting_kind_check check (kind in (${textList(d.kinds.allowed)}))`.execute(
      trx,
    );
    if (d === directions.up)
      await sql`alter table meeting add constraint meeting_participants_check check (
        jsonb_typeof(participants) = 'object' and participants - array[${textList(Object.values(d.categories))}]::text[] = '{}'::jsonb
      )`.execute(trx);

    // Promises: the activity type, published documents and the history's snapshots included.
    await sql`select set_config('td.allow_published_change', 'on', true)`.execute(trx);
    await sql`update promise set activity_type = ${d.activity.to} where activity_type = ${d.activity.from}`.execute(
      trx,
    );
    const rows = await trx
      .selectFrom("promise_revision")
      .select(["id", "snapshot"])
      .where("snapshot", "is not", null)
      .execute();
    for (const row of rows) {
      const snap = (typeof row.snapshot === "string" ? JSON.parse(row.snapshot) : row.snapshot) as Snapshot;
      let changed = false;
      for (const area of snap.focusAreas ?? [])
        for (const p of area.promises ?? [])
          if (p.activityType === d.activity.from) {
            p.activityType = d.activity.to;
            changed = true;
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
  await apply(db, directions.up);
}

export async function down(db: Kysely<any>): Promise<void> {
  await apply(db, directions.down);
}
