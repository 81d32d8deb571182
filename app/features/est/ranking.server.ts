/**
 * What the theme ranking reads of EST (docs/domain/est.md, "EST in the theme ranking"): the kommun's reviewed
 * reports of the ranking's weeks, counted per theme in area-weeks by domain/ranking.ts, with what the ranking's
 * summary says about them (how many reports, which weeks, how many await review). Scoped by the kommun.
 */
import type { Database } from "~/platform/db.server";
import { countEstThemes, type EstThemeCounts } from "./domain/ranking";
import { kommunCategories } from "./reports.server";

export interface EstRankingCounts extends EstThemeCounts {
  /** Reviewed reports of the weeks. */
  reports: number;
  /** Reports of the weeks that await review (they do not count). */
  pending: number;
  /** The first and last week with a reviewed report; null when there is none. */
  fromWeek: string | null;
  toWeek: string | null;
  /** True when any counted report is demo data. */
  demo: boolean;
}

/**
 * The kommun's reviewed reports of `weeks` (ISO week keys; null: every week) counted per theme. A kommun without
 * reviewed reports in the weeks gets zero area-weeks and no weeks.
 */
export async function estRankingCounts({
  db,
  kommunId,
  weeks,
}: {
  db: Database;
  kommunId: number;
  weeks: readonly string[] | null;
}): Promise<EstRankingCounts> {
  const empty = {
    areaWeeks: 0,
    zones: 0,
    themes: [],
    reports: 0,
    pending: 0,
    fromWeek: null,
    toWeek: null,
    demo: false,
  };
  if (weeks && !weeks.length) return empty;
  const rows = await db
    .selectFrom("est_report as r")
    .leftJoin("est_report_item as i", "i.report_id", "r.id")
    .select(["r.id", "r.zone_id", "r.week", "r.demo", "r.reviewed_at", "i.category"])
    .where("r.kommun_id", "=", kommunId)
    .$if(weeks !== null, (q) => q.where("r.week", "in", weeks!))
    .orderBy("r.id")
    .execute();
  const reviewed = new Map<number, { zoneId: number; week: string; demo: boolean; categories: string[] }>();
  const pending = new Set<number>();
  for (const row of rows) {
    if (row.reviewed_at === null) {
      pending.add(row.id);
      continue;
    }
    const r = reviewed.get(row.id) ?? { zoneId: row.zone_id, week: row.week, demo: row.demo, categories: [] };
    if (row.category !== null) r.categories.push(row.category);
    reviewed.set(row.id, r);
  }
  if (!reviewed.size) return { ...empty, pending: pending.size };
  const reports = [...reviewed.values()];
  const counts = countEstThemes({ categories: await kommunCategories({ db, kommunId }), reports });
  const sortedWeeks = reports.map((r) => r.week).sort();
  return {
    ...counts,
    reports: reports.length,
    pending: pending.size,
    fromWeek: sortedWeeks[0]!,
    toWeek: sortedWeeks[sortedWeeks.length - 1]!,
    demo: reports.some((r) => r.demo),
  };
}
