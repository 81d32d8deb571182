/**
 * Background folding of new answers into the results aggregates (the cube, ADR 003, and the answer bitmaps, ADR 011),
 * so that the first analyst after a bulk load, an import or a busy day does not wait for the fold. Reads still fold
 * what arrived since (a few rows, milliseconds), and a read that finds a large backlog counts it by the scan and leaves
 * the fold to the background (READ_FOLD_LIMIT). Folding here uses the same protocol and locks as the reads, so a
 * prefold and a read never fold the same answers twice.
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import type { Log } from "~/platform/log.server";
import { foldBits } from "./bits.server";
import { foldCube } from "./cube.server";
import type { FoldOptions } from "./fold.server";
import { loadResultsSource } from "./source.server";

/**
 * The fewest answers above a survey's watermarks for the prefold to fold it. A smaller backlog costs a read
 * milliseconds to fold, and folding it here would only load the survey's definition into this process (compiling a
 * definition leaves megabytes of garbage: folding the 20 small demo surveys beside a 100k one raised the embedded
 * server's peak from ≈ 275 to 310 MB).
 */
export const PREFOLD_MIN_ROWS = 5_000;

/** Surveys with at least `minRows` stored answers above the cube's or the bitmaps' watermark (committed or not). */
async function surveysWithNewAnswers(db: Database, minRows: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    select s.id from survey s
    where (
      select count(*) from (
        select 1 from response r where r.survey_id = s.id and r.fold_bucket > least(
          coalesce((select c.watermark from response_cube_state c where c.survey_id = s.id), 0),
          coalesce((select b.watermark from response_bits_state b where b.survey_id = s.id), 0))
        limit ${minRows}
      ) x
    ) >= ${minRows}
    order by s.id`.execute(db);
  return rows.rows.map((r) => r.id);
}

const watermarks = async (db: Database, surveyId: number) =>
  (
    await sql<{ w: string }>`
      select concat_ws(' ', (select watermark from response_cube_state where survey_id = ${surveyId}),
                            (select watermark from response_bits_state where survey_id = ${surveyId})) as w`.execute(db)
  ).rows[0]!.w;

/**
 * Folds every survey's committed new answers into the cube and the bitmaps; returns the surveys whose aggregates
 * moved (answers still in an open bucket, or folded meanwhile by a read, do not count).
 */
export async function prefoldResults(
  db: Database,
  { minRows = PREFOLD_MIN_ROWS, ...options }: Pick<FoldOptions, "closeAt"> & { minRows?: number } = {},
): Promise<number[]> {
  const folded: number[] = [];
  for (const id of await surveysWithNewAnswers(db, Math.max(1, minRows))) {
    const before = await watermarks(db, id);
    const source = await loadResultsSource(db, id);
    await foldCube(db, source, options);
    await foldBits(db, source, options);
    if ((await watermarks(db, id)) !== before) folded.push(id);
  }
  return folded;
}

let timer: NodeJS.Timeout | null = null;
let firstRun: NodeJS.Timeout | null = null;
let running: Promise<unknown> | null = null;

// The sum of the aggregates' watermarks at the last vacuum: it moves whenever a fold (a read's or a prefold's) ran.
let vacuumedAt: string | null = null;

async function vacuumAfterFolds(db: Database): Promise<void> {
  const marker = (
    await sql<{ m: string }>`
      select concat_ws(' ', (select sum(watermark) from response_cube_state), (select sum(watermark) from response_bits_state)) as m`.execute(
      db,
    )
  ).rows[0]!.m;
  if (marker === vacuumedAt) return;
  await sql`vacuum response_cube, response_bits, response_bits_dim`.execute(db);
  vacuumedAt = marker;
}

/**
 * Runs prefoldResults every `seconds` (one run at a time) until stopResultsPrefold. `vacuum`: after folds (by reads
 * or by this timer) vacuum the aggregates, whose folds rewrite their open rows: for PGlite, which runs no
 * autovacuum (its statistics stay empty, so the check is whether any watermark moved since the last vacuum).
 */
export function startResultsPrefold(
  db: Database,
  seconds: number,
  log: Log,
  { vacuum = false, minRows = PREFOLD_MIN_ROWS } = {},
): void {
  if (timer || seconds <= 0) return;
  const tick = () => {
    if (running) return;
    const started = Date.now();
    running = prefoldResults(db, { minRows })
      .then(async (ids) => {
        if (vacuum) await vacuumAfterFolds(db);
        if (ids.length) log({ level: "info", msg: "results prefolded", surveys: ids.length, ms: Date.now() - started });
      })
      .catch((err: unknown) => log({ level: "error", msg: "results prefold failed", error: String(err) }))
      .finally(() => (running = null));
  };
  timer = setInterval(tick, seconds * 1000);
  timer.unref();
  // A first run soon after start (answers stored while the server was down, a load into a stopped server).
  firstRun = setTimeout(tick, 1000).unref();
}

/** Stops the timer and waits for a run in progress (before the database closes). */
export async function stopResultsPrefold(): Promise<void> {
  if (timer) clearInterval(timer);
  // Also the first run: a process that stops within a second of starting (the cluster's primary, which only
  // migrates) must not run it on a database it has closed.
  if (firstRun) clearTimeout(firstRun);
  timer = null;
  firstRun = null;
  await running;
}
