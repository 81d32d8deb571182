/**
 * Memory of a process that holds the embedded database (the memory target, docs/benchmarks.md#targets).
 *
 *   node --expose-gc --import tsx scripts/bench-memory.ts --n 100000            # the app's openDatabase, fresh folder
 *   node --expose-gc --import tsx scripts/bench-memory.ts --n 100000 --plain    # `new PGlite(dir)`, PGlite's defaults
 *   node --expose-gc --import tsx scripts/bench-memory.ts --dir F --keep        # keep the folder F afterwards
 *   node --expose-gc --import tsx scripts/bench-memory.ts --dir F               # F filled before: a restarted app
 *   node --expose-gc --import tsx scripts/bench-memory.ts --plain --set shared_buffers=16MB   # a Postgres setting
 *   node --expose-gc --import tsx scripts/bench-memory.ts --dir F --server      # the built app (server.mjs) on F
 *
 * Opens a database folder the way the app does (`openDatabase` from app/platform/db.server.ts, or with `--plain` a
 * bare `new PGlite(dir)` behind the same Kysely dialect, to separate PGlite's own cost from ours), then records the
 * process's memory after each phase: PGlite started, migrations, demo data (`seedDemo`, as `npm start` does on a new
 * folder), N synthetic answers to the standard citizen survey (generated, validated and encoded as a submission is,
 * inserted 5,000 per statement, as bench:problembild loads them), and the full problembild read by read: the first
 * full results (which folds every answer into the results cube), the theme ranking built on them, a breakdown and a
 * view filtered on an answer. A folder that already holds a database skips seeding and loading (a restarted app).
 *
 * Each row: RSS, V8 heap used, external and arrayBuffers (process.memoryUsage, after a full GC when --expose-gc is
 * given), the size of PGlite's WebAssembly memory (it only ever grows, so it is the database's high-water mark), and
 * the process's peak RSS so far (getrusage maxrss; PGlite's queries run synchronously and would hide a peak from a
 * timer). Prints a markdown table on stdout, progress on stderr.
 *
 * `--server`: the same pages read over HTTP from the production server as `npm start` runs it (`scripts/start.sh`, the build in TD_BUILD_DIR,
 * default `build/`) started on the folder after this process has filled and closed it: the results page (the first
 * read folds the answers into the cube), the ranking on the survey, a breakdown and a view filtered on an answer, as
 * an analyst with an API token. Rows then show the server process's VmRSS and VmHWM (its peak) from /proc.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import { createAccount, createApiToken } from "../app/features/accounts/accounts.server";
import { getBreakdown, getResults } from "../app/features/results/results.server";
import { getThemeRanking } from "../app/features/results/ranking.server";
import { openDatabase, type Database } from "../app/platform/db.server";
import { PGliteDialect } from "../app/platform/pglite-dialect.server";
import type { DB } from "../db/schema";
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "../db/seed/index";
import { fillSurvey } from "./bench/fill";
import { residentMb, wasmResidentMb } from "./bench/proc";
import { logTo, machineSummary, markdownTable } from "./bench/report";
import { startServer, type RunningServer } from "./bench/server";

const { values: opt } = parseArgs({
  options: {
    n: { type: "string", default: "100000" },
    plain: { type: "boolean", default: false },
    dir: { type: "string" },
    keep: { type: "boolean", default: false },
    server: { type: "boolean", default: false },
    // Fill the folder (migrations, demo data, N answers) and stop: a folder to copy for several --server runs.
    "fill-only": { type: "boolean", default: false },
    // The first `npm start` on a new folder (initdb, migrations, demo data with AUTO_SEED=auto), measured in the server.
    "first-start": { type: "boolean", default: false },
    port: { type: "string", default: "3390" },
    seed: { type: "string", default: "20261123" },
    // With --plain: a Postgres setting at start (`-c name=value` after PGlite's default start parameters).
    set: { type: "string", multiple: true, default: [] },
  },
});
const N = Number(opt.n);
if (!Number.isInteger(N) || N < 0) throw new Error("--n must be a whole number");
const BENCH_TITLE = "Minnesmätning";
const log = logTo();
const MB = 2 ** 20;

interface Row {
  phase: string;
  seconds: number;
  rss: number;
  heap: number | null;
  external: number | null;
  arrayBuffers: number | null;
  wasm: number | null;
  peak: number;
}
const rows: Row[] = [];
let wasmBytes: () => number | null = () => null;
let phaseStart = performance.now();

function record(phase: string) {
  const seconds = (performance.now() - phaseStart) / 1000;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m = process.memoryUsage();
  const row: Row = {
    phase,
    seconds,
    rss: m.rss / MB,
    heap: m.heapUsed / MB,
    external: m.external / MB,
    arrayBuffers: m.arrayBuffers / MB,
    wasm: wasmBytes() === null ? null : wasmBytes()! / MB,
    peak: process.resourceUsage().maxRSS / 1024,
  };
  rows.push(row);
  log(
    `  ${phase}: rss ${row.rss.toFixed(0)} MB, wasm ${row.wasm?.toFixed(0) ?? "?"} MB, peak ${row.peak.toFixed(0)} MB (${seconds.toFixed(1)} s)`,
  );
  phaseStart = performance.now();
}

/** The database: the app's way, or a bare PGlite with its defaults behind the same dialect. */
async function open(dir: string): Promise<{ db: Database; close: () => Promise<void> }> {
  if (!opt.plain) {
    const o = await openDatabase({ dir });
    wasmBytes = () => o.wasmMemoryBytes?.() ?? null;
    return o;
  }
  const startParams = opt.set.length ? [...PGlite.defaultStartParams, ...opt.set.flatMap((s) => ["-c", s])] : undefined;
  const pglite = new PGlite(dir, { parsers: { 1082: (v: string) => v }, startParams });
  await pglite.waitReady;
  wasmBytes = () => (pglite.closed ? null : (pglite.Module.HEAPU8.buffer.byteLength as number));
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, close: () => db.destroy() };
}

/** A citizen survey in Haparanda with N answers, each row built as a submission builds it. */
async function fill(db: Database, kommunId: number): Promise<{ id: number; slug: string }> {
  const { surveyId, slug } = await fillSurvey({
    db,
    kommunId,
    title: BENCH_TITLE,
    seed: Number(opt.seed),
    count: N,
    onChunk: (i) => {
      if (i % 25000 === 0) log(`  ${i} / ${N}`);
    },
  });
  return { id: surveyId, slug };
}

/** One row from the server process's /proc status: VmRSS now, VmHWM its peak. */
function recordServer(phase: string, pid: number) {
  const seconds = (performance.now() - phaseStart) / 1000;
  const { rss, peak } = residentMb(pid);
  const row: Row = {
    phase: `server: ${phase}`,
    seconds,
    rss,
    heap: null,
    external: null,
    arrayBuffers: null,
    wasm: wasmResidentMb(pid),
    peak,
  };
  rows.push(row);
  log(
    `  ${row.phase}: rss ${row.rss.toFixed(0)} MB, wasm resident ${row.wasm?.toFixed(0) ?? "?"} MB, peak ${row.peak.toFixed(0)} MB (${seconds.toFixed(1)} s)`,
  );
  phaseStart = performance.now();
}

/** The built app on `dir` as `npm start` runs it (scripts/start.sh execs node, so the pid is the server's). */
function startApp(dir: string, env: Record<string, string>, stdout: "ignore" | number, pollMs: number) {
  phaseStart = performance.now();
  return startServer({
    command: ["sh", "scripts/start.sh"],
    port: Number(opt.port),
    env: { ...env, DATABASE_URL: "", PGLITE_DIR: dir },
    stdout,
    healthTimeoutMs: 300_000,
    pollMs,
  });
}

/** Stops the server; a bad exit is logged, not thrown. */
async function stopApp(server: RunningServer) {
  const code = await server.stop();
  if (code !== 0) log(`server exited with ${code}`);
}

/** The built app on `dir`, read over HTTP as an analyst; rows from the server process. */
async function serveAndRead(dir: string, token: string, slug: string) {
  // The server's log (errors included) goes to this process's stderr.
  const server = await startApp(dir, { LOG_LEVEL: process.env.LOG_LEVEL ?? "silent", AUTO_SEED: "never" }, 2, 500);
  try {
    recordServer("started, healthy", server.pid);
    const get = async (label: string, url: string) => {
      const res = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      recordServer(label, server.pid);
    };
    const survey = `/app/haparanda/enkater/${slug}`;
    await get("results page, first read (folds the answers into the cube)", `${survey}/resultat`);
    await get("results page again", `${survey}/resultat`);
    await get("ranking on the survey", `/app/haparanda/rangordning?survey=${slug}`);
    await get("breakdown by age band × gender", `${survey}/resultat/uppdelning?by=age_band&by=gender`);
    await get(
      "filtered on an answer (problems.drug_dealing = 4 or 3)",
      `${survey}/resultat?where=problems.drug_dealing:4&where=problems.drug_dealing:3`,
    );
  } finally {
    await stopApp(server);
  }
}

/** `npm start` on a new folder: the server's time to /healthz, its VmRSS then and 30 s later, and its VmHWM. */
async function firstStart(dir: string) {
  if (fs.existsSync(path.join(dir, "PG_VERSION")))
    throw new Error(`--first-start needs a new folder; ${dir} holds a database`);
  const server = await startApp(dir, { LOG_LEVEL: "silent", AUTO_SEED: "auto" }, "ignore", 250);
  try {
    recordServer("first start on a new folder (initdb, migrations, demo data), healthy", server.pid);
    await new Promise((r) => setTimeout(r, 30_000));
    recordServer("30 s later, idle", server.pid);
    const res = await fetch(`${server.url}/logga-in`);
    await res.arrayBuffer();
    recordServer(`sign-in page (${res.status})`, server.pid);
  } finally {
    await stopApp(server);
  }
}

async function main() {
  if (opt["first-start"]) {
    const dir = path.resolve(opt.dir ?? path.join(os.tmpdir(), `td-bench-first-${process.pid}`));
    try {
      await firstStart(dir);
    } finally {
      if (!opt.keep) fs.rmSync(dir, { recursive: true, force: true });
    }
    printRows("first start of the server on a new folder");
    return;
  }
  const dir = path.resolve(opt.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "td-bench-memory-")));
  const existing = fs.existsSync(path.join(dir, "PG_VERSION"));
  if (opt.set.length && !opt.plain) throw new Error("--set needs --plain (the app's settings are in db.server.ts)");
  log(
    `${opt.plain ? `plain new PGlite(dir) ${opt.set.join(" ")}` : "openDatabase (the app's way)"} on ${existing ? "the existing" : "a new"} folder ${dir}`,
  );
  record("process start (modules loaded)");
  const { db, close } = await open(dir);
  let server: { token: string; slug: string } | null = null;
  try {
    await db.selectNoFrom((eb) => eb.val(1).as("one")).execute();
    record(existing ? "PGlite started (existing folder)" : "PGlite started (new folder: initdb)");
    await migrateToLatest(db);
    record("migrations");
    const kommun = await db.selectFrom("organisation").select("id").where("slug", "=", "haparanda").executeTakeFirst();
    let survey: { id: number; slug: string } | undefined = kommun
      ? await db
          .selectFrom("survey")
          .select(["id", "slug"])
          .where("kommun_id", "=", kommun.id)
          .where("title", "=", BENCH_TITLE)
          .executeTakeFirst()
      : undefined;
    if (!existing) {
      await seedDemo({ db });
      record("demo data (seedDemo)");
    }
    const kommunId = (
      await db.selectFrom("organisation").select("id").where("slug", "=", "haparanda").executeTakeFirstOrThrow()
    ).id;
    if (!survey) {
      survey = await fill(db, kommunId);
      record(`${N.toLocaleString("en-US")} synthetic answers inserted`);
    }
    const { id: surveyId, slug } = survey;
    if (opt["fill-only"]) {
      log(`filled ${dir}`);
    } else if (opt.server) {
      const email = "minnesmatning@haparanda.example";
      const known = await db.selectFrom("account").select("id").where("email", "=", email).executeTakeFirst();
      const accountId =
        known?.id ??
        (await createAccount({ db, email, role: "analyst", organisationId: kommunId, side: null })).accountId;
      server = { token: await createApiToken({ db, accountId, label: "bench-memory" }), slug };
    } else {
      await getResults({ db, surveyId });
      record("full results, first read (folds the answers into the cube)");
      await getResults({ db, surveyId });
      record("full results again (cube read)");
      await getThemeRanking({ db, kommunId, surveySlug: slug });
      record("theme ranking on the survey");
      await getBreakdown({ db, surveyId, question: "problems.drug_dealing", by: ["age_band", "gender"] });
      record("breakdown: problems.drug_dealing by age band × gender");
      await getResults({ db, surveyId, filters: { where: ["problems.drug_dealing:4", "problems.drug_dealing:3"] } });
      record("filtered on an answer (problems.drug_dealing = 4 or 3)");
    }
  } finally {
    await close();
    if (!opt.keep && !opt.dir && !server) fs.rmSync(dir, { recursive: true, force: true });
  }
  if (server) {
    try {
      await serveAndRead(dir, server.token, server.slug);
    } finally {
      if (!opt.keep && !opt.dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  printRows(
    `${opt.plain ? `\`new PGlite(dir)\`, ${opt.set.length ? opt.set.join(", ") : "PGlite's defaults"}` : "`openDatabase` (the app)"}, ${existing ? "existing folder" : "new folder"}, ${N.toLocaleString("en-US")} answers`,
  );
}

function printRows(title: string) {
  const gcNote = (globalThis as { gc?: () => void }).gc ? "after a full GC" : "without GC (run node with --expose-gc)";
  console.log(`\n### ${title}`);
  console.log(
    `${machineSummary()}; MB ${gcNote} (server rows: /proc VmRSS and VmHWM; WASM memory = resident part of PGlite's WebAssembly memory, from smaps)\n`,
  );
  const f = (n: number | null) => (n === null ? "–" : n.toFixed(0));
  const header = ["after", "s", "RSS", "heap used", "external", "arrayBuffers", "WASM memory", "peak RSS so far"];
  const cells = rows.map((r) => [
    r.phase,
    r.seconds.toFixed(1),
    ...[r.rss, r.heap, r.external, r.arrayBuffers, r.wasm, r.peak].map(f),
  ]);
  for (const line of markdownTable(header, ["left", ...header.slice(1).map(() => "right" as const)], cells))
    console.log(line);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
