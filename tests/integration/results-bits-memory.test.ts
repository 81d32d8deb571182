// The answer bitmaps' copy in the app's memory (docs/decisions/022-answer-bitmaps-in-memory.md): refreshed from
// the open segment on when folds add answers, serving an older snapshot with its later positions masked off,
// read again whole for a new generation, kept per database (two app servers), and left to PostgreSQL for a survey
// larger than the memory budget. Every figure must equal the scan of the snapshot it is read in.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { countCodesFromBits, foldBits } from "../../app/features/results/counting/bits.server";
import {
  clearBitsMemory,
  memoryBits,
  setBitsMemoryBudget,
  type BitsSnapshot,
} from "../../app/features/results/counting/bits-memory.server";
import { codesInMemory, memoryConditions } from "../../app/features/results/counting/bits-count.server";
import { filterSql, loadResultsSource, parseResultFilters } from "../../app/features/results/counting/source.server";
import { scanCodes } from "../../app/features/results/counting/scan.server";
import { openDatabase } from "../../app/platform/db.server";
import { resultsAnswers } from "../support/results-fixture";
import { anyOfLists, createBitsSurvey, foldAll, open, openBitsDatabase, sorted } from "../support/results-bits";
import { DEFAULT_PG_URL, testEngine } from "../support/test-db";

let surveyId: number;
const answers = resultsAnswers(31);
const RAW = { where: ["feel:unsafe", "feel:safe"], channel: ["web", "paper"] };

const snapshotOf = async (trx: typeof open.db): Promise<BitsSnapshot> => {
  const row = (
    await sql<{ watermark: string; next_pos: number; segment_bits: number; generation: string }>`
      select watermark, next_pos, segment_bits, generation::text from response_bits_state where survey_id = ${surveyId}`.execute(
      trx,
    )
  ).rows[0]!;
  return {
    watermark: Number(row.watermark),
    nextPos: row.next_pos,
    segmentBits: row.segment_bits,
    generation: row.generation,
  };
};

/** countCodesFromBits compared with the scan, both now. */
async function expectEqualsScan(db = open.db) {
  const source = await loadResultsSource(db, surveyId);
  const filters = parseResultFilters(source, RAW);
  const where = filterSql(source, filters);
  const anyOf = anyOfLists(source);
  expect(sorted((await countCodesFromBits(db, source, filters, where, anyOf))!)).toEqual(
    sorted(await scanCodes(db, where, anyOf)),
  );
}

openBitsDatabase(async () => {
  surveyId = await createBitsSurvey("bitar-minne", "Minnesbitar");
  await sql`insert into response_bits_state (survey_id, segment_bits) values (${surveyId}, 64)`.execute(open.db);
});

describe(`the answer bitmaps' copy in memory on ${testEngine()}`, () => {
  it("is refreshed from the open segment on as folds add answers, and equals the scan each time", async () => {
    clearBitsMemory();
    for (const n of [150, 7, 64, 1, 90]) {
      await answers.add(open.db, surveyId, n, n % 2 ? "web" : "paper");
      await foldAll(surveyId);
      await expectEqualsScan();
    }
  });

  // PGlite runs one transaction at a time: a read never overlaps another's refresh there.
  it.skipIf(testEngine() === "pglite")(
    "serves a snapshot older than the copy with the later positions masked off",
    async () => {
      const source = await loadResultsSource(open.db, surveyId);
      const filters = parseResultFilters(source, RAW);
      const anyOf = anyOfLists(source);
      await open.db
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute(async (trx) => {
          const old = await snapshotOf(trx);
          // Answers folded after this snapshot began; another read brings the copy past it.
          await answers.add(open.db, surveyId, 45, "web");
          await foldAll(surveyId);
          await expectEqualsScan();
          const copy = (await memoryBits(open.db, trx, surveyId, old))!;
          expect(copy.nextPos).toBeGreaterThan(old.nextPos);
          // The old snapshot's folded answers are those at or below its watermark.
          const scan = await scanCodes(
            trx,
            sql`${filterSql(source, filters)} and r.fold_bucket <= ${old.watermark}`,
            anyOf,
          );
          const counted = codesInMemory(copy, old, memoryConditions(source, filters)!, anyOf);
          expect(counted.respondents.n).toBe(scan.respondents);
          expect(counted.respondents.keySum % 256).toBe(scan.keys!.respondents);
          for (const c of scan.codes) expect(counted.codes.get(c.code)?.n, `code ${c.code}`).toBe(c.n);
        });
    },
  );

  it("is read again whole for a new generation (bitmaps emptied and rebuilt)", async () => {
    await expectEqualsScan();
    // Ten answers taken out in the middle (as only a rebuild can): every later answer gets another position.
    await sql`delete from response where id in (
      select id from response where survey_id = ${surveyId} order by id offset 50 limit 10)`.execute(open.db);
    await sql`delete from response_bits where survey_id = ${surveyId}`.execute(open.db);
    await sql`delete from response_bits_dim where survey_id = ${surveyId}`.execute(open.db);
    await sql`update response_bits_state set watermark = 0, next_pos = 0, generation = gen_random_uuid() where survey_id = ${surveyId}`.execute(
      open.db,
    );
    await foldBits(open.db, await loadResultsSource(open.db, surveyId), { closeAt: 1 });
    await foldAll(surveyId);
    await expectEqualsScan();
  });

  // Two app servers share a PostgreSQL server; an embedded PGlite belongs to one process.
  it.skipIf(testEngine() === "pglite")(
    "is kept per app server: a second server's pool reads the same figures, and sees the first's new answers",
    async () => {
      const name = (await sql<{ d: string }>`select current_database() as d`.execute(open.db)).rows[0]!.d;
      const url = new URL(process.env.TEST_DATABASE_URL || DEFAULT_PG_URL);
      url.pathname = `/${name}`;
      const second = await openDatabase({ url: url.toString(), poolSize: 2 });
      try {
        await expectEqualsScan(second.db);
        await answers.add(open.db, surveyId, 70, "paper");
        await foldAll(surveyId);
        await expectEqualsScan(open.db);
        await expectEqualsScan(second.db);
        await answers.add(second.db, surveyId, 20, "web");
        await expectEqualsScan(second.db);
        await expectEqualsScan(open.db);
      } finally {
        await second.close();
      }
    },
  );

  it("leaves a survey larger than the budget to PostgreSQL, with the same figures", async () => {
    const budget = setBitsMemoryBudget(1024);
    try {
      await open.db.transaction().execute(async (trx) => {
        expect(await memoryBits(open.db, trx, surveyId, await snapshotOf(trx))).toBeNull();
      });
      await expectEqualsScan();
    } finally {
      setBitsMemoryBudget(budget);
    }
  });
});
