/**
 * When an åtgärdsplan is to be revised: its decision day plus the kommun's revision interval in months (the law's
 * rhythm is not hard-coded; the default is two years). Days are calendar days in Europe/Stockholm; the arithmetic
 * is on UTC day numbers so that it never depends on the server's zone or on summer time.
 */
export const DEFAULT_REVISION_MONTHS = 24;
/** The start page reminds from this many days before the revision date (and after it, as overdue). */
export const REMINDER_DAYS = 90;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isCalendarDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)).toISOString().slice(0, 10) === s;
}

/** The day `months` calendar months after `day`; the 31st lands on the month's last day (2024-08-31 + 6 → 2025-02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return new Date(Date.UTC(ny, nm, Math.min(d, last))).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar day an instant falls on in Stockholm (what a Swedish user calls "today"). */
export function stockholmToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

export type RevisionState = "ok" | "due_soon" | "overdue";

export interface Revision {
  nextRevision: string;
  daysLeft: number;
  state: RevisionState;
}

/** The next revision of a plan decided on `decidedOn`, and whether the start page should remind of it. */
export function revisionOf({
  decidedOn,
  months,
  today,
}: {
  decidedOn: string;
  months: number;
  today: string;
}): Revision {
  const nextRevision = addMonths(decidedOn, months);
  const daysLeft = daysBetween(today, nextRevision);
  const state: RevisionState = daysLeft < 0 ? "overdue" : daysLeft <= REMINDER_DAYS ? "due_soon" : "ok";
  return { nextRevision, daysLeft, state };
}
