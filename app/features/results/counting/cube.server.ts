/**
 * The results cube (ADR 003): per survey, counts of answers per cell (one day or all days × area × age band ×
 * gender × channel), kept as a pair of arrays (choice codes, respondents holding each), and folded in from committed responses
 * at read time. Submissions never touch it: a response only carries `fold_bucket` (its transaction id rounded up to
 * 256), and a read folds every response whose bucket is at or below its snapshot's xmin, then reads cube + tail
 * (the responses not yet folded) in one statement, so the figures are those of one snapshot, exactly as a scan of
 * every row would count them.
 *
 * Views filtered on an answer (`where=question:value` on a question without a demographic column) cannot be read
 * from the cube: they are counted from the answer bitmaps (results-bits.server.ts, ADR 011), folded by
 * `foldAggregate` below with the same protocol.
 */
import { sql, type RawBuilder } from "kysely";
import type { Database } from "~/platform/db.server";
import { codeCountsOf, type BreakdownCounts, type CodeCounts, type DemographicColumn, type ResultFilters, type ResultsSource } from "./scan.server";

// pg_try_advisory_xact_lock(FOLD_LOCK, survey id) serialises folds of one survey.
const FOLD_LOCK = 20261123;
// Unfoldable rows (their bucket is not yet closed) above which a read closes the bucket by using up transaction ids.
const CLOSE_BUCKET_AT = 1000;
const BUCKET = 256;

/** Where a filtered view's counts can come from: the cube, or only the scan (filters on answers). */
export function cubeCanServe(source: ResultsSource, filters: ResultFilters): boolean {
  return filters.where.every(({ question }) => Object.values(source.demographics).includes(question));
}

const multiQuestions = (source: ResultsSource) => source.catalog.filter((q) => q.multi).map((q) => q.name);

function isSerializationFailure(err: unknown): boolean {
  return typeof err === "object" && err !== null && "code" in err && (err as { code: unknown }).code === "40001";
}

/**
 * A maintained aggregate folded like the cube: its state row (watermark, holder questions: `stateTable` where
 * `key`), the advisory lock that serialises its folds, how to empty it for a rebuild, and the statement that adds
 * a set of responses (`foldAggregate` passes those with lo < fold_bucket <= hi, in chunks when they are many).
 */
export interface FoldedAggregate {
  stateTable: "response_cube_state" | "response_bits_state";
  /** False for an aggregate that keeps no holders (a new multi-answer question then needs no rebuild). */
  keepsHolders?: boolean;
  /** The state row's key columns and values (survey_id first). */
  key: Readonly<Record<string, string | number>>;
  lock: [number, number];
  clear: (db: Database) => Promise<unknown>;
  /**
   * Adds the responses of `rows` (a relation of response rows: submitted_on, area, age_band, gender, channel,
   * codes) to the aggregate. Called once per chunk of the responses to fold, all in one transaction.
   */
  foldRows: (db: Database, rows: RawBuilder<unknown>, holders: string[]) => Promise<void>;
}

const keyWhere = (agg: Pick<FoldedAggregate, "key">) => sql.join(Object.entries(agg.key).map(([k, v]) => sql`${sql.ref(k)} = ${v}`), sql` and `);

export interface FoldOptions {
  /** Unfoldable rows above which a read closes the bucket by using up transaction ids (tests pass 1). */
  closeAt?: number;
  /**
   * Rows to fold above which the fold runs in the background instead (not awaited; the caller counts the tail
   * itself meanwhile). Reads pass READ_FOLD_LIMIT, so no page waits for the first fold after a bulk load.
   */
  inlineLimit?: number;
  /** Rows per fold statement (default FOLD_CHUNK, FOLD_CHUNK_PGLITE on PGlite); tests pass a small one. */
  chunk?: number;
}

/**
 * The most rows a read folds before it answers: beyond it (the first read after a bulk load or an import) it starts
 * the fold in the background and counts the tail by the scan, ≈ 1 s at 1M on PostgreSQL against ≈ 20 s for the fold.
 */
export const READ_FOLD_LIMIT = 50_000;

/**
 * Folds the survey's committed, not yet folded responses into the cube. Never waits for another fold (the read
 * then counts the tail itself). Rebuilds the cube when the definition gained a multi-answer question it lacks.
 */
export function foldCube(db: Database, source: ResultsSource, options: FoldOptions = {}): Promise<void> {
  return foldAggregate(db, source, cubeAggregate(source), options);
}

// Folds running in the background, by aggregate state row: at most one each.
const background = new Map<string, Promise<void>>();

function foldInBackground(db: Database, source: ResultsSource, agg: FoldedAggregate, closeAt: number): void {
  const id = `${agg.stateTable} ${JSON.stringify(agg.key)}`;
  if (background.has(id)) return;
  const run = foldAggregate(db, source, agg, { closeAt })
    // Nothing waits for it: a failed fold leaves the aggregate as it was, and the next read or prefold tries again.
    .catch(() => undefined)
    .finally(() => background.delete(id));
  background.set(id, run);
}

/** The folds running in the background now. */
export const backgroundFoldCount = () => background.size;

/** Resolves when every fold started in the background has ended (shutdown, tests). */
export async function backgroundFolds(): Promise<void> {
  while (background.size) await Promise.all([...background.values()]);
}

/** Folds into `agg` every committed response above its watermark (the protocol of ADR 003, see foldCube). */
export async function foldAggregate(
  db: Database,
  source: ResultsSource,
  agg: FoldedAggregate,
  { closeAt = CLOSE_BUCKET_AT, inlineLimit = Infinity, chunk }: FoldOptions = {},
): Promise<void> {
  const surveyId = source.surveyId;
  const multi = agg.keepsHolders === false ? [] : multiQuestions(source);
  const stateTable = sql.table(agg.stateTable);
  const read = await sql<{ watermark: number; holder_questions: string[] }>`
    select watermark, holder_questions from ${stateTable} where ${keyWhere(agg)}`.execute(db);
  let state = read.rows[0];
  if (!state) {
    const cols = Object.keys(agg.key);
    await sql`insert into ${stateTable} (${sql.join(cols.map((c) => sql.ref(c)))}, holder_questions)
      values (${sql.join(Object.values(agg.key))}, ${multi}::text[]) on conflict (${sql.join(cols.map((c) => sql.ref(c)))}) do nothing`.execute(db);
    state = { watermark: 0, holder_questions: multi };
  }
  const rebuild = multi.some((q) => !state.holder_questions.includes(q));
  const probe = async () =>
    (
      await sql<{ n: number; closed: number; max: number | null; w: number; next: number }>`
        select count(*)::int as n, count(*) filter (where fold_bucket <= s.w)::int as closed, max(fold_bucket) as max, s.w, s.next
        from (select pg_snapshot_xmin(pg_current_snapshot())::text::bigint as w, pg_snapshot_xmax(pg_current_snapshot())::text::bigint as next) s
        left join response r on r.survey_id = ${surveyId} and r.fold_bucket > ${Number(state.watermark)}
        group by s.w, s.next`.execute(db)
    ).rows[0]!;
  let p = await probe();
  if (p.n === 0 && !rebuild) return;
  const open = p.n - p.closed;
  if (open >= closeAt && p.max !== null && Number(p.max) - Number(p.next) <= BUCKET) {
    // A bulk load inside one bucket (an import on a quiet database) would stay unfolded until 256 more transactions
    // ran; close the bucket by taking transaction ids (each a tiny committed transaction).
    // In parallel over the pool: 256 round trips one after the other took seconds on a loaded machine.
    const missing = Number(p.max) - Number(p.next);
    for (let i = 0; i < missing; i += 16) {
      await Promise.all(Array.from({ length: Math.min(16, missing - i) }, () => sql`select pg_current_xact_id()`.execute(db)));
    }
    p = await probe();
  }
  if (p.closed === 0 && !rebuild) return;
  if (p.closed > inlineLimit) return foldInBackground(db, source, agg, closeAt);
  try {
    await db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (trx) => {
        // The first statement takes the transaction's snapshot; FOR UPDATE then fails (40001) if another fold
        // committed after it, so a fold never adds rows that one already added.
        const locked = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${agg.lock[0]}::int, ${agg.lock[1]}::int) as ok`.execute(trx);
        if (!locked.rows[0]?.ok) return;
        const st = await sql<{ watermark: number; holder_questions: string[]; w: number }>`
          select watermark, holder_questions, pg_snapshot_xmin(pg_current_snapshot())::text::bigint as w
          from ${stateTable} where ${keyWhere(agg)} for update`.execute(trx);
        const s = st.rows[0];
        if (!s) return;
        let watermark = Number(s.watermark);
        let holders = s.holder_questions;
        if (multi.some((q) => !holders.includes(q))) {
          await agg.clear(trx);
          watermark = 0;
          holders = multi;
        }
        const w = Number(s.w);
        // Grouping a large backlog (the first read after a bulk load) by cell and code needs more than the default
        // 4 MB of sort memory not to spill to disk; the setting ends with the transaction. Not on PGlite: there
        // Postgres's memory is this process's WebAssembly memory, which never shrinks, so a 64 MB sort would stay
        // resident for the life of the app (100k answers: 128 → 319 MB), while the fold is no slower at 4 MB.
        await sql`select set_config('work_mem', '64MB', true) where position('PGlite' in version()) = 0`.execute(trx);
        if (w > watermark) await foldInChunks(trx, surveyId, watermark, w, chunk, (rows) => agg.foldRows(trx, rows, holders));
        await sql`update ${stateTable} set watermark = ${Math.max(w, watermark)}, holder_questions = ${holders}::text[], folded_at = now()
          where ${keyWhere(agg)}`.execute(trx);
      });
  } catch (err) {
    // Another fold won the race: the cube is as good as ours would have been.
    if (!isSerializationFailure(err)) throw err;
  }
}

/** The response columns the folds read (and a chunk's rows hold). */
const FOLD_COLUMNS = sql`r.submitted_on, r.area, r.age_band, r.gender, r.channel, r.codes`;

/**
 * Calls `fold` with the survey's responses lo < fold_bucket <= hi: all at once when they are few, else in chunks of
 * FOLD_CHUNK rows from a temporary copy (dropped at commit). PGlite runs each statement synchronously on the app's
 * event loop: a fold of 100k answers in one statement held it for ≈ 9 s, long enough for a page rendering
 * meanwhile to be aborted (500); a chunk of 25,000 holds it for ≈ 1–4 s. On PostgreSQL chunks only start above 1M
 * rows, to bound one statement's work.
 */
async function foldInChunks(
  db: Database,
  surveyId: number,
  lo: number,
  hi: number,
  chunkSize: number | undefined,
  fold: (rows: RawBuilder<unknown>) => Promise<void>,
) {
  const range = sql`r.survey_id = ${surveyId} and r.fold_bucket > ${lo} and r.fold_bucket <= ${hi}`;
  const probe = await sql<{ n: number; pglite: boolean }>`
    select count(*)::int as n, position('PGlite' in version()) > 0 as pglite from response r where ${range}`.execute(db);
  const { n, pglite } = probe.rows[0]!;
  const chunk = chunkSize ?? (pglite ? FOLD_CHUNK_PGLITE : FOLD_CHUNK);
  if (n <= chunk) return fold(sql`(select ${FOLD_COLUMNS} from response r where ${range})`);
  await sql`create temporary table fold_rows on commit drop as
    select (row_number() over () - 1)::int as k, ${FOLD_COLUMNS} from response r where ${range}`.execute(db);
  await sql`create index on fold_rows (k)`.execute(db);
  for (let from = 0; from < n; from += chunk) {
    await fold(sql`(select ${FOLD_COLUMNS} from fold_rows r where r.k >= ${from} and r.k < ${from + chunk})`);
    // Let timers and I/O run between chunks: the statements' promises otherwise chain as microtasks, and
    // setImmediate resumed in the same loop iteration, before any timer (measured: the loop stayed blocked).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await sql`drop table fold_rows`.execute(db);
}

// PostgreSQL spills a big fold's sorts to disk and runs it off the app's event loop, so it folds in one statement up
// to 1M rows (at 1M in chunks of 250,000 the cube's first fold took 27.5 s against 20.2 s in one).
const FOLD_CHUNK = 1_000_000;
// On PGlite at 100k a chunk of 10,000 took 0.3 s for the bitmaps and 0.9–2.2 s for the cube, whose every chunk
// merges into nearly all its cells (the whole cube fold: 17.9 s in chunks of 10,000 against 9.2 s in one).
const FOLD_CHUNK_PGLITE = 25_000;

/**
 * Adds `rows` to the cube, in one statement: per cell (each day, and all days), the respondents, each code held
 * with its number of respondents, and the holders of each multi-answer question.
 */
async function foldRows(db: Database, surveyId: number, rows: RawBuilder<unknown>, holders: string[]) {
  const holderSets = holders.map(
    (q, k) => sql`(select coalesce(array_agg(code), '{}') from choice_code where survey_id = ${surveyId} and question = ${q}) as ${sql.ref(`h${k}`)}`,
  );
  const hCount = holders.map((_, k) => sql`count(*) filter (where t.codes && hq.${sql.ref(`h${k}`)})::int as ${sql.ref(`h${k}`)}`);
  const hSum = holders.map((_, k) => sql`sum(${sql.ref(`h${k}`)})::int as ${sql.ref(`h${k}`)}`);
  const holdersOf = (alias: string) =>
    holders.length ? sql`array[${sql.join(holders.map((_, k) => sql.ref(`${alias}.h${k}`)))}]::int[]` : sql`'{}'::int[]`;
  // The CTEs are materialised: row estimates for a small tail are poor, and PostgreSQL otherwise recomputed the
  // per-cell arrays once per all-days cell in a nested loop (2.3 s instead of 0.29 s for 479 new answers at 1M).
  // Each row gets a small integer cell number first (a rank over its dimensions), so the big grouping, one row per
  // code held (35 per answer), is keyed by two integers; keyed by the text dimensions it took three times as long.
  await sql`
    with t as (
      select r.submitted_on as day, r.area, r.age_band, r.gender, r.channel, r.codes,
             dense_rank() over (order by r.submitted_on, r.area, r.age_band, r.gender, r.channel)::int as cell
      from ${rows} r
    ),
    hq as (select ${holderSets.length ? sql.join(holderSets) : sql`1 as none`}),
    fine as (
      select t.cell, min(t.day) as day, min(t.area) as area, min(t.age_band) as age_band, min(t.gender) as gender, min(t.channel) as channel,
             json_build_array(min(t.area), min(t.age_band), min(t.gender), min(t.channel))::text as dk,
             ${sql.join([sql`count(*)::int as respondents`, ...hCount])}
      from t cross join hq group by t.cell
    ),
    pf as (select cell, code, count(*)::int as n from (select t.cell, unnest(t.codes) as code from t) u group by cell, code),
    sf as materialized (select cell, array_agg(code order by code) as codes, array_agg(n order by code) as counts from pf group by cell),
    coarse as materialized (
      select dk, min(area) as area, min(age_band) as age_band, min(gender) as gender, min(channel) as channel,
             ${sql.join([sql`sum(respondents)::int as respondents`, ...hSum])}
      from fine group by dk
    ),
    pc as (select f.dk, pf.code, sum(pf.n)::int as n from pf join fine f using (cell) group by f.dk, pf.code),
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
          select code, sum(n)::int as n
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
  if (!filters.from && !filters.to) return sql`(select 1 as sign, ${cols} from ${t} c where ${where} and c.day is null)`;
  const inRange = sql.join(
    [sql`c.day is not null`, ...(filters.from ? [sql`c.day >= ${filters.from}::date`] : []), ...(filters.to ? [sql`c.day <= ${filters.to}::date`] : [])],
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
    const column = (Object.keys(source.demographics) as DemographicColumn[]).find((c) => source.demographics[c] === question)!;
    base.push(sql`${sql.ref(`c.${column}`)} = any(${values}::text[])`);
  }
  return signedCells(db, "response_cube", base, filters, sql`c.respondents, c.codes, c.counts, c.holders, c.area, c.age_band, c.gender`);
}

export interface CubeState {
  watermark: number;
  holders: string[];
}

/**
 * Runs `read` in a repeatable-read transaction that first reads the survey's aggregate state, so cells, watermark
 * and tail come from one snapshot, and the watermark reaches the tail's query as a value the planner can use (with
 * a subquery instead, PostgreSQL estimated a third of the table and scanned all of it).
 */
export function inSnapshot<T>(
  db: Database,
  agg: Pick<FoldedAggregate, "stateTable" | "key">,
  read: (trx: Database, state: CubeState) => Promise<T>,
): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const st = await sql<{ watermark: number; holder_questions: string[] }>`
        select watermark, holder_questions from ${sql.table(agg.stateTable)} where ${keyWhere(agg)}`.execute(trx);
      const row = st.rows[0];
      return read(trx, { watermark: Number(row?.watermark ?? 0), holders: row?.holder_questions ?? [] });
    });
}

export const tailOf = (state: CubeState) => sql`r.fold_bucket > ${state.watermark}`;

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
export function breakdownQuestion(source: ResultsSource, questionCodes: readonly number[]): { question: string; multi: boolean } | null {
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
          + (select count(*) filter (where t.codes && ${codes}::int[]) from t))::int`
      : sql`select ${sql.lit(-(i + 1))}::int, 0::int`,
  );
  const result = await sql<{ code: number; question: string | null; value: string | null; n: number }>`
    with c as materialized (select c.sign, c.respondents, c.codes, c.counts, c.holders from ${cellRows} c),
    t as materialized (select r.codes from response r where ${where} and ${tailOf(state)}),
    x as (
      select u.code, c.sign * u.n as n from c cross join lateral unnest(c.codes, c.counts) as u(code, n)
      union all
      select u.code, 1 from t cross join lateral unnest(t.codes) as u(code)
    ),
    totals as (
      select 0::int as code, ((select coalesce(sum(c.sign * c.respondents), 0) from c) + (select count(*) from t))::int as n
      ${sql.join(totals.map((q) => sql`union all ${q}`), sql` `)}
    )
    select y.code, cc.question, cc.value, y.n from (
      select code, sum(n)::int as n from x group by code having sum(n) <> 0
      union all select code, n from totals
    ) y
    left join choice_code cc on cc.code = y.code`.execute(db);
  return codeCountsOf(result.rows, anyOf.length);
}

/**
 * `countCodes` from the cube (see results-sql.server.ts for the contract); null when the cube cannot give the
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
    return countBreakdownCells(trx, await cubeCells(trx, source, filters), where, by, questionCodes, multi ? holder : 0, state);
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
  const cubeCodes = questionCodes.map((code) => sql`coalesce(sum(c.sign * ${slotOf(code)}), 0)::int as ${sql.ref(`c${code}`)}`);
  const tailCodes = questionCodes.map((code) => sql`count(*) filter (where r.codes @> array[${sql.lit(code)}]::int[])::int as ${sql.ref(`c${code}`)}`);
  const cubeAnswered = !questionCodes.length
    ? sql`0::int`
    : multi
      ? sql`coalesce(sum(c.sign * c.holders[${sql.lit(holder)}]), 0)::int`
      : sql`coalesce(sum(c.sign * (${sql.join(questionCodes.map((code) => sql`coalesce(${slotOf(code)}, 0)`), sql` + `)})), 0)::int`;
  const tailAnswered = questionCodes.length
    ? sql`count(*) filter (where r.codes && array[${sql.join(questionCodes.map((c) => sql.lit(c)))}]::int[])::int`
    : sql`0::int`;
  const outer = [
    ...by.map((_, i) => sql.ref(`g${i}`)),
    sql`sum(respondents)::int as respondents`,
    sql`sum(answered)::int as answered`,
    ...questionCodes.map((code) => sql`sum(${sql.ref(`c${code}`)})::int as ${sql.ref(`c${code}`)}`),
  ];
  const result = await sql<Record<string, unknown>>`
    with parts as (
      select ${sql.join([...cubeDims, sql`sum(c.sign * c.respondents)::int as respondents`, sql`${cubeAnswered} as answered`, ...cubeCodes])}
      from ${cellRows} c group by ${groupBy}
      union all
      select ${sql.join([...tailDims, sql`count(*)::int as respondents`, sql`${tailAnswered} as answered`, ...tailCodes])}
      from response r where ${where} and ${tailOf(state)} group by ${groupBy}
    )
    select ${sql.join(outer)} from parts group by ${groupBy} having sum(respondents) > 0`.execute(db);
  return {
    groups: result.rows.map((r) => ({
      groups: by.map((_, i) => (r[`g${i}`] ?? null) as string | null),
      respondents: Number(r.respondents),
      answered: Number(r.answered),
      codes: new Map(questionCodes.map((c) => [c, Number(r[`c${c}`])])),
    })),
  };
}
