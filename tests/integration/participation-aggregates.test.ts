import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldBits } from "../../app/features/results/counting/bits.server";
import { clearBitsMemory } from "../../app/features/results/counting/bits-memory.server";
import { foldCube } from "../../app/features/results/counting/cube.server";
import {
  codesOf,
  loadResultsSource,
  parseResultFilters,
  type RawResultFilters,
} from "../../app/features/results/counting/source.server";
import { getParticipation, type ParticipationCounts } from "../../app/features/results/participation.server";
import {
  participationFromAggregates,
  scanParticipation,
} from "../../app/features/results/counting/participation-counts.server";
import { protectParticipation } from "../../app/features/results/counting/count.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { savePopulation } from "../../app/features/results/population.server";
import type { OpenDatabase } from "../../app/platform/db.server";
import { resultsAnswers, resultsDefinition } from "../support/results-fixture";
import { published } from "../support/published";
import { testDatabase, testEngine } from "../support/test-db";
import { bitsPositions, cubeRespondents, inBothBitmapPaths } from "../support/aggregates";

// Participation (responses by channel and day in the filtered group, the survey's totals per age band × gender)
// read from the results cube (ADR 003) and the answer bitmaps (ADR 011) must equal the scan of every response
// exactly, before any fold (all tail), after folds and with new answers in the tail, for every view: the aggregates
// decline none (the group is never null).

const definition = resultsDefinition({ score: false });

let open: OpenDatabase;
let kommunId: number;
let surveyId: number;
const answers = resultsAnswers(7, { score: false });
const addAnswers = (n: number, channel: "web" | "paper" | "phone", month = "10") =>
  answers.add(open.db, surveyId, n, channel, month);

// Views whose filtered group the cube gives (none, demographic columns, channels, dates) and the answer bitmaps give
// (answers, alone or with any other filter).
const SERVED: RawResultFilters[] = [
  {},
  { where: ["area:norr"] },
  { where: ["age_band:30-64", "gender:woman"] },
  { where: ["area:norr", "area:byn"], channel: ["paper"] },
  { channel: ["web", "phone"] },
  { from: "2026-10-05", to: "2026-10-12" },
  { from: "2026-10-03", where: ["gender:man"], channel: ["web"] },
  { where: ["feel:unsafe"] },
  { where: ["feel:unsafe"], from: "2026-10-05", to: "2026-10-12" },
  { where: ["feel:unsafe"], channel: ["paper"] },
  { where: ["problems.litter:4", "problems.litter:3"] },
  { where: ["problems.litter:4", "problems.litter:3"], to: "2026-10-15", channel: ["web", "phone"] },
  { where: ["feel:safe", "feel:unsafe", "feel:dont_know"] },
  // A checkbox option alone, and "Inget" with another option (nobody holds both).
  { where: ["where:park"] },
  { where: ["where:none", "where:station"], from: "2026-10-02" },
  // An answer with a demographic filter (and dates, channels), two answer questions.
  { where: ["feel:unsafe", "area:norr"] },
  { where: ["feel:unsafe", "area:norr"], from: "2026-10-05", channel: ["web", "paper"] },
  { where: ["feel:unsafe", "problems.litter:4"] },
  { where: ["feel:unsafe", "problems.litter:4", "gender:woman"], to: "2026-10-14" },
];
// Checkbox options that respondents tick together: each respondent counted once.
const HELD_TOGETHER: RawResultFilters[] = [
  { where: ["where:park", "where:station"] },
  { where: ["where:school", "where:park"], channel: ["web"] },
  { where: ["where:park", "where:station", "where:school", "age_band:16-29"], from: "2026-10-04" },
];

const byDayChannel = (c: ParticipationCounts["group"]) =>
  [...c].sort((a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel));
const byCell = (c: ParticipationCounts["survey"]) =>
  [...c].sort((a, b) => `${a.age_band}|${a.gender}`.localeCompare(`${b.age_band}|${b.gender}`));

const expectAggregatesEqualScan = () => inBothBitmapPaths(aggregatesEqualScan);

async function aggregatesEqualScan(path: string) {
  const source = await loadResultsSource(open.db, surveyId);
  for (const raw of [...SERVED, ...HELD_TOGETHER]) {
    const label = `${JSON.stringify(raw)} (${path})`;
    const filters = parseResultFilters(source, raw);
    const scan = await scanParticipation(open.db, source, filters);
    const agg = await participationFromAggregates(open.db, source, filters);
    expect(byCell(agg.survey), label).toEqual(byCell(scan.survey));
    expect(
      scan.group.reduce((s, r) => s + r.n, 0),
      label,
    ).toBeGreaterThan(0);
    expect(agg.group, label).not.toBeNull();
    expect(byDayChannel(agg.group!), label).toEqual(byDayChannel(scan.group));
    // The public function (from the aggregates) equals the same function fed the scan's counts, at
    // minimum bases where primary and complementary suppression occur.
    for (const minBase of [5, 20]) {
      expect(
        await getParticipation({ db: open.db, kommunId, surveyId, filters: raw, minBase }),
        `${label} minBase ${minBase}`,
      ).toEqual(await getParticipation({ db: open.db, kommunId, surveyId, filters: raw, minBase, counts: scan }));
    }
  }
}

const bitsSegments = async () =>
  (
    await sql<{
      n: number;
    }>`select count(distinct seg)::int as n from response_bits_dim where survey_id = ${surveyId}`.execute(open.db)
  ).rows[0]!.n;
/** The published count of the survey's answers (its cell-key-perturbed total). */
const publishedAnswers = async () =>
  published(
    (await sql<{ cell_key: number }>`select cell_key from response where survey_id = ${surveyId}`.execute(open.db))
      .rows,
  );
const storedAnswers = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from response where survey_id = ${surveyId}`.execute(open.db))
    .rows[0]!.n;
const unfolded = async () =>
  (
    await sql<{
      n: number;
    }>`select count(*)::int as n from response r where r.survey_id = ${surveyId} and r.fold_bucket > least(
      (select coalesce(min(watermark), 0) from response_bits_state where survey_id = ${surveyId}),
      (select coalesce(min(watermark), 0) from response_cube_state where survey_id = ${surveyId}))`.execute(open.db)
  ).rows[0]!.n;

/** Folds the cube and the answer bitmaps until every stored answer is below their watermarks. */
async function foldAll() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const source = await loadResultsSource(open.db, surveyId);
    await foldCube(open.db, source, { closeAt: 1 });
    await foldBits(open.db, source, { closeAt: 1 });
    if ((await unfolded()) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  open = await testDatabase();
  const org = await open.db
    .insertInto("organisation")
    .values({ slug: "delt", name: "Deltagande kommun", kind: "kommun", parent_id: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  kommunId = org.id;
  ({ id: surveyId } = await createSurvey({
    db: open.db,
    kommunId,
    kommunSlug: "delt",
    period: "2026",
    kind: "medborgarenkat",
    title: "Deltagande",
    definition,
    settings: { demographics: { area: "area", age_band: "age_band", gender: "gender" } },
  }));
  await setSurveyStatus({ db: open.db, surveyId, status: "open" });
  // 64 positions per segment before the first fold, so the answers span many segments of the bitmaps.
  await sql`insert into response_bits_state (survey_id, segment_bits) values (${surveyId}, 64)`.execute(open.db);
}, 60_000);

afterAll(async () => {
  await open?.close();
});

describe(`participation from the aggregates on ${testEngine()}`, () => {
  it("equals the scan from the first read on (answers in the tail until their bucket closes and a read folds them)", async () => {
    await addAnswers(300, "web");
    await addAnswers(60, "paper");
    await addAnswers(25, "phone");
    await savePopulation({
      db: open.db,
      kommunId,
      surveyId,
      scope: "survey",
      source: "Egen uppskattning",
      cells: {
        "16-29|woman": "400",
        "16-29|man": "380",
        "30-64|woman": "900",
        "30-64|man": "950",
        "65+|woman": "30",
        "65+|man": "500",
      },
      accountId: null,
    });
    await expectAggregatesEqualScan();
  });

  it("equals the scan once every answer is folded into the cube and the bitmaps", async () => {
    await foldAll();
    expect(await unfolded()).toBe(0);
    expect(await cubeRespondents(open.db, surveyId)).toBe(await storedAnswers());
    expect(await bitsPositions(open.db, surveyId)).toBe(await storedAnswers());
    expect(await bitsSegments()).toBeGreaterThan(4);
    const p = await getParticipation({ db: open.db, kommunId, surveyId });
    expect(p.respondents).toBe(await publishedAnswers());
    expect(p.responseRate?.respondents).toBe(await publishedAnswers());
    expect(p.rateByCell.some((c) => c.suppressed)).toBe(false);
    await expectAggregatesEqualScan();
  });

  it("equals the scan with new answers after the fold (a tail), on days before and after the folded ones", async () => {
    await addAnswers(90, "phone");
    await addAnswers(40, "web", "11");
    await addAnswers(3, "paper");
    expect(await unfolded()).toBeGreaterThan(0);
    await expectAggregatesEqualScan();
    await foldAll();
    expect(await unfolded()).toBe(0);
    await expectAggregatesEqualScan();
  });

  it("serves checkbox options held together from the bitmaps, each respondent once, equal to the scan", async () => {
    expect(await unfolded()).toBe(0);
    const source = await loadResultsSource(open.db, surveyId);
    const raw = { where: ["where:park", "where:school"] };
    const filters = parseResultFilters(source, raw);
    const scan = await scanParticipation(open.db, source, filters);
    const total = (rows: { n: number }[]) => rows.reduce((s, r) => s + r.n, 0);
    // Respondents holding both options exist, so adding each option's respondents would count them twice.
    const holdBoth = (
      await sql<{
        n: number;
      }>`select count(*)::int as n from response where survey_id = ${surveyId} and codes @> ${codesOf(source, "where", ["park", "school"])}::int[]`.execute(
        open.db,
      )
    ).rows[0]!.n;
    expect(holdBoth).toBeGreaterThan(0);
    const served = await participationFromAggregates(open.db, source, filters);
    expect(served.group).not.toBeNull();
    expect(byDayChannel(served.group!)).toEqual(byDayChannel(scan.group));
    expect((await getParticipation({ db: open.db, kommunId, surveyId, filters: raw })).respondents).toBe(
      protectParticipation(scan).totals!.respondents,
    );

    // The group is read from the bit strings: clearing one segment of "park" takes its respondents who do not hold
    // "school" out of the group.
    const [park, school] = codesOf(source, "where", ["park", "school"]);
    const row = (
      await sql<{ seg: number; park: string; school: string | null }>`
        select p.seg, p.bits::text as park, s.bits::text as school from response_bits p
        left join response_bits s on s.survey_id = p.survey_id and s.seg = p.seg and s.code = ${school!}
        where p.survey_id = ${surveyId} and p.code = ${park!} and bit_count(p.bits) > 0 order by p.seg limit 1`.execute(
        open.db,
      )
    ).rows[0]!;
    const onlyPark = [...row.park].filter((b, i) => b === "1" && row.school?.[i] !== "1").length;
    expect(onlyPark).toBeGreaterThan(0);
    await sql`update response_bits set bits = bits & ~bits where survey_id = ${surveyId} and code = ${park!} and seg = ${row.seg}`.execute(
      open.db,
    );
    // Bit strings are never changed in place but by a fold's OR: the app's copy in memory must be read again.
    clearBitsMemory();
    try {
      expect(total((await participationFromAggregates(open.db, source, filters)).group!)).toBe(
        total(scan.group) - onlyPark,
      );
    } finally {
      await sql`update response_bits set bits = ${row.park}::bit varying where survey_id = ${surveyId} and code = ${park!} and seg = ${row.seg}`.execute(
        open.db,
      );
      clearBitsMemory();
    }
    expect(byDayChannel((await participationFromAggregates(open.db, source, filters)).group!)).toEqual(
      byDayChannel(scan.group),
    );
  });
});
