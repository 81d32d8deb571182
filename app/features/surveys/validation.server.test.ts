import { describe, expect, it } from "vitest";
import { Model } from "survey-core";
import {
  checkDefinition,
  compileValidationPlan,
  encodeChoiceAnswers,
  getQuestionVisibility,
  validateAnswers,
  type Locale,
  type ValidationError,
} from "./validation.server";

type Def = Record<string, unknown>;
const page = (...elements: unknown[]): Def => ({ pages: [{ name: "p1", elements }] });

function run(def: Def, data: unknown, locale: Locale = "sv") {
  return validateAnswers(compileValidationPlan(def), data, locale);
}

function errorsOf(def: Def, data: unknown, locale: Locale = "sv"): ValidationError[] {
  const res = run(def, data, locale);
  if (res.ok) throw new Error(`expected errors, got ok: ${JSON.stringify(res.data)}`);
  return res.errors;
}

function cleaned(def: Def, data: unknown): Record<string, unknown> {
  const res = run(def, data);
  if (!res.ok) throw new Error(`expected ok, got ${JSON.stringify(res.errors)}`);
  return res.data;
}

/** The single error for `question`, asserting there is exactly one error overall. */
function onlyError(def: Def, data: unknown, question: string, locale: Locale = "sv"): string {
  const errors = errorsOf(def, data, locale);
  expect(errors).toHaveLength(1);
  expect(errors[0].question).toBe(question);
  return errors[0].message;
}

describe("checkDefinition", () => {
  it("accepts a definition of supported types and lists the answerable question names", () => {
    const res = checkDefinition({
      pages: [
        {
          name: "p1",
          elements: [
            { type: "radiogroup", name: "r", choices: ["a", "b"] },
            { type: "html", name: "intro", html: "<p>Hej</p>" },
            { type: "panel", name: "pan", elements: [{ type: "rating", name: "rate" }] },
            { type: "matrix", name: "m", rows: ["x"], columns: [1, 2] },
            { type: "expression", name: "e", expression: "{rate} * 2" },
          ],
        },
      ],
    });
    expect(res).toEqual({ ok: true, errors: [], warnings: [], questionNames: ["r", "rate", "m"] });
  });

  it("accepts a flat elements list without pages", () => {
    expect(checkDefinition({ elements: [{ type: "text", name: "t" }] }).ok).toBe(true);
  });

  it("rejects what is not a definition", () => {
    expect(checkDefinition(null).errors).toEqual(["Definitionen måste vara ett JSON-objekt."]);
    expect(checkDefinition([]).ok).toBe(false);
    expect(checkDefinition({ title: "x" }).errors).toEqual([
      "Definitionen måste ha en lista med sidor (pages) eller element (elements).",
    ]);
    expect(checkDefinition({ pages: [] }).errors).toEqual(["Definitionen innehåller inga frågor."]);
  });

  it("names unsupported question types and the question", () => {
    const res = checkDefinition(
      page(
        { type: "matrixdynamic", name: "md" },
        { type: "file", name: "upload" },
        { type: "panel", name: "pan", elements: [{ type: "paneldynamic", name: "pd" }] },
        { type: "myCustomType", name: "cust" },
      ),
    );
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual(
      expect.arrayContaining([
        "Frågetypen matrixdynamic stöds inte (fråga md).",
        "Frågetypen file stöds inte (fråga upload).",
        "Frågetypen paneldynamic stöds inte (fråga pd).",
        "Frågetypen myCustomType stöds inte (fråga cust).",
      ]),
    );
  });

  it("requires unique, non-empty question names", () => {
    const res = checkDefinition(
      page({ type: "text", name: "a" }, { type: "text", name: "a" }, { type: "text" }, { type: "text", name: "  " }),
    );
    expect(res.errors).toEqual(
      expect.arrayContaining([
        "Frågenamnet a används av flera frågor.",
        "En fråga av typen text på sidan p1 saknar namn.",
      ]),
    );
  });

  it("rejects duplicate choice values, choicesByUrl and unsupported validators", () => {
    const res = checkDefinition(
      page(
        { type: "dropdown", name: "d", choices: ["a", { value: "a", text: "A igen" }] },
        { type: "radiogroup", name: "u", choicesByUrl: { url: "https://example.org/list" } },
        { type: "checkbox", name: "c", choices: ["x"], valuePropertyName: "val" },
      ),
    );
    expect(res.errors).toEqual(
      expect.arrayContaining([
        "fråga d: flera alternativ har värdet a.",
        "fråga u: alternativ från en URL (choicesByUrl) stöds inte.",
        "fråga c: valuePropertyName stöds inte.",
      ]),
    );
  });

  it("rejects conditions that do not parse or call functions the server cannot run", () => {
    const res = checkDefinition(
      page(
        { type: "text", name: "a" },
        { type: "text", name: "b", visibleIf: "{a} = = 1" },
        { type: "text", name: "c", requiredIf: "nosuchfn({a})" },
        { type: "text", name: "d", enableIf: "displayValue('a') = 'x'" },
      ),
    );
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual(
      expect.arrayContaining([
        'Uttrycket "{a} = = 1" i fråga b (visibleIf) kan inte tolkas.',
        'Uttrycket "nosuchfn({a})" i fråga c (requiredIf) använder den okända funktionen nosuchfn.',
        `Uttrycket "displayValue('a') = 'x'" i fråga d (enableIf) använder funktionen displayValue, som inte kan beräknas på servern.`,
      ]),
    );
  });

  it("warns about ignored features without failing", () => {
    const res = checkDefinition({
      triggers: [{ type: "complete", expression: "{a} = 1" }],
      clearInvisibleValues: "none",
      pages: [
        {
          elements: [
            { type: "text", name: "a", visibelIf: "{b} = 1" },
            { type: "text", name: "b", visibleIf: "{nosuch} = 1" },
          ],
        },
      ],
    });
    expect(res.ok).toBe(true);
    expect(res.warnings.join("\n")).toMatch(/Utlösare \(triggers\)/);
    expect(res.warnings.join("\n")).toMatch(/visibelIf/);
    expect(res.warnings.join("\n")).toMatch(/okända variabeln nosuch/);
    expect(res.warnings.join("\n")).toMatch(/clearInvisibleValues/);
  });

  it("compileValidationPlan refuses a definition that fails the check", () => {
    expect(() => compileValidationPlan(page({ type: "file", name: "f" }))).toThrow(/stöds inte/);
  });
});

describe("validateAnswers", () => {
  const survey: Def = {
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

  it("accepts a valid full answer and returns only the definition's own keys", () => {
    const data = cleaned(survey, {
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
    expect(data).toEqual({
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
    expect(cleaned(def, { show: false })).toEqual({ show: false });
    expect(onlyError(def, { show: true }, "t")).toBe("Frågan måste besvaras.");
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
    expect(cleaned(def, { b: false })).toEqual({ b: false });
    expect(onlyError(def, { b: true }, "t")).toBe("Frågan måste besvaras.");
  });

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

describe("encodeChoiceAnswers", () => {
  it("lists choice answers deterministically in definition order", () => {
    const def = page(
      { type: "radiogroup", name: "r", choices: ["a", "b"], showOtherItem: true },
      { type: "checkbox", name: "c", choices: ["x", "y", "z"], showNoneItem: true },
      { type: "boolean", name: "b" },
      { type: "rating", name: "s" },
      { type: "matrix", name: "m", rows: ["r1", "r2"], columns: [1, 2] },
      { type: "text", name: "free" },
      { type: "ranking", name: "rk", choices: ["p", "q"] },
    );
    const plan = compileValidationPlan(def);
    const res = validateAnswers(
      plan,
      {
        r: "other",
        "r-Comment": "fritext",
        c: ["z", "x"],
        b: false,
        s: 4,
        m: { r2: 1, r1: 2 },
        free: "hemligt",
        rk: ["q", "p"],
      },
      "sv",
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const expected = [
      { question: "r", value: "other" },
      { question: "c", value: "x" },
      { question: "c", value: "z" },
      { question: "b", value: "false" },
      { question: "s", value: "4" },
      { question: "m.r1", value: "2" },
      { question: "m.r2", value: "1" },
      { question: "rk.p", value: "2" },
      { question: "rk.q", value: "1" },
    ];
    expect(encodeChoiceAnswers(plan, res.data)).toEqual(expected);
    expect(encodeChoiceAnswers(plan, { ...res.data, c: ["x", "z"] })).toEqual(expected);
    expect(encodeChoiceAnswers(plan, {})).toEqual([]);
  });
});

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
