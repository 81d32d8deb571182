import crypto from "node:crypto";
import pg from "pg";
import { openDatabase, type OpenDatabase } from "../../app/platform/db.server";
import { migrateToLatest } from "../../db/migrate";

export const DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/test";

/** Which engine this test run uses: TEST_DB=postgres (set by the test runner's second pass) or PGlite. */
export function testEngine(): "postgres" | "pglite" {
  return process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a throwaway database on the
 * PostgreSQL server (created here, dropped on close). Never the shared `test` database itself.
 */
export async function testDatabase(): Promise<OpenDatabase> {
  if (testEngine() === "pglite") {
    const open = await openDatabase({ dir: "memory://" });
    await migrateToLatest(open.db);
    return open;
  }
  const adminUrl = process.env.TEST_DATABASE_URL || DEFAULT_PG_URL;
  const name = `td_test_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const open = await openDatabase({ url: url.toString(), poolSize: 10 });
  await migrateToLatest(open.db);
  return {
    ...open,
    close: async () => {
      await open.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
