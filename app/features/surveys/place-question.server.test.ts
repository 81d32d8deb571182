import { describe, expect, it } from "vitest";
import { Model } from "survey-core";
import { addPlaceQuestion, placeQuestionElements, registerPlaceType } from "./index";
import { checkDefinition, compileValidationPlan } from "./validation.server";
import { continueNativeForm, firstNativePage } from "./native-form.server";
import { cleaned, errorsOf, onlyError } from "./validation-fixture.server";

// The place question (docs/domain/places.md, "The place question"): a `place` question over the kommun's zones and
// its four parts, validated on the server like every other question, and a plain list without JavaScript.

const ZONES = [
  { code: "kalix", name: "Kalix centralort", d: "M10,10L50,10L50,50Z" },
  { code: "tore", name: "Töre", d: "M60,10L90,10L90,40Z" },
];
const definition = {
  pages: [{ name: "p1", elements: placeQuestionElements({ name: "place", zones: ZONES, width: 100, height: 60 }) }],
};

describe("the place question on the server", () => {
  it("is a definition the server accepts, and survey-core keeps the type and its map", () => {
    expect(checkDefinition(definition)).toMatchObject({ ok: true, errors: [] });
    registerPlaceType();
    const q = new Model(definition).getQuestionByName("place");
    expect(q.getType()).toBe("place");
    expect(q.getPropertyValue("mapShapes")).toEqual(ZONES.map((z) => ({ value: z.code, d: z.d })));
    // Counted like any single choice: one code per respondent, the zones as options.
    const plan = compileValidationPlan(definition);
    expect(plan.questions.find((x) => x.name === "place")).toMatchObject({ kind: "single" });
  });

  it("accepts a zone with its parts, and nothing at all", () => {
    const answer = () => ({
      place: "tore",
      place_safety: "unsafe",
      place_category: ["lighting", "deserted"],
      place_time: ["evening", "night"],
      place_weekday: ["fri", "sat"],
    });
    expect(cleaned(definition, answer())).toEqual(answer());
    expect(cleaned(definition, {})).toEqual({});
  });

  it("refuses a zone the kommun does not have, a made-up category, and parts without a zone", () => {
    expect(onlyError(definition, { place: "stockholm" }, "place")).toBe("Välj ett av alternativen som visas.");
    expect(errorsOf(definition, { place: "tore", place_category: ["aliens"] }).map((e) => e.question)).toEqual([
      "place_category",
    ]);
    // Without a zone the parts are hidden, and a hidden question's answer is not accepted.
    expect(errorsOf(definition, { place_safety: "unsafe" }).map((e) => e.question)).toEqual(["place_safety"]);
  });

  it("adds the question and its parts to a definition once, and needs zones", () => {
    const base = { pages: [{ name: "p1", elements: [{ type: "radiogroup", name: "feel", choices: ["a", "b"] }] }] };
    const next = addPlaceQuestion(base, { zones: ZONES, width: 100, height: 60 });
    expect(next.pages![0].elements!.map((e) => e.name)).toEqual([
      "feel",
      "place",
      "place_safety",
      "place_category",
      "place_time",
      "place_weekday",
    ]);
    expect(() => addPlaceQuestion(next, { zones: ZONES, width: 100, height: 60 })).toThrow(/nameTaken/);
    expect(() => addPlaceQuestion(base, { zones: [], width: 100, height: 60 })).toThrow(/zonesRequired/);
  });
});

describe("the place question without JavaScript", () => {
  it("is a list of the named zones, and a posted zone reveals its parts", async () => {
    const first = firstNativePage({ definition, locale: "sv" });
    const q = first.questions[0];
    expect(q.kind === "radio" && q.choices.map((c) => [c.value, c.text])).toEqual([
      ["kalix", "Kalix centralort"],
      ["tore", "Töre"],
    ]);
    expect(first.questions.map((x) => x.name)).toEqual(["place"]);
    const form = new FormData();
    for (const [k, v] of [
      ["_rid", first.responseId],
      ["_page", "0"],
      ["_answers", first.carried],
      ["_shown", first.shown.join("\n")],
      ["q:place", "tore"],
      ["_nav", "next"],
    ])
      form.append(k, v);
    const out = await continueNativeForm({ definition, locale: "sv", form, send: async () => undefined });
    expect(out.state === "page" && out.view.questions.map((x) => x.name)).toEqual([
      "place",
      "place_safety",
      "place_category",
      "place_time",
      "place_weekday",
    ]);
  });
});
