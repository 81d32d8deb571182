import { describe, expect, it } from "vitest";
import { pickProblemQuestions, type ThemedPublicQuestion } from "./public-links";

const q = (
  name: string,
  themes: string[],
  indicator: ThemedPublicQuestion["indicator"] = null,
  answered: number | null = 120,
): ThemedPublicQuestion => ({ name, themes, answered, indicator });

describe("pickProblemQuestions", () => {
  const questions = [
    q("safety_day", ["public_safety"], { kind: "safety", share: 0.8 }),
    q("problems.litter", ["littering"], { kind: "problem", share: 0.3 }),
    q("problems.drugs", ["drugs"], { kind: "problem", share: 0.4 }),
    q("problems.traffic", ["traffic"], { kind: "problem", share: null }),
    q("traffic_speed", ["traffic"]),
    q("hidden_drugs", ["drugs"], { kind: "problem", share: 0.2 }, null),
  ];

  it("takes one question per theme in the document's order, a problem indicator first", () => {
    expect(pickProblemQuestions(questions, ["drugs", "littering"]).map((x) => x.name)).toEqual([
      "problems.drugs",
      "problems.litter",
    ]);
  });

  it("fills up from the themes' other questions, and never shows a question without figures", () => {
    expect(pickProblemQuestions(questions, ["traffic"], 3).map((x) => x.name)).toEqual([
      "problems.traffic",
      "traffic_speed",
    ]);
    expect(pickProblemQuestions(questions, ["drugs"], 2).map((x) => x.name)).toEqual(["problems.drugs"]);
  });

  it("a suppressed indicator share does not count as a problem figure", () => {
    const both = [
      q("a", ["traffic"], { kind: "problem", share: null }),
      q("b", ["traffic"], { kind: "problem", share: 0.1 }),
    ];
    expect(pickProblemQuestions(both, ["traffic"], 1).map((x) => x.name)).toEqual(["b"]);
  });

  it("gives nothing for themes no published question carries, and at most the limit", () => {
    expect(pickProblemQuestions(questions, ["cyber"])).toEqual([]);
    expect(pickProblemQuestions(questions, ["drugs", "littering", "public_safety"], 2)).toHaveLength(2);
  });
});
