import { describe, expect, it } from "vitest";
import { cleaned, errorsOf, expectRequiredOnlyWhen, onlyError, page, survey } from "./validation-fixture.server";

// validateAnswers: plain values, choices, ratings and numbers, unknown questions, and what visibility and conditions
// ask (the survey of validation-fixture.server.ts).

describe("validateAnswers", () => {
  it("accepts a valid full answer and returns only the definition's own keys", () => {
    // A fresh copy each time: what comes back is compared with the answer as given, not with the object passed in.
    const answer = () => ({
      safe: "no",
      places: ["park", "station"],
      score: 7,
      age: 34,
      why: "Dålig belysning",
      police: false,
      trust: { police: 2, school: 3 },
      area: 2,
      where: "Torget",
    });
    const data = cleaned(survey, answer());
    expect(data).toEqual(answer());
  });

  it("drops empty values instead of storing them", () => {
    expect(cleaned(survey, { safe: "yes", places: [], age: null, trust: {}, area: "" })).toEqual({ safe: "yes" });
  });

  it("rejects data that is not a plain object", () => {
    for (const bad of [null, [], "x", 42, new Date()]) {
      expect(errorsOf(survey, bad)).toEqual([
        { question: "", message: "Svaren måste skickas som ett objekt med frågornas namn som nycklar." },
      ]);
    }
  });

  it("reports a missing required answer", () => {
    expect(onlyError(survey, {}, "safe")).toBe("Frågan måste besvaras.");
    expect(onlyError(survey, { safe: "   " }, "safe")).toBe("Välj ett av alternativen som visas.");
  });

  it("treats whitespace-only text as unanswered for a required text question", () => {
    const def = page({ type: "text", name: "t", isRequired: true });
    expect(onlyError(def, { t: "   " }, "t")).toBe("Frågan måste besvaras.");
    expect(cleaned(page({ type: "text", name: "t" }), { t: "  x " })).toEqual({ t: "  x " });
  });

  it("rejects a value that is not among the choices", () => {
    expect(onlyError(survey, { safe: "maybe" }, "safe")).toBe("Välj ett av alternativen som visas.");
    expect(onlyError(survey, { safe: "yes", area: 3 }, "area")).toBe("Välj ett av alternativen som visas.");
    // Choice values are compared strictly: "2" is not the choice 2.
    expect(onlyError(survey, { safe: "yes", area: "2" }, "area")).toBe("Välj ett av alternativen som visas.");
  });

  it("rejects a checkbox answer with a value that is not a choice", () => {
    expect(onlyError(survey, { safe: "yes", places: ["park", "mall"] }, "places")).toBe(
      "Välj ett av alternativen som visas.",
    );
    expect(onlyError(survey, { safe: "yes", places: "park" }, "places")).toBe(
      "Svaret har fel form. Svara på frågan igen i formuläret.",
    );
    expect(onlyError(survey, { safe: "yes", places: ["park", "park"] }, "places")).toMatch(/flera gånger/);
  });

  it("enforces maxSelectedChoices and the exclusive None item", () => {
    expect(onlyError(survey, { safe: "yes", places: ["park", "square", "station"] }, "places")).toBe(
      "Välj högst 2 alternativ.",
    );
    expect(onlyError(survey, { safe: "yes", places: ["none", "park"] }, "places")).toBe(
      "Alternativet none kan inte kombineras med andra alternativ.",
    );
    expect(cleaned(survey, { safe: "yes", places: ["none"] })).toEqual({ safe: "yes", places: ["none"] });
  });

  it("rejects None when the question has no None item", () => {
    const def = page({ type: "radiogroup", name: "r", choices: ["a"] });
    expect(onlyError(def, { r: "none" }, "r")).toBe("Välj ett av alternativen som visas.");
    expect(cleaned(page({ type: "radiogroup", name: "r", choices: ["a"], showNoneItem: true }), { r: "none" })).toEqual(
      { r: "none" },
    );
  });

  it("rejects a rating outside the scale, off the steps, or not a number", () => {
    expect(onlyError(survey, { safe: "yes", score: 42 }, "score")).toBe("Ange ett värde från 0 till 10.");
    expect(onlyError(survey, { safe: "yes", score: 5.5 }, "score")).toBe("Välj ett av alternativen som visas.");
    expect(onlyError(survey, { safe: "yes", score: "5" }, "score")).toBe("Ange ett tal.");
    const stepped = page({ type: "rating", name: "s", rateMin: 0, rateMax: 10, rateStep: 5 });
    expect(cleaned(stepped, { s: 5 })).toEqual({ s: 5 });
    expect(onlyError(stepped, { s: 4 }, "s")).toBe("Välj ett av alternativen som visas.");
  });

  it("accepts only the listed rateValues, given as numbers or {value, text}", () => {
    const def = page({
      type: "rating",
      name: "s",
      rateValues: [1, { value: 3, text: "tre" }, { value: 9, text: "nio" }],
    });
    expect(cleaned(def, { s: 3 })).toEqual({ s: 3 });
    expect(onlyError(def, { s: 2 }, "s")).toBe("Välj ett av alternativen som visas.");
  });

  it("rejects a string where a number belongs, and numbers out of min/max", () => {
    expect(onlyError(survey, { safe: "yes", age: "34" }, "age")).toBe("Ange ett tal.");
    expect(onlyError(survey, { safe: "yes", age: 12 }, "age")).toBe("Ange ett värde från 16 till 120.");
  });

  it("reports each unknown question name", () => {
    const errors = errorsOf(survey, { safe: "yes", foo: 1, "bar baz": "x" });
    expect(errors).toEqual([
      { question: "foo", message: "Frågan finns inte i den här enkäten. Ta bort svaret." },
      { question: "bar baz", message: "Frågan finns inte i den här enkäten. Ta bort svaret." },
    ]);
  });

  it("rejects an answer to a question hidden by its visibleIf", () => {
    expect(onlyError(survey, { safe: "yes", why: "text" }, "why")).toBe(
      "Frågan visas inte utifrån dina andra svar. Ta bort svaret eller ändra svaren som styr frågan.",
    );
  });

  it("rejects an answer to a question inside a hidden page or panel", () => {
    expect(onlyError(survey, { safe: "yes", where: "Torget" }, "where")).toMatch(/visas inte/);
    const def = page(
      { type: "boolean", name: "show" },
      {
        type: "panel",
        name: "pan",
        visibleIf: "{show} = true",
        elements: [{ type: "panel", name: "inner", elements: [{ type: "text", name: "deep" }] }],
      },
    );
    expect(onlyError(def, { show: false, deep: "x" }, "deep")).toMatch(/visas inte/);
    expect(cleaned(def, { show: true, deep: "x" })).toEqual({ show: true, deep: "x" });
  });

  it("does not require a hidden required question", () => {
    const def = page(
      { type: "boolean", name: "show" },
      { type: "text", name: "t", isRequired: true, visibleIf: "{show} = true" },
    );
    expectRequiredOnlyWhen(def, { show: false }, { show: true });
  });

  it("requires a question whose requiredIf is true", () => {
    expect(onlyError(survey, { safe: "yes", score: 2 }, "police")).toBe("Frågan måste besvaras.");
    expect(cleaned(survey, { safe: "yes", score: 2, police: true })).toMatchObject({ police: true });
    expect(cleaned(survey, { safe: "yes", score: 8 })).toEqual({ safe: "yes", score: 8 });
  });

  it("does not require a question disabled by enableIf", () => {
    const def = page(
      { type: "boolean", name: "b" },
      { type: "text", name: "t", isRequired: true, enableIf: "{b} = true" },
    );
    expectRequiredOnlyWhen(def, { b: false }, { b: true });
  });
});
