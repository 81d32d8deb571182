/**
 * The demo seed as its own bundle (build/seed.js, made by scripts/build-seed.mjs in `npm run build`), so that the
 * demo data stays out of the server bundle. The server loads it only on the first start over a brand-new embedded
 * database: in the child process that fills a new folder, or, for an in-memory database, in the server itself.
 */
import { openDatabase } from "../../app/platform/db.server";
import type { Log } from "../../app/platform/log.server";
import { migrateToLatest } from "../migrate";
import { seedDemo } from "./index";

export { seedDemo };

/** Creates, migrates and seeds a new embedded folder, then closes it (in the child of the server's first start). */
export async function prepareEmbeddedFolder(dir: string, log: Log) {
  const open = await openDatabase({ dir });
  try {
    const result = await migrateToLatest(open.db);
    const seeded = await seedDemo({ db: open.db, log });
    return { migrated: result.results?.length ?? 0, seeded };
  } finally {
    await open.close();
  }
}
