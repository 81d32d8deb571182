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
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, type Insertable } from "kysely";
import { createAccount, createApiToken } from "../app/features/accounts/accounts.server";
import { canonicalJson, planFor } from "../app/features/surveys/responses.server";
import { codesFor } from "../app/features/surveys/codebook.server";
import { getBreakdown, getResults } from "../app/features/results/results.server";
import { createSurvey, setSurveyStatus } from "../app/features/surveys/surveys.server";
import { encodeChoiceAnswers, validateAnswers } from "../app/features/surveys/validation.server";
import { getThemeRanking } from "../app/features/results/ranking.server";
import { sha256 } from "../app/platform/crypto.server";
import { openDatabase, type Database } from "../app/platform/db.server";
import { PGliteDialect } from "../app/platform/pglite-dialect.server";
import type { Channel, DB, ResponseTable } from "../db/schema";
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "../db/seed/index";
import { DEMO_PROFILES, generateAnswers, profileAreaChoices, standardCitizenDefinition } from "../db/seed/synthetic";

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
const CHUNK = 5000;
const BENCH_TITLE = "Minnesmätning";
const log = (msg: string) => process.stderr.write(`${msg}\n`);
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

const channelOf = (i: number): Channel => (i % 100 < 80 ? "web" : i % 100 < 96 ? "paper" : "phone");

/** A citizen survey in Haparanda with N answers, each row built as a submission builds it. */
async function fill(db: Database, kommunId: number) {
  const profile = DEMO_PROFILES.haparanda!;
  const areas = profileAreaChoices(profile);
  const definition = standardCitizenDefinition(profile, areas);
  const { id: surveyId, slug } = await createSurvey({
    db,
    kommunId,
    kommunSlug: "haparanda",
    period: "2026",
    kind: "medborgarenkat",
    title: BENCH_TITLE,
    definition,
    settings: { demographics: { area: "area", age_band: "age_band", gender: "gender" } },
  });
  await setSurveyStatus({ db, surveyId, status: "open" });
  const { current_version_id } = await db
    .selectFrom("survey")
    .select("current_version_id")
    .where("id", "=", surveyId)
    .executeTakeFirstOrThrow();
  const versionId = current_version_id!;
  const plan = planFor(versionId, definition as Record<string, unknown>);
  let batch: Insertable<ResponseTable>[] = [];
  let i = 0;
  for (const answer of generateAnswers({ seed: Number(opt.seed), count: N, profile, areas })) {
    const r = validateAnswers(plan, answer, "sv");
    if (!r.ok) throw new Error(`generated answer ${i} is invalid`);
    const pick = (k: string) => (typeof r.data[k] === "string" ? (r.data[k] as string) : null);
    batch.push({
      id: crypto.randomUUID(),
      survey_id: surveyId,
      version_id: versionId,
      channel: channelOf(i),
      locale: "sv",
      submitted_on: `2026-${i % 2 ? "10" : "11"}-${String((i % 28) + 1).padStart(2, "0")}`,
      data: JSON.stringify(r.data),
      data_hash: sha256(canonicalJson(r.data)),
      codes: await codesFor({ db, surveyId, pairs: encodeChoiceAnswers(plan, r.data) }),
      area: pick("area"),
      age_band: pick("age_band"),
      gender: pick("gender"),
    });
    i++;
    if (batch.length === CHUNK) {
      await db.insertInto("response").values(batch).execute();
      batch = [];
      if (i % 25000 === 0) log(`  ${i} / ${N}`);
    }
  }
  if (batch.length) await db.insertInto("response").values(batch).execute();
  return { id: surveyId, slug };
}

/**
 * The resident part of the server's WebAssembly memory (MB): V8 reserves GBs of address space around each 32-bit
 * WebAssembly memory, so it is the read-write anonymous mapping that lies between two inaccessible ones of 1 GB or
 * more in /proc/<pid>/smaps (PGlite's Postgres; the rest of RSS is Node, V8's heap and native allocations).
 */
function wasmResident(pid: number): number | null {
  try {
    const vmas: { size: number; rss: number; perms: string }[] = [];
    for (const line of fs.readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
      const head = /^[0-9a-f]+-[0-9a-f]+ (\S{4}) /.exec(line);
      if (head) vmas.push({ size: 0, rss: 0, perms: head[1]! });
      const size = /^Size:\s+(\d+) kB/.exec(line);
      if (size) vmas.at(-1)!.size = Number(size[1]);
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (rss) vmas.at(-1)!.rss = Number(rss[1]);
    }
    const guard = (v: (typeof vmas)[number] | undefined) => v?.perms === "---p" && v.size >= 2 ** 20;
    let total = 0;
    vmas.forEach((v, i) => {
      if (v.perms === "rw-p" && guard(vmas[i - 1]) && guard(vmas[i + 1])) total += v.rss;
    });
    return total / 1024;
  } catch {
    return null;
  }
}

/** One row from the server process's /proc status: VmRSS now, VmHWM its peak. */
function recordServer(phase: string, pid: number) {
  const seconds = (performance.now() - phaseStart) / 1000;
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  const row: Row = {
    phase: `server: ${phase}`,
    seconds,
    rss: kb("VmRSS") / 1024,
    heap: null,
    external: null,
    arrayBuffers: null,
    wasm: wasmResident(pid),
    peak: kb("VmHWM") / 1024,
  };
  rows.push(row);
  log(
    `  ${row.phase}: rss ${row.rss.toFixed(0)} MB, wasm resident ${row.wasm?.toFixed(0) ?? "?"} MB, peak ${row.peak.toFixed(0)} MB (${seconds.toFixed(1)} s)`,
  );
  phaseStart = performance.now();
}

/** The built app on `dir`, read over HTTP as an analyst; rows from the server process. */
async function serveAndRead(dir: string, token: string, slug: string) {
  const port = Number(opt.port);
  // As `npm start` runs it (scripts/start.sh execs node, so the pid is the server's).
  const child = spawn("sh", ["scripts/start.sh"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
      AUTO_SEED: "never",
      DATABASE_URL: "",
      PGLITE_DIR: dir,
    },
    // The server's log (errors included) goes to this process's stderr.
    stdio: ["ignore", 2, "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    phaseStart = performance.now();
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      if ((await fetch(`${base}/healthz`).catch(() => null))?.ok) break;
      if (i > 600) throw new Error("server not healthy after 5 minutes");
      await new Promise((r) => setTimeout(r, 500));
    }
    recordServer("started, healthy", child.pid!);
    const get = async (label: string, url: string) => {
      const res = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      recordServer(label, child.pid!);
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
    child.kill("SIGTERM");
    const code = await exited;
    if (code !== 0) log(`server exited with ${code}`);
  }
}

/** `npm start` on a new folder: the server's time to /healthz, its VmRSS then and 30 s later, and its VmHWM. */
async function firstStart(dir: string) {
  if (fs.existsSync(path.join(dir, "PG_VERSION")))
    throw new Error(`--first-start needs a new folder; ${dir} holds a database`);
  const port = Number(opt.port);
  const child = spawn("sh", ["scripts/start.sh"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "silent",
      AUTO_SEED: "auto",
      DATABASE_URL: "",
      PGLITE_DIR: dir,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    phaseStart = performance.now();
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      if ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok) break;
      if (i > 1200) throw new Error("server not healthy after 5 minutes");
      await new Promise((r) => setTimeout(r, 250));
    }
    recordServer("first start on a new folder (initdb, migrations, demo data), healthy", child.pid!);
    await new Promise((r) => setTimeout(r, 30_000));
    recordServer("30 s later, idle", child.pid!);
    const res = await fetch(`http://127.0.0.1:${port}/logga-in`);
    await res.arrayBuffer();
    recordServer(`sign-in page (${res.status})`, child.pid!);
  } finally {
    child.kill("SIGTERM");
    const code = await exited;
    if (code !== 0) log(`server exited with ${code}`);
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
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}; MB ${gcNote} (server rows: /proc VmRSS and VmHWM; WASM memory = resident part of PGlite's WebAssembly memory, from smaps)\n`,
  );
  console.log("| after | s | RSS | heap used | external | arrayBuffers | WASM memory | peak RSS so far |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  const f = (n: number | null) => (n === null ? "–" : n.toFixed(0));
  for (const r of rows)
    console.log(
      `| ${r.phase} | ${r.seconds.toFixed(1)} | ${f(r.rss)} | ${f(r.heap)} | ${f(r.external)} | ${f(r.arrayBuffers)} | ${f(r.wasm)} | ${f(r.peak)} |`,
    );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
