/**
 * Co-occurrence cells (ADR 010): views filtered on an answer (`where=question:value` on a question without a
 * demographic column) read from per-code cells instead of scanning every response.
 *
 * A cell holds, for the respondents holding one choice code `code` (on one day, or all days, through one channel),
 * their number and the codes they hold with the number holding each (the cube's sparse arrays, ADR 003), and the
 * holders of each multi-answer question. A view filtered on the values v1 … vk of one question is the sum of the
 * cells of their codes when no respondent holds two of them (always so for a single-answer question; checked on the
 * cells for a checkbox), plus the tail (responses above the watermark) counted from `response`. Cells are folded
 * from committed responses at read time with the cube's protocol, under a watermark of their own; submissions never
 * write them. The same fold also writes all-days cells per (code, area, age band, gender, channel)
 * (`response_cooc_demographic`, ADR 010 "Demographics"), which serve one answer question with demographic filters
 * and breakdowns of a view filtered on one answer question, without dates. Anything else (an answer filter with
 * demographics and dates, several answer filters, overlapping checkbox values) is counted by the scan.
 */
import { sql, type RawBuilder } from "kysely";
import type { Database } from "~/utils/db.server";
import type { BreakdownCounts, CodeCounts, DemographicColumn, ResultFilters, ResultsSource } from "./results-sql.server";
import {
  breakdownQuestion,
  countBreakdownCells,
  countCells,
  foldAggregate,
  holderQuestions,
  holderSlots,
  inSnapshot,
  signedCells,
  type FoldedAggregate,
} from "./results-cube.server";

// pg_try_advisory_xact_lock(COOC_LOCK, hash of survey and question) serialises folds of one question's cells.
const COOC_LOCK = 20261208;

/** The one answer filter the co-occurrence cells can serve (question and its codes), else null. */
export function coocFilter(source: ResultsSource, filters: ResultFilters): { question: string; codes: number[] } | null {
  const demographic = new Set(Object.values(source.demographics).filter((q): q is string => q !== null));
  if (filters.where.length !== 1 || demographic.has(filters.where[0]!.question)) return null;
  const { question, values } = filters.where[0]!;
  const codes = values.flatMap((v) => source.codes.get(question)?.get(v) ?? []);
  // A value nobody chose has no code and adds nobody; with none the scan answers "nobody" at once (`false`).
  return codes.length ? { question, codes } : null;
}


interface FoldedCell {
  code: number;
  day: string | null;
  channel: string;
  respondents: number;
  codes: number[];
  counts: number[];
  holders: number[];
}

/**
 * Adds the responses with lo < fold_bucket <= hi that hold a code of `question`: per (code of the question held,
 * day, channel) and per (code held, channel) over all days, the respondents, every code they hold with its count,
 * and the holders of each multi-answer question.
 *
 * One pass over the responses groups one row per (response, code of the question held, code held) by (day,
 * channel, code, code held); a response also yields the pseudo-code 0 (the respondents) and −(k+1) when it holds any
 * code of holder question k (choice codes are serial, so positive), so a whole day cell comes from that grouping. It is a plain SELECT so that PostgreSQL
 * can run it with parallel workers (a data-modifying statement never gets a parallel plan); the all-days cells are
 * summed from the day cells here, and both are written by one `insert … on conflict` that merges the arrays. The
 * same pass yields the demographic cells (see below), written by a second `insert … on conflict`.
 */
async function foldRange(db: Database, surveyId: number, question: string, lo: number, hi: number, holders: string[]) {
  // The codes are read in the fold's snapshot (a code assigned after the caller loaded the codebook still counts)
  // and reach the big statement as values: computed in a subquery instead, they kept PostgreSQL from a parallel plan.
  const book = await sql<{ question: string; codes: number[] }>`
    select question, array_agg(code) as codes from choice_code
    where survey_id = ${surveyId} and question = any(${[question, ...holders]}::text[]) group by question`.execute(db);
  const codesOf = (q: string) => book.rows.find((r) => r.question === q)?.codes ?? [];
  const pseudo = [sql`0`, ...holders.map((q, k) => sql`case when r.codes && ${codesOf(q)}::int[] then ${sql.lit(-(k + 1))} end`)];
  const holderCounts = holders.length
    ? sql`array[${sql.join(holders.map((_, k) => sql`coalesce(sum(n) filter (where b = ${sql.lit(-(k + 1))}), 0)::int`))}]::int[]`
    : sql`'{}'::int[]`;
  const own = codesOf(question);
  if (!own.length) return;
  // Each (response, code of the question, code held) row is counted twice: under its day and channel (key ≥ 0) and
  // under its demographic cell and channel (key < 0). One scan and one unnest feed both groupings (GROUPING SETS
  // would say so directly, but PostgreSQL never runs grouping sets with parallel workers). The cell is one integer
  // key: positions in the lists of the values present in the range (read first, in the fold's snapshot, so every
  // row's values are in them; array_position finds null too). Grouping by text columns instead took 1.6 times as
  // long (11.1 s against 7.1 s for one question at 100k on a loaded PostgreSQL).
  const present = await sql<{ area: string | null; age_band: string | null; gender: string | null; channel: string }>`
    select distinct r.area, r.age_band, r.gender, r.channel from response r
    where r.survey_id = ${surveyId} and r.fold_bucket > ${lo} and r.fold_bucket <= ${hi} and r.codes && ${own}::int[]`.execute(db);
  if (!present.rows.length) return;
  const values = <K extends "area" | "age_band" | "gender" | "channel">(k: K) => [...new Set(present.rows.map((r) => r[k]))];
  const areas = values("area");
  const ages = values("age_band");
  const genders = values("gender");
  const channels = values("channel");
  const [nG, nS, nC] = [ages.length + 1, genders.length + 1, channels.length + 1];
  const pos = (list: (string | null)[], col: RawBuilder<unknown>) => sql`array_position(${list}::text[], ${col})`;
  const ch = pos(channels, sql`r.channel`);
  const dayKey = sql`(r.submitted_on - date '1900-01-01') * ${sql.lit(nC)} + ${ch}`;
  const demoKey = sql`-(((${pos(areas, sql`r.area`)} * ${sql.lit(nG)} + ${pos(ages, sql`r.age_band`)}) * ${sql.lit(nS)} + ${pos(genders, sql`r.gender`)}) * ${sql.lit(nC)} + ${ch})`;
  const { rows } = await sql<Omit<FoldedCell, "day" | "channel"> & { k: number }>`
    select k, code, coalesce(sum(n) filter (where b = 0), 0)::int as respondents,
           coalesce(array_agg(b order by b) filter (where b > 0), '{}') as codes, coalesce(array_agg(n order by b) filter (where b > 0), '{}') as counts,
           ${holderCounts} as holders
    from (
      select k.k, a.code, b.code as b, count(*)::int as n
      from response r
        cross join lateral (select x from unnest(r.codes) as x where x = any(${own}::int[])) as a(code)
        cross join lateral unnest(r.codes || array_remove(array[${sql.join(pseudo)}]::int[], null)) as b(code)
        cross join lateral (values (${dayKey}), (${demoKey})) as k(k)
      where r.survey_id = ${surveyId} and r.fold_bucket > ${lo} and r.fold_bucket <= ${hi} and r.codes && ${own}::int[]
      group by 1, 2, 3
    ) pf
    group by k, code`.execute(db);
  if (!rows.length) return;
  const epoch = Date.UTC(1900, 0, 1);
  const days: FoldedCell[] = [];
  const demographic: (Omit<FoldedCell, "day"> & { area: string | null; age_band: string | null; gender: string | null })[] = [];
  for (const { k, code, respondents, codes, counts, holders } of rows) {
    const key = Number(k);
    if (key >= 0) {
      const day = new Date(epoch + Math.floor(key / nC) * 86_400_000).toISOString().slice(0, 10);
      days.push({ code, day, channel: channels[(key % nC) - 1]!, respondents, codes, counts, holders });
    } else {
      let rest = -key;
      const channel = channels[(rest % nC) - 1]!;
      rest = Math.floor(rest / nC);
      const gender = genders[(rest % nS) - 1]!;
      rest = Math.floor(rest / nS);
      const age_band = ages[(rest % nG) - 1]!;
      const area = areas[Math.floor(rest / nG) - 1]!;
      demographic.push({ code, area, age_band, gender, channel, respondents, codes, counts, holders });
    }
  }
  const all = new Map<string, { cell: FoldedCell; counts: Map<number, number> }>();
  for (const d of days) {
    const key = `${d.code}\u0000${d.channel}`;
    let c = all.get(key);
    if (!c) all.set(key, (c = { cell: { ...d, day: null, respondents: 0, codes: [], counts: [], holders: d.holders.map(() => 0) }, counts: new Map() }));
    c.cell.respondents += d.respondents;
    d.holders.forEach((h, k) => (c.cell.holders[k]! += h));
    d.codes.forEach((code, i) => c.counts.set(code, (c.counts.get(code) ?? 0) + d.counts[i]!));
  }
  const cells = [
    ...days,
    ...[...all.values()].map(({ cell, counts }) => {
      const codes = [...counts.keys()].sort((x, y) => x - y);
      return { ...cell, codes, counts: codes.map((c) => counts.get(c)!) };
    }),
  ];
  // Written in slices (inside the caller's transaction, so still all or nothing): one JSON text of every cell was
  // the largest allocation of a first fold, and on PGlite it stays resident (WebAssembly memory never shrinks).
  for (const slice of slices(cells, FOLD_WRITE_SLICE)) {
    await sql`
      insert into response_cooc (survey_id, question, code, day, channel, respondents, codes, counts, holders)
      select ${surveyId}, ${question}, x.code, x.day, x.channel, x.respondents, x.codes, x.counts, x.holders
      from json_to_recordset(${JSON.stringify(slice)}::json)
        as x(code int, day date, channel text, respondents int, codes int[], counts int[], holders int[])
      on conflict (survey_id, code, day, channel) do update set ${mergeCells("response_cooc")}`.execute(db);
  }
  for (const slice of slices(demographic, FOLD_WRITE_SLICE)) {
    await sql`
      insert into response_cooc_demographic (survey_id, question, code, area, age_band, gender, channel, respondents, codes, counts, holders)
      select ${surveyId}, ${question}, x.code, x.area, x.age_band, x.gender, x.channel, x.respondents, x.codes, x.counts, x.holders
      from json_to_recordset(${JSON.stringify(slice)}::json)
        as x(code int, area text, age_band text, gender text, channel text, respondents int, codes int[], counts int[], holders int[])
      on conflict (survey_id, code, area, age_band, gender, channel) do update set ${mergeCells("response_cooc_demographic")}`.execute(db);
  }
}

const FOLD_WRITE_SLICE = 500;

function* slices<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** The `do update set` of a fold: adds the new part of a cell to the stored one (respondents, arrays, holders). */
function mergeCells(table: "response_cooc" | "response_cooc_demographic") {
  const t = sql.table(table);
  return sql`
      respondents = ${t}.respondents + excluded.respondents,
      (codes, counts) = (
        select coalesce(array_agg(code order by code), '{}'), coalesce(array_agg(n order by code), '{}')
        from (
          select code, sum(n)::int as n
          from (select * from unnest(${t}.codes, ${t}.counts) union all select * from unnest(excluded.codes, excluded.counts)) as u(code, n)
          group by code
        ) m
      ),
      holders = (
        select coalesce(array_agg(coalesce(a, 0) + coalesce(b, 0) order by o), '{}')
        from unnest(${t}.holders, excluded.holders) with ordinality as u(a, b, o)
      )`;
}

/** The co-occurrence cells of one question of a survey, as an aggregate folded with the cube's protocol. */
function coocAggregate(source: ResultsSource, question: string): FoldedAggregate {
  const surveyId = source.surveyId;
  return {
    stateTable: "response_cooc_state",
    key: { survey_id: surveyId, question },
    // Two int4 keys: a hash collision between two questions only makes one read skip folding (it counts its tail).
    lock: [COOC_LOCK, hashQuestion(surveyId, question)],
    clear: async (db) => {
      await sql`delete from response_cooc where survey_id = ${surveyId} and question = ${question}`.execute(db);
      await sql`delete from response_cooc_demographic where survey_id = ${surveyId} and question = ${question}`.execute(db);
    },
    foldRange: (db, lo, hi, holders) => foldRange(db, surveyId, question, lo, hi, holders),
  };
}

function hashQuestion(surveyId: number, question: string): number {
  let h = surveyId | 0;
  for (let i = 0; i < question.length; i++) h = (Math.imul(h, 31) + question.charCodeAt(i)) | 0;
  return h;
}

/**
 * Folds committed responses into the co-occurrence cells of `question` (the cube's protocol, ADR 003 and 008). The
 * first call for a question builds its cells from every response (one pass over the survey's answers).
 */
export function foldCooc(db: Database, source: ResultsSource, question: string, options: { closeAt?: number } = {}): Promise<void> {
  return foldAggregate(db, source, coocAggregate(source, question), options);
}

/**
 * `countCodes` of a view filtered on one answer question (and dates, channels) from the co-occurrence cells and
 * the tail; null when they cannot give the exact figures (see the file comment), so the caller scans.
 */
export async function countCodesFromCooc(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
  where: RawBuilder<unknown>,
  anyOf: readonly number[][],
): Promise<CodeCounts | null> {
  const filter = coocFilter(source, filters);
  if (!filter) return null;
  const holderOf = holderQuestions(source, anyOf);
  if (!holderOf) return null;
  await foldCooc(db, source, filter.question);
  return inSnapshot(db, coocAggregate(source, filter.question), async (trx, state) => {
    const slots = holderSlots(holderOf, state.holders);
    if (!slots) return null;
    const base: RawBuilder<unknown>[] = [sql`c.survey_id = ${source.surveyId}`, sql`c.code = any(${filter.codes}::int[])`];
    if (filters.channels.length) base.push(sql`c.channel = any(${filters.channels}::text[])`);
    const cells = await signedCells(trx, "response_cooc", base, filters, sql`c.code as filter_code, c.respondents, c.codes, c.counts, c.holders`);
    if (await overlapping(trx, cells, filter.codes)) return null;
    return countCells(trx, cells, where, state, anyOf, slots);
  });
}

/**
 * Whether some folded respondent among `cells` (signed cells with `filter_code`) holds two of `codes`: the cells of
 * several values add up only when none does (the tail is counted from the rows themselves).
 */
async function overlapping(db: Database, cells: RawBuilder<unknown>, codes: readonly number[]): Promise<boolean> {
  if (codes.length < 2) return false;
  // Looks up the other filter codes in each cell's array (array_position) rather than unnesting every cell's
  // codes: hundreds of demographic cells hold ~150 codes each.
  const overlap = await sql<{ n: number }>`
    select coalesce(sum(c.sign * coalesce(c.counts[array_position(c.codes, u.code)], 0)), 0)::int as n
    from ${cells} c cross join unnest(${codes}::int[]) as u(code)
    where u.code <> c.filter_code`.execute(db);
  return (overlap.rows[0]?.n ?? 0) !== 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Demographic cells (ADR 010, "Demographics"): all days, per (code, area, age band, gender, channel)

/**
 * The view the demographic cells can serve: one answer question (its codes) with any filters on demographic
 * columns and channels, and no date range (the demographic cells hold all days only); else null.
 */
export function coocDemographicFilter(
  source: ResultsSource,
  filters: ResultFilters,
): { question: string; codes: number[]; demographics: { column: DemographicColumn; values: string[] }[] } | null {
  if (filters.from || filters.to) return null;
  const columnOf = (question: string) => (Object.keys(source.demographics) as DemographicColumn[]).find((c) => source.demographics[c] === question);
  const answers = filters.where.filter((w) => !columnOf(w.question));
  if (answers.length !== 1) return null;
  const { question, values } = answers[0]!;
  const codes = values.flatMap((v) => source.codes.get(question)?.get(v) ?? []);
  if (!codes.length) return null;
  const demographics = filters.where.flatMap((w) => {
    const column = columnOf(w.question);
    return column ? [{ column, values: w.values }] : [];
  });
  return { question, codes, demographics };
}

/** The demographic cells of a view (sign +1: all days), with the filter code and the demographic columns. */
function demographicCells(source: ResultsSource, filters: ResultFilters, filter: NonNullable<ReturnType<typeof coocDemographicFilter>>) {
  const base: RawBuilder<unknown>[] = [sql`c.survey_id = ${source.surveyId}`, sql`c.code = any(${filter.codes}::int[])`];
  if (filters.channels.length) base.push(sql`c.channel = any(${filters.channels}::text[])`);
  for (const { column, values } of filter.demographics) base.push(sql`${sql.ref(`c.${column}`)} = any(${values}::text[])`);
  return sql`(select 1 as sign, c.code as filter_code, c.respondents, c.codes, c.counts, c.holders, c.area, c.age_band, c.gender
    from response_cooc_demographic c where ${sql.join(base, sql` and `)})`;
}

/**
 * `countCodes` of a view filtered on one answer question and on area / age band / gender (with channels, without
 * dates) from the demographic cells and the tail; null when they cannot give the exact figures, so the caller scans.
 * Views without a demographic filter are left to `countCodesFromCooc` (the day cells).
 */
export async function countCodesFromCoocDemographics(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
  where: RawBuilder<unknown>,
  anyOf: readonly number[][],
): Promise<CodeCounts | null> {
  const filter = coocDemographicFilter(source, filters);
  if (!filter || !filter.demographics.length) return null;
  const holderOf = holderQuestions(source, anyOf);
  if (!holderOf) return null;
  await foldCooc(db, source, filter.question);
  return inSnapshot(db, coocAggregate(source, filter.question), async (trx, state) => {
    const slots = holderSlots(holderOf, state.holders);
    if (!slots) return null;
    const cells = demographicCells(source, filters, filter);
    if (await overlapping(trx, cells, filter.codes)) return null;
    return countCells(trx, cells, where, state, anyOf, slots);
  });
}

/**
 * `countBreakdown` of a view filtered on one answer question (with demographic filters and channels, without dates)
 * from the demographic cells and the tail; null when they cannot give the exact figures, so the caller scans.
 */
export async function countBreakdownFromCooc(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
  where: RawBuilder<unknown>,
  by: readonly DemographicColumn[],
  questionCodes: readonly number[],
): Promise<BreakdownCounts | null> {
  const filter = coocDemographicFilter(source, filters);
  if (!filter) return null;
  const counted = breakdownQuestion(source, questionCodes);
  if (!counted) return null;
  const { question, multi } = counted;
  await foldCooc(db, source, filter.question);
  return inSnapshot(db, coocAggregate(source, filter.question), async (trx, state) => {
    const holder = multi && questionCodes.length ? state.holders.indexOf(question) + 1 : 0;
    if (multi && questionCodes.length && holder === 0) return null;
    const cells = demographicCells(source, filters, filter);
    if (await overlapping(trx, cells, filter.codes)) return null;
    return countBreakdownCells(trx, cells, where, by, questionCodes, holder, state);
  });
}
