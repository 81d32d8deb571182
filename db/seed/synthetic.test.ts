import { Model } from "survey-core";
import { buildStandardSurvey, DEFAULT_UNITS } from "../../app/features/surveys/domain/question-bank";
import { suggestThemes } from "../../app/features/surveys/domain/themes";
import {
  DEMO_KOMMUNER,
  DEMO_PROFILES,
  generateStaffAnswers,
  generateSubmittedDates,
  mulberry32,
  STAFF_ACTIVITY_SENTENCES,
  STAFF_PLACE_SENTENCES,
  SUGGESTION_SENTENCES,
  UNSAFE_PLACE_SENTENCES,
} from "./synthetic";
import { SEED, ALL, SLOW, validateAll, share, matrixCell, defined, BIG } from "./synthetic.fixture";

// The sentences of the synthetic free text, the synthetic staff answers, and the submission dates.

describe("synthetic citizen answers", () => {
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
