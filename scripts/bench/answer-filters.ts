// bench-problembild's views filtered on answers (ADR 011): the answer bitmaps beside the scan they replace, the
// problembild page's loader, and the incremental fold after new answers.
import { sql } from "kysely";
import { getBreakdown, getFilterChoices, getResults } from "../../app/features/results/results.server";
import {
  codesOf,
  filterSql,
  loadResultsSource,
  parseResultFilters,
  type DemographicColumn,
  type RawResultFilters,
} from "../../app/features/results/counting/source.server";
import { scanBreakdown, scanCodes } from "../../app/features/results/counting/scan.server";
import { foldBits } from "../../app/features/results/counting/bits.server";
import { getParticipation } from "../../app/features/results/participation.server";
import type { Database } from "../../app/platform/db.server";
import { logTo } from "./report";
import { median, time as timeRuns, type TimedRow as Row } from "./stats";

const log = logTo();

const ANSWER = ["problems.drug_dealing:4", "problems.drug_dealing:3"];
const WEEK = { from: "2026-11-08", to: "2026-11-14" };

/** Views filtered on answers (ADR 011): the answer bitmaps, beside the scan they replace, and the page's loader. */
export async function timeAnswerFilters(db: Database, surveyId: number, area: string, runs: number): Promise<Row[]> {
  const time = (label: string, fn: () => Promise<unknown>) => timeRuns(label, runs, fn);
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
    ...(await breakdownRows(db, surveyId, runs)),
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
  for (let r = 0; r < runs; r++) {
    await addAnswers(db, surveyId, 1000);
    let t = performance.now();
    await foldBits(db, source);
    foldMs.push(performance.now() - t);
    t = performance.now();
    await getResults({ db, surveyId, filters: { where: ANSWER } });
    readMs.push(performance.now() - t);
  }
  log(
    `  incremental fold after 1,000 answers: ${foldMs.map((m) => m.toFixed(0)).join(", ")} ms; read: ${readMs.map((m) => m.toFixed(0)).join(", ")} ms`,
  );
  rows.push(
    {
      label: "After 1,000 new answers: incremental fold of the answer bitmaps",
      median: median(foldMs),
      best: Math.min(...foldMs),
    },
    {
      label: "After 1,000 new answers: filtered on the answer, read after that fold",
      median: median(readMs),
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
async function breakdownRows(db: Database, surveyId: number, runs: number): Promise<Row[]> {
  const time = (label: string, fn: () => Promise<unknown>) => timeRuns(label, runs, fn);
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
export async function addAnswers(db: Database, surveyId: number, n: number) {
  for (let k = 0; k < n; k++) {
    await sql`insert into response (id, survey_id, version_id, channel, locale, submitted_on, data, data_hash, codes, area, age_band, gender)
      select gen_random_uuid(), survey_id, version_id, channel, locale, submitted_on, data, data_hash, codes, area, age_band, gender
      from response where survey_id = ${surveyId} offset ${(k * 7919) % 5000} limit 1`.execute(db);
  }
}
