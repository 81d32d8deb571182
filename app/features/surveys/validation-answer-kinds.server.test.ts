import { describe, expect, it } from "vitest";
import { compileValidationPlan, encodeChoiceAnswers } from "./validation.server";
import { cleaned, errorsOf, onlyError, page, survey } from "./validation-fixture.server";

// validateAnswers: matrices, Other and comments, text limits, e-mail and dates, booleans, rankings, multiple text and
// choices hidden by conditions.

describe("validateAnswers", () => {
  it("rejects a matrix answer with an unknown row or column", () => {
    expect(onlyError(survey, { safe: "yes", trust: { police: 1, hospital: 2 } }, "trust")).toBe(
      "Svaret gäller en rad eller kolumn som inte visas i frågan.",
    );
    expect(onlyError(survey, { safe: "yes", trust: { police: 4 } }, "trust")).toBe(
      "Svaret gäller en rad eller kolumn som inte visas i frågan.",
    );
    expect(onlyError(survey, { safe: "yes", trust: ["police"] }, "trust")).toMatch(/fel form/);
  });

  it("requires every row when isAllRowRequired is set", () => {
    const def = page({ type: "matrix", name: "m", rows: ["a", "b"], columns: ["x", "y"], isAllRowRequired: true });
    expect(onlyError(def, { m: { a: "x" } }, "m")).toBe("Besvara alla rader.");
    expect(cleaned(def, { m: { b: "y", a: "x" } })).toEqual({ m: { a: "x", b: "y" } });
  });

  it("accepts the Other comment only when showOtherItem is on and Other is chosen", () => {
    expect(cleaned(survey, { safe: "other", "safe-Comment": "Det beror på" })).toEqual({
      safe: "other",
      "safe-Comment": "Det beror på",
    });
    expect(onlyError(survey, { safe: "yes", "safe-Comment": "text" }, "safe")).toBe(
      "Fältet för Annat kan bara fyllas i när Annat är valt. Välj Annat eller töm fältet.",
    );
    expect(onlyError(survey, { safe: "other" }, "safe")).toBe("Skriv ditt svar i fältet för Annat.");
    const noOther = page({ type: "radiogroup", name: "r", choices: ["a"] });
    expect(errorsOf(noOther, { r: "other", "r-Comment": "x" })).toEqual([
      { question: "r-Comment", message: "Frågan finns inte i den här enkäten. Ta bort svaret." },
      { question: "r", message: "Välj ett av alternativen som visas." },
    ]);
  });

  it("stores the Other text in the value when storeOthersAsComment is false", () => {
    const def = {
      storeOthersAsComment: false,
      ...page({ type: "checkbox", name: "c", choices: ["a", "b"], showOtherItem: true }),
    };
    expect(cleaned(def, { c: ["a", "min egen text"] })).toEqual({ c: ["a", "min egen text"] });
    expect(onlyError(def, { c: ["a", "text 1", "text 2"] }, "c")).toBe("Välj ett av alternativen som visas.");
    expect(encodeChoiceAnswers(compileValidationPlan(def), { c: ["a", "min egen text"] })).toEqual([
      { question: "c", value: "a" },
      { question: "c", value: "other" },
    ]);
  });

  it("allows a general comment with showCommentArea", () => {
    const def = page({ type: "rating", name: "s", showCommentArea: true });
    expect(cleaned(def, { s: 4, "s-Comment": "bra" })).toEqual({ s: 4, "s-Comment": "bra" });
  });

  it("rejects NUL characters and unpaired surrogates in any text", () => {
    const def = page(
      { type: "text", name: "t" },
      { type: "comment", name: "c" },
      { type: "multipletext", name: "m", items: [{ name: "a" }] },
    );
    expect(onlyError(def, { t: "a\u0000b" }, "t")).toBe(
      "Svaret innehåller tecken som inte är tillåtna. Skriv om texten och försök igen.",
    );
    expect(onlyError(def, { c: "x\uD800y" }, "c")).toMatch(/inte är tillåtna/);
    expect(onlyError(def, { c: "\uDC00" }, "c")).toMatch(/inte är tillåtna/);
    expect(onlyError(def, { m: { a: "\u0000" } }, "m")).toMatch(/inte är tillåtna/);
    expect(cleaned(def, { t: "Trygg 👍 åäö" })).toEqual({ t: "Trygg 👍 åäö" });
  });

  it("caps text at maxLength, or 2000/5000 characters by default", () => {
    const def = page(
      { type: "text", name: "t" },
      { type: "comment", name: "c" },
      { type: "text", name: "short", maxLength: 5 },
    );
    expect(onlyError(def, { t: "x".repeat(2001) }, "t")).toBe("Svaret är för långt. Korta det till högst 2000 tecken.");
    expect(cleaned(def, { t: "x".repeat(2000), c: "y".repeat(5000) })).toMatchObject({ t: "x".repeat(2000) });
    expect(onlyError(def, { c: "y".repeat(5001) }, "c")).toMatch(/högst 5000 tecken/);
    expect(onlyError(def, { short: "abcdef" }, "short")).toMatch(/högst 5 tecken/);
  });

  it("checks e-mail addresses and ISO dates", () => {
    const def = page(
      { type: "text", name: "mail", inputType: "email" },
      { type: "text", name: "d", inputType: "date", min: "2024-01-01" },
    );
    expect(cleaned(def, { mail: "anna@example.se", d: "2024-02-29" })).toEqual({
      mail: "anna@example.se",
      d: "2024-02-29",
    });
    expect(onlyError(def, { mail: "anna@" }, "mail")).toMatch(/giltig e-postadress/);
    expect(onlyError(def, { d: "2023-02-29" }, "d")).toBe("Ange ett giltigt datum (ÅÅÅÅ-MM-DD).");
    expect(onlyError(def, { d: "29/02/2024" }, "d")).toBe("Ange ett giltigt datum (ÅÅÅÅ-MM-DD).");
    expect(onlyError(def, { d: "2023-12-31" }, "d")).toBe("Ange ett värde som är minst 2024-01-01.");
  });

  it("accepts only true/false, or valueTrue/valueFalse, for a boolean", () => {
    expect(onlyError(page({ type: "boolean", name: "b" }), { b: "yes" }, "b")).toBe("Svara ja eller nej.");
    const custom = page({ type: "boolean", name: "b", valueTrue: "ja", valueFalse: "nej" });
    expect(cleaned(custom, { b: "nej" })).toEqual({ b: "nej" });
    expect(onlyError(custom, { b: true }, "b")).toBe("Svara ja eller nej.");
    expect(encodeChoiceAnswers(compileValidationPlan(custom), { b: "ja" })).toEqual([{ question: "b", value: "true" }]);
  });

  it("accepts a ranking that orders (a subset of) the choices", () => {
    const def = page({ type: "ranking", name: "rk", choices: ["a", "b", "c"] });
    expect(cleaned(def, { rk: ["c", "a", "b"] })).toEqual({ rk: ["c", "a", "b"] });
    expect(onlyError(def, { rk: ["a", "a", "b"] }, "rk")).toMatch(/flera gånger/);
    expect(onlyError(def, { rk: ["a", "x"] }, "rk")).toBe("Välj ett av alternativen som visas.");
  });

  it("checks multiple text items", () => {
    const def = page({
      type: "multipletext",
      name: "mt",
      items: [
        { name: "first", isRequired: true },
        { name: "year", inputType: "number" },
      ],
    });
    expect(cleaned(def, { mt: { year: 1990, first: "Anna" } })).toEqual({ mt: { first: "Anna", year: 1990 } });
    expect(onlyError(def, { mt: { year: 1990 } }, "mt")).toBe("Frågan måste besvaras.");
    expect(onlyError(def, { mt: { first: "A", year: "1990" } }, "mt")).toBe("Ange ett tal.");
    expect(onlyError(def, { mt: { first: "A", nick: "x" } }, "mt")).toBe(
      "Svaret innehåller ett fält som inte finns i frågan.",
    );
  });

  it("hides choices by choicesVisibleIf and choice visibleIf", () => {
    const def = page(
      { type: "radiogroup", name: "kind", choices: ["city", "village"] },
      {
        type: "checkbox",
        name: "where",
        choices: ["street", { value: "metro", visibleIf: "{kind} = 'city'" }, "bus"],
        choicesVisibleIf: "{item} != 'bus' or {kind} = 'village'",
      },
    );
    expect(cleaned(def, { kind: "city", where: ["street", "metro"] })).toBeTruthy();
    expect(onlyError(def, { kind: "village", where: ["metro"] }, "where")).toMatch(/alternativen som visas/);
    expect(onlyError(def, { kind: "city", where: ["bus"] }, "where")).toMatch(/alternativen som visas/);
  });
});
