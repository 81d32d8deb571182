import { expect } from "vitest";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import type { Database } from "../../app/platform/db.server";

// The survey and answers the aggregate tests share (results cube, co-occurrence cells, participation): every kind of
// choice-like question the aggregates treat differently (single answer, checkbox with an exclusive "none", matrix
// rows on the problem scale, rating) and the three demographic questions, answered from a seeded generator so that
// each test file gets the same data run after run. The tests compare aggregate reads with a scan of these rows.

export interface ResultsFixtureOptions {
  /** Include the rating question `score` (the participation test does without). */
  score?: boolean;
}

export function resultsDefinition({ score = true }: ResultsFixtureOptions = {}) {
  return {
    pages: [
      {
        name: "p1",
        elements: [
          { type: "radiogroup", name: "feel", choices: ["safe", "unsafe", "dont_know"] },
          { type: "checkbox", name: "where", choices: ["park", "station", "school"], showNoneItem: true },
          {
            type: "matrix",
            name: "problems",
            columns: ["4", "3", "2", "1", "dont_know"],
            rows: ["litter", "speeding"],
          },
          ...(score ? [{ type: "rating", name: "score", rateMin: 1, rateMax: 5 }] : []),
          { type: "dropdown", name: "area", choices: ["centrum", "norr", "byn"] },
          { type: "radiogroup", name: "age_band", choices: ["16-29", "30-64", "65+"] },
          { type: "radiogroup", name: "gender", choices: ["woman", "man", "other"] },
        ],
      },
    ],
  };
}

/** Seeded answers to resultsDefinition: `add(n, channel, month)` stores n answers on days 1–20 of the month. */
export function resultsAnswers(seed: number, { score = true }: ResultsFixtureOptions = {}) {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  function answer(): Record<string, unknown> {
    const a: Record<string, unknown> = {};
    if (rand() < 0.9) a.feel = pick(["safe", "unsafe", "dont_know"]);
    if (rand() < 0.8) a.where = rand() < 0.2 ? ["none"] : ["park", "station", "school"].filter(() => rand() < 0.5);
    if (Array.isArray(a.where) && a.where.length === 0) delete a.where;
    const problems: Record<string, string> = {};
    for (const row of ["litter", "speeding"])
      if (rand() < 0.85) problems[row] = pick(["4", "3", "2", "1", "dont_know"]);
    if (Object.keys(problems).length) a.problems = problems;
    if (score && rand() < 0.7) a.score = pick([1, 2, 3, 4, 5]);
    if (rand() < 0.95) a.area = pick(["centrum", "norr", "byn"]);
    if (rand() < 0.95) a.age_band = pick(["16-29", "30-64", "65+"]);
    if (rand() < 0.9) a.gender = pick(["woman", "man", "other"]);
    return a;
  }

  return {
    answer,
    async add(db: Database, surveyId: number, n: number, channel: "web" | "paper" | "phone", month = "10") {
      const rows = Array.from({ length: n }, () => ({
        data: answer(),
        submittedOn: `2026-${month}-${String(1 + Math.floor(rand() * 20)).padStart(2, "0")}`,
      }));
      const stored = await storeResponsesAllOrNothing({ db, surveyId, rows, channel });
      expect(stored.errors).toEqual([]);
    },
  };
}
