/**
 * ISO weeks and the periods EST is read in (docs/domain/est.md): the week (`2026-W05`), the tertial (January–April,
 * May–August, September–December) and the year. A week belongs to the ISO year and to the tertial of its Thursday,
 * so every week lies in exactly one tertial and one year.
 */

const WEEK = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

/** The ISO week key (`YYYY-Www`) of a calendar day (`YYYY-MM-DD`). */
export function weekOfDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const dow = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - dow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
  const week = Math.floor((thursday.getTime() - 3 * DAY_MS - firstMonday) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday (`YYYY-MM-DD`) of a week key, or null when the key is not a week that exists. */
export function mondayOf(week: string): string | null {
  const m = WEEK.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  const jan4 = Date.UTC(year, 0, 4);
  const firstMonday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = new Date(firstMonday + (n - 1) * 7 * DAY_MS).toISOString().slice(0, 10);
  return n >= 1 && weekOfDay(monday) === week ? monday : null;
}

/** True when `week` is a well-formed key of a week that exists (2026 has 53 weeks, 2025 has 52). */
export const isWeek = (week: string) => mondayOf(week) !== null;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The week `n` weeks after (negative: before) `week`. */
export function shiftWeek(week: string, n: number): string {
  return weekOfDay(addDays(mondayOf(week)!, 7 * n));
}

/** The Monday and Sunday of a week, for "30 nov–6 dec". */
export function weekDays(week: string): { monday: string; sunday: string } {
  const monday = mondayOf(week)!;
  return { monday, sunday: addDays(monday, 6) };
}

/** The week number alone ("49"). */
export const weekNumber = (week: string) => Number(week.slice(6));

export type Tertial = 1 | 2 | 3;

/** The ISO year and tertial a week belongs to (by its Thursday). */
export function tertialOf(week: string): { year: number; tertial: Tertial } {
  const thursday = addDays(mondayOf(week)!, 3);
  const month = Number(thursday.slice(5, 7));
  return { year: Number(week.slice(0, 4)), tertial: (month <= 4 ? 1 : month <= 8 ? 2 : 3) as Tertial };
}

/** A period the picture is read in. */
export type EstPeriod =
  { kind: "week"; week: string } | { kind: "tertial"; year: number; tertial: Tertial } | { kind: "year"; year: number };

/** The weeks of a period, oldest first (a week period: the 12 weeks up to and including it, for the trend). */
export function weeksOf(period: EstPeriod): string[] {
  if (period.kind === "week") return Array.from({ length: 12 }, (_, i) => shiftWeek(period.week, i - 11));
  const out: string[] = [];
  for (let w = `${period.year}-W01`; w.startsWith(String(period.year)); w = shiftWeek(w, 1)) {
    if (period.kind === "year" || tertialOf(w).tertial === period.tertial) out.push(w);
  }
  return out;
}

/** The weeks whose reports make up the period's figures (a week period: that week alone). */
export function countedWeeks(period: EstPeriod): string[] {
  return period.kind === "week" ? [period.week] : weeksOf(period);
}

/** The weeks a reporter may file or change, newest first: this week and the `back` weeks before it. */
export function fileableWeeks(today: string, back = 8): string[] {
  const current = weekOfDay(today);
  return Array.from({ length: back + 1 }, (_, i) => shiftWeek(current, -i));
}

/**
 * The period a page's query asks for (`period=vecka&vecka=2026-W05`, `period=tertial&ar=2026&tertial=2`,
 * `period=ar&ar=2026`); without one, the week of `today`. Null when the query names a period that does not exist.
 */
export function periodFromQuery(q: Readonly<Record<string, string | undefined>>, today: string): EstPeriod | null {
  const kind = q.period ?? "vecka";
  const year = /^\d{4}$/.test(q.ar ?? "") ? Number(q.ar) : null;
  if (kind === "vecka") {
    const week = q.vecka ?? weekOfDay(today);
    return isWeek(week) ? { kind: "week", week } : null;
  }
  if (kind === "tertial") {
    const n = Number(q.tertial);
    return year && (n === 1 || n === 2 || n === 3) ? { kind: "tertial", year, tertial: n } : null;
  }
  if (kind === "ar") return year ? { kind: "year", year } : null;
  return null;
}

/** The query of a period (the inverse of periodFromQuery). */
export function periodQuery(p: EstPeriod): string {
  if (p.kind === "week") return `period=vecka&vecka=${p.week}`;
  if (p.kind === "tertial") return `period=tertial&ar=${p.year}&tertial=${p.tertial}`;
  return `period=ar&ar=${p.year}`;
}

/** The tertial of a calendar day (`YYYY-MM-DD`) by its month. */
export const tertialOfDay = (day: string): { year: number; tertial: Tertial } => {
  const month = Number(day.slice(5, 7));
  return { year: Number(day.slice(0, 4)), tertial: (month <= 4 ? 1 : month <= 8 ? 2 : 3) as Tertial };
};

/** The tertials from the one of `fromDay` to the one of `toDay`, oldest first (none when `toDay` is earlier). */
export function tertialsBetween(fromDay: string, toDay: string): { year: number; tertial: Tertial }[] {
  if (toDay < fromDay) return [];
  const out: { year: number; tertial: Tertial }[] = [];
  const end = tertialOfDay(toDay);
  for (let t = tertialOfDay(fromDay); t.year * 3 + t.tertial <= end.year * 3 + end.tertial;) {
    out.push(t);
    t = t.tertial === 3 ? { year: t.year + 1, tertial: 1 } : { year: t.year, tertial: (t.tertial + 1) as Tertial };
  }
  return out;
}
