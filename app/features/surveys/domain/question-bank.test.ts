import { describe, it, expect, beforeAll } from "vitest";
import { Model, surveyLocalization, type Question } from "survey-core";
import {
  BANK,
  PROBLEM_ROWS,
  SECTIONS,
  SOURCE_LOCALE,
  TRANSLATION_STATUS,
  buildStandardSurvey,
  indicatorKind,
  questionThemes,
  rowThemes,
  type SurveyDefinition,
} from "./question-bank";
import { THEME_KEYS, THEMES } from "./themes";

const AREAS = ["Haparanda", { value: "karungi", text: { default: "Karungi", fi: "Karunki" } }, "Nikkala"];

const citizens = (): SurveyDefinition => buildStandardSurvey({ kind: "medborgarenkat", areas: AREAS });
const staff = (): SurveyDefinition => buildStandardSurvey({ kind: "medarbetardialog", areas: [] });

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every localizable text of an element: title, description, choice/row/column texts, none and yes/no labels. */
function localizedTexts(element: Json): { where: string; text: unknown }[] {
  const out: { where: string; text: unknown }[] = [{ where: "title", text: element["title"] }];
  for (const key of ["description", "noneText", "labelTrue", "labelFalse"]) {
    if (key in element) out.push({ where: key, text: element[key] });
  }
  for (const list of ["choices", "rows", "columns"]) {
    const items = element[list];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      expect(isJson(item), `${list} item is an object with value and text`).toBe(true);
      if (isJson(item)) out.push({ where: `${list}:${String(item["value"])}`, text: item["text"] });
    }
  }
  return out;
}

const questionNames = (model: Model): string[] => model.getAllQuestions().map((q) => q.name);

function question(model: Model, name: string): Question {
  const q = model.getQuestionByName(name);
  if (!q) throw new Error(`question ${name} missing`);
  return q;
}

beforeAll(() => {
  // The bank keeps Swedish under `default`; the app makes Swedish SurveyJS's default locale the same way.
  surveyLocalization.defaultLocale = SOURCE_LOCALE;
});

describe("question bank data", () => {
  it("has Swedish, English and Finnish text for every title and choice of every question", () => {
    expect(BANK.length).toBeGreaterThan(20);
    for (const entry of BANK) {
      for (const { where, text } of localizedTexts(entry.element)) {
        expect(isJson(text), `${entry.name} ${where} is localized`).toBe(true);
        if (!isJson(text)) continue;
        for (const locale of ["default", "en", "fi"]) {
          const value = text[locale];
          expect(typeof value === "string" && value.trim() !== "", `${entry.name} ${where} ${locale}`).toBe(true);
        }
      }
    }
  });

  it("marks English and Finnish as awaiting native-speaker review", () => {
    expect(TRANSLATION_STATUS).toEqual({
      sv: "source",
      en: "machine_draft_awaiting_review",
      fi: "machine_draft_awaiting_review",
    });
    for (const entry of BANK) expect(entry.translationStatus.fi).toBe("machine_draft_awaiting_review");
  });

  it("uses unique names and only theme keys that exist", () => {
    const names = BANK.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    const known = new Set<string>(THEME_KEYS);
    for (const entry of BANK) {
      expect(entry.element["name"]).toBe(entry.name);
      for (const theme of entry.themes) expect(known.has(theme), `${entry.name}: ${theme}`).toBe(true);
    }
    for (const [rowKey, themes] of Object.entries(rowThemes)) {
      expect(themes.length, rowKey).toBeGreaterThan(0);
      for (const theme of themes) expect(known.has(theme), `${rowKey}: ${theme}`).toBe(true);
    }
  });

  it("keeps the value codes of docs/domain/question-bank.md#scales", () => {
    const values = (name: string, list = "choices"): unknown[] => {
      const items = BANK.find((e) => e.name === name)?.element[list];
      return Array.isArray(items) ? items.map((item: unknown) => (isJson(item) ? item["value"] : item)) : [];
    };
    expect(values("problems", "columns")).toEqual(["4", "3", "2", "1", "dont_know"]);
    expect(values("safe_night_area")).toEqual([
      "very_safe",
      "rather_safe",
      "rather_unsafe",
      "very_unsafe",
      "never_out",
      "dont_know",
    ]);
    expect(values("worry_crime")).toEqual(["often", "fairly_often", "sometimes", "never"]);
    expect(values("trust_police_local")).toEqual(["5", "4", "3", "2", "1", "dont_know"]);
    expect(values("age_band")).toEqual(["16-19", "20-29", "30-44", "45-64", "65-79", "80+"]);
    expect(values("gender")).toEqual(["woman", "man", "other", "no_answer"]);
    expect(values("years_in_area")).toEqual(["lt2", "2-10", "gt10"]);
    expect(values("housing")).toEqual(["house", "rental", "condo", "other"]);
    expect(values("police_visible")).toEqual(["weekly", "monthly", "rarer", "never"]);
    expect(values("avoided_activity")).toEqual(["yes_many", "yes_once", "no", "dont_know"]);
    expect(values("victim_reported")).toEqual(["all", "some", "none"]);
    expect(values("staff_cooperation")).toEqual(["very_good", "rather_good", "rather_bad", "very_bad", "dont_know"]);
    expect(values("victim_12m")).toEqual([
      "theft",
      "burglary",
      "vandalism",
      "threat",
      "assault",
      "fraud",
      "harassment",
    ]);
    expect(values("problems", "rows")).toEqual(PROBLEM_ROWS.map((r) => r.value));
    expect(values("problems", "rows")).toHaveLength(16);
  });
});

describe("buildStandardSurvey", () => {
  it("builds a citizens' survey that survey-core loads with every standard question", () => {
    const model = new Model(citizens());
    expect(model.jsonErrors ?? []).toEqual([]);
    const expected = BANK.filter((e) => e.kind === "medborgarenkat").map((e) => e.name);
    expect(questionNames(model).sort()).toEqual([...expected].sort());
    expect(model.pages.map((p) => p.name)).toEqual([...SECTIONS.medborgarenkat]);
    expect(model.showProgressBar).toBe(true);
    expect(model.isShowProgressBarOnTop).toBe(true);
  });

  it("builds a staff survey with the default units and no citizen questions", () => {
    const model = new Model(staff());
    expect(model.jsonErrors ?? []).toEqual([]);
    expect(questionNames(model)).toEqual([
      "unit",
      "staff_problems",
      "staff_priorities",
      "staff_places",
      "staff_activities",
      "staff_cooperation",
    ]);
    const unit = question(model, "unit");
    expect(unit.isRequired).toBe(true);
    expect(unit.choices.map((c: { value: unknown }) => c.value)).toEqual([
      "police",
      "school",
      "social",
      "leisure",
      "planning",
      "other",
    ]);
  });

  it("offers the kommun's areas, with 'Ingen särskild plats' only for the unsafe place", () => {
    const model = new Model(citizens());
    const area = question(model, "area");
    expect(area.isRequired).toBe(true);
    expect(area.choices.map((c: { value: unknown }) => c.value)).toEqual(["Haparanda", "karungi", "Nikkala"]);
    const pick = question(model, "unsafe_area_pick");
    expect(pick.choices.map((c: { value: unknown }) => c.value)).toEqual([
      "Haparanda",
      "karungi",
      "Nikkala",
      "none_specific",
    ]);
    expect(pick.choices[3].text).toBe("Ingen särskild plats");
  });

  it("leaves every question but area optional", () => {
    const model = new Model(citizens());
    const required = model
      .getAllQuestions()
      .filter((q) => q.isRequired)
      .map((q) => q.name);
    expect(required).toEqual(["area"]);
  });

  it("rejects area lists a respondent could not answer or that clash with reserved values", () => {
    expect(() => buildStandardSurvey({ kind: "medborgarenkat", areas: [] })).toThrow();
    expect(() => buildStandardSurvey({ kind: "medborgarenkat", areas: ["A", "A"] })).toThrow();
    expect(() => buildStandardSurvey({ kind: "medborgarenkat", areas: ["none_specific"] })).toThrow();
  });

  it("switches texts with the locale: Swedish by default, Finnish and English on request", () => {
    const model = new Model(citizens());
    const safe = question(model, "safe_night_area");
    expect(safe.title).toMatch(/^Hur trygg eller otrygg/);
    model.locale = "fi";
    expect(safe.title).toBe(
      "Kuinka turvalliseksi tai turvattomaksi tuntisit olosi, jos liikkuisit yksin ulkona myöhään illalla asuinalueellasi?",
    );
    expect(model.pages[0]?.title).toBe("Turvallisuus");
    expect(question(model, "victim_12m").noneText).toBe("Ei, ei mitään näistä");
    expect(question(model, "area").choices[1].text).toBe("Karunki");
    // An area without a Finnish name falls back to the Swedish one.
    expect(question(model, "area").choices[0].text).toBe("Haparanda");
    model.locale = "en";
    expect(safe.title).toMatch(/^How safe or unsafe/);
    expect(model.completedHtml).toContain("Thank you");
  });

  it("asks whether the crime was reported only when something other than 'none' is ticked", () => {
    const model = new Model(citizens());
    const reported = question(model, "victim_reported");
    expect(reported.isVisible).toBe(false);
    model.setValue("victim_12m", ["theft"]);
    expect(reported.isVisible).toBe(true);
    model.setValue("victim_12m", ["none"]);
    expect(reported.isVisible).toBe(false);
    model.setValue("victim_12m", ["fraud", "threat"]);
    expect(reported.isVisible).toBe(true);
    model.clearValue("victim_12m");
    expect(reported.isVisible).toBe(false);
  });

  it("treats 'Nej, inget av detta' as SurveyJS's exclusive none item", () => {
    const model = new Model(citizens());
    const victim = question(model, "victim_12m");
    expect(victim.showNoneItem).toBe(true);
    victim.renderedValue = ["theft"];
    victim.clickItemHandler(victim.noneItem, true);
    expect([...(victim.value as string[])]).toEqual(["none"]);
  });

  it("lets respondents pick at most three of the eleven themes as priorities", () => {
    const model = new Model(citizens());
    const priorities = question(model, "priorities");
    expect(priorities.choices).toHaveLength(11);
    expect(priorities.choices.map((c: { value: unknown }) => c.value)).toEqual([...THEME_KEYS]);
    expect(priorities.choices[0].text).toBe(THEMES.police_presence.label.sv);
    expect(priorities.maxSelectedChoices).toBe(3);
    priorities.value = ["youth", "drugs_andt", "traffic_safety"];
    expect(priorities.isItemSelected(priorities.choices[0])).toBe(false);
    expect(priorities.choices[0].isEnabled).toBe(false);
  });

  it("never shares objects with the bank", () => {
    const definition = citizens();
    const first = definition.pages?.[0]?.elements?.[0];
    if (!first) throw new Error("no first element");
    first["title"] = "changed";
    expect(BANK.find((e) => e.name === first.name)?.element["title"]).not.toBe("changed");
  });
});

describe("questionThemes and indicators", () => {
  it("tags bank questions and each matrix row with the bank's themes", () => {
    const themes = questionThemes(citizens());
    expect(themes["safe_night_area"]).toEqual(["public_safety"]);
    expect(themes["problems.drink_driving"]).toEqual(["traffic_safety", "drugs_andt"]);
    expect(themes["problems.litter"]).toEqual(["physical_environment"]);
    expect(themes["problems"]).toContain("violent_crime");
    expect(themes["area"]).toEqual([]);
    expect(questionThemes(staff())["staff_problems.youth_gangs"]).toEqual(["youth", "public_safety"]);
  });

  it("honours themes carried by custom questions, panels included", () => {
    const definition: SurveyDefinition = {
      pages: [
        {
          name: "p1",
          elements: [
            { type: "comment", name: "snow_clearing", themes: ["physical_environment", "kommun_custom"] },
            {
              type: "panel",
              name: "extra",
              elements: [{ type: "radiogroup", name: "safe_night_area", themes: ["youth"] }],
            },
            { type: "text", name: "untagged" },
          ],
        },
      ],
    };
    expect(questionThemes(definition)).toEqual({
      snow_clearing: ["physical_environment", "kommun_custom"],
      safe_night_area: ["youth"],
      untagged: [],
    });
  });

  it("names the indicator scale of each bank question", () => {
    expect(indicatorKind("problems")).toBe("problem");
    expect(indicatorKind("staff_problems.burglary")).toBe("problem");
    expect(indicatorKind("safe_night_centre")).toBe("safety");
    expect(indicatorKind("trust_kommun_safety")).toBe("trust");
    expect(indicatorKind("worry_crime")).toBeNull();
    expect(indicatorKind("staff_cooperation")).toBeNull();
  });
});
