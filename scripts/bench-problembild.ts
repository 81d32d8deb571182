/**
 * Problembild benchmark (the problembild targets, docs/benchmarks.md#targets): N synthetic answers to the standard citizen survey,
 * then the time of the results queries against the naive `jsonb_each_text` scan.
 *
 *   npx tsx scripts/bench-problembild.ts --n 100000                     # PostgreSQL (a throwaway database)
 *   npx tsx scripts/bench-problembild.ts --n 100000 --engine pglite     # embedded PGlite, in memory
 *   npx tsx scripts/bench-problembild.ts --n 1000000 --runs 5
 *
 * PostgreSQL: creates `td_bench_<random>` on BENCH_DATABASE_URL, else TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test, and drops it at the end. PGlite: in memory (so the process RSS includes
 * the database). Answers come from the demo generator (`generateAnswers`, the lazy form of `generateAnswerList`,
 * Haparanda's profile) in chunks of 5,000, are validated and encoded with the codebook as a submission would be,
 * and inserted 5,000 rows per statement, so memory stays bounded at any N. Each timed operation runs once to warm
 * up, then `--runs` times; the table shows the median and the fastest. On PostgreSQL the timing runs in a fresh
 * child process, so its RSS is that of a process serving these requests (not of the loader). Prints a markdown
 * table on stdout (progress on stderr).
 *
 * Results cube (ADR 003): the first read after loading folds every answer into the cube; that fold is timed on its
 * own, then the cube reads, the scan they replace ("counted by the scan over codes") and, last, reads after 1,000
 * answers added one transaction each. `--keep` keeps the PostgreSQL database and prints the `--time-url …` line
 * that times it again (empty `response_cube` and `response_cube_state` first to time the first fold again).
 *
 * Answer bitmaps (ADR 011): the first view filtered on an answer folds every answer into the bitmaps (timed once, on
 * its own, for all questions at once); then views filtered on answers (one value, several, checkbox options ticked
 * together, two questions, with demographic columns, channels and a week), each hard one beside the scan it
 * replaces, breakdowns of views filtered on an answer, the problembild page's loader (results, participation, filter
 * choices) for four such views and, after 1,000 new answers, the incremental fold and the filtered read. Empty
 * `response_bits`, `response_bits_dim` and `response_bits_state` too to time the first fold again on a kept database.
 * `--only-answer-filters` times only the answer-filter rows (and the cells' storage). `--time-url` applies pending
 * migrations to the kept database first.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql, type Insertable, type RawBuilder } from "kysely";
import pg from "pg";
import { canonicalJson, planFor } from "../app/features/surveys/responses.server";
import { codesFor } from "../app/features/surveys/codebook.server";
import { getBreakdown, getFilterChoices, getResults } from "../app/features/results/results.server";
import {
  codesOf,
  filterSql,
  loadResultsSource,
  parseResultFilters,
  type DemographicColumn,
  type RawResultFilters,
} from "../app/features/results/counting/source.server";
import { scanBreakdown, scanCodes } from "../app/features/results/counting/scan.server";
import { foldCube } from "../app/features/results/counting/cube.server";
import { foldBits } from "../app/features/results/counting/bits.server";
import { getParticipation } from "../app/features/results/participation.server";
import { createSurvey, setSurveyStatus } from "../app/features/surveys/surveys.server";
import { encodeChoiceAnswers, validateAnswers } from "../app/features/surveys/validation.server";
import { sha256 } from "../app/platform/crypto.server";
import { openDatabase, type Database, type OpenDatabase } from "../app/platform/db.server";
import type { Channel, ResponseTable } from "../db/schema";
import { migrateToLatest } from "../db/migrate";
import { DEMO_PROFILES, generateAnswers, profileAreaChoices, standardCitizenDefinition } from "../db/seed/synthetic";

const { values: opt } = parseArgs({
  options: {
    n: { type: "string", default: "10000" },
    engine: { type: "string", default: "postgres" },
    runs: { type: "string", default: "3" },
    seed: { type: "string", default: "20261123" },
    // Keep the filled PostgreSQL database (prints how to time it again with --time-url).
    keep: { type: "boolean", default: false },
    // Only the rows of views filtered on an answer (ADR 011), not the cube's and the naive scans.
    "only-answer-filters": { type: "boolean", default: false },
    // Internal: the timing phase in a fresh process (PostgreSQL), so its RSS is that of a serving process.
    "time-url": { type: "string" },
    "time-survey": { type: "string" },
    "time-area": { type: "string" },
  },
});
const N = Number(opt.n);
const RUNS = Math.max(1, Number(opt.runs));
const ENGINE = opt.engine === "pglite" ? "pglite" : "postgres";
if (!Number.isInteger(N) || N < 1) throw new Error("--n must be a positive integer");
const CHUNK = 5000;
const log = (msg: string) => process.stderr.write(`${msg}\n`);

async function openBenchDatabase(): Promise<{ open: OpenDatabase; url: string | null }> {
  if (ENGINE === "pglite") return { open: await openDatabase({ dir: "memory://" }), url: null };
  const adminUrl =
    process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
  const name = `td_bench_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const open = await openDatabase({ url: url.toString(), poolSize: 4 });
  return {
    url: url.toString(),
    open: {
      ...open,
      close: async () => {
        await open.close();
        if (opt.keep) {
          log(`kept ${url.toString()}`);
          return;
        }
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    },
  };
}

const channelOf = (i: number): Channel => (i % 100 < 80 ? "web" : i % 100 < 96 ? "paper" : "phone");

/** Creates the survey and stores N answers in bulk, built as `storeResponsesAllOrNothing` builds a row. */
async function fill(db: Database) {
  const profile = DEMO_PROFILES.haparanda!;
  const kommun = await db
    .insertInto("organisation")
    .values({ slug: "haparanda", name: "Haparanda kommun", kind: "kommun", parent_id: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const areas = profileAreaChoices(profile);
  const definition = standardCitizenDefinition(profile, areas);
  const { id: surveyId } = await createSurvey({
    db,
    kommunId: kommun.id,
    kommunSlug: "haparanda",
    period: "2026",
    kind: "medborgarenkat",
    title: "Trygghetsenkät 2026",
    definition,
    settings: { demographics: { area: "area", age_band: "age_band", gender: "gender" } },
  });
  await setSurveyStatus({ db, surveyId, status: "open" });
  const version = await db
    .selectFrom("survey")
    .select("current_version_id")
    .where("id", "=", surveyId)
    .executeTakeFirstOrThrow();
  const versionId = version.current_version_id!;
  const plan = planFor(versionId, definition as Record<string, unknown>);
  const started = performance.now();
  let i = 0;
  let batch: Insertable<ResponseTable>[] = [];
  const flush = async () => {
    if (batch.length) await db.insertInto("response").values(batch).execute();
    batch = [];
  };
  for (const answer of generateAnswers({ seed: Number(opt.seed), count: N, profile, areas })) {
    const r = validateAnswers(plan, answer, "sv");
    if (!r.ok) throw new Error(`generated answer ${i} is invalid: ${JSON.stringify(r.errors.slice(0, 2))}`);
    const codes = await codesFor({ db, surveyId, pairs: encodeChoiceAnswers(plan, r.data) });
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
      codes,
      area: pick("area"),
      age_band: pick("age_band"),
      gender: pick("gender"),
    });
    i++;
    if (batch.length === CHUNK) {
      await flush();
      if (i % 50000 === 0)
        log(
          `  ${i.toLocaleString("sv-SE")} / ${N.toLocaleString("sv-SE")} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
    }
  }
  await flush();
  const insertSeconds = (performance.now() - started) / 1000;
  await sql`vacuum analyze response`.execute(db);
  return { surveyId, insertSeconds, area: profile.areas[0]!.value };
}

async function time(
  label: string,
  fn: () => Promise<unknown>,
): Promise<{ label: string; median: number; best: number }> {
  await fn();
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  log(`  ${label}: ${ms.map((m) => m.toFixed(0)).join(", ")} ms`);
  return { label, median: ms[Math.floor(ms.length / 2)]!, best: ms[0]! };
}

/**
 * Full results while answers keep arriving: before each read, 1,000 copies of stored answers are added one per
 * transaction, as submissions arrive; the read folds those whose bucket has closed and counts the rest as the tail.
 */
async function timeWithNewAnswers(db: Database, surveyId: number) {
  const label = "Full results after 1,000 new answers (one transaction each) since the last read: fold + read";
  const ms: number[] = [];
  for (let r = 0; r <= RUNS; r++) {
    await addAnswers(db, surveyId, 1000);
    const t = performance.now();
    await getResults({ db, surveyId });
    if (r > 0) ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  log(`  ${label}: ${ms.map((m) => m.toFixed(0)).join(", ")} ms`);
  return { label, median: ms[Math.floor(ms.length / 2)]!, best: ms[0]! };
}

const ANSWER = ["problems.drug_dealing:4", "problems.drug_dealing:3"];
const WEEK = { from: "2026-11-08", to: "2026-11-14" };

/** Views filtered on answers (ADR 011): the answer bitmaps, beside the scan they replace, and the page's loader. */
async function timeAnswerFilters(db: Database, surveyId: number, area: string): Promise<Row[]> {
  const source = await loadResultsSource(db, surveyId);
  const foldStart = performance.now();
  await foldBits(db, source);
  const fold = performance.now() - foldStart;
  log(`  first fold of the answer bitmaps (every answer, every question): ${fold.toFixed(0)} ms`);
  const anyOf = source.catalog.filter((q) => q.multi).map((q) => codesOf(source, q.name));
  const scan = (raw: RawResultFilters) => () =>
    scanCodes(db, filterSql(source, parseResultFilters(source, raw)), anyOf);
  const results = (raw: RawResultFilters) => () => getResults({ db, surveyId, filters: raw });
  const kommun = await db.selectFrom("survey").select("kommun_id").where("id", "=", surveyId).executeTakeFirstOrThrow();
  const page = (raw: RawResultFilters) => () =>
    Promise.all([
      getResults({ db, surveyId, filters: raw }),
      getParticipation({ db, kommunId: kommun.kommun_id, surveyId, filters: raw }),
      getFilterChoices({ db, surveyId }),
    ]);
  const withArea = { where: [...ANSWER, `area:${area}`] };
  const withAreaWeek = { where: [...ANSWER, `area:${area}`], ...WEEK };
  const twoQuestions = { where: [...ANSWER, "victim_12m:theft"] };
  const heldTogether = { where: ["victim_12m:theft", "victim_12m:vandalism"] };
  const rows: Row[] = [
    {
      label: "First view filtered on an answer: fold of every answer into the answer bitmaps (once for all questions)",
      median: fold,
      best: fold,
    },
    await time("Filtered on an answer (problems.drug_dealing = 4 or 3), answer bitmaps", results({ where: ANSWER })),
    await time(
      "Filtered on an answer (problems.drug_dealing = 4 or 3), counted by the scan over codes",
      scan({ where: ANSWER }),
    ),
    await time(
      "Filtered on one answer value (problems.drug_dealing = 4)",
      results({ where: ["problems.drug_dealing:4"] }),
    ),
    await time("Filtered on an answer and a week", results({ where: ANSWER, ...WEEK })),
    await time("Filtered on an answer and a channel (paper)", results({ where: ANSWER, channel: ["paper"] })),
    await time("Filtered on a checkbox option (victim_12m = burglary)", results({ where: ["victim_12m:burglary"] })),
    await time(
      "Filtered on two checkbox options ticked together by some (victim_12m = theft or vandalism)",
      results(heldTogether),
    ),
    await time("Filtered on two checkbox options, counted by the scan", scan(heldTogether)),
    await time(
      "Filtered on answers to two questions (drug_dealing 4 or 3, and victim_12m = theft)",
      results(twoQuestions),
    ),
    await time("Filtered on answers to two questions, counted by the scan", scan(twoQuestions)),
    await time(`Filtered on an answer and area=${area}`, results(withArea)),
    await time(`Filtered on an answer and area=${area}, counted by the scan`, scan(withArea)),
    await time(
      "Filtered on an answer, age band 65-79 and gender woman",
      results({ where: [...ANSWER, "age_band:65-79", "gender:woman"] }),
    ),
    await time(
      `Filtered on an answer, area=${area} and a channel (paper)`,
      results({ where: [...ANSWER, `area:${area}`], channel: ["paper"] }),
    ),
    await time(`Filtered on an answer, area=${area} and a week`, results(withAreaWeek)),
    await time(`Filtered on an answer, area=${area} and a week, counted by the scan`, scan(withAreaWeek)),
    ...(await breakdownRows(db, surveyId)),
    await time(
      "Problembild page loader filtered on an answer (results + participation + filter choices)",
      page({ where: ANSWER }),
    ),
    await time(`Problembild page loader filtered on an answer and area=${area}`, page(withArea)),
    await time(`Problembild page loader filtered on an answer, area=${area} and a week`, page(withAreaWeek)),
    await time("Problembild page loader filtered on answers to two questions", page(twoQuestions)),
  ];
  // After 1,000 new answers (one transaction each): the incremental fold of the bitmaps, then the read.
  const foldMs: number[] = [];
  const readMs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    await addAnswers(db, surveyId, 1000);
    let t = performance.now();
    await foldBits(db, source);
    foldMs.push(performance.now() - t);
    t = performance.now();
    await getResults({ db, surveyId, filters: { where: ANSWER } });
    readMs.push(performance.now() - t);
  }
  const med = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
  log(
    `  incremental fold after 1,000 answers: ${foldMs.map((m) => m.toFixed(0)).join(", ")} ms; read: ${readMs.map((m) => m.toFixed(0)).join(", ")} ms`,
  );
  rows.push(
    {
      label: "After 1,000 new answers: incremental fold of the answer bitmaps",
      median: med(foldMs),
      best: Math.min(...foldMs),
    },
    {
      label: "After 1,000 new answers: filtered on the answer, read after that fold",
      median: med(readMs),
      best: Math.min(...readMs),
    },
  );
  for (const table of ["response_bits", "response_bits_dim"]) {
    const size = await sql<{ rows: number; bytes: number }>`
      select count(*)::int as rows, pg_total_relation_size(${table})::bigint as bytes from ${sql.table(table)} where survey_id = ${surveyId}`.execute(
      db,
    );
    const z = size.rows[0]!;
    log(`  ${table}: ${z.rows} rows, ${(Number(z.bytes) / 2 ** 20).toFixed(1)} MB with index`);
    rows.push({
      label: `Storage of ${table}: ${z.rows} rows (MB, with index)`,
      median: Number(z.bytes) / 2 ** 20,
      best: Number(z.bytes) / 2 ** 20,
    });
  }
  return rows;
}

/** Breakdowns of views filtered on an answer (ADR 011): the answer bitmaps, beside the scan. */
async function breakdownRows(db: Database, surveyId: number): Promise<Row[]> {
  const source = await loadResultsSource(db, surveyId);
  const rows: Row[] = [];
  const cases: [string, DemographicColumn[], RawResultFilters][] = [
    ["safe_night_area", ["area"], { where: ANSWER }],
    ["safe_night_area", ["area", "gender"], { where: ANSWER }],
    ["safe_night_area", ["area", "gender"], { where: ANSWER, ...WEEK }],
  ];
  for (const [question, by, filters] of cases) {
    const what = `Breakdown of a view filtered on an answer${filters.from ? " and a week" : ""}: ${question} by ${by.join(" × ")}`;
    rows.push(
      await time(`${what}, answer bitmaps`, () => getBreakdown({ db, surveyId, question, by, filters })),
      await time(`${what}, counted by the scan`, () =>
        scanBreakdown(db, source, parseResultFilters(source, filters), by, codesOf(source, question)),
      ),
    );
  }
  return rows;
}

/** Adds `n` copies of stored answers, one per transaction, as submissions arrive. */
async function addAnswers(db: Database, surveyId: number, n: number) {
  for (let k = 0; k < n; k++) {
    await sql`insert into response (id, survey_id, version_id, channel, locale, submitted_on, data, data_hash, codes, area, age_band, gender)
      select gen_random_uuid(), survey_id, version_id, channel, locale, submitted_on, data, data_hash, codes, area, age_band, gender
      from response where survey_id = ${surveyId} offset ${(k * 7919) % 5000} limit 1`.execute(db);
  }
}

type Row = { label: string; median: number; best: number };
type Timings = { rows: Row[]; startMb: number; peakMb: number; naivePeakMb: number };

/** Times every operation; RSS is sampled while they run (what a process serving these requests holds). */
async function timeAll(db: Database, surveyId: number, area: string): Promise<Timings> {
  const startMb = process.memoryUsage().rss / 2 ** 20;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const naive = (extra: RawBuilder<unknown>) =>
    sql`
    select e.key, e.value, count(*)::int as n
    from response r cross join lateral jsonb_each_text(r.data) as e
    where r.survey_id = ${surveyId} ${extra}
    group by e.key, e.value`.execute(db);
  if (opt["only-answer-filters"]) {
    await foldCube(db, await loadResultsSource(db, surveyId));
    const rows = await timeAnswerFilters(db, surveyId, area);
    clearInterval(sampler);
    const mb = Math.max(peak, process.memoryUsage().rss) / 2 ** 20;
    return { rows, startMb, peakMb: mb, naivePeakMb: mb };
  }
  // The first read after loading folds every answer into the cube (ADR 003); timed once, on its own.
  const source = await loadResultsSource(db, surveyId);
  const foldStart = performance.now();
  await foldCube(db, source);
  const fold = performance.now() - foldStart;
  log(`  fold of all answers into the cube: ${fold.toFixed(0)} ms`);
  const scanAll = () =>
    scanCodes(
      db,
      filterSql(source, parseResultFilters(source)),
      source.catalog.filter((q) => q.multi).map((q) => codesOf(source, q.name)),
    );
  const rows = [
    { label: "Fold of every answer into the cube (once, first read after loading)", median: fold, best: fold },
    await time("Full results: all questions and indicators (getResults)", () => getResults({ db, surveyId })),
    await time("Full results, counted by the scan over codes (the path before the cube)", scanAll),
    await time("Filtered on a date range (one week)", () =>
      getResults({ db, surveyId, filters: { from: "2026-11-08", to: "2026-11-14" } }),
    ),
    await time("Filtered on a date range (all days) and a channel", () =>
      getResults({ db, surveyId, filters: { from: "2026-10-01", to: "2026-11-30", channel: ["web"] } }),
    ),
    await time(`Filtered on two demographic columns (area=${area}, gender=woman)`, () =>
      getResults({ db, surveyId, filters: { where: [`area:${area}`, "gender:woman"] } }),
    ),
    await time("Breakdown: safe_night_area by area", () =>
      getBreakdown({ db, surveyId, question: "safe_night_area", by: ["area"] }),
    ),
    await time("Breakdown crossed: problems.drug_dealing by age band × gender", () =>
      getBreakdown({ db, surveyId, question: "problems.drug_dealing", by: ["age_band", "gender"] }),
    ),
    await timeWithNewAnswers(db, surveyId),
    ...(await timeAnswerFilters(db, surveyId, area)),
  ];
  // The naive scan returns one row per distinct free-text answer too, so its memory is reported apart.
  const peakMb = Math.max(peak, process.memoryUsage().rss) / 2 ** 20;
  rows.push(
    await time("Naive: GROUP BY over jsonb_each_text(data)", () => naive(sql``)),
    await time("Naive, with the two demographic filters", () =>
      naive(sql`and r.data->>'area' = ${area} and r.data->>'gender' = 'woman'`),
    ),
  );
  clearInterval(sampler);
  return { rows, startMb, peakMb, naivePeakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
}

/** The timing phase in a child process over the filled PostgreSQL database. */
function timeInChild(url: string, surveyId: number, area: string): Promise<Timings> {
  const args = [
    ...process.execArgv,
    fileURLToPath(import.meta.url),
    "--runs",
    String(RUNS),
    "--time-url",
    url,
    "--time-survey",
    String(surveyId),
    "--time-area",
    area,
  ];
  if (opt["only-answer-filters"]) args.push("--only-answer-filters");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out) as Timings) : reject(new Error(`timing process exited with ${code}`)),
    );
  });
}

async function main() {
  if (opt["time-url"]) {
    const open = await openDatabase({ url: opt["time-url"], poolSize: 4 });
    try {
      // A kept database may predate a migration (e.g. timing again after a change).
      await migrateToLatest(open.db);
      process.stdout.write(JSON.stringify(await timeAll(open.db, Number(opt["time-survey"]), opt["time-area"] ?? "")));
    } finally {
      await open.close();
    }
    return;
  }
  const { open, url } = await openBenchDatabase();
  try {
    const db = open.db;
    await migrateToLatest(db);
    log(`${ENGINE}: generating and inserting ${N.toLocaleString("sv-SE")} answers`);
    const { surveyId, insertSeconds, area } = await fill(db);
    if (opt.keep) log(`to time again: --time-url ${url} --time-survey ${surveyId} --time-area ${area}`);
    log(
      `inserted in ${insertSeconds.toFixed(1)} s; timing (${RUNS} runs after a warm-up)${url ? " in a fresh process" : ""}`,
    );
    const t = url ? await timeInChild(url, surveyId, area) : await timeAll(db, surveyId, area);
    const loadPeakMb = process.resourceUsage().maxRSS / 1024;
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    console.log(`\n### ${N.toLocaleString("en-US")} responses, ${ENGINE === "postgres" ? "PostgreSQL 15" : "PGlite"}`);
    console.log(
      `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}; insert ${insertSeconds.toFixed(1)} s\n`,
    );
    console.log("| operation | median ms | fastest ms |");
    console.log("|---|---:|---:|");
    for (const r of t.rows) console.log(`| ${r.label} | ${r.median.toFixed(0)} | ${r.best.toFixed(0)} |`);
    console.log(
      url
        ? `\nRSS of the timing process (app code only, the database is the server): ${t.startMb.toFixed(0)} MB at start, at most ${t.peakMb.toFixed(0)} MB while the results and breakdowns ran (${t.naivePeakMb.toFixed(0)} MB with the naive scans). Loading process peak: ${loadPeakMb.toFixed(0)} MB.`
        : `\nRSS of this process, database included (PGlite runs in it): ${t.startMb.toFixed(0)} MB before the queries, at most ${t.peakMb.toFixed(0)} MB while the results and breakdowns ran (${t.naivePeakMb.toFixed(0)} MB with the naive scans); peak with loading ${loadPeakMb.toFixed(0)} MB.`,
    );
  } finally {
    await open.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
