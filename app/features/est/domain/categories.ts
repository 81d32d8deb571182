/**
 * The EST checklist (docs/domain/est.md): the standard categories every kommun reports on, the kommun's own beside
 * them, how each is observed (a count, or a level for a state of the area), and the kinds of organisation a
 * reporter reports for. Stored values follow docs/domain/glossary.md ("Stored values"): terms of the practice in
 * Swedish base form.
 */
import { THEME_KEYS, type ThemeKey } from "~/features/surveys/index";
import type { EstMeasure, EstPartnerKind } from "../../../../db/schema";

export type { EstMeasure, EstPartnerKind };

export interface EstCategory {
  key: string;
  measure: EstMeasure;
  label: { sv: string; en: string };
  /** False for the kommun's own categories. */
  standard: boolean;
  /**
   * The standard themes (docs/domain/themes.md) the category informs in the lägesbild and the theme ranking; for
   * the kommun's own, the one the coordinator chose, or none.
   */
  themes: readonly ThemeKey[];
}

/** The standard checklist, in the order reporters see it. */
export const STANDARD_CATEGORIES: readonly EstCategory[] = [
  {
    key: "skadegorelse",
    measure: "count",
    label: { sv: "Skadegörelse", en: "Vandalism" },
    standard: true,
    themes: ["volume_crime"],
  },
  {
    key: "klotter",
    measure: "count",
    label: { sv: "Klotter", en: "Graffiti" },
    standard: true,
    themes: ["physical_environment"],
  },
  {
    key: "nedskrapning",
    measure: "level",
    label: { sv: "Nedskräpning", en: "Litter" },
    standard: true,
    themes: ["physical_environment"],
  },
  {
    key: "brand",
    measure: "count",
    label: { sv: "Bränder", en: "Fires" },
    standard: true,
    themes: ["public_safety"],
  },
  {
    key: "ansamling",
    measure: "count",
    label: { sv: "Ansamlingar som skapar otrygghet", en: "Gatherings that make people feel unsafe" },
    standard: true,
    themes: ["public_safety"],
  },
  {
    key: "tecken_pa_narkotika",
    measure: "count",
    label: { sv: "Tecken på narkotika", en: "Signs of drugs" },
    standard: true,
    themes: ["drugs_andt"],
  },
];

/** A level observation: 0 none (not stored), 1 a little, 2 some, 3 a lot. */
export const LEVELS = [0, 1, 2, 3] as const;
export const MAX_COUNT = 999;

export const PARTNER_KINDS: readonly EstPartnerKind[] = [
  "kommun",
  "bostadsbolag",
  "polis",
  "vaktbolag",
  "forening",
  "annat",
];

/** True when `key` is a standard theme of the taxonomy (what an own category may inform). */
export const isStandardTheme = (key: string): key is ThemeKey => (THEME_KEYS as readonly string[]).includes(key);

/**
 * A kommun's own category as stored, made a checklist entry; its theme is the one the coordinator chose (none when
 * not chosen, or when the stored key is no longer a standard theme).
 */
export function ownCategory(row: {
  key: string;
  name: string;
  measure: EstMeasure;
  theme?: string | null;
}): EstCategory {
  const themes = row.theme && isStandardTheme(row.theme) ? [row.theme] : [];
  return { key: row.key, measure: row.measure, label: { sv: row.name, en: row.name }, standard: false, themes };
}

/** A key for a kommun's own category from its name: lower case ASCII, words joined by `_` (the glossary's rule). */
export function categoryKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
}
