/**
 * The results cube (ADR 003): per survey, counts of answers per cell (one day or all days × area × age band ×
 * gender × channel), kept as a pair of arrays (choice codes, respondents holding each), and folded in from committed responses
 * at read time. Submissions never touch it: a response only carries `fold_bucket` (its transaction id rounded up to
 * 256), and a read folds every response whose bucket is at or below its snapshot's xmin, then reads cube + tail
 * (the responses not yet folded) in one statement, so the figures are those of one snapshot, exactly as a scan of
 * every row would count them.
 *
 * Views filtered on an answer (`where=question:value` on a question without a demographic column) cannot be read
 * from the cube: they are counted from the answer bitmaps (bits.server.ts, ADR 011), folded by
 * `foldAggregate` (fold.server.ts) with the same protocol.
 */
import { sql, type RawBuilder } from "kysely";
import type { Database } from "~/platform/db.server";
import { weight, weightSum } from "./weight.server";
import {
  breakdownGroupOf,
  codeCountsOf,
  type BreakdownCounts,
  type CodeCounts,
  type DemographicColumn,
  type ResultFilters,
  type ResultsSource,
} from "./source.server";
import {
  foldAggregate,
  inSnapshot,
  READ_FOLD_LIMIT,
  tailOf,
  type CubeState,
  type FoldedAggregate,
  type FoldOptions,
} from "./fold.server";

// pg_try_advisory_xact_lock(FOLD_LOCK, survey id) serialises folds of one survey.
const FOLD_LOCK = 20261123;

/** Where a filtered view's counts can come from: the cube, or only the scan (filters on answers). */
export function cubeCanServe(source: ResultsSource, filters: ResultFilters): boolean {
  return filters.where.every(({ question }) => Object.values(source.demographics).includes(question));
}

/**
 * Folds the survey's committed, not yet folded responses into the cube. Never waits for another fold (the read
 * then counts the tail itself). Rebuilds the cube when the definition gained a multi-answer question it lacks.
 */
export function foldCube(db: Database, source: ResultsSource, options: FoldOptions = {}): Promise<void> {
  return foldAggregate(db, source, cubeAggregate(source), options);
}

/**
 * Adds `rows` to the cube, in one statement: per cell (each day, and all days), the respondents, each code held
 * with its number of respondents, and the holders of each multi-answer question.
 */
async function foldRows(db: Database, surveyId: number, rows: RawBuilder<unknown>, holders: string[]) {
  const holderSets = holders.map(
    (q, k) =>
      sql`(select coalesce(array_agg(code), '{}') from choice_code where survey_id = ${surveyId} and question = ${q}) as ${sql.ref(`h${k}`)}`,
  );
  const hCount = holders.map(
    (_, k) => sql`${weightSum("t", sql`t.codes && hq.${sql.ref(`h${k}`)}`)} as ${sql.ref(`h${k}`)}`,
  );
  const hSum = holders.map((_, k) => sql`sum(${sql.ref(`h${k}`)})::bigint as ${sql.ref(`h${k}`)}`);
  const holdersOf = (alias: string) =>
    holders.length
      ? sql`array[${sql.join(holders.map((_, k) => sql.ref(`${alias}.h${k}`)))}]::bigint[]`
      : sql`'{}'::bigint[]`;
  // The CTEs are materialised: row estimates for a small tail are poor, and PostgreSQL otherwise recomputed the
  // per-cell arrays once per all-days cell in a nested loop (2.3 s instead of 0.29 s for 479 new answers at 1M).
  // Each row gets a small integer cell number first (a rank over its dimensions), so the big grouping, one row per
  // code held (35 per answer), is keyed by two integers; keyed by the text dimensions it took three times as long.
  await sql`
    with t as (
      select r.submitted_on as day, r.area, r.age_band, r.gender, r.channel, r.codes, r.cell_key,
             dense_rank() over (order by r.submitted_on, r.area, r.age_band, r.gender, r.channel)::int as cell
      from ${rows} r
    ),
    hq as (select ${holderSets.length ? sql.join(holderSets) : sql`1 as none`}),
    fine as (
      select t.cell, min(t.day) as day, min(t.area) as area, min(t.age_band) as age_band, min(t.gender) as gender, min(t.channel) as channel,
             json_build_array(min(t.area), min(t.age_band), min(t.gender), min(t.channel))::text as dk,
             ${sql.join([sql`${weightSum("t")} as respondents`, ...hCount])}
      from t cross join hq group by t.cell
    ),
    pf as (select cell, code, sum(w)::bigint as n from (select t.cell, unnest(t.codes) as code, ${weight("t")} as w from t) u group by cell, code),
    sf as materialized (select cell, array_agg(code order by code) as codes, array_agg(n order by code) as counts from pf group by cell),
    coarse as materialized (
      select dk, min(area) as area, min(age_band) as age_band, min(gender) as gender, min(channel) as channel,
             ${sql.join([sql`sum(respondents)::bigint as respondents`, ...hSum])}
      from fine group by dk
    ),
    pc as (select f.dk, pf.code, sum(pf.n)::bigint as n from pf join fine f using (cell) group by f.dk, pf.code),
    sc as materialized (select dk, array_agg(code order by code) as codes, array_agg(n order by code) as counts from pc group by dk),
    cells as (
      select f.day, f.area, f.age_band, f.gender, f.channel, f.respondents, s.codes, s.counts, ${holdersOf("f")} as holders
      from fine f left join sf s using (cell)
      union all
      select null::date, c.area, c.age_band, c.gender, c.channel, c.respondents, s.codes, s.counts, ${holdersOf("c")}
      from coarse c left join sc s using (dk)
    )
    insert into response_cube (survey_id, day, area, age_band, gender, channel, respondents, codes, counts, holders)
    select ${surveyId}, day, area, age_band, gender, channel, respondents, coalesce(codes, '{}'), coalesce(counts, '{}'), holders
    from cells
    on conflict (survey_id, day, area, age_band, gender, channel) do update set
      respondents = response_cube.respondents + excluded.respondents,
      (codes, counts) = (
        select coalesce(array_agg(code order by code), '{}'), coalesce(array_agg(n order by code), '{}')
        from (
          select code, sum(n)::bigint as n
          from (select * from unnest(response_cube.codes, response_cube.counts) union all select * from unnest(excluded.codes, excluded.counts)) as u(code, n)
          group by code
        ) m
      ),
      holders = (
        select coalesce(array_agg(coalesce(a, 0) + coalesce(b, 0) order by o), '{}')
        from unnest(response_cube.holders, excluded.holders) with ordinality as u(a, b, o)
      )`.execute(db);
}

const cubeAggregate = (source: ResultsSource): FoldedAggregate => ({
  stateTable: "response_cube_state",
  key: { survey_id: source.surveyId },
  lock: [FOLD_LOCK, source.surveyId],
  clear: (db) => db.deleteFrom("response_cube").where("survey_id", "=", source.surveyId).execute(),
  foldRows: (db, rows, holders) => foldRows(db, source.surveyId, rows, holders),
});

// ---------------------------------------------------------------------------------------------------------------
// Reads: cube cells + tail, in one statement

/**
 * The cells of a filtered view, each with a sign: without a date filter the all-days cells; with one, either the day
 * cells inside the range (+1) or, when fewer cells lie outside it, the all-days cells (+1) minus the day cells
 * outside the range (−1), so a view over most of the survey's days costs about as little as one without dates.
 * `base`: the conditions on the cube's other columns.
 */
export async function signedCells(
  db: Database,
  table: "response_cube",
  base: readonly RawBuilder<unknown>[],
  filters: Pick<ResultFilters, "from" | "to">,
  cols: RawBuilder<unknown>,
): Promise<RawBuilder<unknown>> {
  const where = sql.join(base, sql` and `);
  const t = sql.table(table);
  if (!filters.from && !filters.to)
    return sql`(select 1 as sign, ${cols} from ${t} c where ${where} and c.day is null)`;
  const inRange = sql.join(
    [
      sql`c.day is not null`,
      ...(filters.from ? [sql`c.day >= ${filters.from}::date`] : []),
      ...(filters.to ? [sql`c.day <= ${filters.to}::date`] : []),
    ],
    sql` and `,
  );
  const split = await sql<{ inside: number; outside: number }>`
    select count(*) filter (where ${inRange})::int as inside, count(*) filter (where not (${inRange}))::int as outside
    from ${t} c where ${where} and c.day is not null`.execute(db);
  const { inside, outside } = split.rows[0] ?? { inside: 0, outside: 0 };
  if (inside <= outside) return sql`(select 1 as sign, ${cols} from ${t} c where ${where} and ${inRange})`;
  return sql`(select 1 as sign, ${cols} from ${t} c where ${where} and c.day is null
    union all select -1, ${cols} from ${t} c where ${where} and c.day is not null and not (${inRange}))`;
}

function cubeCells(db: Database, source: ResultsSource, filters: ResultFilters): Promise<RawBuilder<unknown>> {
  const base: RawBuilder<unknown>[] = [sql`c.survey_id = ${source.surveyId}`];
  if (filters.channels.length) base.push(sql`c.channel = any(${filters.channels}::text[])`);
  for (const { question, values } of filters.where) {
    const column = (Object.keys(source.demographics) as DemographicColumn[]).find(
      (c) => source.demographics[c] === question,
    )!;
    base.push(sql`${sql.ref(`c.${column}`)} = any(${values}::text[])`);
  }
  return signedCells(
    db,
    "response_cube",
    base,
    filters,
    sql`c.respondents, c.codes, c.counts, c.holders, c.area, c.age_band, c.gender`,
  );
}

/** The codebook question of a code. */
export function questionOfCode(source: ResultsSource, code: number): string | null {
  for (const [question, values] of source.codes) for (const c of values.values()) if (c === code) return question;
  return null;
}

/** The question whose codebook codes are exactly `codes` (so cube holders count "any of them"), else null. */
export function holderQuestion(source: ResultsSource, codes: readonly number[]): string | null {
  const question = codes.length ? questionOfCode(source, codes[0]!) : null;
  const all = new Set(question ? source.codes.get(question)!.values() : []);
  return question && all.size === codes.length && codes.every((c) => all.has(c)) ? question : null;
}

/**
 * Per "answered" code set of countCodes (`anyOf`), the multi-answer question whose holders the cells keep for it
 * ("" for an empty set); null when one of them is not a whole question's codebook (the cells cannot answer it).
 */
export function holderQuestions(source: ResultsSource, anyOf: readonly number[][]): string[] | null {
  const holderOf = anyOf.map((codes) => (codes.length ? holderQuestion(source, codes) : ""));
  return holderOf.some((q) => q === null) ? null : (holderOf as string[]);
}

/**
 * Each holder question's position among the cells' holders (1-based; 0 for an empty code set), or null when the
 * cells keep no holders for one of them (folded before the definition had that question: the caller scans).
 */
export function holderSlots(holderOf: readonly string[], holders: readonly string[]): number[] | null {
  const slots = holderOf.map((q) => (q ? holders.indexOf(q) + 1 : 0));
  return holderOf.some((q, i) => q && slots[i] === 0) ? null : slots;
}

/**
 * The question a breakdown counts (from its codes) and whether it is multi-answer; null when it is a multi-answer
 * question whose codes are not its whole codebook (its "answered" comes from the cells' holders, which cover all).
 */
export function breakdownQuestion(
  source: ResultsSource,
  questionCodes: readonly number[],
): { question: string; multi: boolean } | null {
  const question = questionCodes.length ? (questionOfCode(source, questionCodes[0]!) ?? "") : "";
  const multi = source.byName.get(question)?.multi ?? false;
  if (multi && holderQuestion(source, questionCodes) !== question) return null;
  return { question, multi };
}

/**
 * CodeCounts of signed cells (`cellRows`: sign, respondents, codes, counts, holders) plus the tail (`where` and
 * above the watermark), in one statement. `slots`: per entry of `anyOf`, its holder position in the cells (1-based;
 * 0 for an empty code set).
 */
export async function countCells(
  db: Database,
  cellRows: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
  state: CubeState,
  anyOf: readonly number[][],
  slots: readonly number[],
): Promise<CodeCounts> {
  const totals = anyOf.map((codes, i) =>
    codes.length
      ? sql`select ${sql.lit(-(i + 1))}::int, ((select coalesce(sum(c.sign * c.holders[${sql.lit(slots[i]!)}]), 0) from c)
          + (select ${weightSum("t", sql`t.codes && ${codes}::int[]`)} from t))::bigint`
      : sql`select ${sql.lit(-(i + 1))}::int, 0::bigint`,
  );
  const result = await sql<{ code: number; question: string | null; value: string | null; n: string }>`
    with c as materialized (select c.sign, c.respondents, c.codes, c.counts, c.holders from ${cellRows} c),
    t as materialized (select r.codes, r.cell_key from response r where ${where} and ${tailOf(state)}),
    x as (
      select u.code, c.sign * u.n as n from c cross join lateral unnest(c.codes, c.counts) as u(code, n)
      union all
      select u.code, ${weight("t")} from t cross join lateral unnest(t.codes) as u(code)
    ),
    totals as (
      select 0::int as code, ((select coalesce(sum(c.sign * c.respondents), 0) from c) + (select ${weightSum("t")} from t))::bigint as n
      ${sql.join(
        totals.map((q) => sql`union all ${q}`),
        sql` `,
      )}
    )
    select y.code, cc.question, cc.value, y.n from (
      select code, sum(n)::bigint as n from x group by code having sum(n) <> 0
      union all select code, n from totals
    ) y
    left join choice_code cc on cc.code = y.code`.execute(db);
  return codeCountsOf(result.rows, anyOf.length);
}

/**
 * `countCodes` from the cube (see count.server.ts for the contract); null when the cube cannot give the
 * exact figures (an anyOf set that is not a whole question of the codebook, a holder the cube lacks).
 */
export async function countCodesFromCube(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
  where: RawBuilder<unknown>,
  anyOf: readonly number[][],
): Promise<CodeCounts | null> {
  const holderOf = holderQuestions(source, anyOf);
  if (!holderOf) return null;
  await foldCube(db, source, { inlineLimit: READ_FOLD_LIMIT });
  return inSnapshot(db, cubeAggregate(source), async (trx, state) => {
    const slots = holderSlots(holderOf, state.holders);
    if (!slots) return null;
    return countCells(trx, await cubeCells(trx, source, filters), where, state, anyOf, slots);
  });
}

/** `countBreakdown` from the cube; null when it cannot give exact figures (see countCodesFromCube). */
export async function countBreakdownFromCube(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
  where: RawBuilder<unknown>,
  by: readonly DemographicColumn[],
  questionCodes: readonly number[],
): Promise<BreakdownCounts | null> {
  const counted = breakdownQuestion(source, questionCodes);
  if (!counted) return null;
  const { question, multi } = counted;
  await foldCube(db, source, { inlineLimit: READ_FOLD_LIMIT });
  return inSnapshot(db, cubeAggregate(source), async (trx, state) => {
    const holder = state.holders.indexOf(question) + 1;
    if (multi && questionCodes.length && holder === 0) return null;
    return countBreakdownCells(
      trx,
      await cubeCells(trx, source, filters),
      where,
      by,
      questionCodes,
      multi ? holder : 0,
      state,
    );
  });
}

/**
 * BreakdownCounts of signed cells (`cellRows`: sign, respondents, codes, counts, holders and the columns `by`) plus
 * the tail (`where` and above the watermark), in one statement; `holder` is the question's holder position in the
 * cells (1-based) when it is a multi-answer question, else 0.
 */
export async function countBreakdownCells(
  db: Database,
  cellRows: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
  by: readonly DemographicColumn[],
  questionCodes: readonly number[],
  holder: number,
  state: CubeState,
): Promise<BreakdownCounts> {
  const multi = holder > 0;
  const cubeDims = by.map((d, i) => sql`${sql.ref(`c.${d}`)} as ${sql.ref(`g${i}`)}`);
  const tailDims = by.map((d, i) => sql`${sql.ref(`r.${d}`)} as ${sql.ref(`g${i}`)}`);
  const groupBy = sql.join(by.map((_, i) => sql.lit(i + 1)));
  const slotOf = (code: number) => sql`c.counts[array_position(c.codes, ${sql.lit(code)})]`;
  const cubeCodes = questionCodes.map(
    (code) => sql`coalesce(sum(c.sign * ${slotOf(code)}), 0)::bigint as ${sql.ref(`c${code}`)}`,
  );
  const tailCodes = questionCodes.map(
    (code) => sql`${weightSum("r", sql`r.codes @> array[${sql.lit(code)}]::int[]`)} as ${sql.ref(`c${code}`)}`,
  );
  const cubeAnswered = !questionCodes.length
    ? sql`0::bigint`
    : multi
      ? sql`coalesce(sum(c.sign * c.holders[${sql.lit(holder)}]), 0)::bigint`
      : sql`coalesce(sum(c.sign * (${sql.join(
          questionCodes.map((code) => sql`coalesce(${slotOf(code)}, 0)`),
          sql` + `,
        )})), 0)::bigint`;
  const tailAnswered = questionCodes.length
    ? weightSum("r", sql`r.codes && array[${sql.join(questionCodes.map((c) => sql.lit(c)))}]::int[]`)
    : sql`0::bigint`;
  const outer = [
    ...by.map((_, i) => sql.ref(`g${i}`)),
    sql`sum(respondents)::bigint as respondents`,
    sql`sum(answered)::bigint as answered`,
    ...questionCodes.map((code) => sql`sum(${sql.ref(`c${code}`)})::bigint as ${sql.ref(`c${code}`)}`),
  ];
  const result = await sql<Record<string, unknown>>`
    with parts as (
      select ${sql.join([...cubeDims, sql`sum(c.sign * c.respondents)::bigint as respondents`, sql`${cubeAnswered} as answered`, ...cubeCodes])}
      from ${cellRows} c group by ${groupBy}
      union all
      select ${sql.join([...tailDims, sql`${weightSum()} as respondents`, sql`${tailAnswered} as answered`, ...tailCodes])}
      from response r where ${where} and ${tailOf(state)} group by ${groupBy}
    )
    select ${sql.join(outer)} from parts group by ${groupBy} having sum(respondents) > 0`.execute(db);
  return { groups: result.rows.map((r) => breakdownGroupOf(r, by, questionCodes)) };
}
