/** Progress against a target: what is expected by a date, and the status a tally gives. Dates are UTC day numbers. */
import type { Target } from "./target";

// ---------------------------------------------------------------------------------------------------------------
// Progress

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoParts(iso: string): [number, number, number] {
  const m = ISO_DATE.exec(iso);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return [y, mo, d];
  }
  throw new RangeError(`Not a valid date (YYYY-MM-DD): ${iso}`);
}

export function isIsoDate(s: string): boolean {
  try {
    parseIsoParts(s);
    return true;
  } catch {
    return false;
  }
}

/** A quantity above zero, or a milestone with a valid date. */
export function isMeasurable(target: Target): boolean {
  if (target.kind === "quantity") return Number.isFinite(target.quantity) && target.quantity > 0;
  if (target.kind === "milestone") return isIsoDate(target.due);
  return false;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC). */
function dayNumber(iso: string): number {
  const [y, m, d] = parseIsoParts(iso);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The day `months` calendar months after `iso`, clamped to the month's last day (Jan 31 + 1 → Feb 28/29). */
function addMonthsDay(iso: string, months: number): number {
  const [y, m, d] = parseIsoParts(iso);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)) / DAY_MS;
}

/** Whole calendar units (months) completed from `start` to the exclusive day `endExclusive`, plus the fraction
 * of the unit under way. */
function calendarUnits(start: string, endExclusive: number, monthsPerUnit: number): number {
  let n = 0;
  while (addMonthsDay(start, (n + 1) * monthsPerUnit) <= endExclusive) n++;
  const from = addMonthsDay(start, n * monthsPerUnit);
  const to = addMonthsDay(start, (n + 1) * monthsPerUnit);
  return n + (endExclusive - from) / (to - from);
}

// Guards floor() against binary fractions such as 2.9999999999999996.
const floor = (x: number) => Math.floor(x + 1e-9);

/**
 * How many should be done by the end of the day `asOf` (all dates YYYY-MM-DD):
 * - none → null (nothing to expect); an unmeasurable quantity (≤ 0) or milestone without a valid date → null.
 * - milestone → 1 if `due` ≤ `asOf`, else 0.
 * - quantity; `asOf` is clamped to the period (before it → 0, after it → the total for the period):
 *   - per week / per month: q × completed weeks (7-day blocks from `periodStart`) or calendar months; a week is
 *     judged when it has ended. With `averaged` ("i snitt per vecka"): pro rata, floor(q × elapsed weeks).
 *   - per year: pro rata, floor(q × elapsed years), where elapsed years count whole years from `periodStart`
 *     plus the elapsed share of the current one (so 1 per year is expected only when the year is over, 4 per
 *     year means one more each quarter).
 *   - per period: pro rata over the whole period, floor(q × elapsed days / period days).
 *   A unit that is cut off by the period end does not count (a 1096-day period holds 156 whole weeks).
 */
export function expectedByDate({
  target,
  periodStart,
  periodEnd,
  asOf,
}: {
  target: Target;
  periodStart: string;
  periodEnd: string;
  asOf: string;
}): number | null {
  const start = dayNumber(periodStart);
  const end = dayNumber(periodEnd);
  if (end < start) throw new RangeError(`Period ends (${periodEnd}) before it starts (${periodStart})`);
  const at = dayNumber(asOf);
  if (target.kind === "none" || !isMeasurable(target)) return null;
  if (target.kind === "milestone") return dayNumber(target.due) <= at ? 1 : 0;
  if (at < start) return 0;
  const q = target.quantity;
  // Days fully elapsed at the end of asOf, counting asOf itself.
  const endExclusive = Math.min(at, end) + 1;
  const elapsed = endExclusive - start;
  switch (target.per) {
    case "week":
      return target.averaged ? floor((q * elapsed) / 7) : Math.floor(elapsed / 7) * q;
    case "month": {
      const months = calendarUnits(periodStart, endExclusive, 1);
      return target.averaged ? floor(q * months) : Math.floor(months + 1e-9) * q;
    }
    case "year":
      return floor(q * calendarUnits(periodStart, endExclusive, 12));
    case "period":
      return floor((q * elapsed) / (end + 1 - start));
  }
}

/** What the whole period should deliver: `expectedByDate` on the last day. */
export function totalExpected(args: { target: Target; periodStart: string; periodEnd: string }): number | null {
  return expectedByDate({ ...args, asOf: args.periodEnd });
}

export type ProgressStatus = "done" | "on_track" | "behind" | "not_started";

/**
 * Status of a measurable promise from what was done and what `expectedByDate` says, in this order:
 * - "done": the whole period's total is reached (done ≥ totalExpected, totalExpected > 0);
 * - "not_started": nothing done and nothing due yet (done = 0 and expected = 0);
 * - "on_track": done ≥ expected by now;
 * - "behind": done < expected (also when nothing is done but something is due).
 * There is no extra tolerance: the slack is in `expectedByDate`, which floors and only counts ended weeks and
 * months, so a promise turns "behind" only once a unit it should have delivered has fully passed.
 */
export function progressStatus({
  done,
  expected,
  totalExpected,
}: {
  done: number;
  expected: number;
  totalExpected: number;
}): ProgressStatus {
  if (totalExpected > 0 && done >= totalExpected) return "done";
  if (done >= expected) return done === 0 ? "not_started" : "on_track";
  return "behind";
}
