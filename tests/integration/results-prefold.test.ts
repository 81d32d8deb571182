import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldBits } from "../../app/features/results/counting/bits.server";
import {
  backgroundFoldCount,
  backgroundFolds,
  foldAggregate,
  onFoldError,
  type FoldErrorHandler,
} from "../../app/features/results/counting/fold.server";
import { foldCube } from "../../app/features/results/counting/cube.server";
import {
  prefoldResults,
  startResultsPrefold,
  stopResultsPrefold,
} from "../../app/features/results/counting/prefold.server";
import {
  codesOf,
  filterSql,
  loadResultsSource,
  parseResultFilters,
} from "../../app/features/results/counting/source.server";
import { countCodes, protectCodes } from "../../app/features/results/counting/count.server";
import { scanCodes } from "../../app/features/results/counting/scan.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import type { OpenDatabase } from "../../app/platform/db.server";
import { resultsAnswers, resultsDefinition } from "../support/results-fixture";
import { testDatabase, testEngine } from "../support/test-db";
import { answersFoldable, bitsPositions, cubeRespondents, foldUntilDone, unfoldedAnswers } from "../support/aggregates";

// Folding outside the reads (ADR 011): a fold over more rows than the caller allows inline runs in the background
// while the read counts the tail itself (exactly), and the server's prefold timer folds new answers of every survey
// into the cube and the answer bitmaps, so the first analyst after a bulk load does not wait for the fold.

let open: OpenDatabase;
let kommunId: number;
const answers = resultsAnswers(11);

let year = 2030;
async function newSurvey(title: string): Promise<number> {
  const { id } = await createSurvey({
    db: open.db,
    kommunId,
    kommunSlug: "pre",
    period: String(year++),
    kind: "medborgarenkat",
    title,
    definition: resultsDefinition(),
    settings: { demographics: { area: "area", age_band: "age_band", gender: "gender" } },
  });
  await setSurveyStatus({ db: open.db, surveyId: id, status: "open" });
  return id;
}

const stored = async (surveyId: number) =>
  (await sql<{ n: number }>`select count(*)::int as n from response where survey_id = ${surveyId}`.execute(open.db))
    .rows[0]!.n;
const state = async (table: "response_cube_state" | "response_bits_state", surveyId: number) =>
  (
    await sql<{ watermark: string }>`select watermark from ${sql.table(table)} where survey_id = ${surveyId}`.execute(
      open.db,
    )
  ).rows[0];
const unfolded = (surveyId: number) => unfoldedAnswers(open.db, surveyId);
const positions = (surveyId: number) => bitsPositions(open.db, surveyId);
/** Stores answers and waits until a fold can take them (tests/support/aggregates.ts, answersFoldable). */
async function add(surveyId: number, n: number, channel: Parameters<typeof answers.add>[3]) {
  await answers.add(open.db, surveyId, n, channel);
  await answersFoldable(open.db, surveyId);
}

/** Answer-filtered counts through the routing (bitmaps + tail) equal the scan's, published alike (protectCodes). */
async function expectEqualToScan(surveyId: number) {
  const source = await loadResultsSource(open.db, surveyId);
  const anyOf = [codesOf(source, "where")];
  for (const raw of [
    { where: ["feel:unsafe"] },
    { where: ["feel:unsafe", "where:park", "area:norr"], from: "2026-10-03" },
  ]) {
    const filters = parseResultFilters(source, raw);
    const got = await countCodes(open.db, source, filters, anyOf);
    const scan = protectCodes(await scanCodes(open.db, filterSql(source, filters), anyOf));
    expect(got.respondents, JSON.stringify(raw)).toBe(scan.respondents);
    expect(got.respondents, JSON.stringify(raw)).toBeGreaterThan(0);
    expect(got.anyOf).toEqual(scan.anyOf);
    expect([...got.codes].sort((a, b) => a.code - b.code)).toEqual([...scan.codes].sort((a, b) => a.code - b.code));
    expect(got.questionTotals).toEqual(scan.questionTotals);
  }
}

beforeAll(async () => {
  open = await testDatabase();
  const org = await open.db
    .insertInto("organisation")
    .values({ slug: "pre", name: "Prefold kommun", kind: "kommun", parent_id: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  kommunId = org.id;
}, 60_000);

afterAll(async () => {
  await stopResultsPrefold();
  await backgroundFolds();
  await open?.close();
});

describe(`folding outside the reads on ${testEngine()}`, () => {
  it("a fold above the inline limit runs in the background; reads meanwhile and after it equal the scan", async () => {
    const surveyId = await newSurvey("bg");
    await add(surveyId, 120, "web");
    const source = await loadResultsSource(open.db, surveyId);
    // Returns before folding anything: the fold was handed to the background.
    await foldBits(open.db, source, { closeAt: 1, inlineLimit: 10 });
    expect(backgroundFoldCount()).toBe(1);
    await expectEqualToScan(surveyId);
    await backgroundFolds();
    expect(await positions(surveyId)).toBe(await stored(surveyId));
    expect(Number((await state("response_bits_state", surveyId))?.watermark)).toBeGreaterThan(0);
    await expectEqualToScan(surveyId);
    expect(backgroundFoldCount()).toBe(0);
    // Below the limit the fold is done before the call returns.
    await add(surveyId, 5, "paper");
    await foldBits(open.db, source, { closeAt: 1, inlineLimit: 10 });
    expect(backgroundFoldCount()).toBe(0);
    expect(await positions(surveyId)).toBe(await stored(surveyId));
  });

  it("a failed background fold is reported (onFoldError), leaves the aggregate as it was, and reads stay exact", async () => {
    const surveyId = await newSurvey("fail");
    await add(surveyId, 40, "web");
    const source = await loadResultsSource(open.db, surveyId);
    const reported: Parameters<FoldErrorHandler>[0][] = [];
    const previous = onFoldError((failure) => reported.push(failure));
    try {
      // The cube's state row, folded by a statement that fails: the fold goes to the background and rejects there.
      await foldAggregate(
        open.db,
        source,
        {
          stateTable: "response_cube_state",
          key: { survey_id: surveyId },
          lock: [20261207, surveyId],
          clear: async () => undefined,
          foldRows: async () => {
            throw new Error("fold statement failed");
          },
        },
        { closeAt: 1, inlineLimit: 10 },
      );
      await backgroundFolds();
    } finally {
      onFoldError(previous);
    }
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ stateTable: "response_cube_state", key: { survey_id: surveyId } });
    expect((reported[0]!.error as Error).message).toBe("fold statement failed");
    expect(Number((await state("response_cube_state", surveyId))?.watermark ?? 0)).toBe(0);
    await expectEqualToScan(surveyId);
  });

  it("a background fold and inline folds racing it never give an answer two positions", async () => {
    const surveyId = await newSurvey("race");
    await add(surveyId, 150, "phone");
    const source = await loadResultsSource(open.db, surveyId);
    await foldBits(open.db, source, { closeAt: 1, inlineLimit: 10 });
    await Promise.all([
      foldBits(open.db, source, { closeAt: 1 }),
      foldBits(open.db, source, { closeAt: 1 }),
      backgroundFolds(),
    ]);
    await foldBits(open.db, source, { closeAt: 1 });
    expect(await positions(surveyId)).toBe(await stored(surveyId));
    const bits = await sql<{
      n: number;
    }>`select coalesce(sum(bit_count(bits)), 0)::int as n from response_bits_dim where survey_id = ${surveyId} and dim = 'channel'`.execute(
      open.db,
    );
    expect(bits.rows[0]!.n).toBe(await stored(surveyId));
    await expectEqualToScan(surveyId);
  });

  it("a fold in chunks (a temporary copy folded a chunk per statement) gives the cube and the bitmaps exactly", async () => {
    const surveyId = await newSurvey("chunks");
    await sql`insert into response_bits_state (survey_id, segment_bits) values (${surveyId}, 64)`.execute(open.db);
    await add(surveyId, 250, "web");
    await add(surveyId, 80, "paper");
    const source = await loadResultsSource(open.db, surveyId);
    // 330 answers in chunks of 37: nine statements per aggregate, the last one short.
    await foldUntilDone(open.db, [surveyId], async () => {
      await foldCube(open.db, source, { closeAt: 1, chunk: 37 });
      await foldBits(open.db, source, { closeAt: 1, chunk: 37 });
    });
    expect(await unfolded(surveyId)).toBe(0);
    expect(await positions(surveyId)).toBe(await stored(surveyId));
    expect(await cubeRespondents(open.db, surveyId)).toBe(await stored(surveyId));
    await expectEqualToScan(surveyId);
    // The unfiltered view and a demographic one come from the cube.
    const s = await loadResultsSource(open.db, surveyId);
    const anyOf = [codesOf(s, "where")];
    for (const raw of [{}, { where: ["area:norr"], channel: ["paper"] }]) {
      const filters = parseResultFilters(s, raw);
      const got = await countCodes(open.db, s, filters, anyOf);
      const scan = protectCodes(await scanCodes(open.db, filterSql(s, filters), anyOf));
      expect(got.respondents).toBe(scan.respondents);
      expect(got.anyOf).toEqual(scan.anyOf);
      expect([...got.codes].sort((a, b) => a.code - b.code)).toEqual([...scan.codes].sort((a, b) => a.code - b.code));
      expect(got.questionTotals).toEqual(scan.questionTotals);
    }
  });

  it("prefoldResults folds every survey with new answers into the cube and the bitmaps, and then has nothing to do", async () => {
    const a = await newSurvey("a");
    const b = await newSurvey("b");
    await add(a, 60, "web");
    await add(b, 40, "paper");
    const ids = await prefoldResults(open.db, { closeAt: 1, minRows: 1 });
    expect(ids).toEqual(expect.arrayContaining([a, b]));
    await foldUntilDone(open.db, [a, b], () => prefoldResults(open.db, { closeAt: 1, minRows: 1 }));
    for (const id of [a, b]) {
      expect(await unfolded(id)).toBe(0);
      expect(await positions(id)).toBe(await stored(id));
      expect(await cubeRespondents(open.db, id)).toBe(await stored(id));
    }
    expect(await prefoldResults(open.db, { closeAt: 1, minRows: 1 })).toEqual([]);
    // A backlog below minRows is left to the reads.
    await add(a, 12, "phone");
    expect(await prefoldResults(open.db, { closeAt: 1, minRows: 13 })).toEqual([]);
    expect(await unfolded(a)).toBe(12);
    expect(await prefoldResults(open.db, { closeAt: 1, minRows: 12 })).toEqual([a]);
    await foldUntilDone(open.db, [a], () => prefoldResults(open.db, { closeAt: 1, minRows: 1 }));
    expect(await unfolded(a)).toBe(0);
    await expectEqualToScan(a);
  });

  it("the prefold timer folds answers stored after it started, until it is stopped", async () => {
    const surveyId = await newSurvey("timer");
    await add(surveyId, 30, "web");
    // Close the answers' bucket (a quiet database would wait for 256 more transactions).
    const source = await loadResultsSource(open.db, surveyId);
    await foldCube(open.db, source, { closeAt: 1 });
    const logs: Record<string, unknown>[] = [];
    startResultsPrefold(open.db, 0.2, (e) => logs.push(e), { vacuum: true, minRows: 1 });
    const deadline = Date.now() + 20_000;
    while ((await unfolded(surveyId)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await stopResultsPrefold();
    expect(await unfolded(surveyId)).toBe(0);
    expect(await positions(surveyId)).toBe(await stored(surveyId));
    expect(logs.some((e) => e.msg === "results prefolded")).toBe(true);
    expect(logs.filter((e) => e.level === "error")).toEqual([]);
  });
});
