/**
 * EST as a source of the theme ranking (docs/domain/est.md, "EST in the theme ranking";
 * docs/domain/statistics.md#est-score): per standard theme, in how many area-weeks (one zone in one ISO week with at
 * least one reviewed report) any category that informs the theme was reported. The share and its interval are the
 * results feature's to compute; here only the counting, pure.
 */
import { THEME_KEYS, type ThemeKey } from "~/features/surveys/index";
import type { EstCategory } from "./categories";

/** Fewer area-weeks than this in the period and EST gives the ranking no score (too little to read a share from). */
export const EST_MIN_AREA_WEEKS = 10;

/** One reviewed report's zone, week and the categories it observed (an item is stored only when observed). */
export interface ReviewedReportItems {
  zoneId: number;
  week: string;
  categories: readonly string[];
}

export interface EstThemeCount {
  theme: ThemeKey;
  /** Area-weeks in which at least one of the theme's categories was reported. */
  areaWeeks: number;
  /** The categories that inform the theme, in checklist order, each with its own area-weeks. */
  categories: { key: string; labelSv: string; areaWeeks: number }[];
}

export interface EstThemeCounts {
  /** Area-weeks of the period: distinct (zone, week) with at least one reviewed report. */
  areaWeeks: number;
  /** Zones with at least one reviewed report in the period. */
  zones: number;
  /** Every theme a category of the checklist informs, in THEME_KEYS order; themes no category informs are absent. */
  themes: EstThemeCount[];
}

/**
 * Counts area-weeks per theme. Several reports of one zone and week (from several reporters) make one area-week,
 * which has a category when any of them observed it. A report with nothing to report still makes an area-week.
 * Only the given categories count (the kommun's checklist: standard ones and its own not retired); items of others
 * are ignored. A theme two categories inform counts an area-week once when both were reported.
 */
export function countEstThemes({
  categories,
  reports,
}: {
  categories: readonly EstCategory[];
  reports: readonly ReviewedReportItems[];
}): EstThemeCounts {
  const byAreaWeek = new Map<string, Set<string>>();
  const zones = new Set<number>();
  for (const r of reports) {
    const k = `${r.zoneId}|${r.week}`;
    const seen = byAreaWeek.get(k) ?? new Set<string>();
    for (const c of r.categories) seen.add(c);
    byAreaWeek.set(k, seen);
    zones.add(r.zoneId);
  }
  const areaWeeks = [...byAreaWeek.values()];
  const withAny = (keys: readonly string[]) => areaWeeks.filter((seen) => keys.some((k) => seen.has(k))).length;
  const themes: EstThemeCount[] = [];
  for (const theme of THEME_KEYS) {
    const informing = categories.filter((c) => c.themes.includes(theme));
    if (!informing.length) continue;
    themes.push({
      theme,
      areaWeeks: withAny(informing.map((c) => c.key)),
      categories: informing.map((c) => ({ key: c.key, labelSv: c.label.sv, areaWeeks: withAny([c.key]) })),
    });
  }
  return { areaWeeks: areaWeeks.length, zones: zones.size, themes };
}
