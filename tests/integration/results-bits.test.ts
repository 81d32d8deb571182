// The answer bitmaps (ADR 011) must give exactly what the scan over every response gives for every view filtered on
// answers (one value or several of one question, checkbox options held together, several questions, with
// demographic columns, channels and dates, or nobody), before any fold (all tail), folded, with a tail, after
// concurrent folds and after a rebuild. The main survey has 64 positions per segment, so its answers span many
// segments and the open segment fills over several folds (tests/integration/results-bits-default.test.ts keeps the
// default 8192). The tests run in order on the one survey.
import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { countCodesFromBits, foldBits } from "../../app/features/results/counting/bits.server";
import { clearBitsMemory } from "../../app/features/results/counting/bits-memory.server";
import { getBreakdown, getResults } from "../../app/features/results/results.server";
import {
  codesOf,
  filterSql,
  loadResultsSource,
  parseResultFilters,
} from "../../app/features/results/counting/source.server";
import type { BreakdownCounts, CodeCounts } from "../../app/features/results/counting/source.server";
import {
  countBreakdown,
  countCodes,
  protectBreakdown,
  protectCodes,
} from "../../app/features/results/counting/count.server";
import { perturb } from "../../app/features/results/domain/cell-key";
import { scanBreakdown, scanCodes } from "../../app/features/results/counting/scan.server";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { resultsAnswers } from "../support/results-fixture";
import {
  anyOfLists,
  bitRows,
  bitsSnapshot,
  BREAKDOWNS,
  count,
  createBitsSurvey,
  EMPTY_BREAKDOWNS,
  EMPTY_VIEWS,
  expectBitmapsHoldEachAnswerOnce,
  expectBitsEqualScan,
  foldAll,
  label,
  nextPos,
  open,
  openBitsDatabase,
  sorted,
  storedAnswers,
  unfolded,
  VIEWS,
} from "../support/results-bits";
import { testEngine } from "../support/test-db";

let surveyId: number;
const answers = resultsAnswers(11);
const addAnswers = (n: number, channel: "web" | "paper" | "phone", month = "10") =>
  answers.add(open.db, surveyId, n, channel, month);

const expectMainEqualsScan = () =>
  expectBitsEqualScan(surveyId, VIEWS, BREAKDOWNS, { empty: EMPTY_VIEWS, emptyBreakdowns: EMPTY_BREAKDOWNS });

openBitsDatabase(async () => {
  surveyId = await createBitsSurvey("bitar", "Bitar");
  // 64 positions per segment, set before the first fold: the fixture's answers span many segments.
  await sql`insert into response_bits_state (survey_id, segment_bits) values (${surveyId}, 64)`.execute(open.db);
});

describe(`answer bitmaps on ${testEngine()}`, () => {
  it("count like the scan before anything is folded (all answers in the tail)", async () => {
    await addAnswers(300, "web");
    await addAnswers(60, "paper");
    expect(await bitRows(surveyId)).toBe(0);
    expect(await nextPos(surveyId)).toBe(0);
    expect(await unfolded(surveyId)).toBe(await storedAnswers(surveyId));
    // The first read folds what its snapshot may fold (possibly nothing yet) and counts the rest as the tail.
    const source = await loadResultsSource(open.db, surveyId);
    const anyOf = anyOfLists(source);
    for (const raw of [VIEWS[0]!, VIEWS[5]!, VIEWS[11]!, VIEWS[29]!]) {
      const filters = parseResultFilters(source, raw);
      const where = filterSql(source, filters);
      expect(sorted((await countCodesFromBits(open.db, source, filters, where, anyOf))!), label(raw)).toEqual(
        sorted(await scanCodes(open.db, where, anyOf)),
      );
    }
    await expectMainEqualsScan();
  });

  it("fold each committed answer once, over many segments, and then count like the scan for every view", async () => {
    await foldAll(surveyId);
    expect(await unfolded(surveyId)).toBe(0);
    expect(await bitRows(surveyId)).toBeGreaterThan(0);
    expect(await nextPos(surveyId)).toBe(await storedAnswers(surveyId));
    expect(Math.ceil((await nextPos(surveyId)) / 64)).toBeGreaterThan(4);
    await expectBitmapsHoldEachAnswerOnce(surveyId);
    // Folding again with nothing new changes nothing.
    const before = await bitsSnapshot(surveyId);
    const source = await loadResultsSource(open.db, surveyId);
    await foldBits(open.db, source, { closeAt: 1 });
    await foldBits(open.db, source, { closeAt: 1 });
    expect(await bitsSnapshot(surveyId)).toEqual(before);
    // Some respondents hold both checkbox options: the views OR-ing them must count each such respondent once.
    const together = await count(sql<{ n: number }>`select count(*)::int as n from response
      where survey_id = ${surveyId} and codes @> ${codesOf(source, "where", ["park", "station"])}::int[]`);
    expect(together).toBeGreaterThan(0);
    await expectMainEqualsScan();
  });

  it("countCodes and countBreakdown read the bit strings: a cleared segment shows in their figures", async () => {
    expect(await unfolded(surveyId)).toBe(0);
    const source = await loadResultsSource(open.db, surveyId);
    const unsafe = source.codes.get("feel")!.get("unsafe")!;
    const row = (
      await sql<{ seg: number; bits: string }>`select seg, bits::text as bits from response_bits
        where survey_id = ${surveyId} and code = ${unsafe} and bit_count(bits) > 0 order by seg limit 1`.execute(
        open.db,
      )
    ).rows[0]!;
    const removed = [...row.bits].filter((b) => b === "1").length;
    expect(removed).toBeGreaterThan(0);
    // The cleared answers' key sum, from the segment's key planes (plane j: the answers whose key has bit j).
    const removedKey = (
      await sql<{
        k: number;
      }>`select coalesce(sum(bit_count(${row.bits}::bit varying & d.bits) * (1 << d.value::int)), 0)::int as k
        from response_bits_dim d where d.survey_id = ${surveyId} and d.seg = ${row.seg} and d.dim = 'key'`.execute(
        open.db,
      )
    ).rows[0]!.k;
    const filters = parseResultFilters(source, { where: ["feel:unsafe"] });
    const anyOf = anyOfLists(source);
    const scan = await scanCodes(open.db, filterSql(source, filters), anyOf);
    const scanBreak = await scanBreakdown(open.db, source, filters, ["area"], codesOf(source, "feel"));
    const less = (n: number, key: number) => perturb(n - removed, (((key - removedKey) % 256) + 256) % 256);
    await sql`update response_bits set bits = bits & ~bits where survey_id = ${surveyId} and code = ${unsafe} and seg = ${row.seg}`.execute(
      open.db,
    );
    // Bit strings are never changed in place but by a fold's OR: the app's copy in memory must be read again.
    clearBitsMemory();
    try {
      // The bit strings' true counts lose the cleared answers, and their cell keys lose those answers' keys.
      const raw = (await countCodesFromBits(open.db, source, filters, filterSql(source, filters), anyOf))!;
      expect(raw.respondents).toBe(scan.respondents - removed);
      expect(raw.keys!.respondents).toBe((((scan.keys!.respondents - removedKey) % 256) + 256) % 256);
      // The public figures are those counts published.
      const counted = await countCodes(open.db, source, filters, anyOf);
      expect(counted.respondents).toBe(less(scan.respondents, scan.keys!.respondents));
      expect(counted.codes.find((c) => c.code === unsafe)!.n).toBe(
        less(scan.codes.find((c) => c.code === unsafe)!.n, scan.keys!.codes.get(unsafe)!),
      );
      const broken = await countBreakdown(open.db, source, filters, ["area"], codesOf(source, "feel"));
      const sum = (b: BreakdownCounts) => b.groups.reduce((s, g) => s + g.respondents, 0);
      const keySum = (b: BreakdownCounts) => b.groups.reduce((s, g) => (s + g.keys!.respondents) % 256, 0);
      // The breakdown's margin (all its groups' respondents) is the published count of the group less the cleared.
      expect(broken.totals!.respondents).toBe(less(sum(scanBreak), keySum(scanBreak)));
    } finally {
      await sql`update response_bits set bits = ${row.bits}::bit varying where survey_id = ${surveyId} and code = ${unsafe} and seg = ${row.seg}`.execute(
        open.db,
      );
      clearBitsMemory();
    }
    expect(sorted(await countCodes(open.db, source, filters, anyOf))).toEqual(sorted(protectCodes(scan)));
    expect((await countBreakdown(open.db, source, filters, ["area"], codesOf(source, "feel"))).totals).toEqual(
      protectBreakdown(scanBreak).totals,
    );
  });

  it("submissions never write the bit strings; new answers are a tail until a fold, which fills the open segment", async () => {
    const before = await bitsSnapshot(surveyId);
    const pos = await nextPos(surveyId);
    await addAnswers(120, "phone");
    await addAnswers(40, "web");
    expect(await bitsSnapshot(surveyId)).toEqual(before);
    expect(await nextPos(surveyId)).toBe(pos);
    expect(await unfolded(surveyId)).toBe(160);
    await expectMainEqualsScan();
    await foldAll(surveyId);
    expect(await nextPos(surveyId)).toBe(await storedAnswers(surveyId));
    await expectBitmapsHoldEachAnswerOnce(surveyId);
    await expectMainEqualsScan();

    // Small batches folded one by one: the open segment takes them over several folds.
    const remaining = 64 - ((await nextPos(surveyId)) % 64);
    const batch = Math.max(1, Math.floor(remaining / 4));
    let sameSegmentFolds = 0;
    for (const channel of ["paper", "web", "phone", "web"] as const) {
      const from = await nextPos(surveyId);
      await addAnswers(batch, channel);
      await foldAll(surveyId);
      const to = await nextPos(surveyId);
      expect(to).toBe(from + batch);
      if (from % 64 !== 0 && Math.floor(from / 64) === Math.floor((to - 1) / 64)) sameSegmentFolds++;
      await expectBitmapsHoldEachAnswerOnce(surveyId);
    }
    expect(sameSegmentFolds).toBeGreaterThan(1);
    await expectMainEqualsScan();
  });

  it("concurrent folds never count an answer twice", async () => {
    await addAnswers(200, "web");
    await addAnswers(30, "paper", "11");
    const source = await loadResultsSource(open.db, surveyId);
    await Promise.all(Array.from({ length: 4 }, () => foldBits(open.db, source, { closeAt: 1 })));
    // Whatever the folds took, next_pos is the number of answers below the watermark and each is held once.
    await expectBitmapsHoldEachAnswerOnce(surveyId);
    await expectMainEqualsScan();

    // Folds racing with reads that fold.
    await addAnswers(150, "phone");
    const filters = parseResultFilters(source, { where: ["where:park", "where:station", "area:norr"] });
    const anyOf = anyOfLists(source);
    const results = await Promise.all([
      foldBits(open.db, source, { closeAt: 1 }),
      countCodes(open.db, source, filters, anyOf),
      foldBits(open.db, source, { closeAt: 1 }),
      countCodes(open.db, source, filters, anyOf),
      foldBits(open.db, source, { closeAt: 1 }),
    ]);
    const scan = await scanCodes(open.db, filterSql(source, filters), anyOf);
    expect(sorted(results[1] as CodeCounts)).toEqual(sorted(protectCodes(scan)));
    expect(sorted(results[3] as CodeCounts)).toEqual(sorted(protectCodes(scan)));
    await expectBitmapsHoldEachAnswerOnce(surveyId);
    await foldAll(surveyId);
    expect(await nextPos(surveyId)).toBe(await storedAnswers(surveyId));
    await expectBitmapsHoldEachAnswerOnce(surveyId);
    await expectMainEqualsScan();
  });

  it("getResults through the bitmaps equals getResults from the scan's counts, suppression and indicators included", async () => {
    const source = await loadResultsSource(open.db, surveyId);
    const anyOf = source.catalog.filter((q) => q.multi).map((q) => codesOf(source, q.name));
    // Several minimum bases, so that primary and complementary suppression and suppressed indicators all occur.
    for (const minBase of [5, 15, 40]) {
      for (const raw of [...VIEWS, ...EMPTY_VIEWS]) {
        const filters = parseResultFilters(source, raw);
        const counts = await scanCodes(open.db, filterSql(source, filters), anyOf);
        const viaBits = await getResults({ db: open.db, surveyId, filters: raw, minBase });
        const viaScan = await getResults({ db: open.db, surveyId, filters: raw, minBase, counts });
        expect(viaBits, `${label(raw)} minBase ${minBase}`).toEqual(viaScan);
      }
    }
  });

  it("getBreakdown through the bitmaps equals getBreakdown from the scan's counts, suppression included", async () => {
    const source = await loadResultsSource(open.db, surveyId);
    for (const minBase of [5, 15]) {
      for (const { filters: raw, by, question } of [...BREAKDOWNS, ...EMPTY_BREAKDOWNS]) {
        const counts = await scanBreakdown(
          open.db,
          source,
          parseResultFilters(source, raw),
          by,
          codesOf(source, question),
        );
        const viaBits = await getBreakdown({ db: open.db, surveyId, question, by, filters: raw, minBase });
        const viaScan = await getBreakdown({ db: open.db, surveyId, question, by, filters: raw, minBase, counts });
        expect(viaBits, `${label(raw)} ${question} by ${by.join("×")} minBase ${minBase}`).toEqual(viaScan);
      }
    }
  });

  it("the bitmaps' migration leaves no co-occurrence tables, and bit strings rebuilt after it are exact", async () => {
    const regclass = async (name: string) =>
      (await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(open.db)).rows[0]!.t;
    const coocTables = async () =>
      (
        await sql<{
          table_name: string;
        }>`select table_name from information_schema.tables where table_schema = current_schema() and table_name like 'response\_cooc%'`.execute(
          open.db,
        )
      ).rows.map((r) => r.table_name);
    expect(await coocTables()).toEqual([]);
    const migrator = new Migrator({ db: open.db, provider: { getMigrations: async () => migrations } });
    // Back to the co-occurrence cells (the bitmaps dropped) and forward again.
    const down = await migrator.migrateTo("2026_11_23_210000_results_cooc_demographics");
    expect(down.error).toBeUndefined();
    expect(await regclass("response_bits")).toBeNull();
    expect((await coocTables()).sort()).toEqual(["response_cooc", "response_cooc_demographic", "response_cooc_state"]);
    await migrateToLatest(open.db);
    expect(await coocTables()).toEqual([]);
    for (const t of ["response_cooc", "response_cooc_state", "response_cooc_demographic"])
      expect(await regclass(t), t).toBeNull();
    expect(await bitRows(surveyId)).toBe(0);
    expect(await count(sql<{ n: number }>`select count(*)::int as n from response_bits_state`)).toBe(0);
    // Rebuilt from every answer, again with 64 positions per segment.
    await sql`insert into response_bits_state (survey_id, segment_bits) values (${surveyId}, 64)`.execute(open.db);
    await addAnswers(30, "paper");
    await expectMainEqualsScan();
    await foldAll(surveyId);
    expect(await nextPos(surveyId)).toBe(await storedAnswers(surveyId));
    await expectBitmapsHoldEachAnswerOnce(surveyId);
    await expectMainEqualsScan();
  });
});
