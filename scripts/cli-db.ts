import { openDatabase, type OpenDatabase } from "../app/platform/db.server";
import { env } from "../app/platform/env.server";
import { migrateToLatest } from "../db/migrate";

/** Opens the configured database for a CLI and migrates it; exits with a readable message on failure. */
export async function openForCli(): Promise<OpenDatabase> {
  const e = env();
  try {
    const open = await openDatabase({ url: e.DATABASE_URL, dir: e.PGLITE_DIR, poolSize: 2 });
    await migrateToLatest(open.db);
    return open;
  } catch (err) {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
