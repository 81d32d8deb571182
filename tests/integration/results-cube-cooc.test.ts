import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  coocDemographicFilter,
  coocFilter,
  countBreakdownFromCooc,
  countCodesFromCooc,
  countCodesFromCoocDemographics,
  foldCooc,
} from "../../app/models/results-cooc.server";
import { getBreakdown, getResults } from "../../app/models/results.server";
import {
  codesOf,
  countBreakdown,
  countCodes,
  filterSql,
  loadResultsSource,
  parseResultFilters,
  scanBreakdown,
  scanCodes,
  type BreakdownCounts,
  type CodeCounts,
  type DemographicColumn,
  type RawResultFilters,
} from "../../app/models/results-sql.server";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { createSurvey, setSurveyStatus } from "../../app/models/survey.server";
import type { OpenDatabase } from "../../app/utils/db.server";
import { resultsAnswers, resultsDefinition } from "../support/results-fixture";
import { testDatabase, testEngine } from "../support/test-db";

// The co-occurrence cells (ADR 010) must give exactly what the scan over every response gives for every view
// filtered on one answer question that they serve, folded, partly folded (a tail) or rebuilt, and must decline
// (null, so the scan counts) every view they cannot give exactly.

const definition = resultsDefinition();

let open: OpenDatabase;
let surveyId: number;
const answers = resultsAnswers(11);
const addAnswers = (n: number, channel: "web" | "paper" | "phone") => answers.add(open.db, surveyId, n, channel);

// Views the co-occurrence cells serve: one answer question (one value or several OR-ed), with dates and channels.
const SERVED: RawResultFilters[] = [
  { where: ["feel:unsafe"] },
  { where: ["feel:unsafe", "feel:dont_know"] },
  { where: ["feel:safe", "feel:unsafe", "feel:dont_know"] },
  // A checkbox option, alone.
  { where: ["where:park"] },
  // "Inget" excludes the other options, so no respondent holds both: the cells add up and serve it.
  { where: ["where:none", "where:station"] },
  // A matrix row (problem scale), one value and the indicator's numerator values.
  { where: ["problems.litter:4"] },
  { where: ["problems.litter:4", "problems.litter:3"] },
  { where: ["problems.speeding:dont_know"] },
  { where: ["score:5", "score:1"] },
  { where: ["feel:unsafe"], channel: ["paper"] },
  { where: ["problems.litter:4", "problems.litter:3"], channel: ["web", "phone"] },
  { where: ["feel:unsafe"], from: "2026-10-05", to: "2026-10-12" },
  // Most days inside the range: all days minus the days outside.
  { where: ["where:school"], from: "2026-10-02" },
  { where: ["problems.litter:4"], from: "2026-10-02", to: "2026-10-19", channel: ["web"] },
  { where: ["feel:safe"], from: "2026-10-20", to: "2026-10-20" },
];

// Views the demographic cells serve: one answer question with area / age band / gender (and channels), no dates.
const DEMOGRAPHIC_SERVED: RawResultFilters[] = [
  { where: ["feel:unsafe", "area:norr"] },
  { where: ["problems.litter:4", "gender:woman", "age_band:65+"] },
  { where: ["feel:unsafe", "area:centrum", "area:byn"], channel: ["web", "paper"] },
  { where: ["problems.litter:4", "problems.litter:3", "gender:man"] },
  { where: ["score:5", "score:4", "score:1", "gender:woman", "gender:other"] },
  { where: ["where:park", "age_band:16-29"] },
  { where: ["where:none", "where:station", "area:centrum"] },
];

// Views they must leave to the scan: an answer with a demographic filter and dates, two answer questions, checkbox
// values that one respondent can hold together (with or without demographics).
const DECLINED: RawResultFilters[] = [
  { where: ["feel:unsafe", "area:norr"], from: "2026-10-05" },
  { where: ["problems.litter:4", "gender:woman"], from: "2026-10-02", to: "2026-10-12", channel: ["web"] },
  { where: ["feel:unsafe", "problems.litter:4"] },
  { where: ["feel:unsafe", "problems.litter:4", "area:norr"] },
  { where: ["where:park", "where:station"] },
  { where: ["where:park", "where:station", "gender:woman"] },
];

// Breakdowns of views filtered on an answer (no dates), by one column or two crossed, of single- and multi-answer
// questions: served by the demographic cells.
const BREAKDOWNS: { filters: RawResultFilters; by: DemographicColumn[]; question: string }[] = [
  { filters: { where: ["feel:unsafe"] }, by: ["area"], question: "problems.speeding" },
  { filters: { where: ["feel:unsafe"] }, by: ["area", "gender"], question: "problems.speeding" },
  { filters: { where: ["problems.litter:4", "problems.litter:3"] }, by: ["area", "gender"], question: "feel" },
  { filters: { where: ["problems.litter:4", "problems.litter:3", "gender:woman"], channel: ["web"] }, by: ["age_band"], question: "where" },
  { filters: { where: ["where:park"] }, by: ["area", "gender"], question: "where" },
  { filters: { where: ["score:5", "area:norr", "area:byn"] }, by: ["area", "age_band"], question: "score" },
];

const sorted = (c: CodeCounts) => ({ ...c, codes: [...c.codes].sort((a, b) => a.code - b.code) });
const sortedGroups = (b: BreakdownCounts) => [...b.groups].sort((x, y) => JSON.stringify(x.groups).localeCompare(JSON.stringify(y.groups)));

async function expectCoocEqualsScan() {
  const source = await loadResultsSource(open.db, surveyId);
  const anyOf = source.catalog.filter((q) => q.multi).map((q) => codesOf(source, q.name));
  expect(anyOf.length).toBe(1);
  for (const raw of SERVED) {
    const filters = parseResultFilters(source, raw);
    expect(coocFilter(source, filters), JSON.stringify(raw)).not.toBeNull();
    const where = filterSql(source, filters);
    const scan = await scanCodes(open.db, where, anyOf);
    expect(scan.respondents, JSON.stringify(raw)).toBeGreaterThan(0);
    const cooc = await countCodesFromCooc(open.db, source, filters, where, anyOf);
    expect(cooc, JSON.stringify(raw)).not.toBeNull();
    expect(sorted(cooc!), JSON.stringify(raw)).toEqual(sorted(scan));
    // The public path (countCodes, used by getResults) takes the same figures.
    expect(sorted(await countCodes(open.db, source, filters, anyOf)), JSON.stringify(raw)).toEqual(sorted(scan));
  }
  for (const raw of DEMOGRAPHIC_SERVED) {
    const filters = parseResultFilters(source, raw);
    expect(coocDemographicFilter(source, filters), JSON.stringify(raw)).not.toBeNull();
    const where = filterSql(source, filters);
    const scan = await scanCodes(open.db, where, anyOf);
    expect(scan.respondents, JSON.stringify(raw)).toBeGreaterThan(0);
    const cells = await countCodesFromCoocDemographics(open.db, source, filters, where, anyOf);
    expect(cells, JSON.stringify(raw)).not.toBeNull();
    expect(sorted(cells!), JSON.stringify(raw)).toEqual(sorted(scan));
    expect(sorted(await countCodes(open.db, source, filters, anyOf)), JSON.stringify(raw)).toEqual(sorted(scan));
  }
  for (const raw of DECLINED) {
    const filters = parseResultFilters(source, raw);
    const where = filterSql(source, filters);
    expect(await countCodesFromCooc(open.db, source, filters, where, anyOf), JSON.stringify(raw)).toBeNull();
    expect(await countCodesFromCoocDemographics(open.db, source, filters, where, anyOf), JSON.stringify(raw)).toBeNull();
    expect(sorted(await countCodes(open.db, source, filters, anyOf)), JSON.stringify(raw)).toEqual(sorted(await scanCodes(open.db, where, anyOf)));
  }
  for (const { filters: raw, by, question } of BREAKDOWNS) {
    const label = `${JSON.stringify(raw)} ${question} by ${by.join("×")}`;
    const filters = parseResultFilters(source, raw);
    const codes = codesOf(source, question);
    const scan = await scanBreakdown(open.db, source, filters, by, codes);
    expect(scan.groups.length, label).toBeGreaterThan(1);
    const cells = await countBreakdownFromCooc(open.db, source, filters, filterSql(source, filters), by, codes);
    expect(cells, label).not.toBeNull();
    expect(sortedGroups(cells!), label).toEqual(sortedGroups(scan));
    expect(sortedGroups(await countBreakdown(open.db, source, filters, by, codes)), label).toEqual(sortedGroups(scan));
  }
  // A breakdown of a view with dates, or of overlapping checkbox values, is left to the scan.
  for (const raw of [DECLINED[0]!, DECLINED[4]!]) {
    const filters = parseResultFilters(source, raw);
    expect(await countBreakdownFromCooc(open.db, source, filters, filterSql(source, filters), ["area"], codesOf(source, "feel")), JSON.stringify(raw)).toBeNull();
  }
  return source;
}

const QUESTIONS = [...new Set([...SERVED, ...DEMOGRAPHIC_SERVED].map((f) => f.where![0]!.split(":")[0]!))];
const states = async () =>
  (await sql<{ question: string; holder_questions: string[] }>`select question, holder_questions from response_cooc_state where survey_id = ${surveyId} order by question`.execute(open.db)).rows;
const coocRows = async () =>
  (
    await sql<{ n: number }>`select (select count(*) from response_cooc where survey_id = ${surveyId})::int
      + (select count(*) from response_cooc_demographic where survey_id = ${surveyId})::int as n`.execute(open.db)
  ).rows[0]!.n;
/** Stored answers above the lowest watermark of the folded questions (0 when every question is folded up to now). */
const unfolded = async () =>
  (
    await sql<{ n: number }>`select count(*)::int as n from response r
      where r.survey_id = ${surveyId} and r.fold_bucket > (select coalesce(min(watermark), 0) from response_cooc_state where survey_id = ${surveyId})`.execute(open.db)
  ).rows[0]!.n;

/**
 * Folds every question the served views filter on until every stored answer is below their watermarks (a write
 * elsewhere on a shared PostgreSQL server can hold xmin back for a moment).
 */
async function foldAll() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const source = await loadResultsSource(open.db, surveyId);
    for (const q of QUESTIONS) await foldCooc(open.db, source, q, { closeAt: 1 });
    if ((await states()).length === QUESTIONS.length && (await unfolded()) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The cells' own count of respondents holding `question:value`, all days, every channel. */
async function cellRespondents(question: string, value: string) {
  const source = await loadResultsSource(open.db, surveyId);
  const code = source.codes.get(question)!.get(value)!;
  return (
    await sql<{ n: number }>`select coalesce(sum(respondents), 0)::int as n from response_cooc where survey_id = ${surveyId} and code = ${code} and day is null`.execute(open.db)
  ).rows[0]!.n;
}

beforeAll(async () => {
  open = await testDatabase();
  const org = await open.db.insertInto("organisation").values({ slug: "kooc", name: "Koocs kommun", kind: "kommun", parent_id: null }).returning("id").executeTakeFirstOrThrow();
  ({ id: surveyId } = await createSurvey({
    db: open.db, kommunId: org.id, kommunSlug: "kooc", period: "2026", kind: "medborgarenkat", title: "Samförekomst", definition,
    settings: { demographics: { area: "area", age_band: "age_band", gender: "gender" } },
  }));
  await setSurveyStatus({ db: open.db, surveyId, status: "open" });
}, 60_000);

afterAll(async () => {
  await open?.close();
});

describe(`co-occurrence cells on ${testEngine()}`, () => {
  it("counts like the scan before anything is folded (all answers in the tail)", async () => {
    await addAnswers(300, "web");
    await addAnswers(60, "paper");
    expect(await coocRows()).toBe(0);
    const source = await loadResultsSource(open.db, surveyId);
    const filters = parseResultFilters(source, { where: ["feel:unsafe"] });
    // An empty range (nothing committed before the fold's snapshot yet may be foldable): still the scan's figures.
    expect(sorted((await countCodesFromCooc(open.db, source, filters, filterSql(source, filters), []))!)).toEqual(sorted(await scanCodes(open.db, filterSql(source, filters), [])));
  });

  it("folds committed answers once and then counts like the scan for every served view", async () => {
    await foldAll();
    expect(await unfolded()).toBe(0);
    const unsafe = await cellRespondents("feel", "unsafe");
    const direct = await scanCodes(open.db, filterSql(await loadResultsSource(open.db, surveyId), parseResultFilters(await loadResultsSource(open.db, surveyId), { where: ["feel:unsafe"] })), []);
    expect(unsafe).toBe(direct.respondents);
    const source = await loadResultsSource(open.db, surveyId);
    await foldCooc(open.db, source, "feel", { closeAt: 1 });
    await foldCooc(open.db, source, "feel", { closeAt: 1 });
    expect(await cellRespondents("feel", "unsafe")).toBe(unsafe);
    await expectCoocEqualsScan();
  });

  it("submissions never write the cells; new answers are a tail until a read folds them", async () => {
    const rows = await coocRows();
    const before = await cellRespondents("feel", "unsafe");
    await addAnswers(120, "phone");
    await addAnswers(40, "web");
    expect(await coocRows()).toBe(rows);
    expect(await cellRespondents("feel", "unsafe")).toBe(before);
    await expectCoocEqualsScan();
    await foldAll();
    expect(await unfolded()).toBe(0);
    await expectCoocEqualsScan();
  });

  it("concurrent folds never count an answer twice", async () => {
    await addAnswers(200, "web");
    const source = await loadResultsSource(open.db, surveyId);
    await Promise.all(Array.from({ length: 4 }, () => foldCooc(open.db, source, "problems.litter", { closeAt: 1 })));
    // Folding one question leaves the others' cells where they were: their reads count the new answers as a tail.
    await expectCoocEqualsScan();
    await foldAll();
    await expectCoocEqualsScan();
  });

  it("rebuilds when the definition has a multi-answer question the cells do not hold", async () => {
    await sql`update response_cooc_state set holder_questions = '{}' where survey_id = ${surveyId}`.execute(open.db);
    await foldAll();
    expect((await states()).map((s) => s.holder_questions)).toEqual(QUESTIONS.map(() => ["where"]));
    await expectCoocEqualsScan();
  });

  it("declines checkbox values held together once a respondent holds both, and the results equal the scan's", async () => {
    const source = await loadResultsSource(open.db, surveyId);
    const filters = parseResultFilters(source, { where: ["where:park", "where:school"] });
    expect(coocFilter(source, filters)).not.toBeNull();
    expect(await countCodesFromCooc(open.db, source, filters, filterSql(source, filters), [])).toBeNull();
    // getResults goes to the scan for it.
    const anyOf = source.catalog.filter((q) => q.multi).map((q) => codesOf(source, q.name));
    const counts = await scanCodes(open.db, filterSql(source, filters), anyOf);
    expect(await getResults({ db: open.db, surveyId, filters: { where: ["where:park", "where:school"] } })).toEqual(
      await getResults({ db: open.db, surveyId, filters: { where: ["where:park", "where:school"] }, counts }),
    );
  });

  it("getResults through the cells equals getResults from the scan's counts, suppression and indicators included", async () => {
    const source = await loadResultsSource(open.db, surveyId);
    const anyOf = source.catalog.filter((q) => q.multi).map((q) => codesOf(source, q.name));
    // Several minimum bases, so that primary and complementary suppression and suppressed indicators all occur.
    for (const minBase of [5, 15, 40]) {
      for (const raw of [...SERVED, ...DEMOGRAPHIC_SERVED]) {
        const filters = parseResultFilters(source, raw);
        const counts = await scanCodes(open.db, filterSql(source, filters), anyOf);
        const viaCells = await getResults({ db: open.db, surveyId, filters: raw, minBase });
        const viaScan = await getResults({ db: open.db, surveyId, filters: raw, minBase, counts });
        expect(viaCells, `${JSON.stringify(raw)} minBase ${minBase}`).toEqual(viaScan);
      }
    }
  });
  it("getBreakdown through the cells equals getBreakdown from the scan's counts, suppression included", async () => {
    const source = await loadResultsSource(open.db, surveyId);
    for (const minBase of [5, 15]) {
      for (const { filters: raw, by, question } of BREAKDOWNS) {
        const counts = await scanBreakdown(open.db, source, parseResultFilters(source, raw), by, codesOf(source, question));
        const viaCells = await getBreakdown({ db: open.db, surveyId, question, by, filters: raw, minBase });
        const viaScan = await getBreakdown({ db: open.db, surveyId, question, by, filters: raw, minBase, counts });
        expect(viaCells, `${JSON.stringify(raw)} ${question} by ${by.join("×")} minBase ${minBase}`).toEqual(viaScan);
      }
    }
  });

  it("the demographic cells' migration empties cells folded before it, and the next reads refold them exactly", async () => {
    await foldAll();
    const migrator = new Migrator({ db: open.db, provider: { getMigrations: async () => migrations } });
    // Back to the day cells only (the demographic table dropped), with the day cells and watermarks still there.
    const down = await migrator.migrateTo("2026_11_23_200000_results_cooc");
    expect(down.error).toBeUndefined();
    expect((await sql<{ n: number }>`select count(*)::int as n from response_cooc where survey_id = ${surveyId}`.execute(open.db)).rows[0]!.n).toBeGreaterThan(0);
    await migrateToLatest(open.db);
    expect(await coocRows()).toBe(0);
    expect(await states()).toEqual([]);
    await addAnswers(30, "paper");
    await expectCoocEqualsScan();
    await foldAll();
    expect(await coocRows()).toBeGreaterThan(0);
    await expectCoocEqualsScan();
  });
});
