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
 * migrations to the kept database first. `--bits-memory off` counts the bitmaps with PostgreSQL instead of the app's
 * copy in memory (ADR 022), for comparing the two paths on one database.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql, type RawBuilder } from "kysely";
import { getBreakdown, getResults } from "../app/features/results/results.server";
import {
  codesOf,
  filterSql,
  loadResultsSource,
  parseResultFilters,
} from "../app/features/results/counting/source.server";
import { scanCodes } from "../app/features/results/counting/scan.server";
import { foldCube } from "../app/features/results/counting/cube.server";
import { setBitsMemoryBudget } from "../app/features/results/counting/bits-memory.server";
import { openDatabase, type Database, type OpenDatabase } from "../app/platform/db.server";
import { migrateToLatest } from "../db/migrate";
import { DEMO_PROFILES } from "../db/seed/synthetic";
import { addAnswers, timeAnswerFilters } from "./bench/answer-filters";
import { createThrowawayDatabase } from "./bench/database";
import { fillSurvey } from "./bench/fill";
import { logTo, machineSummary, markdownTable } from "./bench/report";
import { summarise, time as timeRuns, type TimedRow } from "./bench/stats";

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
    // "off": the answer bitmaps counted by PostgreSQL, as for a survey too large for the app's memory (ADR 022).
    "bits-memory": { type: "string", default: "on" },
  },
});
if (opt["bits-memory"] === "off") setBitsMemoryBudget(0);
const N = Number(opt.n);
const RUNS = Math.max(1, Number(opt.runs));
const ENGINE = opt.engine === "pglite" ? "pglite" : "postgres";
if (!Number.isInteger(N) || N < 1) throw new Error("--n must be a positive integer");
const log = logTo();

async function openBenchDatabase(): Promise<{ open: OpenDatabase; url: string | null }> {
  if (ENGINE === "pglite") return { open: await openDatabase({ dir: "memory://" }), url: null };
  const database = await createThrowawayDatabase();
  const open = await openDatabase({ url: database.url, poolSize: 4 });
  return {
    url: database.url,
    open: {
      ...open,
      close: async () => {
        await open.close();
        if (opt.keep) log(`kept ${database.url}`);
        else await database.drop();
      },
    },
  };
}

/** Creates the survey and stores N answers in bulk, built as `storeResponsesAllOrNothing` builds a row. */
async function fill(db: Database) {
  const kommun = await db
    .insertInto("organisation")
    .values({ slug: "haparanda", name: "Haparanda kommun", kind: "kommun", parent_id: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const started = performance.now();
  const { surveyId } = await fillSurvey({
    db,
    kommunId: kommun.id,
    title: "Trygghetsenkät 2026",
    seed: Number(opt.seed),
    count: N,
    onChunk: (i) => {
      if (i % 50000 === 0)
        log(
          `  ${i.toLocaleString("sv-SE")} / ${N.toLocaleString("sv-SE")} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
    },
  });
  const insertSeconds = (performance.now() - started) / 1000;
  await sql`vacuum analyze response`.execute(db);
  return { surveyId, insertSeconds, area: DEMO_PROFILES.haparanda!.areas[0]!.value };
}

/** Runs `fn` once to warm up, then `--runs` times. */
const time = (label: string, fn: () => Promise<unknown>) => timeRuns(label, RUNS, fn);

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
  return summarise(label, ms);
}

type Row = TimedRow;
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
    const rows = await timeAnswerFilters(db, surveyId, area, RUNS);
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
    ...(await timeAnswerFilters(db, surveyId, area, RUNS)),
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
  args.push("--bits-memory", opt["bits-memory"] ?? "on");
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
    console.log(`\n### ${N.toLocaleString("en-US")} responses, ${ENGINE === "postgres" ? "PostgreSQL 15" : "PGlite"}`);
    console.log(`${machineSummary("unknown CPU")}; insert ${insertSeconds.toFixed(1)} s\n`);
    const rows = t.rows.map((r) => [r.label, r.median.toFixed(0), r.best.toFixed(0)]);
    for (const line of markdownTable(["operation", "median ms", "fastest ms"], ["left", "right", "right"], rows))
      console.log(line);
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
