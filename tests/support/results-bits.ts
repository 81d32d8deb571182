import { sql, type RawBuilder } from "kysely";
import { afterAll, beforeAll, expect } from "vitest";
import { countBreakdownFromBits, countCodesFromBits, foldBits } from "../../app/features/results/counting/bits.server";
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
import {
  countBreakdown,
  countCodes,
  protectBreakdown,
  protectCodes,
} from "../../app/features/results/counting/count.server";
import { scanBreakdown, scanCodes } from "../../app/features/results/counting/scan.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import type { Database, OpenDatabase } from "../../app/platform/db.server";
import { resultsDefinition } from "./results-fixture";
import { inBothBitmapPaths } from "./aggregates";
import { DEMOGRAPHICS } from "./survey-setup";
import { testDatabase } from "./test-db";

// What the answer bitmap tests (ADR 011) share: the views filtered on answers and the breakdowns of them, the reads of
// the bitmaps' state, and the two checks: the bitmaps hold each folded answer once, and they count like the scan over
// every response. The database is opened per test file by openBitsDatabase.

export let open: OpenDatabase;

/** Registers the hooks that open a fresh database and create the surveys `create` makes, and close it afterwards. */
export function openBitsDatabase(create: () => Promise<void>) {
  beforeAll(async () => {
    open = await testDatabase();
    await create();
  }, 60_000);
  afterAll(async () => {
    await open?.close();
  });
}

// Views filtered on answers, every one with respondents in the main survey.
export const VIEWS: RawResultFilters[] = [
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
export const EMPTY_VIEWS: RawResultFilters[] = [
  { where: ["feel:unsafe"], from: "2026-12-01" },
  { where: ["where:park", "where:station", "area:norr"], channel: ["import"] },
];

// Breakdowns of views filtered on answers, by one column or two crossed, of single- and multi-answer questions.
export const BREAKDOWNS: { filters: RawResultFilters; by: DemographicColumn[]; question: string }[] = [
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
export const EMPTY_BREAKDOWNS: typeof BREAKDOWNS = [{ filters: EMPTY_VIEWS[0]!, by: ["area"], question: "feel" }];

export const label = (raw: RawResultFilters) => JSON.stringify(raw);
export const sorted = (c: CodeCounts) => ({ ...c, codes: [...c.codes].sort((a, b) => a.code - b.code) });
export const sortedGroups = (b: BreakdownCounts) =>
  [...b.groups].sort((x, y) => JSON.stringify(x.groups).localeCompare(JSON.stringify(y.groups)));

/**
 * Code lists for the "any of" totals: the multi-answer question (what getResults asks), two options of it, two
 * values of a matrix row, and a value nobody may have chosen (no code: an empty list).
 */
export function anyOfLists(source: ResultsSource): number[][] {
  const multi = source.catalog.filter((q) => q.multi).map((q) => codesOf(source, q.name));
  expect(multi.length).toBe(1);
  return [
    ...multi,
    codesOf(source, "where", ["park", "station"]),
    codesOf(source, "problems.litter", ["4", "3"]),
    codesOf(source, "feel", ["dont_know"]),
  ];
}

export const count = async (query: RawBuilder<{ n: number }>) => Number((await query.execute(open.db)).rows[0]!.n);
export const storedAnswers = (sid: number) =>
  count(sql<{ n: number }>`select count(*)::int as n from response where survey_id = ${sid}`);
/** Stored answers above the bitmaps' watermark (all of them before the first fold). */
export const unfolded = (sid: number) =>
  count(sql<{ n: number }>`select count(*)::int as n from response r
    where r.survey_id = ${sid} and r.fold_bucket > coalesce((select watermark from response_bits_state where survey_id = ${sid}), 0)`);
export const bitRows = (sid: number) =>
  count(sql<{ n: number }>`select (select count(*) from response_bits where survey_id = ${sid})::int
    + (select count(*) from response_bits_dim where survey_id = ${sid})::int as n`);
export const nextPos = (sid: number) =>
  count(
    sql<{
      n: number;
    }>`select coalesce((select next_pos from response_bits_state where survey_id = ${sid}), 0)::int as n`,
  );
/** Every bit string of the survey as text, in key order (to see that nothing changed). */
export const bitsSnapshot = async (sid: number) =>
  (
    await sql<{ k: string; bits: string }>`
      select 'c' || seg || ':' || code as k, bits::text as bits from response_bits where survey_id = ${sid}
      union all
      select 'd' || seg || ':' || dim || ':' || coalesce(value, '∅'), bits::text from response_bits_dim where survey_id = ${sid}
      order by 1`.execute(open.db)
  ).rows;

/** Folds the survey's bitmaps until every stored answer is below their watermark (xmin can lag on a shared server). */
export async function foldAll(sid: number) {
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
export async function expectBitmapsHoldEachAnswerOnce(sid: number) {
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
      // The key planes (dim "key", value j): plane j marks the folded answers whose cell key has bit j.
      const expectedPlanes = (
        await sql<{ j: string; n: number }>`
          select j::text as j, count(*) filter (where (r.cell_key >> j) & 1 = 1)::int as n
          from response r cross join generate_series(0, 7) as j where ${folded} group by j`.execute(trx)
      ).rows;
      const planes = new Map<string, number>();
      for (const r of dimRows.filter((d) => d.dim === "key"))
        planes.set(r.value ?? "∅", (planes.get(r.value ?? "∅") ?? 0) + positions(r.seg, r.bits).length);
      expect(new Map([...planes].filter(([, n]) => n > 0)), "key").toEqual(
        new Map(expectedPlanes.filter((r) => Number(r.n) > 0).map((r) => [r.j, Number(r.n)])),
      );
      // One segment per segment_bits positions handed out.
      const segs = new Set(dimRows.map((r) => r.seg));
      expect(segs.size).toBe(Math.ceil(next / segmentBits));
    });
}

/**
 * For every view: countCodesFromBits equals scanCodes, "any of" totals and cell keys included, and countCodes (the
 * public path) equals the scan's counts published (protectCodes); for every breakdown: countBreakdown equals
 * scanBreakdown published (protectBreakdown), margins included, and when everything is folded the bitmaps' read with
 * no tail at all equals scanBreakdown, cell keys included.
 */
export async function expectBitsEqualScan(
  sid: number,
  views: RawResultFilters[],
  breakdowns: typeof BREAKDOWNS,
  {
    empty = [] as RawResultFilters[],
    emptyBreakdowns = [] as typeof BREAKDOWNS,
    unsized = [] as RawResultFilters[],
  } = {},
) {
  await inBothBitmapPaths((path) => bitsEqualScan(sid, views, breakdowns, { empty, emptyBreakdowns, unsized }, path));
}

async function bitsEqualScan(
  sid: number,
  views: RawResultFilters[],
  breakdowns: typeof BREAKDOWNS,
  {
    empty,
    emptyBreakdowns,
    unsized,
  }: Record<"empty" | "unsized", RawResultFilters[]> & {
    emptyBreakdowns: typeof BREAKDOWNS;
  },
  path: string,
) {
  const source = await loadResultsSource(open.db, sid);
  const anyOf = anyOfLists(source);
  const tailEmpty = (await unfolded(sid)) === 0;
  const labelIn = (raw: RawResultFilters) => `${label(raw)} (${path})`;
  for (const raw of [...views, ...empty]) {
    const filters = parseResultFilters(source, raw);
    const where = filterSql(source, filters);
    const scan = await scanCodes(open.db, where, anyOf);
    if (empty.includes(raw)) expect(scan.respondents, labelIn(raw)).toBe(0);
    else if (!unsized.includes(raw)) expect(scan.respondents, labelIn(raw)).toBeGreaterThan(0);
    const bits = await countCodesFromBits(open.db, source, filters, where, anyOf);
    expect(bits, labelIn(raw)).not.toBeNull();
    expect(scan.keys, labelIn(raw)).toBeDefined();
    expect(sorted(bits!), labelIn(raw)).toEqual(sorted(scan));
    expect(sorted(await countCodes(open.db, source, filters, anyOf)), labelIn(raw)).toEqual(sorted(protectCodes(scan)));
  }
  for (const { filters: raw, by, question } of [...breakdowns, ...emptyBreakdowns]) {
    const text = `${labelIn(raw)} ${question} by ${by.join("×")}`;
    const filters = parseResultFilters(source, raw);
    const codes = codesOf(source, question);
    const scan = await scanBreakdown(open.db, source, filters, by, codes);
    if (emptyBreakdowns.some((b) => b.filters === raw)) expect(scan.groups, text).toEqual([]);
    else if (!unsized.includes(raw)) expect(scan.groups.length, text).toBeGreaterThan(1);
    expect(
      scan.groups.every((g) => g.keys !== undefined),
      text,
    ).toBe(true);
    const counted = await countBreakdown(open.db, source, filters, by, codes);
    const published = protectBreakdown(scan);
    expect(sortedGroups(counted), text).toEqual(sortedGroups(published));
    expect(counted.totals, text).toEqual(published.totals);
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

/** Creates an open survey of the fixture's definition, in a kommun of its own. */
export async function createBitsSurvey(slug: string, title: string) {
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
    definition: resultsDefinition(),
    settings: DEMOGRAPHICS,
  });
  await setSurveyStatus({ db: open.db, surveyId: id, status: "open" });
  return id;
}
