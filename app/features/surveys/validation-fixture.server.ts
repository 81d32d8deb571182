import { expect } from "vitest";
import { compileValidationPlan, validateAnswers, type Locale, type ValidationError } from "./validation.server";

// What the validation tests share: a definition of one page, runs of validateAnswers with the result's errors or
// cleaned answers, and the survey most validateAnswers tests answer.

export type Def = Record<string, unknown>;
export const page = (...elements: unknown[]): Def => ({ pages: [{ name: "p1", elements }] });

export function run(def: Def, data: unknown, locale: Locale = "sv") {
  return validateAnswers(compileValidationPlan(def), data, locale);
}

export function errorsOf(def: Def, data: unknown, locale: Locale = "sv"): ValidationError[] {
  const res = run(def, data, locale);
  if (res.ok) throw new Error(`expected errors, got ok: ${JSON.stringify(res.data)}`);
  return res.errors;
}

export function cleaned(def: Def, data: unknown): Record<string, unknown> {
  const res = run(def, data);
  if (!res.ok) throw new Error(`expected ok, got ${JSON.stringify(res.errors)}`);
  return res.data;
}

/** The single error for `question`, asserting there is exactly one error overall. */
export function onlyError(def: Def, data: unknown, question: string, locale: Locale = "sv"): string {
  const errors = errorsOf(def, data, locale);
  expect(errors).toHaveLength(1);
  expect(errors[0].question).toBe(question);
  return errors[0].message;
}

/** The survey most validateAnswers tests answer: choices with Other and None, a rating, a number, conditions, a matrix. */
export const survey: Def = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "radiogroup", name: "safe", choices: ["yes", "no"], isRequired: true, showOtherItem: true },
        {
          type: "checkbox",
          name: "places",
          choices: ["park", "square", "station"],
          showNoneItem: true,
          maxSelectedChoices: 2,
        },
        { type: "rating", name: "score", rateMin: 0, rateMax: 10 },
        { type: "text", name: "age", inputType: "number", min: 16, max: 120 },
        { type: "comment", name: "why", visibleIf: "{safe} = 'no'" },
        { type: "boolean", name: "police", requiredIf: "{score} < 3" },
        { type: "matrix", name: "trust", rows: ["police", "school"], columns: [1, 2, 3] },
        {
          type: "dropdown",
          name: "area",
          choices: [
            { value: 1, text: "Norr" },
            { value: 2, text: "Söder" },
          ],
        },
      ],
    },
    {
      name: "p2",
      visibleIf: "{safe} = 'no'",
      elements: [{ type: "panel", name: "more", elements: [{ type: "text", name: "where" }] }],
    },
  ],
};

/** The question `t` of `def` is required only when a condition makes it so: no error for `off`, the message for `on`. */
export function expectRequiredOnlyWhen(def: Def, off: Record<string, unknown>, on: Record<string, unknown>) {
  expect(cleaned(def, off)).toEqual(off);
  expect(onlyError(def, on, "t")).toBe("Frågan måste besvaras.");
}
