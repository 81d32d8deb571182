// Where a fault test's server keeps its data (shared by the fault tests through support.ts's setUpFaultRun).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type OpenDatabase } from "~/platform/db.server";
import { DEFAULT_PG_URL } from "../../support/test-db";

/** Where a fault test's server keeps its data: a PGlite folder of its own, or a throwaway PostgreSQL database. */
export interface Target {
  env: Record<string, string>;
  open(): Promise<OpenDatabase>;
  cleanup(): Promise<void>;
  lockFile?: string;
}

export async function makeTarget(engine: "pglite" | "postgres", prefix = "td-faults-kill-"): Promise<Target> {
  if (engine === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    return {
      env: { PGLITE_DIR: dir },
      open: () => openDatabase({ dir }),
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
      lockFile: path.join(dir, "trygghetsdialog.lock"),
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL || DEFAULT_PG_URL;
  const name = `td_faults_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ url: url.toString(), poolSize: 2 }),
    cleanup: () => admin(`drop database if exists ${name} with (force)`),
  };
}
