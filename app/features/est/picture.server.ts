/**
 * Reading the EST picture of a period (docs/domain/est.md, "Reading the picture"): the sums per week, zone and
 * category over reviewed reports, computed in SQL, made into figures by domain/picture.ts. Scoped by the kommun.
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { unusualWeeks, type UnusualWeek } from "./domain/flags";
import { buildPicture, pictureRows, type CategorySum, type EstPicture, type ReportTally } from "./domain/picture";
import type { EstCategory } from "./domain/categories";
import {
  countedWeeks,
  periodQuery,
  shiftWeek,
  tertialsBetween,
  weekOfDay,
  weeksOf,
  type EstPeriod,
  type Tertial,
} from "./domain/weeks";
import { kommunCategories } from "./reports.server";
import { pendingReports } from "./review.server";
import { kommunZones } from "./zones.server";

async function sums(db: Database, kommunId: number, weeks: string[]) {
  if (!weeks.length) return { sums: [] as CategorySum[], tallies: [] as ReportTally[] };
  // Per week, zone and category: the incidents counted and the levels added up, over reviewed reports.
  const s = await db
    .selectFrom("est_report as r")
    .innerJoin("est_report_item as i", "i.report_id", "r.id")
    .select([
      "r.week",
      "r.zone_id",
      "i.category",
      sql<number>`coalesce(sum(i.count), 0)::int`.as("count"),
      sql<number>`coalesce(sum(i.level), 0)::int`.as("level_sum"),
    ])
    .where("r.kommun_id", "=", kommunId)
    .where("r.week", "in", weeks)
    .where("r.reviewed_at", "is not", null)
    .groupBy(["r.week", "r.zone_id", "i.category"])
    .execute();
  // Per week and zone: how many reviewed reports (a level's mean divides by these).
  const t = await db
    .selectFrom("est_report as r")
    .select(["r.week", "r.zone_id", sql<number>`count(*)::int`.as("reports")])
    .where("r.kommun_id", "=", kommunId)
    .where("r.week", "in", weeks)
    .where("r.reviewed_at", "is not", null)
    .groupBy(["r.week", "r.zone_id"])
    .execute();
  return {
    sums: s.map((x) => ({
      week: x.week,
      zoneId: x.zone_id,
      category: x.category,
      count: x.count,
      levelSum: x.level_sum,
    })),
    tallies: t.map((x) => ({ week: x.week, zoneId: x.zone_id, reports: x.reports })),
  };
}

/** The picture of a period, and how many reports of its counted weeks still await review. */
export async function estPicture({
  db,
  kommunId,
  period,
}: {
  db: Database;
  kommunId: number;
  period: EstPeriod;
}): Promise<EstPicture & { pending: number; demo: boolean; unusual: UnusualWeek[] }> {
  const [zones, categories] = await Promise.all([kommunZones({ db, kommunId }), kommunCategories({ db, kommunId })]);
  const weeks = weeksOf(period);
  // A week's picture also reads the 26 weeks before it: the zones' own history, for unusual weeks.
  const history = period.kind === "week" ? Array.from({ length: 26 }, (_, i) => shiftWeek(period.week, i - 26)) : [];
  const data = await sums(db, kommunId, [...new Set([...history, ...weeks])]);
  const unusual =
    period.kind === "week" ? unusualWeeks({ week: period.week, history, zones, categories, ...data }) : [];
  const pending = await pendingReports({ db, kommunId, weeks: countedWeeks(period) });
  const demo = await db
    .selectFrom("est_report")
    .select("id")
    .where("kommun_id", "=", kommunId)
    .where("week", "in", weeks)
    .where("demo", "=", true)
    .executeTakeFirst();
  return { ...buildPicture({ period, zones, categories, ...data }), pending, demo: !!demo, unusual };
}

/** The picture's figures per week, zone and category as CSV rows (header first). */
export async function estPictureCsvRows({
  db,
  kommunId,
  period,
}: {
  db: Database;
  kommunId: number;
  period: EstPeriod;
}) {
  const [zones, categories] = await Promise.all([kommunZones({ db, kommunId }), kommunCategories({ db, kommunId })]);
  const weeks = countedWeeks(period);
  const data = await sums(db, kommunId, weeks);
  return [
    ["vecka", "omradeskod", "omrade", "kategori", "matt", "varde", "granskade_rapporter"],
    ...pictureRows({ zones, categories, weeks, ...data }),
  ];
}

/** True when the kommun has any reviewed EST report (the lägesbild lists EST as a source then). */
export async function hasEstReports({ db, kommunId }: { db: Database; kommunId: number }) {
  return !!(await db
    .selectFrom("est_report")
    .select("id")
    .where("kommun_id", "=", kommunId)
    .where("reviewed_at", "is not", null)
    .executeTakeFirst());
}

export interface EstSummary {
  /** False when the kommun has never had an EST report: EST is not run there. */
  anyReports: boolean;
  /** Reviewed reports in the days' weeks. */
  reports: number;
  fromWeek: string;
  toWeek: string;
  /** Count categories with incidents: the total and the zone with the most. */
  categories: {
    key: string;
    labelSv: string;
    themes: readonly string[];
    total: number;
    topZone: { name: string; count: number } | null;
  }[];
  demo: boolean;
  /** The picture of the year the days end in. */
  link: string;
}

/**
 * What the EST reports of the weeks from `fromDay` to `toDay` (YYYY-MM-DD) add up to, for other features (the
 * lägesbild's sources): reviewed reports only, per count category the total and the zone with the most incidents.
 */
export async function estSummary({
  db,
  kommunId,
  kommunSlug,
  fromDay,
  toDay,
}: {
  db: Database;
  kommunId: number;
  kommunSlug: string;
  fromDay: string;
  toDay: string;
}): Promise<EstSummary> {
  const fromWeek = weekOfDay(fromDay);
  const toWeek = weekOfDay(toDay);
  const weeks: string[] = [];
  for (let w = fromWeek; w <= toWeek && weeks.length < 600; w = shiftWeek(w, 1)) weeks.push(w);
  const any = await db.selectFrom("est_report").select("id").where("kommun_id", "=", kommunId).executeTakeFirst();
  const [zones, categories] = await Promise.all([kommunZones({ db, kommunId }), kommunCategories({ db, kommunId })]);
  const data = await sums(db, kommunId, weeks);
  const demo = await db
    .selectFrom("est_report")
    .select("id")
    .where("kommun_id", "=", kommunId)
    .where("week", "in", weeks.length ? weeks : [""])
    .where("demo", "=", true)
    .executeTakeFirst();
  const out: EstSummary["categories"] = [];
  for (const c of categories.filter((x) => x.measure === "count")) {
    const mine = data.sums.filter((s) => s.category === c.key);
    const total = mine.reduce((a, s) => a + s.count, 0);
    if (!total) continue;
    const byZone = zones
      .map((z) => ({ name: z.name, count: mine.filter((s) => s.zoneId === z.id).reduce((a, s) => a + s.count, 0) }))
      .sort((a, b) => b.count - a.count);
    out.push({
      key: c.key,
      labelSv: c.label.sv,
      themes: c.themes,
      total,
      topZone: byZone[0]?.count ? byZone[0] : null,
    });
  }
  return {
    anyReports: !!any,
    reports: data.tallies.reduce((a, t) => a + t.reports, 0),
    fromWeek,
    toWeek,
    categories: out,
    demo: !!demo,
    link: `/app/${kommunSlug}/est/bild?period=ar&ar=${toWeek.slice(0, 4)}`,
  };
}

export interface EstTertialFigures {
  /** The tertials read, oldest first, each with the link to its picture. */
  tertials: { year: number; tertial: Tertial; link: string }[];
  /** The kommun's active categories, with the themes each informs. */
  categories: EstCategory[];
  /** Per category key, one figure per tertial for the whole kommun; null in a tertial without reviewed reports. */
  kommun: Record<string, (number | null)[]>;
  /** Per zone id asked for, per category key, one figure per tertial; null without the zone's reviewed reports. */
  zones: Record<number, Record<string, (number | null)[]>>;
  /** Reviewed reports per tertial. */
  reports: number[];
  demo: boolean;
}

/**
 * The reviewed EST figures per tertial from the tertial of `fromDay` to that of `toDay`, for the promises'
 * follow-up (docs/domain/est.md, "EST in the promises' follow-up"): per category, as the picture of each tertial
 * has them (a count category's sum, a level category's mean level), for the whole kommun and the zones asked for.
 * Null when the kommun has no reviewed EST report at all (EST is not run there, or nothing is reviewed yet).
 */
export async function estByTertial({
  db,
  kommunId,
  kommunSlug,
  fromDay,
  toDay,
  zoneIds,
}: {
  db: Database;
  kommunId: number;
  kommunSlug: string;
  fromDay: string;
  toDay: string;
  zoneIds: readonly number[];
}): Promise<EstTertialFigures | null> {
  if (!(await hasEstReports({ db, kommunId }))) return null;
  const periods = tertialsBetween(fromDay, toDay).map((t) => ({ kind: "tertial" as const, ...t }));
  const [zones, categories] = await Promise.all([kommunZones({ db, kommunId }), kommunCategories({ db, kommunId })]);
  const weeks = periods.flatMap((p) => countedWeeks(p));
  const data = await sums(db, kommunId, weeks);
  const pictures = periods.map((period) => buildPicture({ period, zones, categories, ...data }));
  const demo = weeks.length
    ? !!(await db
        .selectFrom("est_report")
        .select("id")
        .where("kommun_id", "=", kommunId)
        .where("week", "in", weeks)
        .where("reviewed_at", "is not", null)
        .where("demo", "=", true)
        .executeTakeFirst())
    : false;
  const kommun: EstTertialFigures["kommun"] = {};
  const byZone: EstTertialFigures["zones"] = {};
  for (const c of categories) kommun[c.key] = pictures.map((p) => p.totals[c.key] ?? null);
  for (const id of zoneIds.filter((z) => zones.some((x) => x.id === z))) {
    byZone[id] = {};
    for (const c of categories) byZone[id][c.key] = pictures.map((p) => p.cells[c.key]?.[id] ?? null);
  }
  return {
    tertials: periods.map((p) => ({
      year: p.year,
      tertial: p.tertial,
      link: `/app/${kommunSlug}/est/bild?${periodQuery(p)}`,
    })),
    categories,
    kommun,
    zones: byZone,
    reports: pictures.map((p) => p.reports),
    demo,
  };
}
