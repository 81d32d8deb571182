import { afterAll, beforeAll } from "vitest";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import type { TestApp } from "./app-server";
import { PROBLEM, prng, SAFETY, weightedPick, type Data } from "./reference-stats";
import { createOpenSurvey, startDemoApp, storeAnswers } from "./survey-setup";

// Three waves of Haparanda's citizen survey (2022, 2024, 2026) and one of Kalix between them, for the comparison,
// weighting and participation tests (the indicators recomputed from their raw rows: tests/support/waves-reference.ts).

export const AGES = ["16-29", "30-64", "65+"];
export const SPOTS = ["park", "station", "centre"];

function definition(rows: string[], areas: string[]) {
  return {
    pages: [
      {
        name: "p1",
        elements: [
          { type: "matrix", name: "problems", title: "Hur stort problem är följande?", columns: PROBLEM, rows },
          {
            type: "radiogroup",
            name: "safe_night_area",
            title: "Hur trygg känner du dig ute ensam sent en kväll?",
            choices: SAFETY,
          },
          { type: "dropdown", name: "area", choices: areas },
          { type: "radiogroup", name: "age_band", choices: AGES },
          { type: "radiogroup", name: "gender", choices: ["woman", "man", "other"] },
          { type: "checkbox", name: "unsafe_places", choices: SPOTS },
        ],
      },
    ],
  };
}

/** Answers of one wave; `bias` makes problems bigger (earlier waves), `noOldMen` leaves the cell 65+ × man empty. */
export function answers(
  seed: number,
  n: number,
  rows: string[],
  areas: string[],
  bias: number,
  noOldMen = false,
): { data: Data; day: string; paper: boolean }[] {
  const rnd = prng(seed);
  const pick = weightedPick(rnd);
  return Array.from({ length: n }, (_, i) => {
    const problems: Data = {};
    for (const row of rows)
      problems[row] = pick([
        ["4", 2 + bias],
        ["3", 3 + bias],
        ["2", 3],
        ["1", 2],
        ["dont_know", 1],
      ]);
    const d: Data = { problems };
    d.safe_night_area = pick([
      ["very_safe", 4],
      ["rather_safe", 4],
      ["rather_unsafe", 1 + bias / 2],
      ["very_unsafe", 1],
      ["never_out", 1],
      ["dont_know", 1],
    ]);
    // "byn" (when offered) has 3 respondents: a group below the minimum base.
    d.area = areas.includes("byn") && i % 100 === 42 ? "byn" : rnd() < 0.6 ? "centrum" : "norr";
    if (rnd() < 0.95)
      d.age_band = pick([
        ["16-29", 1],
        ["30-64", 3],
        ["65+", 2],
      ]);
    d.gender = i % 50 === 7 ? "other" : rnd() < 0.55 ? "woman" : "man";
    if (noOldMen && d.age_band === "65+" && d.gender === "man") d.gender = "woman";
    // Several places or none, without drawing from rnd (the other answers stay as they were); more often for women.
    const spots = SPOTS.filter((_, k) => (i * (k + 3) + (d.gender === "woman" ? 1 : 0)) % 5 < 2);
    if (spots.length) d.unsafe_places = spots;
    return { data: d, day: `2026-03-${String((i % 9) + 1).padStart(2, "0")}`, paper: i % 5 === 0 };
  });
}

// ---- setup ----------------------------------------------------------------------------------------------------------

export let app: TestApp;
export let kommunId: number;
/**
 * A wave's raw rows: `rows[i]` with its channel, day and record key (`keys[i]`, `response.cell_key`) at the same
 * index, so that tests count every set of rows as the app publishes it (tests/support/published.ts).
 */
export const waves: {
  slug: string;
  id: number;
  period: string;
  rows: Data[];
  channels: string[];
  days: string[];
  keys: number[];
}[] = [];
export const ROWS_ALL = ["litter", "speeding", "drug_dealing"];
const ROWS_2024 = ["litter", "speeding"];

/** Registers the hooks that start the app with every wave and its answers, and stop it after the file's tests. */
export function setUpWaves() {
  beforeAll(async () => {
    app = await startDemoApp();
    const db = app.open.db;
    kommunId = (await getOrganisationBySlug({ db, slug: "haparanda" })).id;
    const plan = [
      { period: "2022", rows: ROWS_ALL, areas: ["centrum", "norr"], n: 300, bias: 3, kommun: "haparanda" },
      { period: "2024", rows: ROWS_2024, areas: ["centrum", "norr", "byn"], n: 250, bias: 1, kommun: "haparanda" },
      // Another kommun's survey between the waves: never part of Haparanda's comparison.
      { period: "2025", rows: ROWS_ALL, areas: ["centrum", "norr"], n: 50, bias: 0, kommun: "kalix" },
      { period: "2026", rows: ROWS_ALL, areas: ["centrum", "norr", "byn"], n: 400, bias: 0, kommun: "haparanda" },
    ];
    for (const [i, w] of plan.entries()) {
      const created = await createOpenSurvey(db, {
        kommunSlug: w.kommun,
        period: w.period,
        title: `Jämförelsetest ${w.period}`,
        definition: definition(w.rows, w.areas),
      });
      const list = answers(1000 + i, w.n, w.rows, w.areas, w.bias, w.period === "2026");
      for (const paper of [false, true]) {
        const rows = list.filter((a) => a.paper === paper).map((a) => ({ data: a.data, submittedOn: a.day }));
        await storeAnswers(db, created.id, rows, paper ? "paper" : "web");
      }
      const raw = await db
        .selectFrom("response")
        .select(["data", "channel", "submitted_on", "cell_key"])
        .where("survey_id", "=", created.id)
        .execute();
      if (w.kommun === "haparanda") {
        waves.push({
          slug: created.slug,
          id: created.id,
          period: w.period,
          rows: raw.map((r) => r.data),
          channels: raw.map((r) => r.channel),
          days: raw.map((r) => String(r.submitted_on).slice(0, 10)),
          keys: raw.map((r) => Number(r.cell_key)),
        });
      }
    }
  });
  afterAll(async () => app?.close());
}

export const current = () => waves.at(-1)!;

/** A wave's rows with their record keys, for `published` (tests/support/published.ts) and `indicatorRef`. */
export const keyedRows = (w: (typeof waves)[number]) =>
  w.rows.map((d, i) => ({ d, cell_key: w.keys[i]!, channel: w.channels[i]!, day: w.days[i]! }));
