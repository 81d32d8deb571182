// The theme ranking (docs/domain/statistics.md#theme-ranking-across-sources) against a real database: every source's score and the combined score recomputed
// here from the raw rows (answers, meetings, codes), independently of the app's SQL, and the ranking page over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
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
import { THEME_KEYS, THEMES } from "../../app/features/surveys/domain/themes";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { createMeeting } from "../../app/features/dialogue/meetings.server";
import { codeComment } from "../../app/features/results/freetext.server";
import { getRankingPage, getThemeRanking } from "../../app/features/results/ranking.server";
import { parseMeasure, parseWeights } from "../../app/features/results/ranking-weights.server";
import { DEFAULT_WEIGHTS, SOURCE_KEYS, type SourceKey } from "../../app/features/results/domain/statistics";
import { createAccount } from "../../app/features/accounts/accounts.server";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

let app: TestApp;
const db = () => app.open.db;
let kommunId: number;
let citizenSlug = "";
let olderSlug = "";
const MIN = 5;
const PASSWORD = "ranking-test-password-1";
const meetingsIn: { heldOn: string; participants: Record<string, number>; themes: string[] }[] = [
  { heldOn: "2026-03-02", participants: { boende: 20, polis: 2 }, themes: ["drugs_andt", "public_safety"] },
  { heldOn: "2026-05-10", participants: { boende: 6 }, themes: ["traffic_safety"] },
  { heldOn: "2026-09-01", participants: {}, themes: ["drugs_andt", "youth"] },
  // Outside the survey's period (2026): not counted.
  { heldOn: "2025-06-01", participants: { boende: 40 }, themes: ["integration"] },
];

type Answer = Record<string, unknown>;

/**
 * Problem share per item from raw answers (docs/domain/statistics.md#indicator-shares): (n4 + n3) / (answered − dont_know). Hidden when its base
 * is below the minimum; `strict` (the results' rule) also when any of its three sums is a small non-zero count.
 */
function problemShares(answers: Answer[], matrix: string, strict = true) {
  const out = new Map<string, number>();
  for (const { value: row } of PROBLEM_ROWS) {
    const vals = answers
      .map((a) => (a[matrix] as Record<string, string> | undefined)?.[row])
      .filter((v): v is string => v !== undefined);
    const num = vals.filter((v) => v === "4" || v === "3").length;
    const dk = vals.filter((v) => v === "dont_know").length;
    const rest = vals.length - num - dk;
    // The indicator is shown only when none of its three sums is a small non-zero count (results.server.ts).
    const small = (n: number) => n > 0 && n < MIN;
    if ((strict && (small(num) || small(rest) || small(dk))) || num + rest < MIN) continue;
    out.set(row, num / (num + rest));
  }
  return out;
}

/** Per theme: mean of the top problem share of its rows and its priority share (hidden when 0 < n < 5). */
function surveyScores(
  answers: Answer[],
  matrix: string,
  priorities: string,
  strict: boolean,
  measure: "mean" | "problem" | "priorities" = "mean",
) {
  const shares = problemShares(answers, matrix, strict);
  const answered = answers.filter((a) => Array.isArray(a[priorities]) && (a[priorities] as string[]).length > 0);
  const out: Record<string, number> = {};
  for (const t of THEME_KEYS) {
    const rows = PROBLEM_ROWS.filter((r) => (rowThemes[r.value] as readonly string[]).includes(t)).flatMap((r) =>
      shares.has(r.value) ? [shares.get(r.value)!] : [],
    );
    const n = answered.filter((a) => (a[priorities] as string[]).includes(t)).length;
    const problem = rows.length && measure !== "priorities" ? [Math.max(...rows)] : [];
    const priority =
      answered.length >= MIN && !(strict && n > 0 && n < MIN) && measure !== "problem" ? [n / answered.length] : [];
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

let citizenAnswers: Answer[] = [];
let staffAnswers: Answer[] = [];
const codedComments: { id: string; question: string; themes: string[] }[] = [];

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: db(), withSurveys: false });
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
    const s = await createSurvey({
      db: db(),
      kommunId,
      kommunSlug: "haparanda",
      period,
      kind: "medborgarenkat",
      title: `Trygghetsenkät ${period}`,
      definition: standardCitizenDefinition(profile, areas),
      settings,
    });
    await setSurveyStatus({ db: db(), surveyId: s.id, status: "open" });
    const data = generateAnswerList({ seed, count, profile, areas });
    const r = await storeResponsesAllOrNothing({
      db: db(),
      surveyId: s.id,
      channel: "web",
      rows: data.map((d) => ({ data: d, submittedOn: `${period}-10-25` })),
    });
    expect(r.errors).toEqual([]);
    return { slug: s.slug, id: s.id, data };
  };
  olderSlug = (await make("2024", 120, 7)).slug;
  const current = await make("2026", 400, 11);
  citizenSlug = current.slug;
  const stored = await db().selectFrom("response").select(["id", "data"]).where("survey_id", "=", current.id).execute();
  citizenAnswers = stored.map((r) => r.data);

  const staffDef = buildStandardSurvey({ kind: "medarbetardialog", areas: [], units: DEFAULT_UNITS });
  const staff = await createSurvey({
    db: db(),
    kommunId,
    kommunSlug: "haparanda",
    period: "2026",
    kind: "medarbetardialog",
    title: "Medarbetardialog 2026",
    definition: staffDef,
  });
  await setSurveyStatus({ db: db(), surveyId: staff.id, status: "open" });
  const staffData = [...generateStaffAnswers({ seed: 5, count: 60, profile })];
  const sr = await storeResponsesAllOrNothing({
    db: db(),
    surveyId: staff.id,
    channel: "import",
    rows: staffData.map((d) => ({ data: d, submittedOn: "2026-09-15" })),
  });
  expect(sr.errors).toEqual([]);
  staffAnswers = (await db().selectFrom("response").select("data").where("survey_id", "=", staff.id).execute()).map(
    (r) => r.data,
  );

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

function expected(weights: Record<SourceKey, number>, measure: "mean" | "problem" | "priorities" = "mean") {
  const citizen = surveyScores(citizenAnswers, "problems", "priorities", true, measure);
  // staffThemeScores shows a share whenever its base reaches the minimum (no hiding of small counts).
  const staff = surveyScores(staffAnswers, "staff_problems", "staff_priorities", false, measure);
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
  return { citizen, staff, meetings, freetext, combined: combine({ citizen, staff, meetings, freetext }, weights) };
}

describe(`the theme ranking on ${testEngine()}`, () => {
  it("scores every source and the combined score as recomputed from the raw rows, ranked highest first", async () => {
    const ranking = await getThemeRanking({ db: db(), kommunId });
    expect(ranking).toMatchObject({
      kommunSlug: "haparanda",
      kommunName: "Haparanda kommun",
      surveySlug: citizenSlug,
      weights: DEFAULT_WEIGHTS,
    });
    const want = expected({ ...DEFAULT_WEIGHTS });
    expect(ranking.themes.map((t) => t.theme).sort()).toEqual([...THEME_KEYS].sort());
    for (const t of ranking.themes) {
      for (const s of SOURCE_KEYS) {
        const part = t.parts.find((p) => p.source === s);
        const w = want[s][t.theme];
        if (w === undefined) expect(part, `${t.theme} ${s}`).toBeUndefined();
        else expect(part?.score, `${t.theme} ${s}`).toBeCloseTo(w, 10);
      }
      expect(t.score, t.theme).toBeCloseTo(want.combined[t.theme]!, 10);
      expect(t.labelSv).toBe(THEMES[t.theme as keyof typeof THEMES].label.sv);
    }
    const scores = ranking.themes.map((t) => t.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(ranking.themes.map((t) => t.rank)).toEqual(ranking.themes.map((_, i) => i + 1));
  });

  it("states each figure in Swedish with its interval and links to the view behind it", async () => {
    const ranking = await getThemeRanking({ db: db(), kommunId });
    const drugs = ranking.themes.find((t) => t.theme === "drugs_andt")!;
    const citizen = drugs.evidence.filter((e) => e.source === "citizen");
    const dealing = citizen.find((e) => e.question === "problems.drug_dealing")!;
    const share = problemShares(citizenAnswers, "problems").get("drug_dealing")!;
    expect(dealing.share!.p).toBeCloseTo(share, 10);
    expect(dealing.sentenceSv).toMatch(
      /^\d+\s% \(±\d+\) av de svarande i Haparanda kommun som tog ställning anser att försäljning av narkotika är ett mycket eller ganska stort problem/,
    );
    expect(dealing.href).toBe(`/app/haparanda/enkater/${citizenSlug}/resultat`);
    const prio = citizen.find((e) => e.question === "priorities")!;
    expect(prio.sentenceSv).toContain("vill att polis och kommun prioriterar narkotika, alkohol och droger (ANDT)");
    const staff = drugs.evidence.filter((e) => e.source === "staff");
    expect(staff.length).toBeGreaterThan(0);
    expect(staff[0]!.href).toMatch(/^\/app\/haparanda\/enkater\/[a-z0-9-]+\/resultat$/);
    const meetings = drugs.evidence.filter((e) => e.source === "meetings");
    expect(meetings[0]!.sentenceSv).toMatch(/^2 av 3 möten 2026 tog upp narkotika, alkohol och droger \(ANDT\)/);
    expect(meetings.slice(1).map((e) => e.href)).toEqual([
      expect.stringMatching(/^\/app\/haparanda\/moten\/\d+$/),
      expect.stringMatching(/^\/app\/haparanda\/moten\/\d+$/),
    ]);
    const ft = drugs.evidence.find((e) => e.source === "freetext")!;
    expect(ft.n).toBe(12);
    expect(ft.sentenceSv).toMatch(/^33\s% \(±\d+\) av de 12 kodade kommentarerna tar upp narkotika/);
    expect(ft.href).toBe(`/app/haparanda/enkater/${citizenSlug}/fritext?theme=drugs_andt&state=coded`);
  });

  it("applies the analyst's weights; a source with weight 0 drops out; bad weights are refused per field", async () => {
    const weights = { citizen: 0, staff: 0, meetings: 1, freetext: 0.5 };
    const ranking = await getThemeRanking({ db: db(), kommunId, weights });
    const want = expected(weights);
    for (const t of ranking.themes) expect(t.score, t.theme).toBeCloseTo(want.combined[t.theme]!, 10);
    expect(ranking.themes[0]!.theme).toBe("drugs_andt");
    expect(() => parseWeights({ citizen: "-1", staff: "x" })).toThrow(
      expect.objectContaining({
        status: 422,
        errors: [expect.objectContaining({ field: "w_citizen" }), expect.objectContaining({ field: "w_staff" })],
      }),
    );
    expect(() => parseWeights({ citizen: "0", staff: "0", meetings: "0", freetext: "0" })).toThrow(
      expect.objectContaining({ status: 422 }),
    );
    expect(parseWeights({ citizen: "0,7" }).citizen).toBe(0.7);
  });

  it("uses the survey measure the analyst picks: the highest problem share or the priority share alone", async () => {
    for (const measure of ["problem", "priorities"] as const) {
      const ranking = await getThemeRanking({ db: db(), kommunId, measure });
      const want = expected({ ...DEFAULT_WEIGHTS }, measure);
      for (const t of ranking.themes) {
        for (const s of ["citizen", "staff"] as const) {
          const part = t.parts.find((p) => p.source === s);
          const w = want[s][t.theme];
          if (w === undefined) expect(part, `${measure} ${t.theme} ${s}`).toBeUndefined();
          else expect(part?.score, `${measure} ${t.theme} ${s}`).toBeCloseTo(w, 10);
        }
        expect(t.score, `${measure} ${t.theme}`).toBeCloseTo(want.combined[t.theme]!, 10);
      }
    }
    // No problem item is about police presence: with problem shares alone, citizens do not score it.
    const problemOnly = await getThemeRanking({ db: db(), kommunId, measure: "problem" });
    expect(problemOnly.themes.find((t) => t.theme === "police_presence")!.parts.map((p) => p.source)).not.toContain(
      "citizen",
    );
    expect(() => parseMeasure("median")).toThrow(
      expect.objectContaining({ status: 422, errors: [expect.objectContaining({ field: "measure" })] }),
    );
  });

  it("builds on the survey asked for, of the kommun only; with no survey only meetings count", async () => {
    const older = await getThemeRanking({ db: db(), kommunId, surveySlug: olderSlug });
    expect(older.surveySlug).toBe(olderSlug);
    // No meetings were held in 2024 and nothing is coded in that survey.
    expect(older.themes.flatMap((t) => t.parts.map((p) => p.source))).not.toContain("meetings");
    expect(older.themes.flatMap((t) => t.parts.map((p) => p.source))).not.toContain("freetext");
    await expect(getThemeRanking({ db: db(), kommunId, surveySlug: "nosuch-2099" })).rejects.toMatchObject({
      status: 404,
    });
    const kalix = (await getOrganisationBySlug({ db: db(), slug: "kalix" })).id;
    await expect(getThemeRanking({ db: db(), kommunId: kalix, surveySlug: citizenSlug })).rejects.toMatchObject({
      status: 404,
    });
    const empty = await getThemeRanking({ db: db(), kommunId: kalix });
    expect(empty.surveySlug).toBeNull();
    expect(empty.themes.every((t) => t.score === null && t.parts.length === 0)).toBe(true);
    expect(empty.themes.map((t) => t.theme)).toEqual([...THEME_KEYS]);
  });
});

describe(`the ranking page on ${testEngine()}`, () => {
  it("shows the ranked themes with weights from the URL; 422 for bad weights; another kommun is refused", async () => {
    const viewer = new Browser(app.url);
    await viewer.login("rank-viewer@test.example", PASSWORD);
    const res = await viewer.fetch("/app/haparanda/rangordning?w_citizen=0&w_staff=0&w_meetings=1&w_freetext=0.5");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(THEMES.drugs_andt.label.sv);
    expect(html).toContain(`/app/haparanda/loften/ny?themes=`);
    const bad = await viewer.fetch("/app/haparanda/rangordning?w_citizen=abc");
    expect(bad.status).toBe(422);
    expect((await viewer.fetch("/app/haparanda/rangordning?measure=median")).status).toBe(422);
    expect(await (await viewer.fetch("/app/haparanda/rangordning?measure=problem")).text()).toMatch(
      /<option value="problem" selected=""|value="problem" selected/,
    );
    const other = new Browser(app.url);
    await other.login("rank-kalix@test.example", PASSWORD);
    expect((await other.fetch("/app/haparanda/rangordning")).status).toBe(403);
  });

  it("saves the kommun's weights for analysts only; the page then opens with them", async () => {
    const viewer = new Browser(app.url);
    await viewer.login("rank-viewer@test.example", PASSWORD);
    const refused = await viewer.post("/app/haparanda/rangordning", {
      intent: "save",
      w_citizen: "0.2",
      w_staff: "0.2",
      w_meetings: "0.2",
      w_freetext: "0.4",
    });
    expect(refused.status).toBe(403);
    const analyst = new Browser(app.url);
    await analyst.login("rank-analyst@test.example", PASSWORD);
    const bad = await analyst.post("/app/haparanda/rangordning", { intent: "save", w_citizen: "2" });
    expect(bad.status).toBe(422);
    expect(await db().selectFrom("ranking_weights").selectAll().execute()).toEqual([]);
    const ok = await analyst.post("/app/haparanda/rangordning", {
      intent: "save",
      w_citizen: "0.2",
      w_staff: "0.2",
      w_meetings: "0.2",
      w_freetext: "0.4",
    });
    expect(ok.status).toBe(302);
    const ranking = await getRankingPage({ db: db(), kommunId, rawWeights: {} });
    expect(ranking.weightsFrom).toBe("saved");
    expect(ranking.ranking.weights).toEqual({ citizen: 0.2, staff: 0.2, meetings: 0.2, freetext: 0.4 });
    const page = await (await viewer.fetch("/app/haparanda/rangordning")).text();
    expect(page).toMatch(/name="w_freetext"[^>]*value="0.4"|value="0.4"[^>]*name="w_freetext"/);
  });
});
