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
