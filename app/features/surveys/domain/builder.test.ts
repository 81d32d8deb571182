import { describe, expect, it } from "vitest";
import { buildStandardSurvey, type SurveyDefinition } from "~/features/surveys/domain/question-bank";
import { checkDefinition } from "../validation.server";
import {
  addBankQuestion,
  addCustomQuestion,
  BuilderError,
  CUSTOM_TYPES,
  defaultDemographics,
  listQuestions,
  moveQuestion,
  parseAreas,
  pruneDemographics,
  questionNames,
  removeQuestion,
  replaceAreaChoices,
  setDemographics,
  setRequired,
  setTexts,
  slugify,
  textIn,
} from "./builder";
import { importReport, SUPPORTED_TYPES } from "../builder-import.server";

const AREAS = [
  { value: "haparanda", text: "Haparanda" },
  { value: "seskaro", text: "Seskarö" },
];
const standard = () => buildStandardSurvey({ kind: "medborgarenkat", areas: AREAS });
const names = (d: SurveyDefinition) => listQuestions(d).map((q) => q.name);
const frozen = (d: SurveyDefinition) => JSON.stringify(d);

function builderError(fn: () => unknown): BuilderError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BuilderError) return e;
    throw e;
  }
  throw new Error("expected a BuilderError");
}

describe("listQuestions", () => {
  it("lists the standard survey's questions in order with page, section and first/last marks", () => {
    const qs = listQuestions(standard());
    expect(qs[0]).toMatchObject({
      name: "safe_night_area",
      page: "safety",
      pageIndex: 0,
      index: 0,
      section: "safety",
      isFirst: true,
      isLast: false,
    });
    expect(qs.at(-1)).toMatchObject({ page: "about_you", isLast: true });
    expect(qs.find((q) => q.name === "area")).toMatchObject({ isRequired: true, type: "dropdown" });
    const problems = qs.find((q) => q.name === "problems")!;
    expect(problems.items.some((i) => i.list === "rows")).toBe(true);
    expect(problems.items.some((i) => i.list === "columns")).toBe(true);
  });

  it("reads a definition with root elements as one page", () => {
    const qs = listQuestions({ elements: [{ type: "text", name: "a" }] });
    expect(qs).toMatchObject([{ name: "a", page: "page1", isFirst: true, isLast: true, section: null }]);
  });
});

describe("edits return a new definition and leave the input alone", () => {
  it("remove", () => {
    const d = standard();
    const before = frozen(d);
    const next = removeQuestion(d, "worry_crime");
    expect(frozen(d)).toBe(before);
    expect(names(next)).not.toContain("worry_crime");
    expect(names(next)).toHaveLength(names(d).length - 1);
    expect(builderError(() => removeQuestion(d, "nope")).code).toBe("unknownQuestion");
  });

  it("move within a page and across pages", () => {
    const d = standard();
    const before = frozen(d);
    const up = moveQuestion(d, "safe_night_centre", "up");
    expect(names(up).slice(0, 2)).toEqual(["safe_night_centre", "safe_night_area"]);
    // The last question of the first page moves down to the top of the second page.
    const firstPage = listQuestions(d).filter((q) => q.pageIndex === 0);
    const last = firstPage.at(-1)!.name;
    const down = moveQuestion(d, last, "down");
    expect(listQuestions(down).find((q) => q.name === last)).toMatchObject({ pageIndex: 1, index: 0 });
    // and back up to the end of the first page
    const back = moveQuestion(down, last, "up");
    expect(listQuestions(back).find((q) => q.name === last)).toMatchObject({
      pageIndex: 0,
      index: firstPage.length - 1,
    });
    // The very first question cannot move further up.
    expect(names(moveQuestion(d, "safe_night_area", "up"))).toEqual(names(d));
    expect(frozen(d)).toBe(before);
  });

  it("required", () => {
    const d = standard();
    const next = setRequired(d, "worry_crime", true);
    expect(listQuestions(next).find((q) => q.name === "worry_crime")!.isRequired).toBe(true);
    expect(listQuestions(d).find((q) => q.name === "worry_crime")!.isRequired).toBe(false);
    expect(
      listQuestions(setRequired(next, "worry_crime", false)).find((q) => q.name === "worry_crime")!.isRequired,
    ).toBe(false);
  });

  it("normalises root elements into a page on the first edit", () => {
    const next = setRequired({ elements: [{ type: "text", name: "a" }] }, "a", true);
    expect(next.elements).toBeUndefined();
    expect(next.pages).toEqual([{ name: "page1", elements: [{ type: "text", name: "a", isRequired: true }] }]);
  });
});

describe("texts per locale", () => {
  it("sets the title and choice texts in sv (default), en and fi; an empty en removes it", () => {
    const d = standard();
    const next = setTexts(d, "worry_crime", {
      title: { sv: "Oroar du dig?", en: "Do you worry?", fi: "" },
      items: [
        {
          list: "choices",
          value: listQuestions(d).find((q) => q.name === "worry_crime")!.items[0].value,
          texts: { en: "Often!" },
        },
      ],
    });
    const q = listQuestions(next).find((x) => x.name === "worry_crime")!;
    expect(q.title).toEqual({ default: "Oroar du dig?", en: "Do you worry?" });
    expect(textIn(q.title, "fi")).toBe("");
    expect(textIn(q.items[0].text, "en")).toBe("Often!");
    expect(textIn(q.items[0].text, "sv")).toBe(
      textIn(listQuestions(d).find((x) => x.name === "worry_crime")!.items[0].text, "sv"),
    );
    expect(JSON.stringify(d)).not.toContain("Oroar du dig?");
  });

  it("refuses an empty Swedish text", () => {
    expect(builderError(() => setTexts(standard(), "worry_crime", { title: { sv: "  " } })).code).toBe("textRequired");
  });

  it("turns a plain-string choice into a localized one", () => {
    const d: SurveyDefinition = {
      pages: [{ name: "p", elements: [{ type: "radiogroup", name: "q", title: "Q", choices: ["a", "b"] }] }],
    };
    const next = setTexts(d, "q", { items: [{ list: "choices", value: "b", texts: { en: "Bee" } }] });
    expect(next.pages![0].elements![0].choices).toEqual(["a", { value: "b", text: { default: "b", en: "Bee" } }]);
  });
});

describe("bank questions", () => {
  it("adds a removed bank question back to its section's page", () => {
    const d = removeQuestion(standard(), "worry_crime");
    const next = addBankQuestion(d, { name: "worry_crime" });
    expect(listQuestions(next).find((q) => q.name === "worry_crime")).toMatchObject({ page: "safety" });
  });

  it("adds to a chosen page, and creates the section page when it is missing", () => {
    const d: SurveyDefinition = { pages: [{ name: "p1", elements: [{ type: "text", name: "a" }] }] };
    expect(listQuestions(addBankQuestion(d, { name: "gender", page: "p1" })).map((q) => q.page)).toEqual(["p1", "p1"]);
    const created = addBankQuestion(d, { name: "gender" });
    expect(created.pages!.map((p) => p.name)).toEqual(["p1", "about_you"]);
    expect(created.pages![1].title).toMatchObject({ default: "Om dig" });
  });

  it("fills area choices from the areas and keeps the fixed ones", () => {
    const d = removeQuestion(standard(), "unsafe_area_pick");
    const next = addBankQuestion(d, { name: "unsafe_area_pick", areas: AREAS });
    const q = listQuestions(next).find((x) => x.name === "unsafe_area_pick")!;
    expect(q.items.map((i) => i.value)).toEqual(["haparanda", "seskaro", "none_specific"]);
    expect(builderError(() => addBankQuestion(d, { name: "unsafe_area_pick" })).code).toBe("areasRequired");
  });

  it("refuses duplicates, unknown names and unknown pages", () => {
    expect(builderError(() => addBankQuestion(standard(), { name: "gender" })).code).toBe("nameTaken");
    expect(builderError(() => addBankQuestion(standard(), { name: "nope" })).code).toBe("unknownBankQuestion");
    const d = removeQuestion(standard(), "gender");
    expect(builderError(() => addBankQuestion(d, { name: "gender", page: "nope" })).code).toBe("unknownPage");
  });
});

describe("custom questions", () => {
  const base = () => standard();

  it.each(CUSTOM_TYPES)("a %s question passes checkDefinition", (type) => {
    const next = addCustomQuestion(base(), {
      type,
      name: `my_${type}`,
      title: { sv: "Svensk titel", en: "English title" },
      choices: { sv: ["Ja", "Nej"], en: ["Yes", "No"] },
      rows: { sv: ["Rad ett"] },
    });
    const report = checkDefinition(next);
    expect(report.errors).toEqual([]);
    expect(report.questionNames).toContain(`my_${type}`);
  });

  it("stores the titles and choices per locale, with slug values, on the last page by default", () => {
    const next = addCustomQuestion(base(), {
      type: "radiogroup",
      name: "commute",
      title: { sv: "Pendlar du?", en: "Do you commute?", fi: "" },
      choices: { sv: ["Ja, ofta", "Nej"], en: ["Yes, often", "No"] },
      isRequired: true,
    });
    const q = listQuestions(next).at(-1)!;
    expect(q).toMatchObject({
      name: "commute",
      title: { default: "Pendlar du?", en: "Do you commute?" },
      isRequired: true,
      section: null,
    });
    expect(q.items).toEqual([
      { list: "choices", value: "ja-ofta", text: { default: "Ja, ofta", en: "Yes, often" } },
      { list: "choices", value: "nej", text: { default: "Nej", en: "No" } },
    ]);
  });

  it("validates names, types, titles and choices", () => {
    const ok = { type: "radiogroup", name: "q1", title: { sv: "T" }, choices: { sv: ["a", "b"] } };
    const code = (input: Partial<typeof ok> & { rows?: { sv: string[] } }) =>
      builderError(() => addCustomQuestion(base(), { ...ok, ...input })).code;
    expect(code({ name: "Q1" })).toBe("nameInvalid");
    expect(code({ name: "1q" })).toBe("nameInvalid");
    expect(code({ name: "has-dash" })).toBe("nameInvalid");
    expect(code({ name: "area" })).toBe("nameTaken");
    expect(code({ type: "matrixdynamic" })).toBe("unknownType");
    expect(code({ title: { sv: " " } })).toBe("titleRequired");
    expect(code({ choices: { sv: ["a"] } })).toBe("choicesRequired");
    expect(code({ choices: { sv: ["Å", "a"] } })).toBe("duplicateChoice");
    expect(builderError(() => addCustomQuestion(base(), { ...ok, choices: { sv: ["a", "b"], en: ["x"] } })).code).toBe(
      "countMismatch",
    );
    expect(code({ type: "matrix" })).toBe("rowsRequired");
    expect(code({ page: "nope" } as Partial<typeof ok>)).toBe("unknownPage");
  });
});

describe("demographics and areas", () => {
  it("maps the bank's demographic questions by default and checks a mapping", () => {
    const d = standard();
    expect(defaultDemographics(d)).toEqual({ area: "area", age_band: "age_band", gender: "gender" });
    expect(setDemographics(d, { area: "unsafe_area_pick", age_band: "", gender: null })).toEqual({
      area: "unsafe_area_pick",
    });
    expect(builderError(() => setDemographics(d, { gender: "nope" })).code).toBe("unknownQuestion");
    expect(builderError(() => setDemographics(d, { gender: "unsafe_places" })).code).toBe("notDemographicType");
    expect(pruneDemographics(removeQuestion(d, "gender"), defaultDemographics(d))).toEqual({
      area: "area",
      age_band: "age_band",
    });
  });

  it("stores demographics in the settings, not in the definition", () => {
    const d = standard();
    const before = frozen(d);
    setDemographics(d, { gender: "gender" });
    expect(frozen(d)).toBe(before);
  });

  it("slugifies area names (å, ä → a; ö → o) and refuses duplicates", () => {
    expect(slugify("Övre Ålstad-Äng")).toBe("ovre-alstad-ang");
    expect(slugify("Pajala é")).toBe("pajala-e");
    expect(parseAreas("Seskarö\n\n Nikkala \r\nHaparanda centralort")).toEqual([
      { value: "seskaro", text: "Seskarö" },
      { value: "nikkala", text: "Nikkala" },
      { value: "haparanda-centralort", text: "Haparanda centralort" },
    ]);
    expect(builderError(() => parseAreas("Seskarö\nseskaro")).code).toBe("duplicateArea");
    expect(parseAreas("None specific")[0].value).not.toBe("none_specific");
  });

  it("replaces the choices of both area questions and keeps none_specific", () => {
    const next = replaceAreaChoices(standard(), [{ value: "kalix", text: "Kalix" }]);
    const q = (n: string) =>
      listQuestions(next)
        .find((x) => x.name === n)!
        .items.map((i) => i.value);
    expect(q("area")).toEqual(["kalix"]);
    expect(q("unsafe_area_pick")).toEqual(["kalix", "none_specific"]);
    expect(checkDefinition(next).ok).toBe(true);
    expect(builderError(() => replaceAreaChoices(standard(), [])).code).toBe("areasRequired");
  });
});

describe("importReport", () => {
  it("accepts the standard survey and says which languages it has", () => {
    const r = importReport(JSON.stringify(standard()));
    expect(r).toMatchObject({ ok: true, errors: [], unsupported: [], missingLocales: [], parseError: null });
    expect(r.questionCount).toBe(questionNames(standard()).length);
    expect(r.definition).toEqual(standard());
  });

  it("names unsupported types and the questions that use them, and gives no definition", () => {
    const r = importReport({
      pages: [
        {
          name: "p",
          elements: [
            { type: "text", name: "a" },
            { type: "matrixdynamic", name: "m" },
            { type: "panel", name: "pn", elements: [{ type: "file", name: "f" }] },
          ],
        },
      ],
    });
    expect(r.ok).toBe(false);
    expect(r.definition).toBeNull();
    expect(r.unsupported).toEqual([
      { type: "matrixdynamic", questions: ["m"] },
      { type: "file", questions: ["f"] },
    ]);
    expect(r.errors.join(" ")).toContain("matrixdynamic");
    expect(r.missingLocales).toEqual(["en", "fi"]);
  });

  it("reports text that is not JSON, and JSON that is not a survey", () => {
    expect(importReport("{ not json").parseError).toBeTruthy();
    expect(importReport("[1,2]")).toMatchObject({ ok: false, parseError: null });
    expect(importReport("[1,2]").errors.length).toBeGreaterThan(0);
  });

  it("notes a definition whose default language is not Swedish", () => {
    expect(
      importReport({ locale: "en", pages: [{ name: "p", elements: [{ type: "text", name: "a", title: "A" }] }] })
        .foreignDefaultLocale,
    ).toBe("en");
  });

  it("agrees with checkDefinition on every type it calls supported", () => {
    for (const type of SUPPORTED_TYPES) {
      const el =
        type === "panel"
          ? { type, name: "pn", elements: [{ type: "text", name: "t" }] }
          : { type, name: "q", expression: "1" };
      const els =
        type === "expression" || ["html", "image", "empty"].includes(type) ? [el, { type: "text", name: "t2" }] : [el];
      const errors = checkDefinition({ pages: [{ name: "p", elements: els }] }).errors.filter((e) =>
        e.includes("stöds inte"),
      );
      expect(errors, type).toEqual([]);
    }
  });
});
