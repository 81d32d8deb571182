import { describe, expect, it } from "vitest";
import { compileValidationPlan, encodeChoiceAnswers, validateAnswers, checkDefinition } from "./validation.server";
import { cleaned, errorsOf, onlyError, page, survey } from "./validation-fixture.server";

// validateAnswers: the definition's own validators and texts, expressions and calculated values, messages in other
// languages, panels, and hostile input.

describe("validateAnswers", () => {
  it("honours validators in the definition, with their own texts in the respondent's language", () => {
    const def = page(
      { type: "text", name: "n", validators: [{ type: "numeric", minValue: 1, maxValue: 5 }] },
      {
        type: "text",
        name: "t",
        validators: [{ type: "text", minLength: 3, text: { default: "Minst tre tecken", en: "At least three" } }],
      },
      { type: "text", name: "r", validators: [{ type: "regex", regex: "^[0-9]{3} ?[0-9]{2}$" }] },
      { type: "checkbox", name: "c", choices: ["a", "b", "c"], validators: [{ type: "answercount", maxCount: 1 }] },
      { type: "text", name: "e", validators: [{ type: "email" }] },
      {
        type: "text",
        name: "w",
        validators: [{ type: "expression", expression: "{w} = 'never'", notificationType: "warning" }],
      },
    );
    expect(cleaned(def, { n: "3", t: "abc", r: "123 45", c: ["a"], e: "a@b.se", w: "ok" })).toBeTruthy();
    expect(onlyError(def, { n: "9" }, "n")).toBe("Ange ett värde från 1 till 5.");
    expect(onlyError(def, { t: "ab" }, "t")).toBe("Minst tre tecken");
    expect(onlyError(def, { t: "ab" }, "t", "en")).toBe("At least three");
    expect(onlyError(def, { r: "12345a" }, "r")).toMatch(/fel format/);
    expect(onlyError(def, { c: ["a", "b"] }, "c")).toBe("Välj högst 1 alternativ.");
    expect(onlyError(def, { e: "nope" }, "e")).toMatch(/e-postadress/);
  });

  it("refuses regex validators that could backtrack for ever (ReDoS), and runs the rest in bounded time", () => {
    const evil = page({
      type: "text",
      name: "r",
      validators: [{ type: "regex", regex: "^(a|aa)+$", caseInsensitive: true }],
    });
    const check = checkDefinition(evil);
    expect(check.ok).toBe(false);
    expect(check.errors.join(" ")).toMatch(/orimligt lång tid/);
    // The same shape without the i flag runs on V8's linear engine and is accepted.
    const linear = page({ type: "text", name: "r", validators: [{ type: "regex", regex: "^(a+)+$" }] });
    expect(checkDefinition(linear).ok).toBe(true);
    expect(onlyError(linear, { r: `${"a".repeat(1999)}b` }, "r")).toMatch(/fel format/);
  });

  it("runs expression validators like survey-core: also when the question is unanswered", () => {
    const def = page(
      { type: "text", name: "n", inputType: "number" },
      { type: "text", name: "x", inputType: "number", validators: [{ type: "expression", expression: "{x} > {n}" }] },
    );
    expect(cleaned(def, { n: 3, x: 4 })).toEqual({ n: 3, x: 4 });
    expect(onlyError(def, { n: 3, x: 2 }, "x")).toBe("Svaret uppfyller inte villkoren för frågan. Kontrollera svaret.");
    expect(onlyError(def, { n: 3 }, "x")).toMatch(/villkoren/);
  });

  it("recomputes expression questions instead of trusting the client's value", () => {
    const def = page(
      { type: "text", name: "n", inputType: "number" },
      { type: "expression", name: "double", expression: "{n} * 2" },
      { type: "text", name: "big", visibleIf: "{double} > 10" },
    );
    expect(cleaned(def, { n: 6, double: 999, big: "ja" })).toEqual({ n: 6, double: 12, big: "ja" });
    expect(onlyError(def, { n: 2, double: 999, big: "ja" }, "big")).toMatch(/visas inte/);
  });

  it("uses the definition's requiredErrorText when there is one", () => {
    const def = page({
      type: "text",
      name: "t",
      isRequired: true,
      requiredErrorText: { default: "Fyll i!", fi: "Täytä!" },
    });
    expect(onlyError(def, {}, "t")).toBe("Fyll i!");
    expect(onlyError(def, {}, "t", "fi")).toBe("Täytä!");
  });

  it("writes messages in English and Finnish", () => {
    const data = { safe: "maybe", score: 42, foo: 1 };
    expect(errorsOf(survey, data, "en")).toEqual([
      { question: "foo", message: "This question is not part of the survey. Remove the answer." },
      { question: "safe", message: "Please choose one of the options shown." },
      { question: "score", message: "Please enter a value from 0 to 10." },
    ]);
    expect(errorsOf(survey, data, "fi")).toEqual([
      { question: "foo", message: "Kysymystä ei ole tässä kyselyssä. Poista vastaus." },
      { question: "safe", message: "Valitse jokin näytetyistä vaihtoehdoista." },
      { question: "score", message: "Anna arvo väliltä 0–10." },
    ]);
  });

  it("gives at most one message per question", () => {
    const errors = errorsOf(survey, { safe: "yes", places: ["mall", "mall", "x", "y"], why: 3 });
    expect(errors.map((e) => e.question).sort()).toEqual(["places", "why"]);
  });

  it("requires one answer in a required panel", () => {
    const def = page({
      type: "panel",
      name: "pan",
      isRequired: true,
      elements: [
        { type: "text", name: "a" },
        { type: "text", name: "b" },
      ],
    });
    expect(onlyError(def, {}, "pan")).toBe("Besvara minst en av frågorna i den här delen.");
    expect(cleaned(def, { b: "x" })).toEqual({ b: "x" });
  });

  it("keeps answers to hidden questions when the definition says clearInvisibleValues: none", () => {
    const def = {
      clearInvisibleValues: "none",
      ...page({ type: "boolean", name: "b" }, { type: "text", name: "t", visibleIf: "{b} = true" }),
    };
    expect(cleaned(def, { b: false, t: "kvar" })).toEqual({ b: false, t: "kvar" });
    expect(onlyError(def, { b: false, t: 5 }, "t")).toMatch(/fel form/);
  });

  it("recomputes calculated values included in the result", () => {
    const def = {
      calculatedValues: [{ name: "total", expression: "{a} + {b}", includeIntoResult: true }],
      ...page(
        { type: "text", inputType: "number", name: "a" },
        { type: "text", inputType: "number", name: "b" },
        { type: "text", name: "big", visibleIf: "{total} > 10" },
      ),
    };
    expect(cleaned(def, { a: 4, b: 8, big: "ja", total: 1 })).toEqual({ a: 4, b: 8, big: "ja", total: 12 });
    expect(onlyError(def, { a: 1, b: 2, big: "ja" }, "big")).toMatch(/visas inte/);
  });

  it("carries choices forward from another question", () => {
    const def = page(
      { type: "checkbox", name: "seen", choices: ["a", "b", "c"] },
      { type: "radiogroup", name: "worst", choicesFromQuestion: "seen", choicesFromQuestionMode: "selected" },
    );
    expect(cleaned(def, { seen: ["a", "c"], worst: "c" })).toEqual({ seen: ["a", "c"], worst: "c" });
    expect(onlyError(def, { seen: ["a", "c"], worst: "b" }, "worst")).toMatch(/alternativen som visas/);
    expect(encodeChoiceAnswers(compileValidationPlan(def), { seen: ["c", "a"], worst: "c" })).toEqual([
      { question: "seen", value: "a" },
      { question: "seen", value: "c" },
      { question: "worst", value: "c" },
    ]);
  });

  it("never throws for hostile input", () => {
    const plan = compileValidationPlan(survey);
    const hostile: unknown[] = [
      undefined,
      Object.create(null),
      { __proto__: { safe: "yes" } },
      JSON.parse('{"__proto__": {"x": 1}, "safe": "yes"}'),
      { safe: { toString: 1 } },
      { safe: ["yes"] },
      { places: [null] },
      { places: [{}] },
      { trust: { police: [1] } },
      { age: Number.NaN },
      { age: Infinity },
      { score: Number.MAX_VALUE },
      { safe: "yes", why: { a: 1 } },
    ];
    for (const h of hostile) {
      expect(() => validateAnswers(plan, h, "sv")).not.toThrow();
    }
    // Rows and items named like Object.prototype members must not read inherited values.
    const inherited = page(
      { type: "matrix", name: "m", rows: ["toString", "valueOf"], columns: [1], isAllRowRequired: true },
      { type: "multipletext", name: "mt", items: [{ name: "toString", isRequired: true }, { name: "x" }] },
    );
    expect(errorsOf(inherited, { m: { valueOf: 1 }, mt: { x: "a" } })).toEqual([
      { question: "m", message: "Besvara alla rader." },
      { question: "mt", message: "Frågan måste besvaras." },
    ]);
    // survey-core itself cannot load a question named like one; the definition check says so.
    expect(checkDefinition(page({ type: "text", name: "toString" })).ok).toBe(false);
    const res = validateAnswers(plan, JSON.parse('{"__proto__": {"x": 1}, "safe": "yes"}'), "sv");
    expect(res).toEqual({
      ok: false,
      errors: [{ question: "__proto__", message: "Frågan finns inte i den här enkäten. Ta bort svaret." }],
    });
  });
});
