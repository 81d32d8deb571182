import { afterAll, beforeAll } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { Browser, type TestApp } from "./app-server";
import { PROBLEM, prng, SAFETY, weightedPick, type Data } from "./reference-stats";
import { createOpenSurvey, DEMOGRAPHIC_ELEMENTS, startDemoApp, storeAnswers, tokenOf } from "./survey-setup";

// The survey of the results API tests: every kind of question the results treat differently, and 320 answers from a
// seeded generator with small groups and exact counts where the suppression cases need them.

export const PROBLEM_ROWS = ["litter", "speeding", "drug_dealing"];

export const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        {
          type: "radiogroup",
          name: "feel",
          title: "Hur trygg känner du dig?",
          choices: [
            { value: "safe", text: "Trygg" },
            { value: "unsafe", text: "Otrygg" },
            { value: "dont_know", text: "Vet ej" },
          ],
        },
        { type: "radiogroup", name: "trio", choices: ["a", "b", "c"] },
        { type: "checkbox", name: "where", choices: ["park", "station", "school", "shop"], showNoneItem: true },
        { type: "rating", name: "score", rateMin: 1, rateMax: 5 },
        { type: "boolean", name: "contact" },
        {
          type: "matrix",
          name: "problems",
          title: "Hur stort problem är följande?",
          columns: PROBLEM,
          rows: PROBLEM_ROWS,
        },
        { type: "radiogroup", name: "safe_night_area", choices: SAFETY },
        ...DEMOGRAPHIC_ELEMENTS,
      ],
    },
  ],
};

export type Reason = "below_min_base" | "complementary" | null;
export type Kind = "problem" | "safety" | null;
export interface TestQuestion {
  name: string;
  options: string[];
  multi: boolean;
  kind: Kind;
  values: (d: Data) => string[];
}

const one = (v: unknown) => (v === undefined || v === null ? [] : [String(v)]);
export const QUESTIONS: TestQuestion[] = [
  { name: "feel", options: ["safe", "unsafe", "dont_know"], multi: false, kind: null, values: (d) => one(d.feel) },
  { name: "trio", options: ["a", "b", "c"], multi: false, kind: null, values: (d) => one(d.trio) },
  {
    name: "where",
    options: ["park", "station", "school", "shop", "none"],
    multi: true,
    kind: null,
    values: (d) => (Array.isArray(d.where) ? d.where.map(String) : []),
  },
  { name: "score", options: ["1", "2", "3", "4", "5"], multi: false, kind: null, values: (d) => one(d.score) },
  { name: "contact", options: ["true", "false"], multi: false, kind: null, values: (d) => one(d.contact) },
  ...PROBLEM_ROWS.map((row): TestQuestion => ({
    name: `problems.${row}`,
    options: PROBLEM,
    multi: false,
    kind: "problem",
    values: (d) => one((d.problems as Data | undefined)?.[row]),
  })),
  { name: "safe_night_area", options: SAFETY, multi: false, kind: "safety", values: (d) => one(d.safe_night_area) },
  { name: "area", options: ["centrum", "norr", "byn"], multi: false, kind: null, values: (d) => one(d.area) },
  { name: "age_band", options: ["16-29", "30-64", "65+"], multi: false, kind: null, values: (d) => one(d.age_band) },
  { name: "gender", options: ["woman", "man", "other"], multi: false, kind: null, values: (d) => one(d.gender) },
];

// ---- the data: a seeded PRNG, with small groups and exact counts where the suppression cases need them ----------

export const N = 320;
export function makeAnswers(): { data: Data; channel: "web" | "paper"; day: string }[] {
  const rnd = prng(4711);
  const pick = weightedPick(rnd);
  const out: { data: Data; channel: "web" | "paper"; day: string }[] = [];
  for (let i = 0; i < N; i++) {
    const d: Data = {};
    const maybe = (p: number, f: () => unknown, key: string) => {
      if (rnd() < p) d[key] = f();
    };
    maybe(
      0.95,
      () =>
        pick([
          ["safe", 6],
          ["unsafe", 3],
          ["dont_know", 1],
        ]),
      "feel",
    );
    // The subtraction case: 40 / 38 / 3 answer trio (81 in all), nobody else does.
    if (i < 81) d.trio = i < 40 ? "a" : i < 78 ? "b" : "c";
    if (rnd() < 0.8) {
      const ticks = ["park", "station", "school"].filter(() => rnd() < 0.4);
      if (i % 100 === 13) ticks.push("shop"); // 3 respondents: a checkbox option below the minimum base
      d.where = ticks.length ? ticks : ["none"];
    }
    maybe(
      0.9,
      () =>
        pick([
          [1, 1],
          [2, 2],
          [3, 4],
          [4, 3],
          [5, 2],
        ]),
      "score",
    );
    maybe(0.9, () => rnd() < 0.3, "contact");
    const problems: Data = {};
    problems.litter = pick([
      ["4", 2],
      ["3", 3],
      ["2", 3],
      ["1", 2],
      ["dont_know", 1],
    ]);
    // speeding: "1" for exactly 3 respondents (hidden, with a complement among 2, inside the indicator's rest).
    if (i % 100 !== 50)
      problems.speeding =
        i >= 100 && i < 103
          ? "1"
          : pick([
              ["4", 3],
              ["3", 3],
              ["2", 2],
              ["dont_know", 1],
            ]);
    // drug_dealing: "vet ej" for exactly 2 respondents, which the indicator would reveal: it is suppressed.
    problems.drug_dealing =
      i === 5 || i === 205
        ? "dont_know"
        : pick([
            ["4", 2],
            ["3", 2],
            ["2", 3],
            ["1", 3],
          ]);
    d.problems = problems;
    // never_out for exactly 3: hidden (with a complement), the indicator shown without its never_out share.
    d.safe_night_area =
      i === 7 || i === 107 || i === 207
        ? "never_out"
        : pick([
            ["very_safe", 3],
            ["rather_safe", 4],
            ["rather_unsafe", 2],
            ["very_unsafe", 1],
            ["dont_know", 1],
          ]);
    // Areas: byn has 4 respondents (a group below the minimum base).
    d.area = i % 80 === 17 ? "byn" : rnd() < 0.55 ? "centrum" : "norr";
    maybe(
      0.95,
      () =>
        pick([
          ["16-29", 1],
          ["30-64", 2],
          ["65+", 1],
        ]),
      "age_band",
    );
    d.gender = i === 11 || i === 111 || i === 211 ? "other" : rnd() < 0.5 ? "woman" : "man";
    out.push({
      data: d,
      channel: i % 4 === 3 ? "paper" : "web",
      day: `2026-03-${String((i % 20) + 1).padStart(2, "0")}`,
    });
  }
  return out;
}

// ---- the setup: the survey with every answer stored, a viewer of the kommun and a token of another kommun ----------

export let app: TestApp;
export let slug: string;
export let surveyId: number;
export let viewerSession: Browser;
export let otherKommunToken: string;
/** The stored answers with their record keys (`cell_key`), from which the tests recompute the published figures. */
export let raw: { data: Data; channel: string; submitted_on: string; cell_key: number }[];

/** Registers the hooks that start the app with the survey and its answers, and stop it after the file's tests. */
export function setUpResultsSurvey() {
  beforeAll(async () => {
    app = await startDemoApp();
    const db = app.open.db;
    ({ slug, id: surveyId } = await createOpenSurvey(db, { title: "Resultattest", definition }));
    const answers = makeAnswers();
    for (const channel of ["web", "paper"] as const) {
      const rows = answers.filter((a) => a.channel === channel).map((a) => ({ data: a.data, submittedOn: a.day }));
      await storeAnswers(db, surveyId, rows, channel);
    }
    raw = (await db
      .selectFrom("response")
      .select(["data", "channel", "submitted_on", "cell_key"])
      .where("survey_id", "=", surveyId)
      .execute()) as typeof raw;
    viewerSession = new Browser(app.url);
    await viewerSession.login("lasare@haparanda.example", DEMO_PASSWORD);
    otherKommunToken = await tokenOf(db, "analytiker@kalix.example", "t");
  });
  afterAll(async () => app?.close());
}
