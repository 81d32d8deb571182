import { describe, expect, it } from "vitest";
import { Model } from "survey-core";
import { compileValidationPlan, getQuestionVisibility } from "./validation.server";
import type { Def } from "./validation-fixture.server";

// The server's visibility of questions against survey-core's own Model, over generated answers.

/** Deterministic LCG (Numerical Recipes constants), so a failure reproduces. */
function lcg(seed: number) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}

describe("visibility agrees with survey-core's own Model", () => {
  const def: Def = {
    pages: [
      {
        name: "p1",
        elements: [
          { type: "radiogroup", name: "gender", choices: ["f", "m", "x"] },
          { type: "rating", name: "score", rateMin: 0, rateMax: 10 },
          { type: "checkbox", name: "places", choices: ["park", "square", "station", "school"] },
          { type: "boolean", name: "victim" },
          { type: "text", name: "age", inputType: "number" },
          { type: "comment", name: "why", visibleIf: "{score} < 5 and {victim} = true" },
          {
            type: "text",
            name: "which",
            visibleIf: "{places} contains 'station' or {places} anyof ['park', 'school']",
          },
          { type: "radiogroup", name: "reported", choices: ["yes", "no"], visibleIf: "{victim} = true" },
          { type: "comment", name: "notReported", visibleIf: "{reported} = 'no' and {victim} = true" },
          { type: "text", name: "young", visibleIf: "{age} < 25 or {age} empty" },
          { type: "text", name: "caseInsensitive", visibleIf: "{GENDER} = 'x'" },
          { type: "text", name: "viaIif", visibleIf: "iif({score} > 7, true, false) and {places.length} >= 2" },
          {
            type: "panel",
            name: "outer",
            visibleIf: "{gender} notempty",
            elements: [
              { type: "text", name: "inOuter" },
              {
                type: "panel",
                name: "inner",
                visibleIf: "{score} >= 3",
                elements: [{ type: "text", name: "inInner", visibleIf: "{victim} != true" }],
              },
            ],
          },
        ],
      },
      { name: "p2", visibleIf: "{gender} = 'f' or {score} > 8", elements: [{ type: "text", name: "onP2" }] },
      {
        name: "p3",
        elements: [
          { type: "text", name: "hiddenStatic", visible: false },
          { type: "text", name: "shownByIf", visible: false, visibleIf: "{victim} = false" },
          {
            type: "radiogroup",
            name: "onlyBusy",
            hideIfChoicesEmpty: true,
            choices: ["park", "square", "station", "school"],
            choicesVisibleIf: "{places} contains {item} and {score} > 2",
          },
          {
            type: "dropdown",
            name: "worst",
            hideIfChoicesEmpty: true,
            choicesFromQuestion: "places",
            choicesFromQuestionMode: "selected",
          },
          { type: "text", name: "byCalc", visibleIf: "{risk} >= 12" },
        ],
      },
    ],
    calculatedValues: [{ name: "risk", expression: "{score} + iif({victim} = true, 5, 0)" }],
  };

  function randomAnswer(r: ReturnType<typeof lcg>): Record<string, unknown> {
    const data: Record<string, unknown> = {};
    const maybe = (key: string, value: () => unknown) => {
      if (r.next() < 0.75) data[key] = value();
    };
    maybe("gender", () => r.pick(["f", "m", "x"]));
    maybe("score", () => r.int(11));
    maybe("places", () => ["park", "square", "station", "school"].filter(() => r.next() < 0.4));
    maybe("victim", () => r.next() < 0.5);
    maybe("age", () => 15 + r.int(70));
    maybe("reported", () => r.pick(["yes", "no"]));
    return data;
  }

  // survey-core needs a few ms per answer; give a loaded CI machine room.
  it("matches q.isVisible && q.isParentVisible for 300 generated answers", { timeout: 60_000 }, () => {
    const plan = compileValidationPlan(def);
    const model = new Model(def);
    const r = lcg(20260131);
    let visibleSeen = 0;
    let hiddenSeen = 0;
    for (let n = 0; n < 300; n++) {
      const data = randomAnswer(r);
      model.data = data;
      const ours = getQuestionVisibility(plan, data);
      for (const q of model.getAllQuestions()) {
        const theirs = q.isVisible && q.isParentVisible;
        if (ours[q.name] !== theirs) {
          throw new Error(
            `visibility of ${q.name} differs for ${JSON.stringify(data)}: ours ${ours[q.name]}, survey-core ${theirs}`,
          );
        }
        if (theirs) visibleSeen++;
        else hiddenSeen++;
      }
    }
    // The generator must exercise both outcomes, or the comparison proves nothing.
    expect(visibleSeen).toBeGreaterThan(750);
    expect(hiddenSeen).toBeGreaterThan(750);
  });
});
