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
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
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

// ---- autocannon (CommonJS, no bundled types): the small part of its API used here ------------------------------

interface AcRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  setupRequest?: (req: AcRequest, context: Record<string, unknown>) => AcRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
interface AcResult {
  errors: number;
  timeouts: number;
  duration: number;
}
interface AcInstance {
  on(event: "response", fn: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
  stop(): void;
}
type Autocannon = (
  opts: {
    url: string;
    connections: number;
    amount: number;
    timeout: number;
    pipelining: number;
    requests: AcRequest[];
  },
  cb: (err: Error | null, result: AcResult) => void,
) => AcInstance;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

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
  const adminUrl =
    process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
  const host = new URL(adminUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host))
    fail(`the benchmark only runs against a local PostgreSQL, not ${host}`);
  const name = `td_bench_${crypto.randomBytes(4).toString("hex")}`;
  benchDatabase = name;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`).catch((e: Error) =>
    fail(`cannot create a database on ${adminUrl}: ${e.message}`),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ url: url.toString(), poolSize: 2 }),
    cleanup: () => admin(`drop database if exists ${name} with (force)`),
    describe: `PostgreSQL database ${name} on ${url.host}`,
  };
}

// ---- the server child ---------------------------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const profile = opt["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(opt["cpu-prof"])}`] : [];
  const child = spawn(process.execPath, [...profile, "server.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      SUBMIT_RATE_LIMIT: opt["rate-limit"] ?? "0",
      LOG_LEVEL: "silent",
      AUTO_SEED: "never",
      TD_BUILD_DIR: buildDir,
      WEB_CONCURRENCY: opt.workers ?? "1",
    },
    stdio: ["ignore", "inherit", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
    process.stderr.write(d);
  });
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      const hint = /corrupted migrations|migration .* is missing/i.test(stderr)
        ? ` The build in ${buildDir} is older than the migrations in db/: rebuild it (npm run build).`
        : "";
      throw new Error(`the server exited before it answered /healthz (see its output above).${hint}`);
    }
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("the server did not answer /healthz within 60 s");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    url,
    stop: async () => {
      if (exited) return;
      child.kill("SIGTERM"); // a clean shutdown closes the database (PGlite flushes and unlocks its folder)
      const t = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exit;
      clearTimeout(t);
    },
  };
}

// ---- what was sent and what came back -----------------------------------------------------------------------------

interface Sent {
  body: string;
  data: string; // canonical JSON of the answer, to compare with what is stored
  sends: number;
  answered: number;
  statuses: number[];
}

const sent = new Map<string, Sent>();
const sentIds: string[] = [];

interface LevelResult {
  connections: number;
  requests: number;
  answered: number;
  seconds: number;
  status: Record<string, number>;
  accepted: number;
  created: number;
  retriesSent: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  stoppedByCap: boolean;
  /** CPU time of the server process per answered request (Linux /proc), and of this load generator. */
  serverCpuMs: number;
  clientCpuMs: number;
  /** CPU time of all local PostgreSQL processes per answered request (PostgreSQL engine on this machine; else NaN). */
  databaseCpuMs: number;
}

/**
 * CPU seconds used so far by a process and its live children (the workers of a clustered server.mjs), from /proc
 * (Linux; clock ticks are 100 Hz there); NaN elsewhere.
 */
function processCpuSeconds(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    let children = 0;
    try {
      const ids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
      for (const id of ids) children += processCpuSeconds(Number(id)) || 0;
    } catch {
      /* no children file: the process alone */
    }
    return (Number(fields[11]) + Number(fields[12])) / 100 + children; // utime + stime
  } catch {
    return NaN;
  }
}

let benchDatabase = "";

/**
 * CPU seconds used so far by the local PostgreSQL for this benchmark (Linux /proc): the backends connected to the
 * benchmark's database and the server's shared processes (WAL writer, checkpointer, background writer; their work
 * for other databases on the same server is counted too). Backends that exited since the start are not counted.
 */
function postgresCpuSeconds(): number {
  let total = 0;
  try {
    for (const pid of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        if (!stat.includes("(postgres)")) continue;
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!cmd.includes(` ${benchDatabase} `) && !/: (walwriter|checkpointer|background writer)/.test(cmd)) continue;
        const fields = stat.split(") ")[1]!.split(" ");
        total += (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        /* gone meanwhile */
      }
    }
  } catch {
    return NaN;
  }
  return total;
}

function percentile(sorted: Float64Array, p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function runLevel(
  url: string,
  slug: string,
  connections: number,
  amount: number,
  bodies: { body: string; data: string }[],
  rng: () => number,
  serverPid?: number,
): Promise<LevelResult> {
  const serverCpu0 = processCpuSeconds(serverPid);
  const databaseCpu0 = engine === "postgres" ? postgresCpuSeconds() : NaN;
  const clientCpu0 = process.cpuUsage();
  const status: Record<string, number> = {};
  const latencies: number[] = [];
  let retriesSent = 0;
  let firstSend = 0;
  let lastResponse = 0;
  let nextBody = Math.floor(rng() * bodies.length);

  const request: AcRequest = {
    method: "POST",
    path: `/api/v1/surveys/${slug}/responses`,
    headers: { "content-type": "application/json" },
    setupRequest: (req, context) => {
      if (!firstSend) firstSend = performance.now();
      let id: string;
      if (sentIds.length > 0 && rng() < retryShare) {
        // A client's retry: an id already sent, with exactly the same body.
        id = sentIds[Math.floor(rng() * sentIds.length)]!;
        retriesSent++;
      } else {
        id = crypto.randomUUID();
        const b = bodies[nextBody++ % bodies.length]!;
        sent.set(id, {
          body: `{"id":"${id}","data":${b.body},"locale":"sv","channel":"web"}`,
          data: b.data,
          sends: 0,
          answered: 0,
          statuses: [],
        });
        sentIds.push(id);
      }
      const s = sent.get(id)!;
      s.sends++;
      context.id = id;
      return { ...req, body: s.body };
    },
    onResponse: (code, _body, context) => {
      lastResponse = performance.now();
      const s = sent.get(context.id as string);
      if (s) {
        s.answered++;
        s.statuses.push(code);
      }
      status[code] = (status[code] ?? 0) + 1;
    },
  };

  return new Promise((resolve, reject) => {
    let stoppedByCap = false;
    const instance = autocannon(
      { url, connections, amount, timeout: 30, pipelining: 1, requests: [request] },
      (err, result) => {
        clearTimeout(cap);
        if (err) return reject(err);
        const sorted = Float64Array.from(latencies).sort();
        const answered = latencies.length;
        const seconds = Math.max(0.001, (lastResponse - firstSend) / 1000);
        const accepted = (status[201] ?? 0) + (status[200] ?? 0);
        const clientCpu = process.cpuUsage(clientCpu0);
        resolve({
          serverCpuMs: ((processCpuSeconds(serverPid) - serverCpu0) * 1000) / Math.max(1, answered),
          clientCpuMs: (clientCpu.user + clientCpu.system) / 1000 / Math.max(1, answered),
          databaseCpuMs: ((postgresCpuSeconds() - databaseCpu0) * 1000) / Math.max(1, answered),
          connections,
          requests: amount,
          answered,
          seconds,
          status,
          accepted,
          created: status[201] ?? 0,
          retriesSent,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          max: sorted.length ? sorted[sorted.length - 1]! : NaN,
          errors: result.errors,
          timeouts: result.timeouts,
          stoppedByCap,
        });
      },
    );
    instance.on("response", (_client, _code, _bytes, ms) => latencies.push(ms));
    const cap = setTimeout(() => {
      stoppedByCap = true;
      instance.stop();
    }, maxSeconds * 1000);
  });
}

// ---- the database check -------------------------------------------------------------------------------------------

interface Check {
  rows: number;
  distinctAcknowledged: number;
  missing: string[];
  duplicated: number;
  wrongData: string[];
  unacknowledgedStored: string[];
  unknownOutcome: number;
  unknownStored: number;
  foreign: string[];
  ok: boolean;
}

async function checkStorage(open: OpenDatabase, surveyId: number): Promise<Check> {
  const rows = await open.db.selectFrom("response").select(["id", "data"]).where("survey_id", "=", surveyId).execute();
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.id, (count.get(r.id) ?? 0) + 1);
  const acknowledged = [...sent].filter(([, s]) => s.statuses.some((c) => c === 201 || c === 200)).map(([id]) => id);
  const ackSet = new Set(acknowledged);
  const missing = acknowledged.filter((id) => !count.has(id));
  const duplicated = [...count.values()].filter((n) => n > 1).length;
  const wrongData: string[] = [];
  for (const r of rows) {
    const s = sent.get(r.id);
    if (s && canonicalJson(r.data) !== s.data) wrongData.push(r.id);
  }
  // An id sent at least once without any answer (time-out, or a level stopped by its cap): the client does not
  // know whether it was stored and would retry; a row for it is not an error, and neither is its absence.
  const unknown = [...sent].filter(([id, s]) => !ackSet.has(id) && s.answered < s.sends).map(([id]) => id);
  const unknownSet = new Set(unknown);
  const unacknowledgedStored = rows
    .filter((r) => sent.has(r.id) && !ackSet.has(r.id) && !unknownSet.has(r.id))
    .map((r) => r.id);
  const foreign = rows.filter((r) => !sent.has(r.id)).map((r) => r.id);
  const unknownStored = rows.filter((r) => unknownSet.has(r.id)).length;
  const ok =
    missing.length === 0 &&
    duplicated === 0 &&
    wrongData.length === 0 &&
    unacknowledgedStored.length === 0 &&
    foreign.length === 0 &&
    rows.length === ackSet.size + unknownStored;
  return {
    rows: rows.length,
    distinctAcknowledged: ackSet.size,
    missing,
    duplicated,
    wrongData,
    unacknowledgedStored,
    unknownOutcome: unknown.length,
    unknownStored,
    foreign,
    ok,
  };
}

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
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
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

    server = await startServer(target.env);
    log(`server on ${server.url} (build ${buildDir}, pid ${server.child.pid})`);
    const rng = mulberry32(seed);

    if (warmup > 0) {
      const w = await runLevel(server.url, slug, Math.min(10, warmup), warmup, bodies, rng, server.child.pid);
      log(`warm-up: ${w.answered} answered in ${w.seconds.toFixed(1)} s`);
    }
    const results: LevelResult[] = [];
    for (const c of levels) {
      log(`concurrency ${c}: up to ${perLevel} requests, at most ${maxSeconds} s ...`);
      const r = await runLevel(server.url, slug, c, perLevel, bodies, rng, server.child.pid);
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
      check = await checkStorage(open, surveyId);
    } finally {
      await open.close();
    }

    printReport(results, check, avgBytes);
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

const loadAtStart = os.loadavg()[0]!;

function machine() {
  const cpus = os.cpus();
  return (
    `${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.versions.node}; ` +
    `load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (other work on the machine competes)`
  );
}

function printReport(results: LevelResult[], check: Check, avgBytes: number) {
  const engineName = engine === "postgres" ? "PostgreSQL" : "PGlite";
  const lines: string[] = [];
  lines.push(`### Submissions on ${engineName}`);
  lines.push("");
  lines.push(
    `Machine: ${machine()}. Command: \`TD_BUILD_DIR=${buildDir} npx tsx scripts/bench-submit.ts --engine ${engine} --levels ${levels.join(",")} ` +
      `--requests ${perLevel} --max-seconds ${maxSeconds}${opt.workers !== "1" ? ` --workers ${opt.workers}` : ""}` +
      `${opt["rate-limit"] !== "0" ? ` --rate-limit ${opt["rate-limit"]}` : ""}\` (run ${new Date().toISOString().slice(0, 10)}). ` +
      `Load generator (autocannon) on the same machine; ${Math.round(retryShare * 100)}% of requests re-send an id already sent; ` +
      `payload the standard medborgarenkät from the synthetic generator, ~${avgBytes} bytes.`,
  );
  lines.push("");
  lines.push(
    "| clients | requests | seconds | accepted/s | new (201)/s | p50 ms | p95 ms | p99 ms | max ms | statuses | errors/time-outs | server CPU ms/req | PostgreSQL CPU ms/req | load generator CPU ms/req |",
  );
  lines.push("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
  for (const r of results) {
    const statuses = Object.entries(r.status)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ");
    lines.push(
      `| ${r.connections} | ${r.answered} | ${r.seconds.toFixed(1)} | ${Math.round(r.accepted / r.seconds)} | ${Math.round(r.created / r.seconds)} | ` +
        `${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.max.toFixed(0)} | ${statuses}${r.stoppedByCap ? " (time cap)" : ""} | ${r.errors}/${r.timeouts} | ` +
        `${r.serverCpuMs.toFixed(2)} | ${Number.isNaN(r.databaseCpuMs) ? "–" : r.databaseCpuMs.toFixed(2)} | ${r.clientCpuMs.toFixed(2)} |`,
    );
  }
  lines.push("");
  lines.push(
    `Storage check (all levels and the warm-up): ${check.rows} rows for ${check.distinctAcknowledged} distinct acknowledged ids; ` +
      `lost ${check.missing.length}, doubled ${check.duplicated}, stored with other data ${check.wrongData.length}, ` +
      `stored without acknowledgement ${check.unacknowledgedStored.length}, unknown ids ${check.foreign.length}` +
      (check.unknownOutcome
        ? `; ${check.unknownOutcome} ids got no answer at all (${check.unknownStored} of them stored)`
        : "") +
      `: **${check.ok ? "OK" : "FAILED"}**.`,
  );
  if (!check.ok) {
    for (const [name, ids] of Object.entries({
      lost: check.missing,
      "other data": check.wrongData,
      unacknowledged: check.unacknowledgedStored,
      unknown: check.foreign,
    }))
      if (ids.length) process.stderr.write(`  ${name}: ${ids.slice(0, 5).join(", ")}${ids.length > 5 ? " ..." : ""}\n`);
  }
  console.log(lines.join("\n"));
}

main().catch(async (err) => {
  process.stderr.write(`bench-submit: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  await cleanupHook?.().catch(() => undefined);
  process.exit(1);
});
