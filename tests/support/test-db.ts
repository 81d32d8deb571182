import crypto from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { openDatabase, type OpenDatabase } from "../../app/platform/db.server";
import { migrateToLatest } from "../../db/migrate";

export const DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/test";

/** Which engine this test run uses: TEST_DB=postgres (set by the test runner's second pass) or PGlite. */
export function testEngine(): "postgres" | "pglite" {
  return process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
}

/**
 * The migrated template the integration run's global setup made once (tests/integration/global-setup.ts):
 * TD_TEST_TEMPLATE names a PGlite image file or a PostgreSQL template database. Migrating from nothing takes
 * seconds per database; copying a migrated one takes a fraction of that. Without it (a script, say), each
 * database is migrated on its own.
 */
function template(): string | undefined {
  return process.env.TD_TEST_TEMPLATE || undefined;
}

let pgliteImage: Promise<Blob> | undefined;

/** Makes the migrated template for this run; returns what TD_TEST_TEMPLATE should hold, and how to remove it. */
export async function makeTestTemplate(file: string): Promise<{ value: string; remove: () => Promise<void> }> {
  if (testEngine() === "pglite") {
    const open = await openDatabase({ dir: "memory://" });
    await migrateToLatest(open.db);
    const image = await open.dumpImage!();
    await open.close();
    fs.writeFileSync(file, Buffer.from(await image.arrayBuffer()));
    return { value: file, remove: async () => fs.rmSync(file, { force: true }) };
  }
  const name = `td_template_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  const open = await openDatabase({ url: databaseUrl(name), poolSize: 2 });
  try {
    await migrateToLatest(open.db);
  } finally {
    await open.close();
  }
  return { value: name, remove: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

function databaseUrl(name: string) {
  const url = new URL(process.env.TEST_DATABASE_URL || DEFAULT_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(text: string) {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL || DEFAULT_PG_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a throwaway database on the
 * PostgreSQL server (created here, dropped on close). Never the shared `test` database itself.
 */
export async function testDatabase(): Promise<OpenDatabase> {
  const from = template();
  if (testEngine() === "pglite") {
    if (from) {
      pgliteImage ??= Promise.resolve(new Blob([fs.readFileSync(from)]));
      return openDatabase({ dir: "memory://", image: await pgliteImage });
    }
    const open = await openDatabase({ dir: "memory://" });
    await migrateToLatest(open.db);
    return open;
  }
  const name = `td_test_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  await adminQuery(from ? `create database ${name} template ${from}` : `create database ${name}`);
  const open = await openDatabase({ url: databaseUrl(name), poolSize: 10 });
  if (!from) await migrateToLatest(open.db);
  return {
    ...open,
    close: async () => {
      await open.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}
