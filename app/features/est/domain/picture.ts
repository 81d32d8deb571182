/**
 * The EST picture of a period (docs/domain/est.md, "Reading the picture"), from reviewed reports only: per
 * category and zone the number of incidents (a count category) or the mean level over the zone's reports (a level
 * category: a report without the category counts as level 0), the totals over the zones, and the trend per week.
 */
import type { EstCategory } from "./categories";
import { countedWeeks, weeksOf, type EstPeriod } from "./weeks";

/** Sums of one category in one zone and week, over its reviewed reports. */
export interface CategorySum {
  week: string;
  zoneId: number;
  category: string;
  count: number;
  levelSum: number;
}

/** How many reviewed reports a zone has in a week. */
export interface ReportTally {
  week: string;
  zoneId: number;
  reports: number;
}

export interface EstPicture {
  period: EstPeriod;
  /** The weeks whose reports the figures count. */
  weeks: string[];
  /** The weeks of the trend (a week period: the 12 weeks up to it). */
  trendWeeks: string[];
  zones: { id: number; name: string; code: string }[];
  categories: EstCategory[];
  /** Per category key, per zone id: the figure; null when the zone has no reviewed report in the period. */
  cells: Record<string, Record<number, number | null>>;
  /** Per category key: the total over the zones (a level: the mean over all reports); null without reports. */
  totals: Record<string, number | null>;
  /** Per category key: one figure per trend week; null in a week without reviewed reports. */
  trend: Record<string, (number | null)[]>;
  /** Reviewed reports in the counted weeks, per zone and in all. */
  reportsByZone: Record<number, number>;
  reports: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Builds the picture of a period from the per-week sums (the server reads them in SQL). */
export function buildPicture(input: {
  period: EstPeriod;
  zones: { id: number; name: string; code: string }[];
  categories: readonly EstCategory[];
  sums: readonly CategorySum[];
  tallies: readonly ReportTally[];
}): EstPicture {
  const weeks = countedWeeks(input.period);
  const trendWeeks = weeksOf(input.period);
  const inPeriod = new Set(weeks);
  const reportsByZone: Record<number, number> = {};
  const reportsByWeek = new Map<string, number>();
  for (const t of input.tallies) {
    reportsByWeek.set(t.week, (reportsByWeek.get(t.week) ?? 0) + t.reports);
    if (inPeriod.has(t.week)) reportsByZone[t.zoneId] = (reportsByZone[t.zoneId] ?? 0) + t.reports;
  }
  const reports = Object.values(reportsByZone).reduce((a, b) => a + b, 0);

  const cells: EstPicture["cells"] = {};
  const totals: EstPicture["totals"] = {};
  const trend: EstPicture["trend"] = {};
  for (const c of input.categories) {
    const mine = input.sums.filter((s) => s.category === c.key);
    const value = (s: CategorySum) => (c.measure === "count" ? s.count : s.levelSum);
    const byZone: Record<number, number | null> = {};
    let all = 0;
    for (const z of input.zones) {
      const n = reportsByZone[z.id] ?? 0;
      const sum = mine.filter((s) => s.zoneId === z.id && inPeriod.has(s.week)).reduce((a, s) => a + value(s), 0);
      byZone[z.id] = n === 0 ? null : c.measure === "count" ? sum : round1(sum / n);
      all += sum;
    }
    cells[c.key] = byZone;
    totals[c.key] = reports === 0 ? null : c.measure === "count" ? all : round1(all / reports);
    trend[c.key] = trendWeeks.map((w) => {
      const n = reportsByWeek.get(w) ?? 0;
      if (n === 0) return null;
      const sum = mine.filter((s) => s.week === w).reduce((a, s) => a + value(s), 0);
      return c.measure === "count" ? sum : round1(sum / n);
    });
  }
  return {
    period: input.period,
    weeks,
    trendWeeks,
    zones: input.zones,
    categories: [...input.categories],
    cells,
    totals,
    trend,
    reportsByZone,
    reports,
  };
}

/** The picture as CSV rows: week, zone code, zone, category, measure, figure, reviewed reports (one row per cell). */
export function pictureRows(input: {
  zones: { id: number; name: string; code: string }[];
  categories: readonly EstCategory[];
  sums: readonly CategorySum[];
  tallies: readonly ReportTally[];
  weeks: readonly string[];
}): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const w of input.weeks)
    for (const z of input.zones) {
      const n = input.tallies.filter((t) => t.week === w && t.zoneId === z.id).reduce((a, t) => a + t.reports, 0);
      if (n === 0) continue;
      for (const c of input.categories) {
        const s = input.sums.find((x) => x.week === w && x.zoneId === z.id && x.category === c.key);
        const figure = c.measure === "count" ? (s?.count ?? 0) : round1((s?.levelSum ?? 0) / n);
        rows.push([w, z.code, z.name, c.label.sv, c.measure, figure, n]);
      }
    }
  return rows;
}

/**
 * The category the picture's map shows: the one asked for (`kategori`), by default the first count category (the
 * first category when there is none). Null when the key asked for is not an active category of the kommun.
 */
export function mapCategory(categories: readonly EstCategory[], asked: string | undefined): EstCategory | null {
  if (asked === undefined) return categories.find((c) => c.measure === "count") ?? categories[0] ?? null;
  return categories.find((c) => c.key === asked) ?? null;
}
