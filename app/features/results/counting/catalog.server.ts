/**
 * The catalogue of a survey definition's choice-like questions, as the results count them: named as in the codebook
 * (matrix rows `name.row`), with their options' Swedish texts, whether one respondent may hold several codes, and the
 * indicator a standard scale gives (docs/domain/statistics.md). Built once per frozen survey version
 * (source.server.ts keeps it per validation plan). Also the demographic columns and channels results filter on.
 */
import type { Channel, SurveySettings } from "../../../../db/schema";
import { PROBLEM_SCALE, SAFETY_SCALE, TRUST_SCALE, indicatorKind, type IndicatorKind } from "~/features/surveys/index";
import type { ValidationPlan } from "~/features/surveys/index.server";

export const DEMOGRAPHIC_COLUMNS = ["area", "age_band", "gender"] as const;
export type DemographicColumn = (typeof DEMOGRAPHIC_COLUMNS)[number];
export const CHANNELS: readonly Channel[] = ["web", "phone", "paper", "import", "invitation"];

export interface CatalogOption {
  value: string;
  /** Swedish text of the option. */
  label: string;
}

/** One choice-like question as the results show it: a matrix row or a ranked choice is a question of its own. */
export interface CatalogQuestion {
  /** The codebook name: `safe_night_area`, `problems.litter`. */
  name: string;
  /** SurveyJS type of the element (a matrix row has type "matrix"). */
  type: string;
  /** Swedish title (for a matrix row: the row text). */
  title: string;
  /** The matrix (or ranking) a row belongs to. */
  group: { name: string; title: string } | null;
  /** Whether one respondent can hold several codes of the question (checkbox, tagbox, multi-select matrix). */
  multi: boolean;
  /** In definition order: the choices, then Other, then None / Refuse / Don't know. */
  options: CatalogOption[];
  /** The indicator (docs/domain/statistics.md#indicator-shares) the question is read on, when its options are exactly on that scale. */
  indicator: IndicatorKind | null;
}

type Json = Record<string, unknown>;
type PlanQuestion = ValidationPlan["questions"][number];

const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Swedish text of a localizable string: `sv`, else `default` (the bank keeps Swedish under `default`). */
function svText(v: unknown): string | null {
  if (typeof v === "string") return v || null;
  if (isRecord(v)) {
    for (const key of ["sv", "default"]) {
      const t = v[key];
      if (typeof t === "string" && t) return t;
    }
  }
  return null;
}

function elementsByName(definition: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  const visit = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const el of list) {
      if (!isRecord(el)) continue;
      if (el.type === "panel") visit(el.elements ?? el.questions);
      else if (typeof el.name === "string" || typeof el.name === "number") out.set(String(el.name), el);
    }
  };
  if (Array.isArray(definition.pages))
    for (const p of definition.pages) if (isRecord(p)) visit(p.elements ?? p.questions);
  visit(definition.elements ?? definition.questions);
  return out;
}

/** value → Swedish text of a list of SurveyJS items (strings, numbers or `{value, text}`). */
function itemTexts(list: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    if (typeof item === "string" || typeof item === "number") out.set(String(item), String(item));
    else if (isRecord(item) && (typeof item.value === "string" || typeof item.value === "number")) {
      out.set(String(item.value), svText(item.text) ?? String(item.value));
    }
  }
  return out;
}

// SurveyJS's built-in items (settings.*ItemValue) and the element property that renames them.
const BUILT_IN: Readonly<Record<string, [property: string, fallback: string]>> = {
  other: ["otherText", "Annat"],
  none: ["noneText", "Inget"],
  refused: ["refuseText", "Vill inte svara"],
  dontknow: ["dontKnowText", "Vet ej"],
};

const SCALE_VALUES: Readonly<Record<IndicatorKind, readonly string[]>> = {
  problem: PROBLEM_SCALE.map((c) => c.value),
  safety: SAFETY_SCALE.map((c) => c.value),
  trust: TRUST_SCALE.map((c) => c.value),
};

function indicatorOf(name: string, multi: boolean, options: readonly CatalogOption[]): IndicatorKind | null {
  const kind = indicatorKind(name);
  if (!kind || multi) return null;
  const scale = SCALE_VALUES[kind];
  return options.every((o) => scale.includes(o.value)) ? kind : null;
}

/** The choice values a select question offers (following choicesFromQuestion as encodeChoiceAnswers does). */
function choiceValues(plan: ValidationPlan, q: PlanQuestion, depth = 0): { values: string[]; source: PlanQuestion } {
  if (!("choices" in q)) return { values: [], source: q };
  const carry = q.choices.carry;
  if (!carry || depth > plan.questions.length)
    return { values: q.choices.items.map((i) => String(i.value)), source: q };
  const src = plan.questions[carry.source];
  if (!src || !("choices" in src)) return { values: [], source: q };
  const base = choiceValues(plan, src, depth + 1);
  const withOther = carry.mode === "selected" && q.choices.other === null && src.choices.other !== null;
  return { values: withOther ? [...base.values, String(src.choices.other)] : base.values, source: base.source };
}

/** The choice-like questions of a definition version, in definition order (see `CatalogQuestion`). */
export function buildCatalog(plan: ValidationPlan, definition: Json): CatalogQuestion[] {
  const raw = elementsByName(definition);
  const out: CatalogQuestion[] = [];
  const push = (
    name: string,
    type: string,
    title: string,
    group: CatalogQuestion["group"],
    multi: boolean,
    options: CatalogOption[],
  ) => out.push({ name, type, title, group, multi, options, indicator: indicatorOf(name, multi, options) });
  for (const q of plan.questions) {
    const el = raw.get(q.name) ?? {};
    const title = svText(el.title) ?? q.name;
    const builtIn = (value: string) => {
      const [prop, fallback] = BUILT_IN[value] ?? ["", value];
      return { value, label: svText(el[prop]) ?? fallback };
    };
    switch (q.kind) {
      case "single":
      case "multi": {
        const { values, source } = choiceValues(plan, q);
        const texts = itemTexts((raw.get(source.name) ?? el).choices);
        const options = values.map((value) => ({ value, label: texts.get(value) ?? value }));
        if (q.choices.other !== null) options.push(builtIn(String(q.choices.other)));
        for (const s of q.choices.specials) options.push(builtIn(String(s)));
        push(q.name, q.type, title, null, q.kind === "multi", options);
        break;
      }
      case "rating": {
        const texts = itemTexts(el.rateValues);
        push(
          q.name,
          q.type,
          title,
          null,
          false,
          q.items.map((i) => ({ value: String(i.value), label: texts.get(String(i.value)) ?? String(i.value) })),
        );
        break;
      }
      case "boolean":
        push(q.name, q.type, title, null, false, [
          { value: "true", label: svText(el.labelTrue) ?? "Ja" },
          { value: "false", label: svText(el.labelFalse) ?? "Nej" },
        ]);
        break;
      case "matrix": {
        const rowTexts = itemTexts(el.rows);
        const colTexts = itemTexts(el.columns);
        const options = q.columns.map((c) => ({
          value: String(c.value),
          label: colTexts.get(String(c.value)) ?? String(c.value),
        }));
        for (const row of q.rows) {
          const key = String(row.value);
          push(`${q.name}.${key}`, q.type, rowTexts.get(key) ?? key, { name: q.name, title }, q.multi, options);
        }
        break;
      }
      case "ranking": {
        const { values, source } = choiceValues(plan, q);
        const texts = itemTexts((raw.get(source.name) ?? el).choices);
        const ranks = values.map((_, i) => ({ value: String(i + 1), label: String(i + 1) }));
        for (const v of values)
          push(`${q.name}.${v}`, q.type, texts.get(v) ?? v, { name: q.name, title }, false, ranks);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** Which question holds each demographic column (survey setting; the same defaults as when answers are stored). */
export function demographicQuestions(settings: SurveySettings): Record<DemographicColumn, string | null> {
  const d = { area: "area", age_band: "age_band", gender: "gender", ...(settings.demographics ?? {}) };
  return { area: d.area ?? null, age_band: d.age_band ?? null, gender: d.gender ?? null };
}
