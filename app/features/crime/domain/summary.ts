/**
 * What the crime statistics give other parts of the product (the lägesbild above all): per category, the
 * kommun's counts and rates over the years beside the county's and the country's rates, the changes, the themes
 * the category informs, where the figures can be seen, and whether they are invented demo figures. Types and the
 * pure assembly from stored figures; the query is in statistics.server.ts.
 */
import type { ThemeKey } from "~/features/surveys/index";
import { CRIME_CATEGORIES, type CrimeGroup } from "./categories";
import { change, ratePer100k, type Change } from "./rates";
import type { CrimeFigureValues, CrimeLevel } from "./rows";

/** One year of one category. Rates are per 100,000 residents; null where a figure is missing. */
export interface CrimeYear {
  year: number;
  count: number | null;
  population: number | null;
  rate: number | null;
  countyRate: number | null;
  nationalRate: number | null;
  demo: boolean;
}

export interface CrimeCategorySummary {
  category: string;
  label: { sv: string; en: string };
  group: CrimeGroup;
  themes: readonly ThemeKey[];
  /** Every year of the range that has a figure of the kommun, oldest first. */
  years: CrimeYear[];
  latestYear: number | null;
  /** The kommun's rate in the latest year against the year before it (null without both). */
  changeFromPreviousYear: Change | null;
  /** The kommun's rate in the latest year against the county's (difference in rate points, relative). */
  vsCounty: Change | null;
  vsNational: Change | null;
  /** The page that shows this category's trend for the same years. */
  link: string;
  /** True when any figure of the category is invented demo data. */
  demo: boolean;
}

export interface CrimeSummary {
  kommunId: number;
  fromYear: number | null;
  toYear: number | null;
  /** The county the reference series names (e.g. "Norrbottens län"), null without one. */
  county: string | null;
  categories: CrimeCategorySummary[];
  /** Sources the figures were stored from (file names, or the demo's note). */
  sources: string[];
  link: string;
  demo: boolean;
}

/** A stored figure as the summary reads it. */
export interface StoredCrimeFigure extends CrimeFigureValues {
  demo: boolean;
}

/** A reference or own figure's rate: as given, or from count and population. */
export const rateOf = (f: Pick<StoredCrimeFigure, "rate" | "count" | "population">) =>
  f.rate ?? ratePer100k(f.count, f.population);

/** The county a kommun's reference rows name most often (ties: alphabetical), or null. */
export function countyOf(figures: readonly StoredCrimeFigure[]): string | null {
  const n = new Map<string, number>();
  for (const f of figures) if (f.level === "lan") n.set(f.area, (n.get(f.area) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "sv"))[0]?.[0] ?? null;
}

/**
 * Builds the per-category summary from the kommun's stored figures of the range (areas are left out: the
 * summary is about the whole kommun). `linkOf` gives the trend page of a category.
 */
export function summarise(
  figures: readonly StoredCrimeFigure[],
  linkOf: (category: string) => string,
): { county: string | null; categories: CrimeCategorySummary[] } {
  const county = countyOf(figures);
  const key = (level: CrimeLevel, category: string, year: number) => `${level}|${category}|${year}`;
  const index = new Map<string, StoredCrimeFigure>();
  for (const f of figures) if (f.level !== "lan" || f.area === county) index.set(key(f.level, f.category, f.year), f);
  const categories: CrimeCategorySummary[] = [];
  for (const c of CRIME_CATEGORIES) {
    const own = figures.filter((f) => f.level === "kommun" && f.category === c.id).sort((a, b) => a.year - b.year);
    if (!own.length) continue;
    const years: CrimeYear[] = own.map((f) => {
      const lan = index.get(key("lan", c.id, f.year));
      const riket = index.get(key("riket", c.id, f.year));
      return {
        year: f.year,
        count: f.count,
        population: f.population,
        rate: rateOf(f),
        countyRate: lan ? rateOf(lan) : null,
        nationalRate: riket ? rateOf(riket) : null,
        demo: f.demo || !!lan?.demo || !!riket?.demo,
      };
    });
    const last = years[years.length - 1]!;
    const before = years.find((y) => y.year === last.year - 1) ?? null;
    categories.push({
      category: c.id,
      label: { sv: c.sv, en: c.en },
      group: c.group,
      themes: c.themes,
      years,
      latestYear: last.year,
      changeFromPreviousYear: before ? change(before.rate, last.rate) : null,
      vsCounty: change(last.countyRate, last.rate),
      vsNational: change(last.nationalRate, last.rate),
      link: linkOf(c.id),
      demo: years.some((y) => y.demo),
    });
  }
  return { county, categories };
}
