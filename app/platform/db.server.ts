import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import type { DB } from "../../db/schema";
import { PGliteDialect } from "./pglite-dialect.server";
import { env } from "./env.server";

export type Database = Kysely<DB>;
export type DatabaseKind = "postgres" | "pglite";

export interface OpenDatabase {
  db: Database;
  kind: DatabaseKind;
  /** True when the embedded data folder did not exist before this process opened it. */
  freshEmbedded: boolean;
  /** PGlite only: the size of its WebAssembly memory, which grows and never shrinks (for scripts/bench-memory.ts). */
  wasmMemoryBytes?: () => number;
  /** PGlite only: the data folder as one uncompressed tar image, for `openDatabase({ image })` (test templates). */
  dumpImage?: () => Promise<Blob>;
  close(): Promise<void>;
}

// Both engines hand back the same JS types: int8 as number (counts fit), date as 'YYYY-MM-DD' text.
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v: string) => Number(v));
pg.types.setTypeParser(DATE, (v: string) => v);

/** Marks a statement to be prepared once per connection on PostgreSQL: `sql\`${PREPARED} select …\``. */
export const PREPARED = sql.raw("/* td:prepared */");
const PREPARED_TEXT = "/* td:prepared */";
const statementNames = new Map<string, string>();
const statementName = (text: string) => {
  let name = statementNames.get(text);
  if (!name) {
    name = `td_${crypto.createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    if (statementNames.size > 100) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
};

/**
 * Runs statements that start with the PREPARED mark as named prepared statements (one per distinct text, parsed
 * and planned once per connection, then only bound and executed). For the hottest statement, the storing of a
 * citizen's answer, this halves PostgreSQL's CPU time (0.55 → 0.28 ms, docs/benchmarks.md). Kysely passes a
 * statement as (text, values); everything else goes through unchanged. Not for a pooler in transaction mode.
 */
function prepareMarkedStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (args.length === 2 && typeof text === "string" && text.startsWith(PREPARED_TEXT) && Array.isArray(values)) {
      return query({ name: statementName(text), text, values });
    }
    return query(...args);
  };
}

/**
 * Opens a database: PostgreSQL over a pg Pool when `url` is given, otherwise embedded PGlite in `dir`
 * (in memory when `dir` is "memory://"). The only place in the app that knows which one it has.
 */
export async function openDatabase(opts: {
  url?: string;
  dir?: string;
  poolSize?: number;
  /** In-memory PGlite only: start from this data folder image (from `dumpDataDir`) instead of an empty database. */
  image?: Blob;
}): Promise<OpenDatabase> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, connectionTimeoutMillis: 5000 });
    // A server restart kills idle clients; without a listener the pool's 'error' event would crash the process.
    pool.on("error", () => undefined);
    // A client checked out at that moment (between a transaction's queries, say) emits 'error' on itself, where the
    // pool's listener is not attached, and would crash the process (brianc/node-postgres#2439). Its query fails
    // anyway (mapped to 503) and the pool drops it on release as not queryable.
    pool.on("connect", (client) => {
      client.on("error", () => undefined);
      prepareMarkedStatements(client);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: "postgres", freshEmbedded: false, close: () => db.destroy() };
  }
  const dir = opts.dir ?? "memory://";
  let fresh = true;
  if (!dir.startsWith("memory://")) {
    const abs = path.resolve(dir);
    fresh = !fs.existsSync(path.join(abs, "PG_VERSION"));
    fs.mkdirSync(abs, { recursive: true });
    acquireDirLock(abs);
    if (fresh) {
      try {
        await initEmbeddedFolder(abs);
      } catch (err) {
        releaseDirLock(abs);
        throw err;
      }
    }
  }
  const pglite = new PGlite({
    dataDir: dir.startsWith("memory://") ? undefined : path.resolve(dir),
    ...(opts.image && dir.startsWith("memory://") ? { loadDataDir: opts.image } : {}),
    parsers: { [DATE]: (v: string) => v },
    startParams: PGLITE_START_PARAMS,
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: "pglite",
    dumpImage: async () => (await pglite.dumpDataDir("none")) as Blob,
    freshEmbedded: fresh,
    wasmMemoryBytes: () => (pglite.closed ? 0 : pglite.Module.HEAPU8.buffer.byteLength),
    close: async () => {
      await db.destroy();
      if (!dir.startsWith("memory://")) releaseDirLock(path.resolve(dir));
    },
  };
}

/** True when `dir` is an embedded data folder (not memory://) that holds no database yet. */
export function isNewEmbeddedFolder(dir: string) {
  return !dir.startsWith("memory://") && !fs.existsSync(path.join(path.resolve(dir), "PG_VERSION"));
}

/**
 * PGlite runs Postgres inside this process, in WebAssembly memory that grows and is never given back, so Postgres's
 * memory settings are this process's RSS (measured in docs/benchmarks.md, "Memory with the embedded database"):
 * - shared_buffers: initdb writes PostgreSQL's 128MB, and PGlite touches all of it at start (about 120 MB of RSS
 *   before the first query). A few MB serve one connection; the data files are real files (NODEFS), so the OS page
 *   cache still holds what the buffer pool does not.
 * - maintenance_work_mem (64MB by default): the most an index build in a migration may take, kept for good.
 * - work_mem 2MB (4MB by default) and hash_mem_multiplier 1 (2 by default): the largest reads (the first fold of
 *   100k answers into the cube, the co-occurrence cells) touched ~28 MB more WebAssembly memory with the defaults,
 *   which stays resident; shared_buffers 8MB rather than 16MB. Together the server's peak at 100k answers went
 *   from 307–320 MB to ~270 MB with the reads no slower (docs/benchmarks.md).
 * Given as start parameters (after PGlite's own), so they apply to every folder, old or new, without editing its
 * postgresql.conf.
 */
const PGLITE_START_PARAMS = [
  ...PGlite.defaultStartParams,
  ...["shared_buffers=8MB", "maintenance_work_mem=16MB", "work_mem=2MB", "hash_mem_multiplier=1"].flatMap((s) => [
    "-c",
    s,
  ]),
];

/**
 * Creates the database in a new folder in a short-lived child process. PGlite's initdb runs a second Postgres and
 * the initdb program, each in its own WebAssembly memory; in this process they left about 400 MB that stayed
 * resident for the life of the server (freed by V8 only after several collections, and then kept by the allocator).
 */
async function initEmbeddedFolder(dir: string) {
  const pgliteEntry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const script = `const { PGlite } = require(process.argv[1]);
const pg = new PGlite(process.argv[2]);
pg.waitReady.then(() => pg.close()).then(() => process.exit(0), (err) => { console.error(String(err && err.stack || err)); process.exit(1); });`;
  const child = spawn(process.execPath, ["-e", script, pgliteEntry, dir], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0 || !fs.existsSync(path.join(dir, "PG_VERSION"))) {
    throw new Error(`Could not create the embedded database in ${dir} (exit ${code}): ${stderr.trim().slice(-2000)}`);
  }
}

/** PGlite cannot share its folder between processes; a lock file with our pid refuses a second one clearly. */
function acquireDirLock(dir: string) {
  const lock = path.join(dir, "trygghetsdialog.lock");
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
  } catch {
    const pid = Number(fs.readFileSync(lock, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database folder ${dir} is in use by process ${pid}. Stop it first, or set PGLITE_DIR to another folder.`,
      );
    }
    fs.writeFileSync(lock, String(process.pid));
  }
}

function releaseDirLock(dir: string) {
  const lock = path.join(dir, "trygghetsdialog.lock");
  try {
    if (Number(fs.readFileSync(lock, "utf8")) === process.pid) fs.unlinkSync(lock);
  } catch {
    /* already gone */
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

declare global {
  var __tdDatabase: Promise<OpenDatabase> | undefined;
}

/** The app's database, opened once per process (kept across dev rebuilds). */
export function appDatabase(): Promise<OpenDatabase> {
  if (!globalThis.__tdDatabase) {
    const e = env();
    globalThis.__tdDatabase = openDatabase({ url: e.DATABASE_URL, dir: e.PGLITE_DIR });
  }
  return globalThis.__tdDatabase;
}

export async function getDb(): Promise<Database> {
  return (await appDatabase()).db;
}

/** True when the database answers a trivial query within the timeout. */
export async function isDatabaseReachable(timeoutMs = 2000): Promise<boolean> {
  try {
    const db = await getDb();
    const probe = sql`select 1 as ok`.execute(db);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs));
    await Promise.race([probe, timeout]);
    return true;
  } catch {
    return false;
  }
}
