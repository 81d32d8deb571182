import { Migrator, sql, type RawBuilder } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countCodesFromBits, countBreakdownFromBits, foldBits } from "../../app/features/results/counting/bits.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { getBreakdown, getResults } from "../../app/features/results/results.server";
import {
  codesOf,
  filterSql,
  loadResultsSource,
  parseResultFilters,
  type BreakdownCounts,
  type CodeCounts,
  type DemographicColumn,
  type RawResultFilters,
  type ResultsSource,
} from "../../app/features/results/counting/source.server";
import { countBreakdown, countCodes } from "../../app/features/results/counting/count.server";
import { scanBreakdown, scanCodes } from "../../app/features/results/counting/scan.server";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import type { Database, OpenDatabase } from "../../app/platform/db.server";
import { resultsAnswers, resultsDefinition } from "../support/results-fixture";
import { testDatabase, testEngine } from "../support/test-db";

// The answer bitmaps (ADR 011) must give exactly what the scan over every response gives for every view filtered on
// answers (one value or several of one question, checkbox options held together, several questions, with
// demographic columns, channels and dates, or nobody), before any fold (all tail), folded, with a tail, after
// concurrent folds and after a rebuild. The main survey has 64 positions per segment, so its answers span many
// segments and the open segment fills over several folds; a second survey keeps the default 8192.

const definition = resultsDefinition();

let open: OpenDatabase;
let surveyId: number;
let defaultSurveyId: number;
const answers = resultsAnswers(11);
const addAnswers = (n: number, channel: "web" | "paper" | "phone", month = "10") =>
  answers.add(open.db, surveyId, n, channel, month);

// Views filtered on answers, every one with respondents in the main survey.
const VIEWS: RawResultFilters[] = [
  // One answer question: one value, several OR-ed.
  { where: ["feel:unsafe"] },
  { where: ["feel:unsafe", "feel:dont_know"] },
  { where: ["feel:safe", "feel:unsafe", "feel:dont_know"] },
  // Checkbox options: alone, "Inget" with another option (nobody holds both), options respondents hold together
  // (OR: each respondent counted once).
  { where: ["where:park"] },
  { where: ["where:none", "where:station"] },
  { where: ["where:park", "where:station"] },
  { where: ["where:park", "where:station", "where:school"] },
  // Matrix rows (problem scale) and a rating.
  { where: ["problems.litter:4"] },
  { where: ["problems.litter:4", "problems.litter:3"] },
  { where: ["problems.speeding:dont_know"] },
  { where: ["score:5", "score:1"] },
  // Several answer questions (AND), with OR-ed values inside one of them.
  { where: ["feel:unsafe", "problems.litter:4"] },
  { where: ["feel:unsafe", "where:park", "where:school"] },
  { where: ["where:park", "problems.speeding:4", "problems.speeding:3", "score:4", "score:5"] },
  // Answers with area / age band / gender.
  { where: ["feel:unsafe", "area:norr"] },
  { where: ["problems.litter:4", "gender:woman", "age_band:65+"] },
  { where: ["problems.litter:4", "problems.litter:3", "gender:man"] },
  { where: ["score:5", "score:4", "score:1", "gender:woman", "gender:other"] },
  { where: ["where:park", "age_band:16-29"] },
  { where: ["where:park", "where:station", "gender:woman"] },
  { where: ["feel:unsafe", "problems.litter:4", "area:norr", "area:byn"] },
  // Answers with channels and dates.
  { where: ["feel:unsafe"], channel: ["paper"] },
  { where: ["problems.litter:4", "problems.litter:3"], channel: ["web", "phone"] },
  { where: ["feel:unsafe"], from: "2026-10-05", to: "2026-10-12" },
  { where: ["where:school"], from: "2026-10-02" },
  { where: ["problems.litter:4"], from: "2026-10-02", to: "2026-10-19", channel: ["web"] },
  { where: ["feel:safe"], from: "2026-10-20", to: "2026-10-20" },
  { where: ["where:park", "where:school"], to: "2026-10-10", channel: ["web", "paper"] },
  // Answers with demographic columns and dates (and channels).
  { where: ["feel:unsafe", "area:centrum", "area:byn"], channel: ["web", "paper"] },
  { where: ["feel:unsafe", "area:norr"], from: "2026-10-05" },
  { where: ["problems.litter:4", "gender:woman"], from: "2026-10-02", to: "2026-10-12", channel: ["web"] },
  {
    where: ["where:school", "where:station", "age_band:30-64", "feel:safe"],
    from: "2026-10-03",
    to: "2026-10-17",
    channel: ["web", "phone"],
  },
];

// Views nobody is in: no answers on those days, none by that channel.
const EMPTY_VIEWS: RawResultFilters[] = [
  { where: ["feel:unsafe"], from: "2026-12-01" },
  { where: ["where:park", "where:station", "area:norr"], channel: ["import"] },
];

// Breakdowns of views filtered on answers, by one column or two crossed, of single- and multi-answer questions.
const BREAKDOWNS: { filters: RawResultFilters; by: DemographicColumn[]; question: string }[] = [
  { filters: { where: ["feel:unsafe"] }, by: ["area"], question: "problems.speeding" },
  { filters: { where: ["feel:unsafe"] }, by: ["area", "gender"], question: "problems.speeding" },
  { filters: { where: ["problems.litter:4", "problems.litter:3"] }, by: ["area", "gender"], question: "feel" },
  {
    filters: { where: ["problems.litter:4", "problems.litter:3", "gender:woman"], channel: ["web"] },
    by: ["age_band"],
    question: "where",
  },
  { filters: { where: ["where:park"] }, by: ["area", "gender"], question: "where" },
  { filters: { where: ["score:5", "area:norr", "area:byn"] }, by: ["area", "age_band"], question: "score" },
  { filters: { where: ["where:park", "where:station"] }, by: ["gender"], question: "where" },
  { filters: { where: ["feel:unsafe", "problems.litter:4"] }, by: ["area", "age_band"], question: "where" },
  { filters: { where: ["feel:unsafe", "area:norr"], from: "2026-10-05" }, by: ["gender"], question: "score" },
  {
    filters: { where: ["where:school"], from: "2026-10-03", to: "2026-10-15", channel: ["web", "phone"] },
    by: ["area", "gender"],
    question: "feel",
  },
];
const EMPTY_BREAKDOWNS: typeof BREAKDOWNS = [{ filters: EMPTY_VIEWS[0]!, by: ["area"], question: "feel" }];

const label = (raw: RawResultFilters) => JSON.stringify(raw);
const sorted = (c: CodeCounts) => ({ ...c, codes: [...c.codes].sort((a, b) => a.code - b.code) });
const sortedGroups = (b: BreakdownCounts) =>
  [...b.groups].sort((x, y) => JSON.stringify(x.groups).localeCompare(JSON.stringify(y.groups)));

/**
 * Code lists for the "any of" totals: the multi-answer question (what getResults asks), two options of it, two
 * values of a matrix row, and a value nobody may have chosen (no code: an empty list).
 */
function anyOfLists(source: ResultsSource): number[][] {
  const multi = source.catalog.filter((q) => q.multi).map((q) => codesOf(source, q.name));
  expect(multi.length).toBe(1);
  return [
    ...multi,
    codesOf(source, "where", ["park", "station"]),
    codesOf(source, "problems.litter", ["4", "3"]),
    codesOf(source, "feel", ["dont_know"]),
  ];
}

const count = async (query: RawBuilder<{ n: number }>) => Number((await query.execute(open.db)).rows[0]!.n);
const storedAnswers = (sid: number) =>
  count(sql<{ n: number }>`select count(*)::int as n from response where survey_id = ${sid}`);
/** Stored answers above the bitmaps' watermark (all of them before the first fold). */
const unfolded = (sid: number) =>
  count(sql<{ n: number }>`select count(*)::int as n from response r
    where r.survey_id = ${sid} and r.fold_bucket > coalesce((select watermark from response_bits_state where survey_id = ${sid}), 0)`);
const bitRows = (sid: number) =>
  count(sql<{ n: number }>`select (select count(*) from response_bits where survey_id = ${sid})::int
    + (select count(*) from response_bits_dim where survey_id = ${sid})::int as n`);
const nextPos = (sid: number) =>
  count(
    sql<{
      n: number;
    }>`select coalesce((select next_pos from response_bits_state where survey_id = ${sid}), 0)::int as n`,
  );
/** Every bit string of the survey as text, in key order (to see that nothing changed). */
const bitsSnapshot = async (sid: number) =>
  (
    await sql<{ k: string; bits: string }>`
      select 'c' || seg || ':' || code as k, bits::text as bits from response_bits where survey_id = ${sid}
      union all
      select 'd' || seg || ':' || dim || ':' || coalesce(value, '∅'), bits::text from response_bits_dim where survey_id = ${sid}
      order by 1`.execute(open.db)
  ).rows;

/** Folds the survey's bitmaps until every stored answer is below their watermark (xmin can lag on a shared server). */
async function foldAll(sid: number) {
  for (let attempt = 0; attempt < 50; attempt++) {
    await foldBits(open.db, await loadResultsSource(open.db, sid), { closeAt: 1 });
    if ((await unfolded(sid)) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The bitmaps hold each folded answer exactly once: next_pos equals the answers below the watermark; every bit
 * string is segment_bits long and sets no position at or beyond next_pos; per code, its bits count the folded
 * answers holding it; per column (area, age band, gender, channel, day), its values' bit strings are disjoint, cover
 * every position and count the folded answers with each value.
 */
async function expectBitmapsHoldEachAnswerOnce(sid: number) {
  await open.db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const state = (
        await sql<{
          next_pos: number;
          segment_bits: number;
        }>`select next_pos, segment_bits from response_bits_state where survey_id = ${sid}`.execute(trx)
      ).rows[0]!;
      const segmentBits = Number(state.segment_bits);
      const next = Number(state.next_pos);
      const folded = sql`r.survey_id = ${sid} and r.fold_bucket <= (select watermark from response_bits_state where survey_id = ${sid})`;
      const foldedCount = (
        await sql<{ n: number }>`select count(*)::int as n from response r where ${folded}`.execute(trx)
      ).rows[0]!.n;
      expect(next).toBe(Number(foldedCount));

      const positions = (seg: number, bits: string) => {
        expect(bits.length).toBe(segmentBits);
        const out: number[] = [];
        for (let i = 0; i < bits.length; i++) if (bits[i] === "1") out.push(seg * segmentBits + i);
        expect(out.length ? out[out.length - 1]! : -1).toBeLessThan(next);
        return out;
      };

      const codeRows = (
        await sql<{
          seg: number;
          code: number;
          bits: string;
        }>`select seg, code, bits::text as bits from response_bits where survey_id = ${sid}`.execute(trx)
      ).rows;
      const codeCounts = new Map<number, number>();
      for (const r of codeRows) codeCounts.set(r.code, (codeCounts.get(r.code) ?? 0) + positions(r.seg, r.bits).length);
      const expectedCodes = (
        await sql<{
          code: number;
          n: number;
        }>`select u.code, count(*)::int as n from response r cross join lateral unnest(r.codes) as u(code) where ${folded} group by u.code`.execute(
          trx,
        )
      ).rows;
      expect(new Map([...codeCounts].filter(([, n]) => n > 0))).toEqual(
        new Map(expectedCodes.map((r) => [r.code, Number(r.n)])),
      );

      const dimRows = (
        await sql<{
          seg: number;
          dim: string;
          value: string | null;
          bits: string;
        }>`select seg, dim, value, bits::text as bits from response_bits_dim where survey_id = ${sid}`.execute(trx)
      ).rows;
      const expectedDims = (
        await sql<{ dim: string; value: string | null; n: number }>`
          select 'area' as dim, r.area::text as value, count(*)::int as n from response r where ${folded} group by 2
          union all select 'age_band', r.age_band::text, count(*)::int from response r where ${folded} group by 2
          union all select 'gender', r.gender::text, count(*)::int from response r where ${folded} group by 2
          union all select 'channel', r.channel::text, count(*)::int from response r where ${folded} group by 2
          union all select 'day', to_char(r.submitted_on, 'YYYY-MM-DD'), count(*)::int from response r where ${folded} group by 2`.execute(
          trx,
        )
      ).rows;
      for (const dim of ["area", "age_band", "gender", "channel", "day"]) {
        const seen = new Set<number>();
        let total = 0;
        const perValue = new Map<string, number>();
        for (const r of dimRows.filter((d) => d.dim === dim)) {
          const ps = positions(r.seg, r.bits);
          for (const p of ps) seen.add(p);
          total += ps.length;
          const key = r.value ?? "∅";
          perValue.set(key, (perValue.get(key) ?? 0) + ps.length);
        }
        expect(total, dim).toBe(next);
        expect(seen.size, dim).toBe(next);
        const expected = new Map(expectedDims.filter((d) => d.dim === dim).map((d) => [d.value ?? "∅", Number(d.n)]));
        expect(new Map([...perValue].filter(([, n]) => n > 0)), dim).toEqual(expected);
      }
      // One segment per segment_bits positions handed out.
      const segs = new Set(dimRows.map((r) => r.seg));
      expect(segs.size).toBe(Math.ceil(next / segmentBits));
    });
}

/**
 * For every view: countCodesFromBits (and countCodes, the public path) equal scanCodes, "any of" totals included;
 * for every breakdown: countBreakdown equals scanBreakdown, and when everything is folded so does the bitmaps' read
 * with no tail at all.
 */
async function expectBitsEqualScan(
  sid: number,
  views: RawResultFilters[],
  breakdowns: typeof BREAKDOWNS,
  {
    empty = [] as RawResultFilters[],
    emptyBreakdowns = [] as typeof BREAKDOWNS,
    unsized = [] as RawResultFilters[],
  } = {},
) {
  const source = await loadResultsSource(open.db, sid);
  const anyOf = anyOfLists(source);
  const tailEmpty = (await unfolded(sid)) === 0;
  for (const raw of [...views, ...empty]) {
    const filters = parseResultFilters(source, raw);
    const where = filterSql(source, filters);
    const scan = await scanCodes(open.db, where, anyOf);
    if (empty.includes(raw)) expect(scan.respondents, label(raw)).toBe(0);
    else if (!unsized.includes(raw)) expect(scan.respondents, label(raw)).toBeGreaterThan(0);
    const bits = await countCodesFromBits(open.db, source, filters, where, anyOf);
    expect(bits, label(raw)).not.toBeNull();
    expect(sorted(bits!), label(raw)).toEqual(sorted(scan));
    expect(sorted(await countCodes(open.db, source, filters, anyOf)), label(raw)).toEqual(sorted(scan));
  }
  for (const { filters: raw, by, question } of [...breakdowns, ...emptyBreakdowns]) {
    const text = `${label(raw)} ${question} by ${by.join("×")}`;
    const filters = parseResultFilters(source, raw);
    const codes = codesOf(source, question);
    const scan = await scanBreakdown(open.db, source, filters, by, codes);
    if (emptyBreakdowns.some((b) => b.filters === raw)) expect(scan.groups, text).toEqual([]);
    else if (!unsized.includes(raw)) expect(scan.groups.length, text).toBeGreaterThan(1);
    expect(sortedGroups(await countBreakdown(open.db, source, filters, by, codes)), text).toEqual(sortedGroups(scan));
    if (tailEmpty) {
      // Nothing above the watermark: the bit strings alone give the breakdown (the tail scan must find nobody).
      const noTail = async (trx: Database, tail: RawBuilder<unknown>) => {
        expect(
          Number(
            (await sql<{ n: number }>`select count(*)::int as n from response r where ${tail}`.execute(trx)).rows[0]!.n,
          ),
          text,
        ).toBe(0);
        return { groups: [] };
      };
      const bits = await countBreakdownFromBits(
        open.db,
        source,
        filters,
        filterSql(source, filters),
        by,
        codes,
        noTail,
      );
      expect(bits, text).not.toBeNull();
      expect(sortedGroups(bits!), text).toEqual(sortedGroups(scan));
    }
  }
}

const expectMainEqualsScan = () =>
  expectBitsEqualScan(surveyId, VIEWS, BREAKDOWNS, { empty: EMPTY_VIEWS, emptyBreakdowns: EMPTY_BREAKDOWNS });

async function createOpenSurvey(slug: string, title: string) {
  const org = await open.db
    .insertInto("organisation")
    .values({ slug, name: `${title} kommun`, kind: "kommun", parent_id: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { id } = await createSurvey({
    db: open.db,
    kommunId: org.id,
    kommunSlug: slug,
    period: "2026",
    kind: "medborgarenkat",
    title,
    definition,
    settings: { demographics: { area: "area", age_band: "age_band", gender: "gender" } },
  });
  await setSurveyStatus({ db: open.db, surveyId: id, status: "open" });
  return id;
}

beforeAll(async () => {
  open = await testDatabase();
  surveyId = await createOpenSurvey("bitar", "Bitar");
  // 64 positions per segment, set before the first fold: the fixture's answers span many segments.
  await sql`insert into response_bits_state (survey_id, segment_bits) values (${surveyId}, 64)`.execute(open.db);
  defaultSurveyId = await createOpenSurvey("bitar-standard", "Standardbitar");
}, 60_000);

afterAll(async () => {
  await open?.close();
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
    const filters = parseResultFilters(source, { where: ["feel:unsafe"] });
    const anyOf = anyOfLists(source);
    const scan = await scanCodes(open.db, filterSql(source, filters), anyOf);
    const scanBreak = await scanBreakdown(open.db, source, filters, ["area"], codesOf(source, "feel"));
    await sql`update response_bits set bits = bits & ~bits where survey_id = ${surveyId} and code = ${unsafe} and seg = ${row.seg}`.execute(
      open.db,
    );
    try {
      const counted = await countCodes(open.db, source, filters, anyOf);
      expect(counted.respondents).toBe(scan.respondents - removed);
      expect(counted.codes.find((c) => c.code === unsafe)!.n).toBe(
        scan.codes.find((c) => c.code === unsafe)!.n - removed,
      );
      const broken = await countBreakdown(open.db, source, filters, ["area"], codesOf(source, "feel"));
      const sum = (b: BreakdownCounts) => b.groups.reduce((s, g) => s + g.respondents, 0);
      expect(sum(broken)).toBe(sum(scanBreak) - removed);
    } finally {
      await sql`update response_bits set bits = ${row.bits}::bit varying where survey_id = ${surveyId} and code = ${unsafe} and seg = ${row.seg}`.execute(
        open.db,
      );
    }
    expect(sorted(await countCodes(open.db, source, filters, anyOf))).toEqual(sorted(scan));
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
    expect(sorted(results[1] as CodeCounts)).toEqual(sorted(scan));
    expect(sorted(results[3] as CodeCounts)).toEqual(sorted(scan));
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

  it("with the default 8192 positions per segment, and a value nobody chose (an empty view) until a tail answer has it", async () => {
    // Answers that never choose feel:dont_know, so it has no code yet.
    const own = resultsAnswers(23);
    const addOwn = async (n: number, channel: "web" | "paper", dontKnow: boolean) => {
      const rows = Array.from({ length: n }, (_, i) => {
        const data = own.answer();
        if (data.feel === "dont_know") delete data.feel;
        if (dontKnow && i % 5 === 0) data.feel = "dont_know";
        return { data, submittedOn: `2026-10-${String(1 + (i % 20)).padStart(2, "0")}` };
      });
      expect(
        (await storeResponsesAllOrNothing({ db: open.db, surveyId: defaultSurveyId, rows, channel })).errors,
      ).toEqual([]);
    };
    await addOwn(250, "web", false);
    await addOwn(50, "paper", false);
    const nobody: RawResultFilters[] = [
      { where: ["feel:dont_know"] },
      { where: ["feel:dont_know", "area:norr"] },
      { where: ["feel:dont_know", "where:park"], from: "2026-10-03" },
    ];
    const nobodyBreakdowns: typeof BREAKDOWNS = [{ filters: nobody[0]!, by: ["area"], question: "where" }];
    let source = await loadResultsSource(open.db, defaultSurveyId);
    expect(codesOf(source, "feel", ["dont_know"])).toEqual([]);
    const views = VIEWS.filter((v) => !v.where!.some((w) => w.startsWith("feel:dont_know")));
    await expectBitsEqualScan(defaultSurveyId, views, BREAKDOWNS, { empty: nobody, emptyBreakdowns: nobodyBreakdowns });

    await foldAll(defaultSurveyId);
    expect(await nextPos(defaultSurveyId)).toBe(await storedAnswers(defaultSurveyId));
    expect(
      await count(
        sql<{ n: number }>`select segment_bits as n from response_bits_state where survey_id = ${defaultSurveyId}`,
      ),
    ).toBe(8192);
    await expectBitmapsHoldEachAnswerOnce(defaultSurveyId);
    await expectBitsEqualScan(defaultSurveyId, views, BREAKDOWNS, { empty: nobody, emptyBreakdowns: nobodyBreakdowns });

    // feel:dont_know gets a code, held only by answers in the tail; then folded into the same (open) segment.
    await addOwn(40, "web", true);
    source = await loadResultsSource(open.db, defaultSurveyId);
    expect(codesOf(source, "feel", ["dont_know"]).length).toBe(1);
    await expectBitsEqualScan(defaultSurveyId, [...VIEWS, ...nobody], [...BREAKDOWNS, ...nobodyBreakdowns], {
      unsized: nobody,
    });
    await foldAll(defaultSurveyId);
    expect(await nextPos(defaultSurveyId)).toBe(await storedAnswers(defaultSurveyId));
    await expectBitmapsHoldEachAnswerOnce(defaultSurveyId);
    await expectBitsEqualScan(defaultSurveyId, [...VIEWS, ...nobody], [...BREAKDOWNS, ...nobodyBreakdowns], {
      unsized: nobody,
    });
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
