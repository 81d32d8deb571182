import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import type { OpenDatabase } from "../../app/platform/db.server";
import { documentJson, getPromiseDocument } from "../../app/features/promises/index.server";
import { testDatabase, testEngine } from "../support/test-db";

// Migrations 2026_12_07_160000_stored_values and 2026_12_07_170000_stored_values_rest (docs/domain/glossary.md, "Stored values"): who carries out a promise is
// stored as polis/kommun/bada, in the promises and in the history's snapshots, published documents included; down
// restores polisen/kommunen. The second: meeting kind and activity type `other` → `annat`, participant categories in
// Swedish (`police` → `polis`). Run on the demo seed, which holds published documents.
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

/**
 * The promises of published documents (the immutable ones), without the renamed column, to compare before/after;
 * the activity type as the later migration stores it (`other` → `annat`, tested on its own below).
 */
async function publishedRest() {
  return sql`select p.id, case p.activity_type when 'other' then 'annat' else p.activity_type end as activity_type, p.target, p.partners, d.updated_at from promise p join focus_area f on f.id = p.focus_area_id
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
      (select jsonb_agg(jsonb_build_object('responsible', p.responsible, 'activityType', p.activity_type))
         from promise p where p.focus_area_id = f.id))))
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

  it("stores meeting kind and activity type annat and Swedish participant categories; old rows are rewritten; down restores", async () => {
    const kommunId = await db()
      .selectFrom("organisation")
      .select("id")
      .where("kind", "=", "kommun")
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
    const meeting = (kind: string, participants: Record<string, number>) =>
      sql<{ id: number }>`insert into meeting (kommun_id, kind, held_on, participants)
        values (${kommunId}, ${kind}, '2026-05-01', ${JSON.stringify(participants)}::jsonb) returning id`
        .execute(db())
        .then((r) => r.rows[0]!.id);
    const meetingOf = (id: number) =>
      sql<{
        kind: string;
        participants: Record<string, number>;
      }>`select kind, participants from meeting where id = ${id}`
        .execute(db())
        .then((r) => r.rows[0]!);
    /** Promises and snapshot entries per activity type, for the two values that move. */
    const activities = async () => {
      const promises = await sql<{ v: string; n: number }>`select activity_type as v, count(*)::int as n from promise
        where activity_type in ('other', 'annat') group by 1 order by 1`.execute(db());
      const snapshots = await sql<{ v: string; n: number }>`select p->>'activityType' as v, count(*)::int as n
        from promise_revision r, jsonb_array_elements(r.snapshot->'focusAreas') f, jsonb_array_elements(f->'promises') p
       where r.snapshot is not null and p->>'activityType' in ('other', 'annat') group by 1 order by 1`.execute(db());
      const asMap = (rows: { v: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.v, r.n]));
      return { promises: asMap(promises.rows), snapshots: asMap(snapshots.rows) };
    };
    const publishedWithAnnat = await sql<{ id: number }>`select d.id from promise_document d
      join focus_area f on f.document_id = d.id join promise p on p.focus_area_id = f.id
     where d.status = 'publicerat' and p.activity_type = 'annat' limit 1`.execute(db());
    expect(publishedWithAnnat.rows).toHaveLength(1);

    const current = await meeting("annat", { boende: 3, polis: 1, forening: 2, annat: 1 });
    const after = await activities();
    expect(after.promises.annat).toBeGreaterThan(0);
    expect(after.snapshots.annat).toBeGreaterThan(0);
    expect(after.promises.other ?? 0).toBe(0);

    const migrator = new Migrator({ db: db(), provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo("2026_12_07_160000_stored_values");
    expect(down.error).toBeUndefined();
    expect(await meetingOf(current)).toEqual({
      kind: "other",
      participants: { residents: 3, police: 1, associations: 2, other: 1 },
    });
    expect(await activities()).toEqual({
      promises: { other: after.promises.annat },
      snapshots: { other: after.snapshots.annat },
    });

    // A row as the app wrote it before: every old category, and a key outside the list (counted under annat).
    const old = await meeting("other", {
      residents: 5,
      youth: 2,
      police: 1,
      kommun: 4,
      business: 1,
      other: 1,
      visitors: 2,
    });
    await migrateToLatest(db());
    expect(await meetingOf(old)).toEqual({
      kind: "annat",
      participants: { boende: 5, ungdom: 2, polis: 1, kommun: 4, naringsliv: 1, annat: 3 },
    });
    expect(await meetingOf(current)).toEqual({
      kind: "annat",
      participants: { boende: 3, polis: 1, forening: 2, annat: 1 },
    });
    expect(await activities()).toEqual(after);

    // The CHECKs keep the old values out.
    expect(await failureCode(() => sql`update meeting set kind = 'other' where id = ${current}`.execute(db()))).toBe(
      "23514",
    );
    expect(
      await failureCode(() =>
        sql`update meeting set participants = '{"police": 1}'::jsonb where id = ${current}`.execute(db()),
      ),
    ).toBe("23514");

    // API v1 answers the free activity as `other`, as documented before (docs/api.md).
    const json = documentJson(
      await getPromiseDocument({ db: db(), id: publishedWithAnnat.rows[0]!.id, publishedOnly: true }),
    );
    const types = json.focusAreas.flatMap((f) => f.promises.map((p) => p.activityType as string));
    expect(types).toContain("other");
    expect(types).not.toContain("annat");
  });
});
