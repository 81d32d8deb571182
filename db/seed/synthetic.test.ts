import { Model, surveyLocalization } from "survey-core";
import type { Question, QuestionMatrixModel, QuestionSelectBase, SurveyModel } from "survey-core";
import { buildStandardSurvey, DEFAULT_UNITS } from "../../app/features/surveys/domain/question-bank";
import { suggestThemes } from "../../app/features/surveys/domain/themes";
import {
  DEMO_KOMMUNER,
  DEMO_PROFILES,
  describeDefinition,
  generateAnswerList,
  generateAnswers,
  generateStaffAnswers,
  generateSubmittedDates,
  mulberry32,
  notableProblems,
  profileAreaChoices,
  standardCitizenDefinition,
  STAFF_ACTIVITY_SENTENCES,
  STAFF_PLACE_SENTENCES,
  SUGGESTION_SENTENCES,
  UNSAFE_PLACE_SENTENCES,
  type SyntheticAnswer,
} from "./synthetic";

// The bank's texts are Swedish under `default`; survey-core must know that before any Model is built.
surveyLocalization.defaultLocale = "sv";

const SEED = 20260115;
const COUNT = 2000;

const answersByKommun = new Map(
  DEMO_KOMMUNER.map((k) => [k, generateAnswerList({ seed: SEED, count: COUNT, profile: DEMO_PROFILES[k]! })]),
);
const ALL: readonly SyntheticAnswer[] = [...answersByKommun.values()].flat();

const SELECT_TYPES = new Set(["radiogroup", "dropdown", "checkbox", "tagbox"]);

/**
 * Why two levels of checking: survey-core needs 5–9 ms for `model.clear(); model.data = answer` plus
 * `hasErrors` (every value change re-runs every condition and choice list of the survey), so the literal
 * per-answer check of 10,000 answers takes well over a minute. Every answer is therefore checked against the
 * question, choice, row and column lists of the survey-core Model and against the visibility survey-core computes
 * for its condition values (cached per distinct combination of the values conditions read), and a deterministic
 * sample (the first answers, and as many again among those answering a conditional question) also goes through
 * the full `model.data = answer` + `hasErrors(false)` check.
 * SYNTHETIC_FULL_VALIDATION=1 runs the full check on every answer.
 */
const FULL_VALIDATION = process.env["SYNTHETIC_FULL_VALIDATION"] === "1";
const FULL_SAMPLE = 20;
// Only the full mode needs this; the default run keeps each test well under vitest's 5 s.
const SLOW = { timeout: FULL_VALIDATION ? 600_000 : 5_000 };

/** What survey-core's Model says each question accepts, read once per Model (its getters are slow). */
interface QuestionPlan {
  type: string;
  allowed: ReadonlySet<string>;
  rows: ReadonlySet<string>;
  columns: ReadonlySet<string>;
  maxSelected: number;
  maxLength: number;
  required: boolean;
}

const plans = new WeakMap<SurveyModel, ReadonlyMap<string, QuestionPlan>>();
function planOf(model: SurveyModel): ReadonlyMap<string, QuestionPlan> {
  let plan = plans.get(model);
  if (plan) return plan;
  const map = new Map<string, QuestionPlan>();
  for (const q of model.getAllQuestions(false)) {
    const type = q.getType();
    const select = SELECT_TYPES.has(type) ? (q as QuestionSelectBase) : null;
    const matrix = type === "matrix" ? (q as QuestionMatrixModel) : null;
    const allowed = select ? select.choices.map((c) => String(c.value)) : [];
    if (select?.showNoneItem) allowed.push("none");
    map.set(q.name, {
      type,
      allowed: new Set(allowed),
      rows: new Set(matrix ? matrix.rows.map((r) => String(r.value)) : []),
      columns: new Set(matrix ? matrix.columns.map((c) => String(c.value)) : []),
      maxSelected: select ? (q as QuestionSelectBase & { maxSelectedChoices: number }).maxSelectedChoices : 0,
      maxLength: type === "comment" ? (q as Question & { maxLength: number }).maxLength : 0,
      required: q.isRequired,
    });
  }
  plan = map;
  plans.set(model, plan);
  return plan;
}

/** Problems with the values of one answer, given the questions visible for it (empty when valid). */
function valueProblems(model: SurveyModel, answer: SyntheticAnswer, visible: ReadonlySet<string>): string[] {
  const plan = planOf(model);
  const problems: string[] = [];
  for (const [name, value] of Object.entries(answer)) {
    const q = plan.get(name);
    if (!q) {
      problems.push(`${name}: no such question`);
      continue;
    }
    if (!visible.has(name)) problems.push(`${name}: answered but hidden`);
    if (SELECT_TYPES.has(q.type)) {
      const values = Array.isArray(value) ? value : [value];
      if (q.type === "checkbox" || q.type === "tagbox") {
        if (!Array.isArray(value)) problems.push(`${name}: not an array`);
        if (q.maxSelected > 0 && values.length > q.maxSelected) problems.push(`${name}: ${values.length} ticks`);
        if (values.length === 0) problems.push(`${name}: empty`);
        if (values.includes("none") && values.length > 1) problems.push(`${name}: none with other ticks`);
        if (new Set(values).size !== values.length) problems.push(`${name}: duplicate ticks`);
      } else if (typeof value !== "string") {
        problems.push(`${name}: not a string`);
      }
      for (const v of values)
        if (typeof v !== "string" || !q.allowed.has(v)) problems.push(`${name}: bad ${String(v)}`);
    } else if (q.type === "matrix") {
      if (typeof value !== "object" || Array.isArray(value) || Object.keys(value).length === 0) {
        problems.push(`${name}: not a non-empty object`);
        continue;
      }
      for (const [row, col] of Object.entries(value)) {
        if (!q.rows.has(row) || !q.columns.has(col)) problems.push(`${name}: bad ${row}=${col}`);
      }
    } else if (q.type === "boolean") {
      if (typeof value !== "boolean") problems.push(`${name}: not a boolean`);
    } else if (q.type === "comment") {
      if (typeof value !== "string" || value.trim() === "") problems.push(`${name}: empty or not text`);
      else if (q.maxLength > 0 && value.length > q.maxLength) problems.push(`${name}: too long`);
    } else {
      problems.push(`${name}: unexpected type ${q.type}`);
    }
  }
  for (const [name, q] of plan) {
    if (q.required && visible.has(name) && answer[name] === undefined) problems.push(`${name}: required`);
  }
  return problems;
}

/** The validity check: survey-core holds the whole answer and no visible question has an error. */
function fullProblems(model: SurveyModel, answer: SyntheticAnswer): string[] {
  model.clear();
  model.data = answer;
  const problems: string[] = [];
  for (const q of model.getAllQuestions(true)) {
    if (q.hasErrors(false)) problems.push(`${q.name}: ${q.errors.map((e) => e.text).join("; ")}`);
  }
  const visible = new Set(model.getAllQuestions(true).map((q) => q.name));
  for (const name of Object.keys(answer)) {
    if (!model.getQuestionByName(name)?.isVisible) problems.push(`${name}: missing or hidden`);
  }
  return [...problems, ...valueProblems(model, answer, visible)];
}

/** Checks every answer as described above; returns the first few failures. */
function validateAll(model: SurveyModel, answers: readonly SyntheticAnswer[], sample = FULL_SAMPLE): string[] {
  // The questions any condition of the survey reads: visibility depends on their values only.
  const elements = [...model.pages, ...model.getAllQuestions(false)];
  const conditions = elements
    .map((el) => el.visibleIf)
    .filter((expr): expr is string => typeof expr === "string" && expr !== "");
  const conditional = model
    .getAllQuestions(false)
    .filter((q) => typeof q.visibleIf === "string" && q.visibleIf !== "")
    .map((q) => q.name);
  let conditionalChecked = 0;
  const read = [...new Set(conditions.flatMap((expr) => [...expr.matchAll(/\{([^}.[]+)/g)].map((m) => m[1]!.trim())))];
  const visibleByContext = new Map<string, ReadonlySet<string>>();
  const visibleFor = (answer: SyntheticAnswer): ReadonlySet<string> => {
    const context = Object.fromEntries(read.filter((n) => answer[n] !== undefined).map((n) => [n, answer[n]]));
    const key = JSON.stringify(context);
    let visible = visibleByContext.get(key);
    if (!visible) {
      model.clear();
      model.data = context;
      visible = new Set(model.getAllQuestions(true).map((q) => q.name));
      visibleByContext.set(key, visible);
    }
    return visible;
  };
  const failures: string[] = [];
  answers.forEach((answer, i) => {
    const problems = valueProblems(model, answer, visibleFor(answer));
    const answersConditional = conditional.some((name) => answer[name] !== undefined);
    if (FULL_VALIDATION || i < sample || (answersConditional && conditionalChecked < sample)) {
      if (answersConditional) conditionalChecked++;
      problems.push(...fullProblems(model, answer));
    }
    if (problems.length > 0 && failures.length < 10) failures.push(`#${i}: ${problems.join(", ")}`);
  });
  return failures;
}

/** Problem/unsafe share as docs/domain/statistics.md#indicator-shares defines it: numerator over answered minus "vet ej". */
function share(values: readonly string[], numerator: readonly string[]): number {
  const base = values.filter((v) => v !== "dont_know");
  return base.filter((v) => numerator.includes(v)).length / base.length;
}
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const matrixCell = (a: SyntheticAnswer, q: string, row: string): string | undefined => {
  const m = a[q];
  return m && typeof m === "object" && !Array.isArray(m) ? m[row] : undefined;
};
const defined = <T>(v: T | undefined): v is T => v !== undefined;
const UNSAFE = ["rather_unsafe", "very_unsafe"];
const BIG = ["4", "3"];

describe("synthetic citizen answers", () => {
  describe.each(DEMO_KOMMUNER)("%s", (kommun) => {
    it(`${COUNT} answers are all valid for the standard survey according to survey-core`, SLOW, () => {
      const model = new Model(standardCitizenDefinition(DEMO_PROFILES[kommun]!));
      const answers = answersByKommun.get(kommun)!;
      expect(answers).toHaveLength(COUNT);
      expect(validateAll(model, answers)).toEqual([]);
    });
  });

  it("the checks above do catch invalid answers", () => {
    const model = new Model(standardCitizenDefinition(DEMO_PROFILES["pajala"]!));
    const bad: SyntheticAnswer[] = [
      { area: "pajala", victim_12m: ["none"], victim_reported: "all" },
      { area: "pajala", priorities: ["youth", "drugs_andt", "traffic_safety", "police_presence"] },
      { area: "kalix" },
      { area: "pajala", problems: { litter: "5" } },
      { area: "pajala", no_such_question: "x" },
      { gender: "woman" },
    ];
    for (const answer of bad) expect(validateAll(model, [answer], 0), JSON.stringify(answer)).not.toEqual([]);
    for (const answer of bad) expect(validateAll(model, [answer], 1), JSON.stringify(answer)).not.toEqual([]);
  });

  it("is deterministic: the same seed gives the same answers, another seed others", () => {
    const profile = DEMO_PROFILES["kalix"]!;
    const first = generateAnswerList({ seed: 7, count: 10, profile });
    const again = generateAnswerList({ seed: 7, count: 10, profile });
    const other = generateAnswerList({ seed: 8, count: 10, profile });
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    // The generator yields the same sequence as the list variant.
    expect([...generateAnswers({ seed: 7, count: 10, profile })]).toEqual(first);
  });

  it("gives different kommuner different streams at the same seed", () => {
    const a = generateAnswerList({ seed: 1, count: 5, profile: DEMO_PROFILES["pajala"]! });
    const b = generateAnswerList({ seed: 1, count: 5, profile: DEMO_PROFILES["overtornea"]! });
    expect(a.map((x) => x["problems"])).not.toEqual(b.map((x) => x["problems"]));
  });

  it("always answers area, weighted towards the centralort", () => {
    for (const kommun of DEMO_KOMMUNER) {
      const profile = DEMO_PROFILES[kommun]!;
      const answers = answersByKommun.get(kommun)!;
      const counts = new Map<string, number>();
      for (const a of answers) {
        const area = str(a["area"]) ?? "(missing)";
        counts.set(area, (counts.get(area) ?? 0) + 1);
      }
      expect(counts.has("(missing)")).toBe(false);
      const central = profile.areas.find((x) => x.centralort)!.value;
      const top = [...counts.entries()].sort((x, y) => y[1] - x[1])[0]![0];
      expect(top).toBe(central);
      expect(counts.size).toBe(profile.areas.length);
    }
  });

  it("women feel less safe at night than men", () => {
    const byGender = (g: string) =>
      ALL.filter((a) => a["gender"] === g)
        .map((a) => str(a["safe_night_area"]))
        .filter(defined);
    const women = share(byGender("woman"), UNSAFE);
    const men = share(byGender("man"), UNSAFE);
    expect(women).toBeGreaterThan(men + 0.1);
    // Plausible levels for rural Norrbotten (NTU-like): men around a tenth, women around a third.
    expect(men).toBeGreaterThan(0.03);
    expect(women).toBeLessThan(0.6);
  });

  it("the elderly feel less safe and more often never go out alone at night", () => {
    const safety = (bands: string[]) =>
      ALL.filter((a) => bands.includes(String(a["age_band"])))
        .map((a) => str(a["safe_night_area"]))
        .filter(defined);
    const old = safety(["65-79", "80+"]);
    const middle = safety(["30-44", "45-64"]);
    expect(share(old, UNSAFE)).toBeGreaterThan(share(middle, UNSAFE));
    const neverOut = (xs: string[]) => xs.filter((x) => x === "never_out").length / xs.length;
    expect(neverOut(old)).toBeGreaterThan(neverOut(middle) * 2);
  });

  it("young people see more youth gangs and mopeds", () => {
    const rowShare = (bands: string[], row: string) =>
      share(
        ALL.filter((a) => bands.includes(String(a["age_band"])))
          .map((a) => matrixCell(a, "problems", row))
          .filter(defined),
        BIG,
      );
    for (const row of ["youth_gangs", "mopeds_atraktor"]) {
      expect(rowShare(["16-19", "20-29"], row)).toBeGreaterThan(rowShare(["45-64", "65-79", "80+"], row));
    }
  });

  it("the centralort has more disorder and drug dealing than the villages", () => {
    for (const row of ["disorder", "drug_dealing"]) {
      const central: string[] = [];
      const rural: string[] = [];
      for (const kommun of DEMO_KOMMUNER) {
        const centralValue = DEMO_PROFILES[kommun]!.areas.find((x) => x.centralort)!.value;
        for (const a of answersByKommun.get(kommun)!) {
          const v = matrixCell(a, "problems", row);
          if (v !== undefined) (a["area"] === centralValue ? central : rural).push(v);
        }
      }
      expect(share(central, BIG)).toBeGreaterThan(share(rural, BIG));
    }
  });

  it("each kommun's problembild looks like its document", () => {
    const rowShare = (kommun: string, row: string) =>
      share(
        answersByKommun
          .get(kommun as (typeof DEMO_KOMMUNER)[number])!
          .map((a) => matrixCell(a, "problems", row))
          .filter(defined),
        BIG,
      );
    expect(rowShare("haparanda", "drug_dealing")).toBeGreaterThan(rowShare("harjedalen", "drug_dealing") + 0.1);
    expect(rowShare("harjedalen", "speeding")).toBeGreaterThan(rowShare("pajala", "speeding"));
    expect(rowShare("harjedalen", "drink_driving")).toBeGreaterThan(rowShare("pajala", "drink_driving"));
    expect(rowShare("kalix", "shoplifting")).toBeGreaterThan(rowShare("overtornea", "shoplifting"));
    expect(rowShare("overtornea", "youth_alcohol")).toBeGreaterThan(rowShare("pajala", "youth_alcohol"));
    expect(rowShare("haparanda", "mopeds_atraktor")).toBeGreaterThan(rowShare("pajala", "mopeds_atraktor"));
    // Every row a kommun's document makes notable is more of a problem there than on average elsewhere.
    for (const kommun of DEMO_KOMMUNER) {
      for (const row of notableProblems(DEMO_PROFILES[kommun]!)) {
        const others = DEMO_KOMMUNER.filter((k) => k !== kommun).map((k) => rowShare(k, row));
        expect(rowShare(kommun, row), `${kommun} ${row}`).toBeGreaterThan(
          others.reduce((x, y) => x + y, 0) / others.length,
        );
      }
    }
  });

  it("priorities follow the problems: 1–3 themes, drugs in Haparanda, traffic in Härjedalen", () => {
    const prioShare = (kommun: string, theme: string) => {
      const answered = answersByKommun
        .get(kommun as (typeof DEMO_KOMMUNER)[number])!
        .map((a) => a["priorities"])
        .filter((p): p is string[] => Array.isArray(p));
      for (const p of answered) expect(p.length).toBeGreaterThanOrEqual(1);
      return answered.filter((p) => p.includes(theme)).length / answered.length;
    };
    expect(prioShare("haparanda", "drugs_andt")).toBeGreaterThan(prioShare("harjedalen", "drugs_andt"));
    expect(prioShare("harjedalen", "traffic_safety")).toBeGreaterThan(prioShare("pajala", "traffic_safety"));
  });

  it("has a realistic share of 'vet ej', skipped questions and free text", () => {
    const scaleValues: string[] = [];
    for (const a of ALL) {
      for (const q of [
        "safe_night_area",
        "safe_night_centre",
        "avoided_activity",
        "trust_police_local",
        "trust_kommun_safety",
      ]) {
        const v = str(a[q]);
        if (v !== undefined) scaleValues.push(v);
      }
      const m = a["problems"];
      if (m && typeof m === "object" && !Array.isArray(m)) scaleValues.push(...Object.values(m));
    }
    const dontKnow = scaleValues.filter((v) => v === "dont_know").length / scaleValues.length;
    expect(dontKnow).toBeGreaterThan(0.03);
    expect(dontKnow).toBeLessThan(0.2);

    const n = ALL.length;
    const answeredShare = (q: string) => ALL.filter((a) => a[q] !== undefined).length / n;
    for (const q of ["unsafe_places", "suggestions"]) {
      expect(answeredShare(q)).toBeGreaterThan(0.08);
      expect(answeredShare(q)).toBeLessThan(0.25);
    }
    for (const q of ["age_band", "gender", "years_in_area", "housing", "priorities", "safe_night_area"]) {
      expect(answeredShare(q)).toBeGreaterThan(0.9);
      expect(answeredShare(q)).toBeLessThan(1);
    }
    expect(answeredShare("area")).toBe(1);
    expect(answeredShare("unsafe_area_pick")).toBeGreaterThan(0.1);
    expect(answeredShare("unsafe_area_pick")).toBeLessThan(0.4);
  });

  it("asks victim_reported only of victims, and most tick 'none'", () => {
    let victims = 0;
    let noneOnly = 0;
    let wrong = 0;
    for (const a of ALL) {
      const v = a["victim_12m"];
      const isVictim = Array.isArray(v) && !v.includes("none");
      if (!isVictim && a["victim_reported"] !== undefined) wrong++;
      if (Array.isArray(v) && v.includes("none") && v.length > 1) wrong++;
      if (isVictim) victims++;
      else if (Array.isArray(v)) noneOnly++;
    }
    expect(wrong).toBe(0);
    expect(noneOnly).toBeGreaterThan(victims * 2);
    expect(victims).toBeGreaterThan(0);
    expect(ALL.some((a) => a["victim_reported"] !== undefined)).toBe(true);
  });

  it("keeps to an edited definition: no removed questions, no unknown areas", SLOW, () => {
    const profile = DEMO_PROFILES["haparanda"]!;
    const definition = buildStandardSurvey({ kind: "medborgarenkat", areas: ["Haparanda", "Övriga"] });
    for (const page of definition.pages ?? []) {
      page.elements = (page.elements ?? []).filter((e) => e.name !== "priorities" && e.name !== "victim_reported");
    }
    const model = new Model(definition);
    const answers = generateAnswerList({ seed: 3, count: 300, profile, definition });
    // Few full checks here: the point is that the removed questions never appear.
    expect(validateAll(model, answers, 20)).toEqual([]);
    for (const a of answers) {
      expect(a["priorities"]).toBeUndefined();
      expect(a["victim_reported"]).toBeUndefined();
      expect(["Haparanda", "Övriga"]).toContain(a["area"]);
    }
    expect(describeDefinition(definition).areas).toEqual(["Haparanda", "Övriga"]);
  });

  it("uses proper area values and texts", () => {
    for (const kommun of DEMO_KOMMUNER) {
      for (const choice of profileAreaChoices(DEMO_PROFILES[kommun]!)) {
        if (typeof choice === "string") throw new Error("expected value and text");
        expect(choice.value).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(typeof choice.text === "string" && choice.text.length > 0).toBe(true);
      }
    }
  });

  it("marks as neutral only sentences without any theme keyword, and fills every placeholder", () => {
    const sets = [UNSAFE_PLACE_SENTENCES, SUGGESTION_SENTENCES, STAFF_PLACE_SENTENCES, STAFF_ACTIVITY_SENTENCES];
    const sentences = sets.flat();
    expect(UNSAFE_PLACE_SENTENCES.length + SUGGESTION_SENTENCES.length).toBeGreaterThanOrEqual(40);
    for (const s of sentences.filter((x) => x.neutral)) expect(suggestThemes(s.text)).toEqual([]);
    const themed = sentences.filter((x) => !x.neutral);
    expect(themed.filter((s) => suggestThemes(s.text).length > 0).length / themed.length).toBeGreaterThan(0.8);
    const unfilled = ALL.filter((a) => /[{}]/.test(`${String(a["unsafe_places"])}${String(a["suggestions"])}`));
    expect(unfilled).toEqual([]);
  });
});

describe("synthetic staff answers", () => {
  it.each(DEMO_KOMMUNER)("%s: valid for the standard medarbetardialog", SLOW, (kommun) => {
    const model = new Model(buildStandardSurvey({ kind: "medarbetardialog", areas: [], units: DEFAULT_UNITS }));
    const answers = [...generateStaffAnswers({ seed: SEED, count: 500, profile: DEMO_PROFILES[kommun]! })];
    expect(validateAll(model, answers, 30)).toEqual([]);
    for (const a of answers) expect(a["unit"]).toBeDefined();
    const again = [...generateStaffAnswers({ seed: SEED, count: 5, profile: DEMO_PROFILES[kommun]! })];
    expect(again).toEqual(answers.slice(0, 5));
  });

  it("staff in a unit see their own field: the police rate drink driving higher than planners do", () => {
    const answers = DEMO_KOMMUNER.flatMap((k) => [
      ...generateStaffAnswers({ seed: SEED, count: 600, profile: DEMO_PROFILES[k]! }),
    ]);
    const rowShare = (unit: string, row: string) =>
      share(
        answers
          .filter((a) => a["unit"] === unit)
          .map((a) => matrixCell(a, "staff_problems", row))
          .filter(defined),
        BIG,
      );
    expect(rowShare("police", "drink_driving")).toBeGreaterThan(rowShare("planning", "drink_driving"));
    expect(rowShare("planning", "poor_lighting")).toBeGreaterThan(rowShare("police", "poor_lighting"));
  });
});

describe("generateSubmittedDates", () => {
  const from = new Date("2026-03-02T00:00:00Z");
  const to = new Date("2026-03-30T00:00:00Z");

  it("stays within the open weeks, sorted, with most answers in the first days", () => {
    const dates = generateSubmittedDates({ rng: mulberry32(5), count: 2000, from, to });
    expect(dates).toHaveLength(2000);
    for (let i = 0; i < dates.length; i++) {
      expect(dates[i]!.getTime()).toBeGreaterThanOrEqual(from.getTime());
      expect(dates[i]!.getTime()).toBeLessThanOrEqual(to.getTime());
      if (i > 0) expect(dates[i]!.getTime()).toBeGreaterThanOrEqual(dates[i - 1]!.getTime());
    }
    const firstThreeDays = dates.filter((d) => d.getTime() < from.getTime() + 3 * 86_400_000).length;
    const lastThreeDays = dates.filter((d) => d.getTime() >= to.getTime() - 3 * 86_400_000).length;
    expect(firstThreeDays / dates.length).toBeGreaterThan(0.4);
    expect(firstThreeDays).toBeGreaterThan(lastThreeDays * 4);
  });

  it("is deterministic and rejects an empty period", () => {
    const a = generateSubmittedDates({ rng: mulberry32(9), count: 50, from, to });
    const b = generateSubmittedDates({ rng: mulberry32(9), count: 50, from, to });
    expect(a).toEqual(b);
    expect(() => generateSubmittedDates({ rng: mulberry32(9), count: 1, from: to, to: from })).toThrow();
  });
});
