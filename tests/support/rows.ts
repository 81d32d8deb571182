// Counting rows, for tests that check what a request changed (or did not change).
import { sql } from "kysely";
import type { DB } from "../../db/schema";
import type { Database } from "../../app/platform/db.server";

/** The number of rows in a table. */
export async function rowCount(db: Database, table: keyof DB & string): Promise<number> {
  return (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0]!.n;
}
