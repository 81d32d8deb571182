/**
 * The fold protocol shared by the maintained aggregates (the cube, ADR 003; the answer bitmaps, ADR 011): each keeps
 * a state row with a watermark, and a fold adds every committed response whose `fold_bucket` (its transaction id
 * rounded up to 256) is at or below its snapshot's xmin, in one repeatable-read transaction, serialised per
 * aggregate by an advisory lock. Reads then count aggregate + tail (the responses above the watermark) in one
 * snapshot, so the figures equal a scan of every row.
 */
import { sql, type RawBuilder } from "kysely";
import type { Database } from "~/platform/db.server";
import { errorFields, log } from "~/platform/log.server";
import type { ResultsSource } from "./source.server";

// Unfoldable rows (their bucket is not yet closed) above which a read closes the bucket by using up transaction ids.
const CLOSE_BUCKET_AT = 1000;
const BUCKET = 256;

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

const keyWhere = (agg: Pick<FoldedAggregate, "key">) =>
  sql.join(
    Object.entries(agg.key).map(([k, v]) => sql`${sql.ref(k)} = ${v}`),
    sql` and `,
  );

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

// Folds running in the background, by aggregate state row: at most one each.
const background = new Map<string, Promise<void>>();

/** What a failed background fold reports: the aggregate (state table and key) and the error. */
export type FoldErrorHandler = (failure: {
  stateTable: FoldedAggregate["stateTable"];
  key: FoldedAggregate["key"];
  error: unknown;
}) => void;

/** The default report of a failed background fold: an error line in the process's log (app/platform/log.server.ts). */
const logFoldError: FoldErrorHandler = ({ stateTable, key, error }) =>
  log({ level: "error", msg: "results fold failed", stateTable, key, ...errorFields(error) });

let foldErrorHandler: FoldErrorHandler = logFoldError;

/** Sets who hears of a failed background fold (the server's logger; tests); returns the previous handler. */
export function onFoldError(handler: FoldErrorHandler): FoldErrorHandler {
  const previous = foldErrorHandler;
  foldErrorHandler = handler;
  return previous;
}

function foldInBackground(db: Database, source: ResultsSource, agg: FoldedAggregate, closeAt: number): void {
  const id = `${agg.stateTable} ${JSON.stringify(agg.key)}`;
  if (background.has(id)) return;
  const run = foldAggregate(db, source, agg, { closeAt })
    // Nothing waits for it: a failed fold leaves the aggregate as it was, and the next read or prefold tries again;
    // the failure is reported (a fold that always fails would otherwise leave every read scanning, unexplained).
    .catch((error: unknown) => {
      try {
        foldErrorHandler({ stateTable: agg.stateTable, key: agg.key, error });
      } catch {
        // A failing report must not turn into an unhandled rejection.
      }
    })
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
      values (${sql.join(Object.values(agg.key))}, ${multi}::text[]) on conflict (${sql.join(cols.map((c) => sql.ref(c)))}) do nothing`.execute(
      db,
    );
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
      await Promise.all(
        Array.from({ length: Math.min(16, missing - i) }, () => sql`select pg_current_xact_id()`.execute(db)),
      );
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
        const locked = await sql<{
          ok: boolean;
        }>`select pg_try_advisory_xact_lock(${agg.lock[0]}::int, ${agg.lock[1]}::int) as ok`.execute(trx);
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
        if (w > watermark)
          await foldInChunks(trx, surveyId, watermark, w, chunk, (rows) => agg.foldRows(trx, rows, holders));
        await sql`update ${stateTable} set watermark = ${Math.max(w, watermark)}, holder_questions = ${holders}::text[], folded_at = now()
          where ${keyWhere(agg)}`.execute(trx);
      });
  } catch (err) {
    // Another fold won the race: the cube is as good as ours would have been.
    if (!isSerializationFailure(err)) throw err;
  }
}

/** The response columns the folds read (and a chunk's rows hold). */
const FOLD_COLUMNS = sql`r.submitted_on, r.area, r.age_band, r.gender, r.channel, r.codes, r.cell_key`;

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
    select count(*)::int as n, position('PGlite' in version()) > 0 as pglite from response r where ${range}`.execute(
    db,
  );
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
