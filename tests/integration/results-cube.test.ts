import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countBreakdownFromCube,
  countCodesFromCube,
  cubeCanServe,
  foldCube,
} from "../../app/features/results/counting/cube.server";
import {
  codesOf,
  filterSql,
  loadResultsSource,
  parseResultFilters,
  type CodeCounts,
  type DemographicColumn,
  type RawResultFilters,
} from "../../app/features/results/counting/source.server";
import { countCodesFromBits } from "../../app/features/results/counting/bits.server";
import { scanBreakdown, scanCodes } from "../../app/features/results/counting/scan.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import type { OpenDatabase } from "../../app/platform/db.server";
import { resultsAnswers, resultsDefinition } from "../support/results-fixture";
import { testDatabase, testEngine } from "../support/test-db";
import { cubeRespondents } from "../support/aggregates";

// The cube (ADR 003) must give exactly what the scan over every response gives, for every filter it serves,
// whether the answers are folded, partly folded (a tail) or folded again after a rebuild.

const definition = resultsDefinition();

let open: OpenDatabase;
let surveyId: number;
const answers = resultsAnswers(7);
const addAnswers = (n: number, channel: "web" | "paper" | "phone") => answers.add(open.db, surveyId, n, channel);

const FILTERS: RawResultFilters[] = [
  {},
  { where: ["area:norr"] },
  { where: ["area:norr", "area:byn", "gender:woman"] },
  { where: ["age_band:65+"], channel: ["paper"] },
  { channel: ["web", "phone"] },
  { from: "2026-10-05", to: "2026-10-12" },
  { from: "2026-10-15" },
  // Most days inside the range: read as all days minus the days outside.
  { from: "2026-10-02" },
  { from: "2026-10-02", to: "2026-10-19", where: ["area:centrum"], channel: ["web"] },
  { to: "2026-10-03", where: ["gender:man"] },
  { from: "2026-10-20", to: "2026-10-20" },
];

const sorted = (c: CodeCounts) => ({ ...c, codes: [...c.codes].sort((a, b) => a.code - b.code) });

async function expectCubeEqualsScan() {
  const source = await loadResultsSource(open.db, surveyId);
  const anyOf = source.catalog.filter((q) => q.multi).map((q) => codesOf(source, q.name));
  expect(anyOf.length).toBe(1);
  for (const raw of FILTERS) {
    const filters = parseResultFilters(source, raw);
    expect(cubeCanServe(source, filters)).toBe(true);
    const where = filterSql(source, filters);
    const scan = await scanCodes(open.db, where, anyOf);
    const cube = await countCodesFromCube(open.db, source, filters, where, anyOf);
    expect(cube, JSON.stringify(raw)).not.toBeNull();
    expect(sorted(cube!), JSON.stringify(raw)).toEqual(sorted(scan));
    // The cell keys: the scan's are the key sums (mod 256) of the group's answers, and the cube's and, for a
    // filtered view, the answer bitmaps' are the same (the same set of answers gets the same published figure).
    const keySums = (
      await sql<{ code: number; k: number }>`
        select 0 as code, coalesce(sum(r.cell_key), 0)::int % 256 as k from response r where ${where}
        union all
        select u.code, sum(r.cell_key)::int % 256 from response r cross join lateral unnest(r.codes) as u(code)
        where ${where} group by u.code`.execute(open.db)
    ).rows;
    expect(scan.keys, JSON.stringify(raw)).toBeDefined();
    expect(scan.keys!.respondents, JSON.stringify(raw)).toBe(keySums.find((r) => r.code === 0)!.k);
    expect(scan.keys!.codes, JSON.stringify(raw)).toEqual(
      new Map(keySums.filter((r) => r.code !== 0).map((r) => [r.code, r.k])),
    );
    expect(cube!.keys, JSON.stringify(raw)).toEqual(scan.keys);
    if (Object.keys(raw).length) {
      const bits = await countCodesFromBits(open.db, source, filters, where, anyOf);
      expect(bits, JSON.stringify(raw)).not.toBeNull();
      expect(bits!.keys, JSON.stringify(raw)).toEqual(scan.keys);
      expect(sorted(bits!), JSON.stringify(raw)).toEqual(sorted(scan));
    }
    for (const [question, by] of [
      ["where", ["area"]],
      ["problems.litter", ["age_band", "gender"]],
      ["feel", ["gender"]],
    ] as [string, DemographicColumn[]][]) {
      const codes = codesOf(source, question);
      const fromScan = await scanBreakdown(open.db, source, filters, by, codes);
      const fromCube = await countBreakdownFromCube(open.db, source, filters, where, by, codes);
      const norm = (b: typeof fromScan) =>
        b.groups
          .map((g) => ({ ...g, codes: [...g.codes].sort((x, y) => x[0] - y[0]) }))
          .sort((x, y) => JSON.stringify(x.groups).localeCompare(JSON.stringify(y.groups)));
      expect(fromCube, `${question} ${JSON.stringify(raw)}`).not.toBeNull();
      expect(norm(fromCube!), `${question} by ${by.join("×")} ${JSON.stringify(raw)}`).toEqual(norm(fromScan));
    }
  }
  return source;
}

const state = async () =>
  open.db
    .selectFrom("response_cube_state")
    .select(["watermark", "holder_questions"])
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
/**
 * Folds until every stored answer is in the cube. A fold only takes rows whose transactions had finished before its
 * snapshot's xmin, which a write transaction elsewhere on a shared PostgreSQL server can hold back for a moment.
 */
async function foldAll() {
  for (let attempt = 0; attempt < 50; attempt++) {
    await foldCube(open.db, await loadResultsSource(open.db, surveyId), { closeAt: 1 });
    if ((await cubeRespondents(open.db, surveyId)) === (await stored())) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
const stored = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from response where survey_id = ${surveyId}`.execute(open.db))
    .rows[0]!.n;

beforeAll(async () => {
  open = await testDatabase();
  const org = await open.db
    .insertInto("organisation")
    .values({ slug: "kuben", name: "Kubens kommun", kind: "kommun", parent_id: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  ({ id: surveyId } = await createSurvey({
    db: open.db,
    kommunId: org.id,
    kommunSlug: "kuben",
    period: "2026",
    kind: "medborgarenkat",
    title: "Kubtest",
    definition,
    settings: { demographics: { area: "area", age_band: "age_band", gender: "gender" } },
  }));
  await setSurveyStatus({ db: open.db, surveyId, status: "open" });
}, 60_000);

afterAll(async () => {
  await open?.close();
});

describe(`results cube on ${testEngine()}`, () => {
  it("counts like the scan before anything is folded (all answers in the tail)", async () => {
    await addAnswers(300, "web");
    await addAnswers(60, "paper");
    expect(await cubeRespondents(open.db, surveyId)).toBe(0);
    await expectCubeEqualsScan();
  });

  it("folds committed answers once (repeated folds add nothing) and still counts like the scan", async () => {
    const source = await loadResultsSource(open.db, surveyId);
    await foldAll();
    const folded = await cubeRespondents(open.db, surveyId);
    expect(folded).toBe(await stored());
    expect(Number((await state())!.watermark)).toBeGreaterThan(0);
    await foldCube(open.db, source, { closeAt: 1 });
    await foldCube(open.db, source, { closeAt: 1 });
    expect(await cubeRespondents(open.db, surveyId)).toBe(folded);
    await expectCubeEqualsScan();
  });

  it("adds new answers as a tail, then folds them into the existing cells", async () => {
    const cellsBefore = await cubeRespondents(open.db, surveyId);
    await addAnswers(120, "phone");
    await addAnswers(40, "web");
    // Submissions never touch the cube.
    expect(await cubeRespondents(open.db, surveyId)).toBe(cellsBefore);
    await expectCubeEqualsScan();
    await foldAll();
    expect(await cubeRespondents(open.db, surveyId)).toBe(await stored());
    await expectCubeEqualsScan();
  });

  it("concurrent folds never count an answer twice", async () => {
    await addAnswers(200, "web");
    const source = await loadResultsSource(open.db, surveyId);
    await Promise.all(Array.from({ length: 4 }, () => foldCube(open.db, source, { closeAt: 1 })));
    await foldAll();
    expect(await cubeRespondents(open.db, surveyId)).toBe(await stored());
    await expectCubeEqualsScan();
  });

  it("rebuilds when the definition has a multi-answer question the cube does not hold", async () => {
    await open.db
      .updateTable("response_cube_state")
      .set({ holder_questions: [] })
      .where("survey_id", "=", surveyId)
      .execute();
    await foldAll();
    expect((await state())!.holder_questions).toEqual(["where"]);
    expect(await cubeRespondents(open.db, surveyId)).toBe(await stored());
    await expectCubeEqualsScan();
  });

  it("leaves views filtered on an answer to the scan", async () => {
    const source = await loadResultsSource(open.db, surveyId);
    expect(cubeCanServe(source, parseResultFilters(source, { where: ["feel:unsafe"] }))).toBe(false);
    expect(cubeCanServe(source, parseResultFilters(source, { where: ["area:norr", "where:park"] }))).toBe(false);
  });

  it("goes back to the scan when a multi-answer question's codes are not all among its current options", async () => {
    const source = await loadResultsSource(open.db, surveyId);
    const filters = parseResultFilters(source, {});
    const partial = codesOf(source, "where").slice(1);
    expect(await countCodesFromCube(open.db, source, filters, filterSql(source, filters), [partial])).toBeNull();
  });
});
