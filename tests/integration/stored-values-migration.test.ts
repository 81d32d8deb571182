import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import type { OpenDatabase } from "../../app/platform/db.server";
import { testDatabase, testEngine } from "../support/test-db";

// Migration 2026_12_07_160000_stored_values (docs/domain/glossary.md, "Stored values"): who carries out a promise is
// stored as polis/kommun/bada, in the promises and in the history's snapshots, published documents included; down
// restores polisen/kommunen. Run on the demo seed, which holds published documents.
let open: OpenDatabase;
const db = () => open.db;

/** How many promises, and how many snapshot entries, hold each responsible value. */
async function values() {
  const promises = await sql<{ v: string; n: number }>`
    select responsible #>> '{}' as v, count(*)::int as n from promise where jsonb_typeof(responsible) = 'string' group by 1 order by 1`.execute(
    db(),
  );
  const snapshots = await sql<{ v: string; n: number }>`
    select p->>'responsible' as v, count(*)::int as n
      from promise_revision r, jsonb_array_elements(r.snapshot->'focusAreas') f, jsonb_array_elements(f->'promises') p
     where r.snapshot is not null and jsonb_typeof(p->'responsible') = 'string' group by 1 order by 1`.execute(db());
  const asMap = (rows: { v: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.v, r.n]));
  return { promises: asMap(promises.rows), snapshots: asMap(snapshots.rows) };
}

/** The promises of published documents (the immutable ones), without the renamed column, to compare before/after. */
async function publishedRest() {
  return sql`select p.id, p.activity_type, p.target, p.partners, d.updated_at from promise p join focus_area f on f.id = p.focus_area_id
    join promise_document d on d.id = f.document_id where d.status = 'publicerat' order by p.id`
    .execute(db())
    .then((r) => r.rows);
}

async function failureCode(run: () => Promise<unknown>) {
  try {
    await run();
    return null;
  } catch (err) {
    return (err as { code?: string }).code ?? "?";
  }
}

beforeAll(async () => {
  open = await testDatabase();
  await seedDemo({ db: db(), withSurveys: false });
  // A snapshot of the seeded documents as they stand, so the history holds the values too.
  await sql`insert into promise_revision (document_id, kind, account_id, summary, snapshot)
    select d.id, 'created', null, 'test', jsonb_build_object('focusAreas', jsonb_agg(jsonb_build_object('promises',
      (select jsonb_agg(jsonb_build_object('responsible', p.responsible)) from promise p where p.focus_area_id = f.id))))
    from promise_document d join focus_area f on f.document_id = d.id group by d.id`.execute(db());
}, 120_000);

afterAll(async () => {
  await open?.close();
});

describe(`stored values migration on ${testEngine()}`, () => {
  it("stores polis/kommun/bada; down restores polisen/kommunen (published documents and snapshots too); up again", async () => {
    const after = await values();
    expect(Object.keys(after.promises).sort()).toEqual(["bada", "kommun", "polis"]);
    expect(Object.keys(after.snapshots).sort()).toEqual(["bada", "kommun", "polis"]);
    expect(
      Number(
        await sql<{ n: number }>`select count(*)::int as n from promise_document where status = 'publicerat'`
          .execute(db())
          .then((r) => r.rows[0]!.n),
      ),
    ).toBeGreaterThan(0);
    const rest = await publishedRest();

    const migrator = new Migrator({ db: db(), provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo("2026_12_07_120000_one_document_in_force");
    expect(down.error).toBeUndefined();
    const before = await values();
    expect(before.promises).toEqual({
      bada: after.promises.bada,
      kommunen: after.promises.kommun,
      polisen: after.promises.polis,
    });
    expect(before.snapshots).toEqual({
      bada: after.snapshots.bada,
      kommunen: after.snapshots.kommun,
      polisen: after.snapshots.polis,
    });
    expect(await publishedRest()).toEqual(rest);

    await migrateToLatest(db());
    expect(await values()).toEqual(after);
    expect(await publishedRest()).toEqual(rest);
  });

  it("leaves published documents immutable after it ran, and refuses an old value by CHECK", async () => {
    const published = await sql<{ id: number }>`select p.id from promise p join focus_area f on f.id = p.focus_area_id
      join promise_document d on d.id = f.document_id where d.status = 'publicerat' limit 1`.execute(db());
    expect(
      await failureCode(() =>
        sql`update promise set description = 'x' where id = ${published.rows[0]!.id}`.execute(db()),
      ),
    ).toBe("55000");
    const draft = await sql<{ id: number }>`select p.id from promise p join focus_area f on f.id = p.focus_area_id
      join promise_document d on d.id = f.document_id where d.status <> 'publicerat' limit 1`.execute(db());
    if (draft.rows[0]) {
      expect(
        await failureCode(() =>
          sql`update promise set responsible = '"polisen"'::jsonb where id = ${draft.rows[0]!.id}`.execute(db()),
        ),
      ).toBe("23514");
      await sql`update promise set responsible = '{"partner": "Region Norrbotten"}'::jsonb where id = ${draft.rows[0]!.id}`.execute(
        db(),
      );
    }
  });
});
