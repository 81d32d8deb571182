/**
 * The import check of the survey builder: an imported SurveyJS definition is checked with the same
 * `checkDefinition` that guards every stored definition, and the result is turned into a report an analyst can
 * act on (what cannot be read, which question types are unsupported, which languages have no texts).
 */
import type { SurveyDefinition } from "~/features/surveys/domain/question-bank";
import { definitionLocales } from "./survey-queries.server";
import { checkDefinition } from "./validation.server";
import { BUILDER_LOCALES, elementsOf, isRecord, pagesOf, type BuilderLocale } from "./domain/builder-json";

/**
 * Element types `checkDefinition` accepts (kept in step with survey-validation.server.ts; a unit test checks
 * each of them), used to name what an imported definition has that is not supported.
 */
export const SUPPORTED_TYPES: readonly string[] = [
  "radiogroup",
  "checkbox",
  "dropdown",
  "ranking",
  "tagbox",
  "imagepicker",
  "rating",
  "comment",
  "text",
  "boolean",
  "matrix",
  "multipletext",
  "panel",
  "html",
  "image",
  "empty",
  "expression",
];

export type ImportReport = {
  ok: boolean;
  /** The JSON parser's message when the text is not JSON. */
  parseError: string | null;
  errors: string[];
  warnings: string[];
  /** Element types that are not supported, with the questions that have them. */
  unsupported: { type: string; questions: string[] }[];
  questionCount: number;
  /** Of sv/en/fi, the locales the definition has no texts for. */
  missingLocales: BuilderLocale[];
  /** The definition's own `locale` when it is not Swedish (its `default` texts are then not Swedish). */
  foreignDefaultLocale: string | null;
  /** The definition, when it can be used (no errors). */
  definition: SurveyDefinition | null;
};

/** Checks a SurveyJS definition (JSON text or parsed) for import: what is wrong, unsupported or missing. */
export function importReport(input: unknown): ImportReport {
  const empty: ImportReport = {
    ok: false,
    parseError: null,
    errors: [],
    warnings: [],
    unsupported: [],
    questionCount: 0,
    missingLocales: [],
    foreignDefaultLocale: null,
    definition: null,
  };
  let json = input;
  if (typeof input === "string") {
    try {
      json = JSON.parse(input);
    } catch (e) {
      return { ...empty, parseError: (e as Error).message };
    }
  }
  const check = checkDefinition(json);
  if (!isRecord(json)) return { ...empty, errors: check.errors };
  const def = json as SurveyDefinition;

  const unsupported = new Map<string, string[]>();
  const walk = (els: unknown) => {
    if (!Array.isArray(els)) return;
    for (const el of els) {
      if (!isRecord(el)) continue;
      const type = typeof el.type === "string" ? el.type.toLowerCase() : "";
      if (type && !SUPPORTED_TYPES.includes(type)) {
        unsupported.set(type, [...(unsupported.get(type) ?? []), String(el.name ?? "")]);
      }
      walk(el.elements ?? el.questions);
    }
  };
  for (const p of pagesOf(def)) if (isRecord(p)) walk(elementsOf(p));

  const locales = definitionLocales(def);
  const base = typeof def.locale === "string" && def.locale ? def.locale : "sv";
  return {
    ok: check.ok,
    parseError: null,
    errors: check.errors,
    warnings: check.warnings,
    unsupported: [...unsupported].map(([type, questions]) => ({ type, questions })),
    questionCount: check.questionNames.length,
    missingLocales: BUILDER_LOCALES.filter((l) => !locales.includes(l)),
    foreignDefaultLocale: base === "sv" ? null : base,
    definition: check.ok ? def : null,
  };
}
