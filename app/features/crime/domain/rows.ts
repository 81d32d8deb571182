/**
 * Reading the crime statistics CSV format (docs/domain/crime-statistics.md) once the text is split into cells:
 * which column is which, what each row is (the kommun, an area of it, a county or the country), and every
 * problem of every row, with the line and column it is on. Pure and locale-free: problems carry a message key
 * and its values, which the server translates.
 */
import type { CrimeLevel } from "../../../../db/schema/crime";
import { CRIME_CATEGORIES, categoryByName, normaliseName } from "./categories";

export type { CrimeLevel };

/** The columns of the format; `rate` ("per 100 000 invånare") and `population` may be left out of a file. */
export const CRIME_COLUMNS = ["year", "area", "category", "count", "population", "rate"] as const;
export type CrimeColumn = (typeof CRIME_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly CrimeColumn[] = ["year", "area", "category", "count"];

/** The header each column is written with in the format, and in the report. */
export const COLUMN_HEADERS: Record<CrimeColumn, string> = {
  year: "år",
  area: "område",
  category: "brottskategori",
  count: "antal",
  population: "folkmängd",
  rate: "per 100 000 invånare",
};

const headerKey = (h: string) => normaliseName(h).replace(/[\s.]/g, "");
const HEADER_ALIASES: Record<CrimeColumn, string[]> = {
  year: ["år", "ar", "year"],
  area: ["område", "region", "kommun", "area"],
  category: ["brottskategori", "brottstyp", "kategori", "brott", "category"],
  count: ["antal", "antalanmäldabrott", "anmäldabrott", "count"],
  population: ["folkmängd", "befolkning", "invånare", "population"],
  rate: ["per100000invånare", "per100000inv", "per100000", "anmäldabrottper100000invånare", "rate"],
};
const COLUMN_OF = new Map<string, CrimeColumn>(
  CRIME_COLUMNS.flatMap((c) => HEADER_ALIASES[c].map((a) => [headerKey(a), c] as const)),
);

/** The 21 counties as Statistics Sweden names them. */
export const COUNTIES = [
  "Stockholms län",
  "Uppsala län",
  "Södermanlands län",
  "Östergötlands län",
  "Jönköpings län",
  "Kronobergs län",
  "Kalmar län",
  "Gotlands län",
  "Blekinge län",
  "Skåne län",
  "Hallands län",
  "Västra Götalands län",
  "Värmlands län",
  "Örebro län",
  "Västmanlands län",
  "Dalarnas län",
  "Gävleborgs län",
  "Västernorrlands län",
  "Jämtlands län",
  "Västerbottens län",
  "Norrbottens län",
] as const;
const COUNTY_BY_NAME = new Map(COUNTIES.map((c) => [normaliseName(c), c]));
export const NATIONAL = "Riket";

/** A problem with one cell (or a whole row when `column` is null), by line as a spreadsheet numbers it. */
export interface RowProblem {
  line: number;
  column: CrimeColumn | null;
  value: string;
  messageKey: CrimeMessageKey;
  params?: Record<string, string | number>;
}

/** The message keys the reader uses (crime.sv.json). */
export type CrimeMessageKey =
  | "crime.err.year"
  | "crime.err.area"
  | "crime.err.unknownCategory"
  | "crime.err.count"
  | "crime.err.countRequired"
  | "crime.err.population"
  | "crime.err.populationRequired"
  | "crime.err.rate"
  | "crime.err.referenceNeedsRate"
  | "crime.err.duplicate"
  | "crime.err.extraCells";

/**
 * The values of one figure, as a row gives them and as they are stored. `area` is "" for the kommun itself, the
 * county's name for lan, "Riket" for riket.
 */
export interface CrimeFigureValues {
  year: number;
  level: CrimeLevel;
  area: string;
  category: string;
  count: number | null;
  population: number | null;
  /** A reference series' rate as given; null when it is computed from count and population. */
  rate: number | null;
}

/** One accepted row: its values and its line in the file. */
export interface CrimeRow extends CrimeFigureValues {
  line: number;
}

/** The columns of a header row, or the required ones it lacks. */
export function mapHeaders(
  headers: readonly string[],
): { ok: true; columns: (CrimeColumn | null)[] } | { ok: false; missing: CrimeColumn[] } {
  const columns = headers.map((h) => COLUMN_OF.get(headerKey(h)) ?? null);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  return missing.length ? { ok: false, missing } : { ok: true, columns };
}

const MISSING = new Set(["", "..", "–", "-"]);
/** Spaces (also no-break and thin ones) group thousands in Swedish exports; they are dropped. */
const compact = (s: string) => s.replace(/[\s\u00a0\u202f]/g, "");

/** A whole number ≥ 0 ("1 234" with grouping spaces), null when missing (empty, "..", "–"), NaN when not one. */
export function parseWholeNumber(cell: string): number | null {
  const s = compact(cell);
  if (MISSING.has(s)) return null;
  if (!/^\d{1,9}$/.test(s)) return Number.NaN;
  return Number(s);
}

/** A decimal number ≥ 0 with a decimal comma (or point), null when missing, NaN when not one. */
export function parseDecimal(cell: string): number | null {
  const s = compact(cell);
  if (MISSING.has(s)) return null;
  if (!/^\d{1,9}([.,]\d{1,6})?$/.test(s)) return Number.NaN;
  return Number(s.replace(",", "."));
}

/** The names a file may give the kommun itself: "Haparanda", "Haparanda kommun", "Härjedalens kommun", "Härjedalen". */
export function kommunNames(kommunName: string): Set<string> {
  const full = normaliseName(kommunName);
  const base = full.replace(/s? kommun$/, "");
  return new Set([full, base, `${base} kommun`, `${base}s kommun`]);
}

/** What an `område` cell names: the kommun, the country, a county, or else an area of the kommun. */
export function levelOf(cell: string, own: Set<string>): { level: CrimeLevel; area: string } {
  const n = normaliseName(cell);
  if (own.has(n)) return { level: "kommun", area: "" };
  if (n === "riket" || n === "hela landet" || n === "sverige") return { level: "riket", area: NATIONAL };
  const county = COUNTY_BY_NAME.get(n);
  if (county) return { level: "lan", area: county };
  return { level: "area", area: cell.replace(/\s+/g, " ").trim() };
}

/**
 * Reads every row: its cells by column, the kommun/area/reference it is about, and its problems. A duplicate
 * (year, område, brottskategori) is a problem of the later row, naming the earlier line.
 */
export function readCrimeRows({
  columns,
  rows,
  kommunName,
  currentYear,
}: {
  columns: readonly (CrimeColumn | null)[];
  rows: readonly { row: number; cells: readonly string[] }[];
  kommunName: string;
  currentYear: number;
}): { rows: CrimeRow[]; problems: RowProblem[]; rejectedLines: number[] } {
  const own = kommunNames(kommunName);
  const at = (cells: readonly string[], c: CrimeColumn) => {
    const i = columns.indexOf(c);
    return i < 0 ? "" : (cells[i] ?? "").trim();
  };
  const seen = new Map<string, number>();
  const accepted: CrimeRow[] = [];
  const problems: RowProblem[] = [];
  const rejectedLines: number[] = [];
  const known = CRIME_CATEGORIES.map((c) => c.sv).join(", ");

  for (const { row: line, cells } of rows) {
    const mine: RowProblem[] = [];
    const problem = (
      column: CrimeColumn | null,
      value: string,
      messageKey: CrimeMessageKey,
      params?: RowProblem["params"],
    ) => mine.push({ line, column, value, messageKey, ...(params ? { params } : {}) });
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => c.trim() !== ""))
      problem(null, cells.slice(columns.length).join(";"), "crime.err.extraCells", { n: columns.length });

    const yearCell = at(cells, "year");
    const year = parseWholeNumber(yearCell);
    if (year === null || Number.isNaN(year) || year < 1975 || year > currentYear)
      problem("year", yearCell, "crime.err.year", { max: currentYear });

    const areaCell = at(cells, "area");
    if (areaCell === "" || areaCell.length > 100) problem("area", areaCell, "crime.err.area");
    const { level, area } = levelOf(areaCell, own);

    const categoryCell = at(cells, "category");
    const category = categoryByName(categoryCell);
    if (!category) problem("category", categoryCell, "crime.err.unknownCategory", { known });

    const countCell = at(cells, "count");
    const count = parseWholeNumber(countCell);
    if (Number.isNaN(count)) problem("count", countCell, "crime.err.count");
    const populationCell = at(cells, "population");
    const population = parseWholeNumber(populationCell);
    if (Number.isNaN(population) || population === 0) problem("population", populationCell, "crime.err.population");
    const rateCell = at(cells, "rate");
    const rate = parseDecimal(rateCell);
    if (Number.isNaN(rate)) problem("rate", rateCell, "crime.err.rate");

    const reference = level === "lan" || level === "riket";
    if (!reference && count === null) problem("count", countCell, "crime.err.countRequired");
    if (level === "kommun" && population === null)
      problem("population", populationCell, "crime.err.populationRequired");
    if (reference && rate === null && (count === null || population === null))
      problem(null, "", "crime.err.referenceNeedsRate");

    if (category && year !== null && !Number.isNaN(year) && areaCell !== "") {
      const key = `${year}|${level}|${normaliseName(area)}|${category.id}`;
      const first = seen.get(key);
      if (first !== undefined) problem(null, "", "crime.err.duplicate", { line: first });
      else seen.set(key, line);
    }

    if (mine.length) {
      problems.push(...mine);
      rejectedLines.push(line);
      continue;
    }
    accepted.push({
      line,
      year: year!,
      level,
      area,
      category: category!.id,
      count,
      population,
      rate: reference ? rate : null,
    });
  }
  return { rows: accepted, problems, rejectedLines };
}
