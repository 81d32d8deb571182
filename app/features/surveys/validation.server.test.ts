import { describe, expect, it } from "vitest";
import { compileValidationPlan, encodeChoiceAnswers, validateAnswers, checkDefinition } from "./validation.server";
import { page } from "./validation-fixture.server";

// checkDefinition (what the server accepts as a survey definition) and encodeChoiceAnswers.

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
