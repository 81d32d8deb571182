/**
 * Progress of one promise from its follow-up entries (uppföljning): what was done against what `expectedByDate`
 * says should be done by a day. Pure, no I/O: shared by the server models and the components that draw the bars.
 */
import { expectedByDate, isMeasurable, progressStatus, totalExpected, type ProgressStatus } from "./progress";
import type { Target } from "./target";

export type FollowUpStatus = ProgressStatus | "not_measurable";

/** The order of the dashboard: what is behind first, then not started, on track, done, unmeasurable. */
export const STATUS_ORDER: readonly FollowUpStatus[] = ["behind", "not_started", "on_track", "done", "not_measurable"];

export interface PromiseProgress {
  /** Sum of the logged quantities (a milestone counts 1 once anything is logged against it). */
  done: number;
  /** Expected by `asOf`; null for a promise without a measurable target. */
  expected: number | null;
  /** Expected over the whole period; null for a promise without a measurable target. */
  total: number | null;
  status: FollowUpStatus;
  /** expected − done when behind, else 0. */
  shortfall: number;
  /** done / total for the bar, capped at 1 (0 when there is no total). */
  doneFraction: number;
  /** expected / total: where the bar should have reached by now (null without a total). */
  expectedFraction: number | null;
}

/** What was done: the sum of the logged quantities; a milestone counts 1 once anything is logged against it. */
function doneOf(target: Target, quantities: readonly number[]): number {
  const sum = quantities.reduce((a, b) => a + b, 0);
  return target.kind === "milestone" ? (quantities.length > 0 && sum > 0 ? 1 : 0) : sum;
}

/** The progress of a promise without a measurable target: only what was done. */
function notMeasurable(done: number): PromiseProgress {
  return {
    done,
    expected: null,
    total: null,
    status: "not_measurable",
    shortfall: 0,
    doneFraction: 0,
    expectedFraction: null,
  };
}

/** The status, shortfall and bar fractions of `done` against `expected` by now and `total` over the period. */
function progressOf(done: number, expected: number, total: number): PromiseProgress {
  const status = progressStatus({ done, expected, totalExpected: total });
  return {
    done,
    expected,
    total,
    status,
    shortfall: status === "behind" ? expected - done : 0,
    doneFraction: total > 0 ? Math.min(1, done / total) : 0,
    expectedFraction: total > 0 ? Math.min(1, expected / total) : null,
  };
}

/** The progress of one promise by the end of the day `asOf` from the quantities logged up to then. */
export function promiseProgress({
  target,
  periodStart,
  periodEnd,
  asOf,
  quantities,
}: {
  target: Target;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  quantities: readonly number[];
}): PromiseProgress {
  const done = doneOf(target, quantities);
  if (!isMeasurable(target)) return notMeasurable(done);
  const expected = expectedByDate({ target, periodStart, periodEnd, asOf }) ?? 0;
  const total = totalExpected({ target, periodStart, periodEnd }) ?? 0;
  return progressOf(done, expected, total);
}

/** Sorts promises for the dashboard: by `STATUS_ORDER`, the largest shortfall first within "behind". */
export function compareProgress(a: PromiseProgress, b: PromiseProgress): number {
  const byStatus = STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
  if (byStatus !== 0) return byStatus;
  return b.shortfall - a.shortfall;
}

/** Counts per status, every status present (0 when none). */
export function countByStatus(items: readonly { status: FollowUpStatus }[]): Record<FollowUpStatus, number> {
  const out = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<FollowUpStatus, number>;
  for (const i of items) out[i.status]++;
  return out;
}

/** Today's calendar date in Sweden (YYYY-MM-DD): the day a Swedish user means by "today", whatever the server's zone. */
export function todayInSweden(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** The day before an ISO date. */
function dayBefore(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Progress within a part of the period (a year of a two-year document, for the yearly review): what the target
 * expects between `from` and `to` (the difference of `expectedByDate` at both ends, so the parts add up to the
 * whole), against the quantities logged in that part. `from`/`to` are clamped to the period.
 */
export function windowProgress({
  target,
  periodStart,
  periodEnd,
  from,
  to,
  asOf,
  quantities,
}: {
  target: Target;
  periodStart: string;
  periodEnd: string;
  from: string;
  to: string;
  asOf: string;
  quantities: readonly number[];
}): PromiseProgress {
  const start = from < periodStart ? periodStart : from;
  const end = to > periodEnd ? periodEnd : to;
  if (start === periodStart && end === periodEnd)
    return promiseProgress({ target, periodStart, periodEnd, asOf, quantities });
  const done = doneOf(target, quantities);
  if (!isMeasurable(target)) return notMeasurable(done);
  const at = (day: string) =>
    day < periodStart ? 0 : (expectedByDate({ target, periodStart, periodEnd, asOf: day }) ?? 0);
  const before = at(dayBefore(start));
  const expected = asOf < start ? 0 : at(asOf < end ? asOf : end) - before;
  const total = at(end) - before;
  return progressOf(done, expected, total);
}
