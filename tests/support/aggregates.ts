import { setBitsMemoryBudget } from "../../app/features/results/counting/bits-memory.server";
// What the results aggregates (the cube and the answer bitmaps) hold for a survey, read directly for the tests.
import { sql } from "kysely";
import type { Database } from "../../app/platform/db.server";

const one = async (db: Database, query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(db)).rows[0]!.n;

/**
 * The respondents the cube holds for a survey (its all-days cells). A cell sums each response's weight, 2^32 + its
 * record key (counting/weight.server.ts), so the count is that sum divided by 2^32.
 */
export const cubeRespondents = (db: Database, surveyId: number) =>
  one(
    db,
    sql`select div(coalesce(sum(respondents), 0), 4294967296)::int as n from response_cube where survey_id = ${surveyId} and day is null`,
  );

/** The positions the answer bitmaps have handed out for a survey: its folded responses (0 before any fold). */
export const bitsPositions = (db: Database, surveyId: number) =>
  one(db, sql`select coalesce((select next_pos from response_bits_state where survey_id = ${surveyId}), 0)::int as n`);

/**
 * A survey's stored answers above the lower of the cube's and the bitmaps' watermarks: what a read still counts from
 * the tail (0 once both aggregates hold every answer).
 */
export const unfoldedAnswers = (db: Database, surveyId: number) =>
  one(
    db,
    sql`select count(*)::int as n from response r where r.survey_id = ${surveyId} and r.fold_bucket > least(
      coalesce((select watermark from response_bits_state where survey_id = ${surveyId}), 0),
      coalesce((select watermark from response_cube_state where survey_id = ${surveyId}), 0))`,
  );

/**
 * Runs `fold` until none of the surveys has an unfolded answer, at most 50 times 200 ms apart. A fold takes only rows
 * whose transactions ended before its snapshot's xmin, and on a shared PostgreSQL server a write transaction of
 * another test (a database copied from the template, say) can hold that xmin back for a moment. The caller still
 * asserts the outcome: a fold that never folds fails it.
 */
export async function foldUntilDone(db: Database, surveyIds: number[], fold: () => Promise<unknown>) {
  for (let attempt = 0; attempt < 50; attempt++) {
    await fold();
    let left = 0;
    for (const id of surveyIds) left += await unfoldedAnswers(db, id);
    if (left === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Waits (at most 10 s) until a fold could take every stored answer of the survey: their buckets closed (transaction
 * ids used up past the last bucket, as a fold does on a quiet database) and the snapshot's xmin past them. Tests that
 * check what one fold does call it after storing answers, so that another test's brief write transaction on a
 * shared PostgreSQL server does not decide the outcome.
 */
export async function answersFoldable(db: Database, surveyId: number) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const p = (
      await sql<{ max: string | null; w: string; next: string }>`select max(fold_bucket)::text as max,
        pg_snapshot_xmin(pg_current_snapshot())::text as w, pg_snapshot_xmax(pg_current_snapshot())::text as next
        from response where survey_id = ${surveyId}`.execute(db)
    ).rows[0]!;
    if (p.max === null || Number(p.max) <= Number(p.w)) return;
    const missing = Number(p.max) - Number(p.next) + 1;
    if (missing > 0) {
      for (let i = 0; i < missing; i += 16)
        await Promise.all(
          Array.from({ length: Math.min(16, missing - i) }, () => sql`select pg_current_xact_id()`.execute(db)),
        );
    } else await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs `check` twice: with the answer bitmaps counted from the app's copy in memory (the default), and counted by
 * PostgreSQL (no memory budget: the path of a survey too large for it), so that both paths must hold.
 */
export async function inBothBitmapPaths(check: (path: string) => Promise<void>): Promise<void> {
  await check("bitmaps in memory");
  const budget = setBitsMemoryBudget(0);
  try {
    await check("bitmaps counted by PostgreSQL");
  } finally {
    setBitsMemoryBudget(budget);
  }
}
