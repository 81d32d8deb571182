/**
 * Reading a kommun's crime statistics: the summary other features use (the lägesbild calls `crimeSummary`), and
 * the trend page's view with the areas of the kommun. Every query is scoped by the kommun.
 */
import type { Database } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { crimeCategory } from "./domain/categories";
import { rateOf, summarise, type CrimeSummary, type StoredCrimeFigure } from "./domain/summary";

/** The trend page of a kommun's crime statistics, for a category and a range of years. */
export function crimeLink(
  kommunSlug: string,
  opts: { category?: string; fromYear?: number | null; toYear?: number | null } = {},
) {
  const q = new URLSearchParams();
  if (opts.category) q.set("kategori", opts.category);
  if (opts.fromYear) q.set("fran", String(opts.fromYear));
  if (opts.toYear) q.set("till", String(opts.toYear));
  const s = q.toString();
  return `/app/${kommunSlug}/brottsstatistik${s ? `?${s}` : ""}`;
}

async function figures(db: Database, kommunId: number, fromYear?: number | null, toYear?: number | null) {
  let q = db
    .selectFrom("crime_figure")
    .select(["year", "level", "area", "category", "count", "population", "rate", "demo", "source"])
    .where("kommun_id", "=", kommunId);
  if (fromYear) q = q.where("year", ">=", fromYear);
  if (toYear) q = q.where("year", "<=", toYear);
  return q.orderBy("year").orderBy("level").orderBy("area").orderBy("category").execute();
}

async function kommunSlug(db: Database, kommunId: number) {
  const k = await db
    .selectFrom("organisation")
    .select("slug")
    .where("id", "=", kommunId)
    .where("kind", "=", "kommun")
    .executeTakeFirst();
  if (!k) throw new NotFound("account.error.kommunNotFound");
  return k.slug;
}

/**
 * A kommun's reported crime per category for the years `fromYear`–`toYear` (both optional, inclusive): counts,
 * rates per 100,000, the county's and the country's rates, the changes, the themes each category informs, the
 * page that shows it (`link`) and whether any figure is invented demo data (`demo`).
 */
export async function crimeSummary({
  db,
  kommunId,
  fromYear = null,
  toYear = null,
}: {
  db: Database;
  kommunId: number;
  fromYear?: number | null;
  toYear?: number | null;
}): Promise<CrimeSummary> {
  const slug = await kommunSlug(db, kommunId);
  const rows = await figures(db, kommunId, fromYear, toYear);
  const { county, categories } = summarise(rows as StoredCrimeFigure[], (category) =>
    crimeLink(slug, { category, fromYear, toYear }),
  );
  return {
    kommunId,
    fromYear,
    toYear,
    county,
    categories,
    sources: [...new Set(rows.map((r) => r.source).filter((s) => s !== ""))],
    link: crimeLink(slug, { fromYear, toYear }),
    demo: rows.some((r) => r.demo),
  };
}

/** The years a kommun has figures for, oldest first. */
export async function crimeYears({ db, kommunId }: { db: Database; kommunId: number }): Promise<number[]> {
  const rows = await db
    .selectFrom("crime_figure")
    .select("year")
    .distinct()
    .where("kommun_id", "=", kommunId)
    .where("level", "=", "kommun")
    .orderBy("year")
    .execute();
  return rows.map((r) => r.year);
}

/** The areas of the kommun with figures for a category: per area, count and rate by year. */
export async function crimeAreas({
  db,
  kommunId,
  category,
  fromYear = null,
  toYear = null,
}: {
  db: Database;
  kommunId: number;
  category: string;
  fromYear?: number | null;
  toYear?: number | null;
}) {
  if (!crimeCategory(category)) return [];
  let q = db
    .selectFrom("crime_figure")
    .select(["year", "area", "count", "population", "rate", "demo"])
    .where("kommun_id", "=", kommunId)
    .where("level", "=", "area")
    .where("category", "=", category);
  if (fromYear) q = q.where("year", ">=", fromYear);
  if (toYear) q = q.where("year", "<=", toYear);
  const rows = await q.orderBy("area").orderBy("year").execute();
  const areas = new Map<
    string,
    { area: string; years: { year: number; count: number | null; rate: number | null }[]; demo: boolean }
  >();
  for (const r of rows) {
    const a = areas.get(r.area) ?? { area: r.area, years: [], demo: false };
    a.years.push({ year: r.year, count: r.count, rate: rateOf(r) });
    a.demo ||= r.demo;
    areas.set(r.area, a);
  }
  return [...areas.values()];
}
