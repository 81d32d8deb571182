/**
 * The few strings the charts draw themselves (buttons, table headers, notes, tooltips), all from the
 * `charts.*` keys of the catalogue (app/i18n/charts.*.json). A page gets them with `useChartLabels()` and passes
 * them to each chart, which keeps the charts themselves free of UI text and renderable without a router.
 */
import type { Locale } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import type chartsSv from "~/i18n/charts.sv.json";
import { effectiveMinBase } from "~/features/results/index";

export type ChartMessageKey = keyof typeof chartsSv;
export type ChartTranslate = (key: ChartMessageKey, params?: Record<string, string | number>) => string;

export type ChartLabels = {
  locale: Locale;
  showTable: string;
  downloadSvg: string;
  downloadPng: string;
  downloadFailed: string;
  /** The reason shown for a suppressed figure: "färre än 5 svar". */
  suppressed: string;
  /** The reason shown for a figure hidden as a complement (its group is not small). */
  suppressedComplement: string;
  suppressedLegend: string;
  colItem: string;
  colGroup: string;
  colShare: string;
  colInterval: string;
  colBase: string;
  whiskerNote: string;
  bandNote: string;
  /** "58 %–66 %" from two formatted ends. */
  range: (low: string, high: string) => string;
  /** "62 % (58 %–66 %)" */
  valueWithRange: (value: string, low: string, high: string) => string;
  shareTooltip: (item: string, value: string, low: string, high: string) => string;
  categoryTooltip: (item: string, category: string, value: string) => string;
  suppressedTooltip: (item: string) => string;
  sortBy: (label: string) => string;
  sortByName: string;
  sortByShare: string;
  /** Legend of the checkboxes that show or hide the groups of a breakdown. */
  groupsLegend: string;
  significant: string;
  notSignificant: string;
  /** A change that cannot be computed (an end suppressed or missing). */
  noChange: string;
  changeNote: string;
  whiskerChangeNote: string;
  colChange: string;
  colSignificant: string;
  changeTooltip: (item: string, value: string, low: string, high: string, significant: boolean) => string;
  /** "Centrum: Narkotikaförsäljning", naming a bar of a small-multiples panel. */
  groupItem: (group: string, item: string) => string;
  /** "Narkotikaförsäljning, 2024", naming a point of a line. */
  seriesPeriod: (item: string, period: string) => string;
};

/** The chart labels from a translator (pure, for tests and for callers outside a route). */
export function chartLabels(t: ChartTranslate, locale: Locale, minBase?: number | null): ChartLabels {
  const min = effectiveMinBase(minBase);
  const suppressed = t("charts.suppressed", { min });
  return {
    locale,
    showTable: t("charts.showTable"),
    downloadSvg: t("charts.downloadSvg"),
    downloadPng: t("charts.downloadPng"),
    downloadFailed: t("charts.downloadFailed"),
    suppressed,
    suppressedComplement: t("charts.suppressedComplement"),
    suppressedLegend: t("charts.suppressedLegend", { min }),
    colItem: t("charts.col.item"),
    colGroup: t("charts.col.group"),
    colShare: t("charts.col.share"),
    colInterval: t("charts.col.interval"),
    colBase: t("charts.col.base"),
    whiskerNote: t("charts.whiskerNote"),
    bandNote: t("charts.bandNote"),
    range: (low, high) => t("charts.range", { low, high }),
    valueWithRange: (value, low, high) => t("charts.valueWithRange", { value, low, high }),
    shareTooltip: (item, value, low, high) => t("charts.tooltip.share", { item, value, low, high }),
    categoryTooltip: (item, category, value) => t("charts.tooltip.category", { item, category, value }),
    suppressedTooltip: (item) => t("charts.tooltip.suppressed", { item, reason: suppressed }),
    sortBy: (label) => t("charts.sortBy", { label }),
    sortByName: t("charts.sortByName"),
    sortByShare: t("charts.sortByShare"),
    groupsLegend: t("charts.groupsLegend"),
    significant: t("charts.significant"),
    notSignificant: t("charts.notSignificant"),
    noChange: t("charts.noChange"),
    changeNote: t("charts.changeNote"),
    whiskerChangeNote: t("charts.whiskerChangeNote"),
    colChange: t("charts.col.change"),
    colSignificant: t("charts.col.significant"),
    changeTooltip: (item, value, low, high, significant) =>
      t("charts.changeTooltip", {
        item,
        value,
        low,
        high,
        flag: t(significant ? "charts.significant" : "charts.notSignificant"),
      }),
    groupItem: (group, item) => t("charts.groupItem", { group, item }),
    seriesPeriod: (item, period) => t("charts.seriesPeriod", { item, period }),
  };
}

/**
 * The chart labels in the page's locale. `minBase` is the survey's minimum base when a setting has raised it
 * above 5, so that the reason reads "färre än 10 svar".
 */
export function useChartLabels(options: { minBase?: number } = {}): ChartLabels {
  const t = useT();
  return chartLabels(t, t.locale, options.minBase);
}
