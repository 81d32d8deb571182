/**
 * Submission load benchmark (the submission target, docs/benchmarks.md#targets): the production build under rising concurrency, then a check in the database
 * that every acknowledged answer is stored exactly once and nothing else is.
 *
 *   npm run build && npm run bench:submit                       # PostgreSQL on 127.0.0.1:5432 (a throwaway database)
 *   npm run bench:submit -- --engine pglite                     # embedded PGlite in a temporary folder
 *   npm run bench:submit -- --levels 10,50 --requests 5000 --max-seconds 20
 *
 * What it does: creates a throwaway database (PostgreSQL: `td_bench_<random>` on BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test, dropped at the end; PGlite: a temporary folder,
 * deleted at the end), opens one standard citizen survey in it through the model functions, starts
 * `node server.mjs` as a child on 127.0.0.1 and a free port (SUBMIT_RATE_LIMIT=0, LOG_LEVEL=silent, TD_BUILD_DIR
 * passed on), and sends valid answers from the synthetic generator with autocannon at each concurrency level.
 * A share of the requests (10% by default) re-send an id already sent, with the same data, as a client's retry would.
 * Each level is bounded by a number of requests and by a time cap; the whole run by a watchdog.
 *
 * Afterwards, with the server stopped, it reads the survey's rows and checks: every acknowledged id (201 or 200) is
 * stored exactly once with the data that was sent; no row exists for an id that was never acknowledged; the row
 * count equals the number of distinct acknowledged ids. Ids whose request got no answer at all (a client time-out,
 * or a level stopped by its time cap) are reported apart: their outcome is unknown to the client, which would retry.
 *
 * Prints a markdown table for docs/benchmarks.md on stdout (progress goes to stderr); exits 1 if the check fails.
 * Builds nothing: run `npm run build` first (or point TD_BUILD_DIR at a build).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { canonicalJson } from "../app/features/surveys/responses.server";
import { createSurvey, setSurveyStatus } from "../app/features/surveys/surveys.server";
import { getOrganisationBySlug } from "../app/features/accounts/organisations.server";
import { openDatabase, type OpenDatabase } from "../app/platform/db.server";
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "../db/seed/index";
import {
  DEMO_PROFILES,
  generateAnswerList,
  mulberry32,
  profileAreaChoices,
  standardCitizenDefinition,
} from "../db/seed/synthetic";
import { benchAdminUrl, createThrowawayDatabase } from "./bench/database";
import { freePort, startServer, type RunningServer } from "./bench/server";
import { checkStorage, type Check, type Sent } from "./bench/submit-check";
import { runLevel } from "./bench/submit-level";
import { machine, printReport, type LevelResult } from "./bench/submit-report";

// ---- options ------------------------------------------------------------------------------------------------------

const { values: opt } = parseArgs({
  options: {
    engine: { type: "string", default: "postgres" },
    levels: { type: "string", default: "10,50,100,500" },
    requests: { type: "string", default: "5000" },
    "max-seconds": { type: "string", default: "60" },
    "retry-share": { type: "string", default: "0.1" },
    warmup: { type: "string", default: "1000" },
    pool: { type: "string", default: "2000" },
    seed: { type: "string", default: "20260707" },
    json: { type: "string" },
    help: { type: "boolean", default: false },
    // A/B for ADR 003: drop the results cube's fold_bucket column (and its index) to time submissions without it.
    "without-fold-bucket": { type: "boolean", default: false },
    // Server worker processes (WEB_CONCURRENCY of server.mjs; PostgreSQL only): a number or "auto".
    workers: { type: "string", default: "1" },
    // Writes a V8 CPU profile of the server process into this folder (node --cpu-prof), to find where time goes.
    "cpu-prof": { type: "string" },
    // SUBMIT_RATE_LIMIT of the server: 0 (off) by default, since every request comes from one address; a huge
    // value keeps the counter's work in each request (as in production) without refusing any.
    "rate-limit": { type: "string", default: "0" },
  },
  strict: true,
});

if (opt.help) {
  console.log(
    "usage: npx tsx scripts/bench-submit.ts [--engine postgres|pglite] [--levels 10,50,100,500] [--requests N per level]\n" +
      "       [--max-seconds S cap per level] [--retry-share 0.1] [--warmup N] [--pool N payloads] [--seed N] [--json out.json]\n" +
      "       [--workers N|auto (server processes, PostgreSQL)] [--without-fold-bucket] [--cpu-prof DIR]\n" +
      "       [--rate-limit N (server's SUBMIT_RATE_LIMIT; 0 = off)]",
  );
  process.exit(0);
}

const engine = opt.engine === "pglite" ? "pglite" : opt.engine === "postgres" ? "postgres" : null;
if (!engine) fail(`--engine must be postgres or pglite, not ${opt.engine}`);
const levels = opt.levels.split(",").map((s) => Number(s.trim()));
const perLevel = Number(opt.requests);
const maxSeconds = Number(opt["max-seconds"]);
const retryShare = Number(opt["retry-share"]);
const warmup = Number(opt.warmup);
const poolSize = Number(opt.pool);
const seed = Number(opt.seed);
for (const [name, v] of Object.entries({
  levels: Math.min(...levels),
  requests: perLevel,
  "max-seconds": maxSeconds,
  pool: poolSize,
}))
  if (!Number.isFinite(v) || v <= 0) fail(`--${name} must be a positive number`);
if (!(retryShare >= 0 && retryShare < 1)) fail("--retry-share must be in [0, 1)");
if (levels.some((c) => c > perLevel)) fail("--requests must be at least the highest concurrency level");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = process.env.TD_BUILD_DIR ?? "build";
const buildIndex = path.resolve(root, buildDir, "index.js");
if (!fs.existsSync(buildIndex))
  fail(`${path.relative(root, buildIndex)} is missing: build first (npm run build), or set TD_BUILD_DIR to a build.`);

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
function fail(msg: string): never {
  process.stderr.write(`bench-submit: ${msg}\n`);
  process.exit(2);
}

// ---- the throwaway database ---------------------------------------------------------------------------------------

interface Target {
  /** Environment for the server child. */
  env: Record<string, string>;
  open(): Promise<OpenDatabase>;
  cleanup(): Promise<void>;
  describe: string;
}

async function makeTarget(): Promise<Target> {
  if (engine === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "td-bench-pglite-"));
    return {
      env: { PGLITE_DIR: dir, DATABASE_URL: "" },
      open: () => openDatabase({ dir }),
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
      describe: `PGlite in ${dir}`,
    };
  }
  const adminUrl = benchAdminUrl();
  const host = new URL(adminUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host))
    fail(`the benchmark only runs against a local PostgreSQL, not ${host}`);
  const database = await createThrowawayDatabase(adminUrl).catch((e: Error) =>
    fail(`cannot create a database on ${adminUrl}: ${e.message}`),
  );
  benchDatabase = database.name;
  return {
    env: { DATABASE_URL: database.url },
    open: () => openDatabase({ url: database.url, poolSize: 2 }),
    cleanup: database.drop,
    describe: `PostgreSQL database ${database.name} on ${new URL(database.url).host}`,
  };
}

// ---- the server child ---------------------------------------------------------------------------------------------

async function startBenchServer(env: Record<string, string>): Promise<RunningServer> {
  const profile = opt["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(opt["cpu-prof"])}`] : [];
  return startServer({
    command: [process.execPath, ...profile, "server.mjs"],
    cwd: root,
    port: await freePort(),
    env: {
      ...env,
      SUBMIT_RATE_LIMIT: opt["rate-limit"] ?? "0",
      LOG_LEVEL: "silent",
      AUTO_SEED: "never",
      TD_BUILD_DIR: buildDir,
      WEB_CONCURRENCY: opt.workers ?? "1",
    },
    stdout: "inherit",
    healthTimeoutMs: 60_000,
    pollMs: 200,
  });
}

// ---- what was sent and what came back -----------------------------------------------------------------------------

const sent = new Map<string, Sent>();
const sentIds: string[] = [];

let benchDatabase = "";
const levelContext = {
  sent,
  sentIds,
  retryShare,
  maxSeconds,
  get database() {
    return engine === "postgres" ? benchDatabase : null;
  },
};

// ---- main ---------------------------------------------------------------------------------------------------------

const watchdogMs = (levels.length * maxSeconds + 240) * 1000;
let cleanupHook: (() => Promise<void>) | null = null;
const watchdog = setTimeout(() => {
  process.stderr.write(`bench-submit: the whole run exceeded ${watchdogMs / 1000} s; stopping\n`);
  void (cleanupHook?.() ?? Promise.resolve()).finally(() => process.exit(1));
}, watchdogMs);
watchdog.unref();

async function main() {
  const target = await makeTarget();
  let server: RunningServer | null = null;
  const cleanup = async () => {
    await server?.stop().catch(() => undefined);
    await target.cleanup().catch((e: Error) => log(`cleanup failed: ${e.message}`));
  };
  cleanupHook = cleanup;
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    log(`engine: ${target.describe}`);
    const profile = DEMO_PROFILES.pajala!;
    const areas = profileAreaChoices(profile);
    const definition = standardCitizenDefinition(profile, areas);

    // Set up the survey with the model functions, then let go of the database (PGlite allows one process).
    let surveyId: number;
    let slug: string;
    {
      const open = await target.open();
      try {
        await migrateToLatest(open.db);
        if (opt["without-fold-bucket"]) await sql`alter table response drop column fold_bucket`.execute(open.db);
        await seedDemo({ db: open.db, withSurveys: false });
        const kommun = await getOrganisationBySlug({ db: open.db, slug: profile.kommun, kind: "kommun" });
        const created = await createSurvey({
          db: open.db,
          kommunId: kommun.id,
          kommunSlug: kommun.slug,
          period: "2026",
          kind: "medborgarenkat",
          title: "Trygghetsenkät 2026 (benchmark)",
          definition,
          settings: {
            areas: areas.map((a) =>
              typeof a === "string"
                ? { value: a, text: a }
                : { value: a.value, text: typeof a.text === "string" ? a.text : a.text.default },
            ),
            demographics: { area: "area", age_band: "age_band", gender: "gender" },
          },
        });
        await setSurveyStatus({ db: open.db, surveyId: created.id, status: "open" });
        surveyId = created.id;
        slug = created.slug;
      } finally {
        await open.close();
      }
    }

    const answers = generateAnswerList({ seed, count: poolSize, profile, areas, definition });
    const bodies = answers.map((a) => ({ body: JSON.stringify(a), data: canonicalJson(a) }));
    const avgBytes = Math.round(bodies.reduce((n, b) => n + b.body.length, 0) / bodies.length) + 80;
    log(`survey ${slug} open; ${bodies.length} synthetic answers pre-generated (about ${avgBytes} bytes per request)`);

    server = await startBenchServer(target.env);
    log(`server on ${server.url} (build ${buildDir}, pid ${server.pid})`);
    const rng = mulberry32(seed);

    if (warmup > 0) {
      const w = await runLevel(server.url, slug, Math.min(10, warmup), warmup, bodies, rng, server.pid, levelContext);
      log(`warm-up: ${w.answered} answered in ${w.seconds.toFixed(1)} s`);
    }
    const results: LevelResult[] = [];
    for (const c of levels) {
      log(`concurrency ${c}: up to ${perLevel} requests, at most ${maxSeconds} s ...`);
      const r = await runLevel(server.url, slug, c, perLevel, bodies, rng, server.pid, levelContext);
      results.push(r);
      log(
        `concurrency ${c}: ${(r.accepted / r.seconds).toFixed(0)} accepted/s, p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, ` +
          `p99 ${r.p99.toFixed(0)} ms, statuses ${JSON.stringify(r.status)}, server CPU ${r.serverCpuMs.toFixed(2)} ms/request` +
          `${r.stoppedByCap ? " (stopped by the time cap)" : ""}`,
      );
    }

    await server.stop();
    server = null;
    const open = await target.open();
    let check: Check;
    try {
      check = await checkStorage(open, surveyId, sent);
    } finally {
      await open.close();
    }

    printReport(results, check, avgBytes, {
      engine: engine!,
      buildDir,
      levels,
      perLevel,
      maxSeconds,
      retryShare,
      workers: opt.workers ?? "1",
      rateLimit: opt["rate-limit"] ?? "0",
    });
    if (opt.json)
      fs.writeFileSync(
        opt.json,
        JSON.stringify(
          { engine, machine: machine(), results, check: { ...check, missing: check.missing.length } },
          null,
          2,
        ),
      );
    // Every payload is valid and every retry repeats its data: anything but 201 and 200 is a failure too.
    const unexpected = results.flatMap((r) =>
      Object.keys(r.status)
        .filter((k) => k !== "200" && k !== "201")
        .map((k) => `${r.connections} clients: ${r.status[k]} × ${k}`),
    );
    if (unexpected.length) log(`unexpected statuses: ${unexpected.join("; ")}`);
    process.exitCode = check.ok && unexpected.length === 0 ? 0 : 1;
  } finally {
    await cleanup();
  }
}

main().catch(async (err) => {
  process.stderr.write(`bench-submit: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  await cleanupHook?.().catch(() => undefined);
  process.exit(1);
});
