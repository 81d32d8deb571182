// npm run db:migrate: applies pending migrations to DATABASE_URL, or to the embedded database in PGLITE_DIR.
import { openDatabase } from "../app/platform/db.server";
import { env } from "../app/platform/env.server";
import { migrateToLatest } from "../db/migrate";

const e = env();
const open = await openDatabase({ url: e.DATABASE_URL, dir: e.PGLITE_DIR, poolSize: 1 });
try {
  const result = await migrateToLatest(open.db);
  for (const r of result.results ?? [])
    console.log(`${r.status === "Success" ? "applied" : r.status}: ${r.migrationName}`);
  console.log(`migrations: up to date (${open.kind})`);
} catch (err) {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await open.close();
}
