/**
 * The analysts' survey builder as pure functions over a SurveyJS definition (the SurveyJS Creator is
 * commercially licensed, so this is our own). Every function returns a new definition (a deep copy) and never
 * changes its input. Edits work on the top-level elements of each page (a panel moves as a whole); a definition
 * with root-level `elements` is turned into one page on its first edit. Swedish is the `default` of every
 * localizable string (see question-bank.ts). Problems are thrown as `BuilderError`s with a message key, so the
 * page can say them in the analyst's language.
 */
import {
  BANK,
  DEFAULT_UNITS,
  SECTION_TITLES,
  SECTIONS,
  type LocalizableText,
  type SectionKey,
  type SurveyDefinition,
  type SurveyElementJson,
  type SurveyKind,
} from "~/features/surveys/domain/question-bank";
import type { SurveySettings } from "../../../../db/schema";
import {
  BuilderError,
  copyPages,
  elementsOf,
  isRecord,
  itemOf,
  ITEM_LISTS,
  localizable,
  locate,
  pageIndex,
  pagesOf,
  questionNames,
  titleOf,
  type BuilderLocale,
  type Json,
  type ItemList,
  type ItemSummary,
  type LocaleLists,
  type LocaleTexts,
} from "./builder-json";

export {
  BUILDER_LOCALES,
  BuilderError,
  questionNames,
  textIn,
  type BuilderErrorCode,
  type BuilderLocale,
  type ItemList,
  type ItemSummary,
  type LocaleLists,
  type LocaleTexts,
} from "./builder-json";

export const CUSTOM_TYPES = [
  "radiogroup",
  "checkbox",
  "dropdown",
  "rating",
  "comment",
  "text",
  "boolean",
  "ranking",
  "matrix",
] as const;
export type CustomType = (typeof CUSTOM_TYPES)[number];
export const CHOICE_TYPES: readonly string[] = ["radiogroup", "checkbox", "dropdown", "ranking"];

export const DEMOGRAPHIC_ROLES = ["area", "age_band", "gender"] as const;
export type DemographicRole = (typeof DEMOGRAPHIC_ROLES)[number];
/** Single-choice types a demographic breakdown can be read from. */
const DEMOGRAPHIC_TYPES: readonly string[] = ["radiogroup", "dropdown"];

/** The bank questions whose choices are the kommun's areas (followed by their own fixed choices). */
export const AREA_QUESTIONS = ["area", "unsafe_area_pick"] as const;

export const NAME_RE = /^[a-z][a-z0-9_]*$/;
const NAME_MAX = 50;

export type QuestionSummary = {
  name: string;
  type: string;
  title: LocalizableText | null;
  page: string;
  pageIndex: number;
  index: number;
  isFirst: boolean;
  isLast: boolean;
  isRequired: boolean;
  /** The bank section of a standard question; null for a custom one. */
  section: SectionKey | null;
  items: ItemSummary[];
};

/** The top-level questions of every page, in order, with what the builder shows and edits of each. */
export function listQuestions(definition: SurveyDefinition): QuestionSummary[] {
  const pages = pagesOf(definition);
  const out: QuestionSummary[] = [];
  pages.forEach((page, p) => {
    const els = elementsOf(page);
    els.forEach((el, i) => {
      const bank = BANK.find((b) => b.name === el.name);
      const items: ItemSummary[] = [];
      for (const list of ITEM_LISTS) {
        const raw = el[list];
        if (!Array.isArray(raw)) continue;
        for (const r of raw) {
          const item = itemOf(r);
          if (item) items.push({ list, value: String(item.value), text: item.text });
        }
      }
      out.push({
        name: String(el.name),
        type: String(el.type),
        title: titleOf(el),
        page: String(page.name ?? `page${p + 1}`),
        pageIndex: p,
        index: i,
        isFirst: p === 0 && i === 0,
        isLast: p === pages.length - 1 && i === els.length - 1,
        isRequired: el.isRequired === true,
        section: bank?.section ?? null,
        items,
      });
    });
  });
  return out;
}

/** The pages, in order, with their titles. */
export function listPages(definition: SurveyDefinition): { name: string; title: LocalizableText | null }[] {
  return pagesOf(definition).map((p, i) => ({ name: String(p.name ?? `page${i + 1}`), title: titleOf(p) }));
}

/** The bank questions of a survey kind that the definition does not have yet, grouped by section. */
export function bankOptions(definition: SurveyDefinition, kind: SurveyKind) {
  const present = new Set(questionNames(definition));
  return SECTIONS[kind]
    .map((section: SectionKey) => ({
      section,
      title: SECTION_TITLES[section] as LocalizableText,
      questions: BANK.filter((b) => b.kind === kind && b.section === section && !present.has(b.name)).map((b) => ({
        name: b.name,
        title: titleOf(b.element),
      })),
    }))
    .filter((g) => g.questions.length > 0);
}

/** Moves a question one step up or down; past the top or bottom of its page it moves to the next page. */
export function moveQuestion(definition: SurveyDefinition, name: string, direction: "up" | "down"): SurveyDefinition {
  const { def, pages } = copyPages(definition);
  const { p, i } = locate(pages, name);
  const els = pages[p].elements!;
  const [el] = els.splice(i, 1);
  if (direction === "up") {
    if (i > 0) els.splice(i - 1, 0, el);
    else if (p > 0) pages[p - 1].elements!.push(el);
    else els.unshift(el);
  } else {
    if (i < els.length) els.splice(i + 1, 0, el);
    else if (p < pages.length - 1) pages[p + 1].elements!.unshift(el);
    else els.push(el);
  }
  return def;
}

/** Removes a question (its page stays, even when empty, so that questions can be added to it again). */
export function removeQuestion(definition: SurveyDefinition, name: string): SurveyDefinition {
  const { def, pages } = copyPages(definition);
  const { p, i } = locate(pages, name);
  pages[p].elements!.splice(i, 1);
  return def;
}

/** Makes a question required or optional. */
export function setRequired(definition: SurveyDefinition, name: string, required: boolean): SurveyDefinition {
  const { def, pages } = copyPages(definition);
  const { p, i } = locate(pages, name);
  const el = pages[p].elements![i];
  if (required) el.isRequired = true;
  else delete el.isRequired;
  return def;
}

export type TextEdits = {
  title?: LocaleTexts;
  items?: { list: ItemList; value: string; texts: LocaleTexts }[];
};

/** Sets a question's title and its choice (row, column) texts per locale; an empty en/fi text removes it. */
export function setTexts(definition: SurveyDefinition, name: string, edits: TextEdits): SurveyDefinition {
  const { def, pages } = copyPages(definition);
  const { p, i } = locate(pages, name);
  const el = pages[p].elements![i];
  if (edits.title) el.title = localizable(edits.title, "title", el.title);
  for (const edit of edits.items ?? []) {
    const list = el[edit.list];
    const at = Array.isArray(list) ? list.findIndex((r) => itemOf(r) && String(itemOf(r)!.value) === edit.value) : -1;
    if (at < 0) throw new BuilderError("unknownQuestion", "items", { name: `${name}.${edit.value}` });
    const arr = list as unknown[];
    const item = itemOf(arr[at])!;
    const rest = isRecord(arr[at]) ? (arr[at] as Json) : {};
    arr[at] = { ...rest, value: item.value, text: localizable(edit.texts, `${edit.list}_${at}`, item.text) };
  }
  return def;
}

/** A choice value made from a text: lower case, å/ä → a, ö → o, other accents dropped, the rest as "-". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function assertNewName(definition: SurveyDefinition, name: string) {
  if (!NAME_RE.test(name) || name.length > NAME_MAX)
    throw new BuilderError("nameInvalid", "name", { name, max: NAME_MAX });
  if (questionNames(definition).includes(name)) throw new BuilderError("nameTaken", "name", { name });
}

/** Adds a question of the standard bank to a page (by default its section's page, created if missing). */
export function addBankQuestion(
  definition: SurveyDefinition,
  { name, page, areas = [] }: { name: string; page?: string; areas?: readonly Area[] },
): SurveyDefinition {
  const entry = BANK.find((b) => b.name === name);
  if (!entry) throw new BuilderError("unknownBankQuestion", "bankName", { name });
  if (questionNames(definition).includes(name)) throw new BuilderError("nameTaken", "bankName", { name });
  const { def, pages } = copyPages(definition);
  const element = structuredClone(entry.element);
  if (entry.choicesFrom) {
    const configured = entry.choicesFrom === "areas" ? areas : DEFAULT_UNITS;
    if (configured.length === 0) throw new BuilderError("areasRequired", "bankName", { name });
    const fixed: unknown[] = Array.isArray(element.choices) ? element.choices : [];
    element.choices = [...structuredClone(configured), ...fixed];
  }
  let p = pageIndex(
    pages,
    page,
    pages.findIndex((x) => x.name === entry.section),
    "bankPage",
  );
  if (p < 0)
    p = pages.push({ name: entry.section, title: structuredClone(SECTION_TITLES[entry.section]), elements: [] }) - 1;
  pages[p].elements!.push(element);
  return def;
}

export type CustomQuestionInput = {
  type: string;
  name: string;
  page?: string;
  title: LocaleTexts;
  /** Choice texts one per entry, in the same order in every locale (matrix: the columns). */
  choices?: LocaleLists;
  /** Matrix rows. */
  rows?: LocaleLists;
  isRequired?: boolean;
};

function items(lists: LocaleLists | undefined, field: string, min: number): { value: string; text: LocalizableText }[] {
  const sv = (lists?.sv ?? []).map((s) => s.trim()).filter(Boolean);
  if (sv.length < min)
    throw new BuilderError(field === "rows" ? "rowsRequired" : "choicesRequired", `${field}_sv`, { min });
  const other: Partial<Record<BuilderLocale, string[]>> = {};
  for (const l of ["en", "fi"] as const) {
    const list = (lists?.[l] ?? []).map((s) => s.trim()).filter(Boolean);
    if (list.length && list.length !== sv.length)
      throw new BuilderError("countMismatch", `${field}_${l}`, { count: sv.length });
    other[l] = list;
  }
  const seen = new Set<string>();
  return sv.map((text, i) => {
    const value = slugify(text) || `${field === "rows" ? "row" : "item"}${i + 1}`;
    if (seen.has(value)) throw new BuilderError("duplicateChoice", `${field}_sv`, { text });
    seen.add(value);
    return { value, text: localizable({ sv: text, en: other.en?.[i], fi: other.fi?.[i] }, `${field}_${i}`) };
  });
}

/** Adds a question of one of the common SurveyJS types, named by the analyst, to a page (default: the last). */
export function addCustomQuestion(definition: SurveyDefinition, input: CustomQuestionInput): SurveyDefinition {
  const type = input.type as CustomType;
  if (!CUSTOM_TYPES.includes(type)) throw new BuilderError("unknownType", "type", { type: input.type });
  const name = input.name.trim();
  assertNewName(definition, name);
  if (!input.title.sv?.trim()) throw new BuilderError("titleRequired", "title_sv");
  const { def, pages } = copyPages(definition);
  let p = pageIndex(pages, input.page, pages.length - 1);
  if (p < 0) p = pages.push({ name: "page1", elements: [] }) - 1;
  const el: SurveyElementJson = { type, name, title: localizable(input.title, "title") };
  if (CHOICE_TYPES.includes(type)) el.choices = items(input.choices, "choices", 2);
  else if (type === "matrix") {
    el.columns = items(input.choices, "choices", 2);
    el.rows = items(input.rows, "rows", 1);
  } else if (type === "rating") {
    if (input.choices?.sv?.some((s) => s.trim())) el.rateValues = items(input.choices, "choices", 2);
    else Object.assign(el, { rateMin: 1, rateMax: 5 });
  } else if (type === "comment") el.maxLength = 2000;
  else if (type === "text") el.maxLength = 200;
  else if (type === "boolean") {
    // As the bank's yes/no questions: two radio buttons with "Ja" first, so "not answered" stays visible.
    Object.assign(el, {
      labelTrue: { default: "Ja", en: "Yes", fi: "Kyllä" },
      labelFalse: { default: "Nej", en: "No", fi: "Ei" },
      renderAs: "radio",
      swapOrder: true,
    });
  }
  if (input.isRequired) el.isRequired = true;
  pages[p].elements!.push(el);
  return def;
}

export type Area = { value: string; text: string };

/**
 * The kommun's areas from text, one per line ("Seskarö" → value "seskaro"); blank lines are skipped. Slugs use
 * "-", so no area can take a fixed choice's value such as "none_specific".
 */
export function parseAreas(text: string): Area[] {
  const out: Area[] = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t) continue;
    if (t.length > 200) throw new BuilderError("tooLong", "areas", { max: 200 });
    const value = slugify(t);
    if (!value) throw new BuilderError("textRequired", "areas");
    if (out.some((a) => a.value === value)) throw new BuilderError("duplicateArea", "areas", { text: t });
    out.push({ value, text: t });
  }
  return out;
}

/** Replaces the area choices of `area` and `unsafe_area_pick` (keeping their fixed choices, e.g. "none_specific"). */
export function replaceAreaChoices(definition: SurveyDefinition, areas: readonly Area[]): SurveyDefinition {
  if (areas.length === 0) throw new BuilderError("areasRequired", "areas", { name: "area" });
  const { def, pages } = copyPages(definition);
  for (const name of AREA_QUESTIONS) {
    const bankChoices = BANK.find((b) => b.name === name)?.element.choices;
    const fixedValues = (Array.isArray(bankChoices) ? bankChoices : []).map((c) => String(itemOf(c)?.value));
    for (const page of pages) {
      for (const el of page.elements!) {
        if (el.name !== name) continue;
        const kept = (Array.isArray(el.choices) ? el.choices : []).filter((c) =>
          fixedValues.includes(String(itemOf(c)?.value)),
        );
        el.choices = [...areas.map((a) => ({ ...a })), ...kept];
      }
    }
  }
  return def;
}

export type Demographics = NonNullable<SurveySettings["demographics"]>;

/** The demographics mapping, checked: each named question exists and is single-choice. Empty names unset. */
export function setDemographics(
  definition: SurveyDefinition,
  mapping: Partial<Record<DemographicRole, string | null>>,
): Demographics {
  const byName = new Map(listQuestions(definition).map((q) => [q.name, q]));
  const out: Demographics = {};
  for (const role of DEMOGRAPHIC_ROLES) {
    const name = mapping[role];
    if (!name) continue;
    const q = byName.get(name);
    if (!q) throw new BuilderError("unknownQuestion", role, { name });
    if (!DEMOGRAPHIC_TYPES.includes(q.type)) throw new BuilderError("notDemographicType", role, { name });
    out[role] = name;
  }
  return out;
}

/** The demographics of a survey built from the bank: each bank demographic question that is present. */
export function defaultDemographics(definition: SurveyDefinition): Demographics {
  const names = new Set(questionNames(definition));
  const out: Demographics = {};
  for (const b of BANK) if (b.demographic && names.has(b.name)) out[b.demographic] = b.name;
  return out;
}

/** The mapping without the questions the definition no longer has. */
export function pruneDemographics(definition: SurveyDefinition, demographics: Demographics | undefined): Demographics {
  const names = new Set(questionNames(definition));
  return Object.fromEntries(Object.entries(demographics ?? {}).filter(([, n]) => n && names.has(n))) as Demographics;
}
