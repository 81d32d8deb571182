import { afterAll, beforeAll, expect } from "vitest";
import {
  DEMO_PROFILES,
  generateAnswerList,
  generateStaffAnswers,
  profileAreaChoices,
  standardCitizenDefinition,
} from "../../db/seed/synthetic";
import {
  buildStandardSurvey,
  DEFAULT_UNITS,
  PROBLEM_ROWS,
  rowThemes,
} from "../../app/features/surveys/domain/question-bank";
import { THEME_KEYS } from "../../app/features/surveys/domain/themes";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createMeeting } from "../../app/features/dialogue/meetings.server";
import { codeComment } from "../../app/features/results/freetext.server";
import { addOwnCategory, listOwnCategories, retireOwnCategory } from "../../app/features/est/categories.server";
import { SOURCE_KEYS, type SourceKey } from "../../app/features/results/domain/statistics";
import { createAccount } from "../../app/features/accounts/accounts.server";
import type { TestApp } from "./app-server";
import { MIN } from "./reference-stats";
import { published } from "./published";
import { createOpenSurvey, startDemoApp, storeAnswers } from "./survey-setup";

// The data of the theme ranking tests (docs/domain/statistics.md#theme-ranking-across-sources): two citizen surveys, a
// staff survey, meetings, coded comments and EST weekly reports of Haparanda, accounts for the page, and every
// source's score and the combined score recomputed here from the raw rows (answers, meetings, codes, reports),
// independently of the app's SQL, every count of answers the published count of its own set of rows
// (tests/support/published.ts).

export let app: TestApp;
export const db = () => app.open.db;
export let kommunId: number;
export let citizenSlug = "";
export let olderSlug = "";
export const PASSWORD = "ranking-test-password-1";
const meetingsIn: { heldOn: string; participants: Record<string, number>; themes: string[] }[] = [
  { heldOn: "2026-03-02", participants: { boende: 20, polis: 2 }, themes: ["drugs_andt", "public_safety"] },
  { heldOn: "2026-05-10", participants: { boende: 6 }, themes: ["traffic_safety"] },
  { heldOn: "2026-09-01", participants: {}, themes: ["drugs_andt", "youth"] },
  // Outside the survey's period (2026): not counted.
  { heldOn: "2025-06-01", participants: { boende: 40 }, themes: ["integration"] },
];

/**
 * The EST reports stored for Haparanda: zone index, week, reviewed or not, the categories observed, and which
 * reporter (two reporters cover zone 0). The mapping below is this test's own statement of docs/domain/est.md's
 * checklist: the standard categories' themes, an own category mapped to traffic safety, a retired one (ignored) and
 * one without a theme (ignored).
 */
export const estReports: { zone: number; week: string; reviewed: boolean; categories: string[]; second?: boolean }[] =
  [];
for (let wi = 0; wi < 20; wi++) {
  for (let zi = 0; zi < 3; zi++) {
    if ((zi + wi) % 7 === 0) continue; // a missed week
    const categories = [
      ...(wi % 3 === 0 ? ["klotter"] : []),
      ...((wi + zi) % 4 === 0 ? ["nedskrapning"] : []),
      ...(zi === 0 && wi % 2 === 0 ? ["tecken_pa_narkotika"] : []),
      ...(wi === 5 ? ["brand"] : []),
      ...(zi === 2 && wi % 5 === 0 ? ["ansamling"] : []),
      ...(zi === 1 && wi < 10 ? ["mopedbuskor"] : []),
      ...(wi % 2 === 1 ? ["gamla_kategorin"] : []),
      ...(wi % 4 === 1 ? ["hundbajs"] : []),
    ];
    estReports.push({ zone: zi, week: `2026-W${String(10 + wi).padStart(2, "0")}`, reviewed: true, categories });
  }
}
// A second reporter on zone 1 in week 11 (an area-week already reported): one area-week with both reports' items.
estReports.push({ zone: 1, week: "2026-W11", reviewed: true, categories: ["skadegorelse"], second: true });
// Awaiting review: does not count. Outside the survey's year: does not count.
estReports.push({ zone: 2, week: "2026-W40", reviewed: false, categories: ["skadegorelse", "brand"] });
estReports.push({ zone: 0, week: "2025-W40", reviewed: true, categories: ["tecken_pa_narkotika"] });
const ESTTHEMES: Record<string, string> = {
  skadegorelse: "volume_crime",
  klotter: "physical_environment",
  nedskrapning: "physical_environment",
  brand: "public_safety",
  ansamling: "public_safety",
  tecken_pa_narkotika: "drugs_andt",
  mopedbuskor: "traffic_safety",
};

export type Answer = Record<string, unknown>;
/** A stored answer with its record key (`response.cell_key`). */
export type KeyedAnswer = { data: Answer; cell_key: number };

/**
 * Problem share per item from raw answers (docs/domain/statistics.md#indicator-shares): (n4 + n3) / (answered −
 * dont_know), each option's n the published count of its holders. Hidden when its base is below the minimum;
 * `strict` (the results' rule) also when any of its three sums is a small non-zero count.
 */
export function problemShares(answers: KeyedAnswer[], matrix: string, strict = true) {
  const out = new Map<string, number>();
  for (const { value: row } of PROBLEM_ROWS) {
    const n = (v: string) =>
      published(answers.filter((a) => (a.data[matrix] as Record<string, string> | undefined)?.[row] === v));
    const num = n("4") + n("3");
    const dk = n("dont_know");
    const rest = n("2") + n("1");
    // The indicator is shown only when none of its three sums is a small non-zero count (results.server.ts).
    const small = (n: number) => n > 0 && n < MIN;
    if ((strict && (small(num) || small(rest) || small(dk))) || num + rest < MIN) continue;
    out.set(row, num / (num + rest));
  }
  return out;
}

/**
 * Per theme: mean of the top problem share of its rows and its priority share (hidden when 0 < n < 5): the published
 * count of those naming the theme over the published count of those naming any, capped at 1 (`cap`, the results'
 * rule for an option's share).
 */
function surveyScores(
  answers: KeyedAnswer[],
  matrix: string,
  priorities: string,
  strict: boolean,
  measure: "mean" | "problem" | "priorities" = "mean",
  cap = true,
) {
  const shares = problemShares(answers, matrix, strict);
  const answeredRows = answers.filter(
    (a) => Array.isArray(a.data[priorities]) && (a.data[priorities] as string[]).length > 0,
  );
  const answered = published(answeredRows);
  const out: Record<string, number> = {};
  for (const t of THEME_KEYS) {
    const rows = PROBLEM_ROWS.filter((r) => (rowThemes[r.value] as readonly string[]).includes(t)).flatMap((r) =>
      shares.has(r.value) ? [shares.get(r.value)!] : [],
    );
    const n = published(answeredRows.filter((a) => (a.data[priorities] as string[]).includes(t)));
    const problem = rows.length && measure !== "priorities" ? [Math.max(...rows)] : [];
    const priority =
      answered >= MIN && !(strict && n > 0 && n < MIN) && measure !== "problem"
        ? [(cap ? Math.min(n, answered) : n) / answered]
        : [];
    const parts = [...problem, ...priority];
    if (parts.length) out[t] = parts.reduce((a, b) => a + b, 0) / parts.length;
  }
  return out;
}

function combine(sources: Partial<Record<SourceKey, Record<string, number>>>, w: Record<SourceKey, number>) {
  const out: Record<string, number> = {};
  for (const t of THEME_KEYS) {
    let num = 0;
    let den = 0;
    for (const s of SOURCE_KEYS) {
      const v = sources[s]?.[t];
      if (v === undefined) continue;
      num += w[s] * v;
      den += w[s];
    }
    if (den > 0) out[t] = num / den;
  }
  return out;
}

export let citizenAnswers: KeyedAnswer[] = [];
let staffAnswers: KeyedAnswer[] = [];
const codedComments: { id: string; question: string; themes: string[] }[] = [];

let estStored = false;

/**
 * Registers the hooks that start the app with every source of the ranking, and stop it after the file's tests.
 * `est`: Haparanda's EST reports too (without them Haparanda runs no EST, as the lägesbild's tests expect).
 */
export function setUpRankingSources({ est = false }: { est?: boolean } = {}) {
  beforeAll(async () => {
    app = await startDemoApp();
    kommunId = (await getOrganisationBySlug({ db: db(), slug: "haparanda" })).id;
    const profile = DEMO_PROFILES.haparanda!;
    const areas = profileAreaChoices(profile);
    const settings = {
      areas: areas.map((a) =>
        typeof a === "string"
          ? { value: a, text: a }
          : { value: a.value, text: typeof a.text === "string" ? a.text : a.text.default },
      ),
    };
    const make = async (period: string, count: number, seed: number) => {
      const s = await createOpenSurvey(db(), {
        period,
        title: `Trygghetsenkät ${period}`,
        definition: standardCitizenDefinition(profile, areas),
        settings,
      });
      const data = generateAnswerList({ seed, count, profile, areas });
      await storeAnswers(
        db(),
        s.id,
        data.map((d) => ({ data: d, submittedOn: `${period}-10-25` })),
        "web",
      );
      return { slug: s.slug, id: s.id, data };
    };
    olderSlug = (await make("2024", 120, 7)).slug;
    const current = await make("2026", 400, 11);
    citizenSlug = current.slug;
    const stored = await db()
      .selectFrom("response")
      .select(["id", "data", "cell_key"])
      .where("survey_id", "=", current.id)
      .execute();
    citizenAnswers = stored.map((r) => ({ data: r.data, cell_key: Number(r.cell_key) }));

    const staffDef = buildStandardSurvey({ kind: "medarbetardialog", areas: [], units: DEFAULT_UNITS });
    const staff = await createOpenSurvey(db(), {
      kind: "medarbetardialog",
      title: "Medarbetardialog 2026",
      definition: staffDef,
      settings: {},
    });
    const staffData = [...generateStaffAnswers({ seed: 5, count: 60, profile })];
    await storeAnswers(
      db(),
      staff.id,
      staffData.map((d) => ({ data: d, submittedOn: "2026-09-15" })),
      "import",
    );
    staffAnswers = (
      await db().selectFrom("response").select(["data", "cell_key"]).where("survey_id", "=", staff.id).execute()
    ).map((r) => ({ data: r.data, cell_key: Number(r.cell_key) }));

    for (const m of meetingsIn) {
      await createMeeting({
        db: db(),
        kommunId,
        accountId: null,
        input: {
          kind: "medborgardialog",
          heldOn: m.heldOn,
          place: "Centrum",
          participants: m.participants,
          notes: "",
          themes: m.themes.map((theme) => ({ theme, raisedBy: 1, votes: null })),
        },
      });
    }

    // Code 12 comments: the first theme the test picks per comment, by a fixed rule, so the share is known here.
    const withText = stored
      .filter((r) => typeof r.data.suggestions === "string" && r.data.suggestions !== "")
      .slice(0, 12);
    for (const [i, r] of withText.entries()) {
      const themes =
        i % 3 === 0 ? ["police_presence", "public_safety"] : i % 3 === 1 ? ["drugs_andt"] : ["police_presence"];
      for (const theme of themes)
        await codeComment({
          db: db(),
          kommunId,
          surveySlug: citizenSlug,
          responseId: r.id,
          question: "suggestions",
          theme,
          decision: "accept",
        });
      codedComments.push({ id: r.id, question: "suggestions", themes });
    }
    // A rejected suggestion does not count.
    const other = stored.find((r) => typeof r.data.unsafe_places === "string" && r.data.unsafe_places !== "")!;
    await codeComment({
      db: db(),
      kommunId,
      surveySlug: citizenSlug,
      responseId: other.id,
      question: "unsafe_places",
      theme: "public_safety",
      decision: "reject",
    });

    if (est) await storeEstReports();
    estStored = est;

    const { accountId } = await createAccount({
      db: db(),
      email: "rank-analyst@test.example",
      password: PASSWORD,
      role: "analyst",
      organisationId: kommunId,
    });
    expect(accountId).toBeGreaterThan(0);
    await createAccount({
      db: db(),
      email: "rank-viewer@test.example",
      password: PASSWORD,
      role: "viewer",
      organisationId: kommunId,
    });
    await createAccount({
      db: db(),
      email: "rank-kalix@test.example",
      password: PASSWORD,
      role: "analyst",
      organisationId: (await getOrganisationBySlug({ db: db(), slug: "kalix" })).id,
    });
  }, 240_000);
  afterAll(async () => app?.close());
}

/** Haparanda's EST: two reporters, own categories, and the reports above, stored as filed and reviewed. */
async function storeEstReports() {
  const zones = await db()
    .selectFrom("zone")
    .select("id")
    .where("kommun_id", "=", kommunId)
    .orderBy("id")
    .limit(3)
    .execute();
  expect(zones.length).toBe(3);
  const reporter = async (email: string) => {
    const { accountId } = await createAccount({
      db: db(),
      email,
      password: PASSWORD,
      role: "reporter",
      organisationId: kommunId,
    });
    return (
      await db()
        .insertInto("est_reporter")
        .values({ account_id: accountId, kommun_id: kommunId, partner_kind: "bostadsbolag", partner_name: "Bo AB" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  };
  const first = await reporter("rank-est-1@test.example");
  const second = await reporter("rank-est-2@test.example");
  await addOwnCategory({ db: db(), kommunId, name: "Mopedbuskör", measure: "count", theme: "traffic_safety" });
  await addOwnCategory({ db: db(), kommunId, name: "Gamla kategorin", measure: "count", theme: "youth" });
  await addOwnCategory({ db: db(), kommunId, name: "Hundbajs", measure: "level" });
  const own = await listOwnCategories({ db: db(), kommunId });
  expect(own.map((c) => c.key)).toEqual(["mopedbuskor", "gamla_kategorin", "hundbajs"]);
  await retireOwnCategory({ db: db(), kommunId, id: own[1]!.id });
  for (const r of estReports) {
    const report = await db()
      .insertInto("est_report")
      .values({
        kommun_id: kommunId,
        zone_id: zones[r.zone]!.id,
        reporter_id: r.second ? second : first,
        week: r.week,
        nothing_to_report: r.categories.length === 0,
        note: null,
        reviewed_at: r.reviewed ? new Date() : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (r.categories.length)
      await db()
        .insertInto("est_report_item")
        .values(
          r.categories.map((category) => ({
            report_id: report.id,
            category,
            count: category === "nedskrapning" || category === "hundbajs" ? null : 1,
            level: category === "nedskrapning" || category === "hundbajs" ? 2 : null,
          })),
        )
        .execute();
  }
}

/** EST's score per theme: area-weeks of 2026 with a reviewed report that name the theme, over all such area-weeks. */
export function estExpected() {
  const counted = estReports.filter((r) => r.reviewed && r.week.startsWith("2026-"));
  const areaWeeks = new Map<string, Set<string>>();
  for (const r of counted) {
    const k = `${r.zone}|${r.week}`;
    areaWeeks.set(k, new Set([...(areaWeeks.get(k) ?? []), ...r.categories]));
  }
  const n = areaWeeks.size;
  const k = (theme: string) =>
    [...areaWeeks.values()].filter((cats) => [...cats].some((c) => ESTTHEMES[c] === theme)).length;
  const themes = [...new Set(Object.values(ESTTHEMES))];
  return { n, k: Object.fromEntries(themes.map((t) => [t, k(t)])) as Record<string, number> };
}

export function expected(weights: Record<SourceKey, number>, measure: "mean" | "problem" | "priorities" = "mean") {
  const citizen = surveyScores(citizenAnswers, "problems", "priorities", true, measure);
  // staffThemeScores shows a share whenever its base reaches the minimum (no hiding of small counts), capped at 1.
  const staff = surveyScores(staffAnswers, "staff_problems", "staff_priorities", false, measure, true);
  const inPeriod = meetingsIn.filter((m) => m.heldOn.startsWith("2026"));
  const weight = (m: (typeof meetingsIn)[number]) =>
    Math.max(
      1,
      Object.values(m.participants).reduce((a, b) => a + b, 0),
    );
  const total = inPeriod.reduce((a, m) => a + weight(m), 0);
  const meetings = Object.fromEntries(
    THEME_KEYS.map((t) => [t, inPeriod.filter((m) => m.themes.includes(t)).reduce((a, m) => a + weight(m), 0) / total]),
  );
  const freetext = Object.fromEntries(
    THEME_KEYS.map((t) => [t, codedComments.filter((c) => c.themes.includes(t)).length / codedComments.length]),
  );
  const e = estExpected();
  const est = estStored ? Object.fromEntries(Object.entries(e.k).map(([t, k]) => [t, k / e.n])) : {};
  return {
    citizen,
    staff,
    meetings,
    freetext,
    est,
    combined: combine({ citizen, staff, meetings, freetext, est }, weights),
  };
}
