/**
 * The JSON primitives of the survey builder (see survey-builder.ts): reading pages, elements and localizable
 * strings of a SurveyJS definition, and the error the builder's edits throw.
 */
import type {
  LocalizableText,
  SurveyDefinition,
  SurveyElementJson,
  SurveyPageJson,
} from "~/features/surveys/domain/question-bank";

export const BUILDER_LOCALES = ["sv", "en", "fi"] as const;
export type BuilderLocale = (typeof BUILDER_LOCALES)[number];
export type LocaleTexts = Partial<Record<BuilderLocale, string>>;
export type LocaleLists = Partial<Record<BuilderLocale, string[]>>;

const TEXT_MAX = 1000;

export type BuilderErrorCode =
  | "unknownQuestion"
  | "unknownBankQuestion"
  | "unknownPage"
  | "unknownType"
  | "nameInvalid"
  | "nameTaken"
  | "titleRequired"
  | "textRequired"
  | "tooLong"
  | "choicesRequired"
  | "rowsRequired"
  | "countMismatch"
  | "duplicateChoice"
  | "areasRequired"
  | "zonesRequired"
  | "duplicateArea"
  | "notDemographicType";

/** A builder edit that cannot be made; `code` is a message key under `builder.error.`. */
export class BuilderError extends Error {
  constructor(
    readonly code: BuilderErrorCode,
    readonly field: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} (${field})`);
    this.name = "BuilderError";
  }
}

export type Json = Record<string, unknown>;
export const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A deep copy with its pages made explicit (root `elements`/`questions` become one page). */
export function copyPages(definition: SurveyDefinition): { def: SurveyDefinition; pages: SurveyPageJson[] } {
  const def = structuredClone(definition);
  let pages: SurveyPageJson[];
  if (Array.isArray(def.pages)) pages = def.pages;
  else {
    const root = (def.elements ?? def["questions"] ?? []) as SurveyElementJson[];
    pages = [{ name: "page1", elements: root }];
    delete def.elements;
    delete def["questions"];
  }
  for (const p of pages) {
    if (!Array.isArray(p.elements))
      p.elements = Array.isArray(p["questions"]) ? (p["questions"] as SurveyElementJson[]) : [];
    delete p["questions"];
  }
  def.pages = pages;
  return { def, pages };
}

/** The pages of a definition as they are (not copied); root-level elements read as one page. */
export function pagesOf(definition: SurveyDefinition): SurveyPageJson[] {
  if (Array.isArray(definition.pages)) return definition.pages;
  return [{ name: "page1", elements: (definition.elements ?? definition["questions"] ?? []) as SurveyElementJson[] }];
}

/** The elements of a page (SurveyJS also accepts the older `questions`). */
export function elementsOf(page: SurveyPageJson): SurveyElementJson[] {
  const els = page.elements ?? page["questions"];
  return Array.isArray(els) ? (els as SurveyElementJson[]) : [];
}

/** Every element name in the definition, panels and their children included. */
export function questionNames(definition: SurveyDefinition): string[] {
  const out: string[] = [];
  const walk = (els: unknown) => {
    if (!Array.isArray(els)) return;
    for (const el of els) {
      if (!isRecord(el)) continue;
      if (typeof el.name === "string") out.push(el.name);
      walk(el.elements ?? el.questions);
      walk(el.templateElements);
    }
  };
  for (const p of pagesOf(definition)) walk(elementsOf(p));
  return out;
}

/** Where a top-level element is: page index and index on the page. */
export function locate(pages: SurveyPageJson[], name: string): { p: number; i: number } {
  for (let p = 0; p < pages.length; p++) {
    const i = elementsOf(pages[p]).findIndex((el) => el.name === name);
    if (i >= 0) return { p, i };
  }
  throw new BuilderError("unknownQuestion", "name", { name });
}

/** The index of a page by name (unknown name: an error on `field`), or `fallback` when none is given. */
export function pageIndex(pages: SurveyPageJson[], page: string | undefined, fallback: number, field = "page"): number {
  if (!page) return fallback;
  const p = pages.findIndex((x) => x.name === page);
  if (p < 0) throw new BuilderError("unknownPage", field, { page });
  return p;
}

export type ItemList = "choices" | "rows" | "columns" | "rateValues";
export const ITEM_LISTS: readonly ItemList[] = ["choices", "rows", "columns", "rateValues"];
export type ItemSummary = { list: ItemList; value: string; text: LocalizableText };

/** A choice, row or column in its object form; null for what SurveyJS would not read as one. */
export function itemOf(raw: unknown): { value: unknown; text: LocalizableText } | null {
  if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean")
    return { value: raw, text: String(raw) };
  if (isRecord(raw) && raw.value !== undefined) {
    const text = raw.text;
    const ok = typeof text === "string" || (isRecord(text) && typeof text.default === "string");
    return { value: raw.value, text: ok ? (text as LocalizableText) : String(raw.value) };
  }
  return null;
}

/** The title of an element or page, if it has one. */
export function titleOf(el: Json): LocalizableText | null {
  const t = el.title;
  if (typeof t === "string") return t;
  if (isRecord(t) && typeof t.default === "string") return t as LocalizableText;
  return null;
}

/** The text of a localizable string in a locale (Swedish is `default`), or "" if it has none. */
export function textIn(text: LocalizableText | null | undefined, locale: BuilderLocale): string {
  if (text == null) return "";
  if (typeof text === "string") return locale === "sv" ? text : "";
  return (locale === "sv" ? text.default : text[locale]) ?? "";
}

/**
 * A localizable string with the given locales set (Swedish as `default`); an empty en/fi text is removed, an
 * empty Swedish one is an error on `${field}_sv`. With Swedish only, it is a plain string.
 */
export function localizable(texts: LocaleTexts, field: string, current?: unknown): LocalizableText {
  const obj: Record<string, string> =
    typeof current === "string"
      ? { default: current }
      : isRecord(current)
        ? { ...(current as Record<string, string>) }
        : {};
  for (const locale of BUILDER_LOCALES) {
    const given = texts[locale];
    if (given === undefined) continue;
    const v = given.trim();
    if (v.length > TEXT_MAX) throw new BuilderError("tooLong", `${field}_${locale}`, { max: TEXT_MAX });
    const key = locale === "sv" ? "default" : locale;
    if (v) obj[key] = v;
    else if (locale === "sv") throw new BuilderError("textRequired", `${field}_${locale}`);
    else delete obj[key];
  }
  if (typeof obj.default !== "string") throw new BuilderError("textRequired", `${field}_sv`);
  const keys = Object.keys(obj);
  return keys.length === 1 ? obj.default : (obj as LocalizableText);
}
