/**
 * The figures of a results view, shared by the whole-survey results (`getResults`) and the breakdowns
 * (`getBreakdown`): the shapes a view returns, and how a question's counts become suppressed options and an
 * indicator (the suppression rules are in results.server.ts's header and docs/domain/statistics.md).
 */
import type { Protection } from "./domain/cell-key";
import type { IndicatorKind } from "~/features/surveys/index";
import { INDICATOR_SHARE_RULES } from "~/features/surveys/index";
import {
  effectiveMinBase,
  indicatorShare,
  suppressBreakdown,
  suppressShare,
  suppressTable,
  wilson,
  type SuppressedCount,
  type SuppressionReason,
} from "./domain/statistics";
import type { CatalogQuestion, ResultFilters, ResultsSource } from "./counting/source.server";

export interface ResultOption {
  value: string;
  label: string;
  n: number | null;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  suppressed: boolean;
  reason: SuppressionReason | null;
}

export interface ResultQuestion {
  name: string;
  type: string;
  title: string;
  group: { name: string; title: string } | null;
  /** Respondents who answered; null when suppressed. */
  answered: number | null;
  options: ResultOption[];
}

export interface ResultIndicator {
  question: string;
  kind: IndicatorKind;
  base: number | null;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  dont_know_share: number | null;
  /** Safety items: the share who never go out alone late (kept in the base), when its count is shown. */
  never_out_share?: number | null;
  suppressed: boolean;
  reason: SuppressionReason | null;
}

export interface Results {
  /** Respondents in the filtered group; null when fewer than minBase. */
  respondents: number | null;
  /** True when the whole group is below the minimum base. */
  suppressed: boolean;
  minBase: number;
  filters: ResultFilters;
  questions: ResultQuestion[];
  indicators: ResultIndicator[];
  /** How the counts are protected against differencing (docs/decisions/014-cell-key-perturbation.md). */
  protection: Protection;
}

export type Counts = ReadonlyMap<string, number>;
export type Summary = { answered: SuppressedCount; cells: SuppressedCount[]; indicator: ResultIndicator | null };

export const hidden = (key: string, reason: SuppressionReason = "below_min_base"): SuppressedCount => ({
  key,
  n: null,
  suppressed: true,
  reason,
});
export const shownCount = (key: string, n: number): SuppressedCount => ({ key, n, suppressed: false, reason: null });

export function options(
  q: CatalogQuestion,
  cells: readonly SuppressedCount[],
  answered: SuppressedCount,
): ResultOption[] {
  return q.options.map((o, i) => {
    const cell = cells[i] ?? hidden(o.value);
    // Published counts (cell-key, docs/decisions/014-cell-key-perturbation.md) are each within 2 of the truth, so an
    // option held by nearly everyone can show more than its base: its share is then 100 %.
    const w =
      cell.n !== null && answered.n !== null && answered.n > 0
        ? wilson(Math.min(cell.n, answered.n), answered.n)
        : null;
    return {
      value: o.value,
      label: o.label,
      n: cell.n,
      share: w?.p ?? null,
      ci_low: w?.low ?? null,
      ci_high: w?.high ?? null,
      suppressed: cell.suppressed,
      reason: cell.reason,
    };
  });
}

export function suppressedIndicator(question: string, kind: IndicatorKind, reason: SuppressionReason): ResultIndicator {
  const out: ResultIndicator = {
    question,
    kind,
    base: null,
    share: null,
    ci_low: null,
    ci_high: null,
    dont_know_share: null,
    suppressed: true,
    reason,
  };
  if (kind === "safety") out.never_out_share = null;
  return out;
}

/**
 * The indicator's figures from counts whose options may all be revealed (apart from never_out when
 * `neverOutShown` is false); suppressed when its base is below minBase.
 */
export function indicatorFigures(
  q: CatalogQuestion,
  kind: IndicatorKind,
  counts: Counts,
  minBase: number,
  neverOutShown: boolean,
): ResultIndicator {
  const question = q.name;
  // Only the listed options: a value answered under an earlier version is not on the current scale.
  const s = indicatorShare(kind, Object.fromEntries(q.options.map((o) => [o.value, counts.get(o.value) ?? 0])));
  if (!s.share || suppressShare(s.base, minBase).suppressed)
    return suppressedIndicator(question, kind, "below_min_base");
  const out: ResultIndicator = {
    question,
    kind,
    base: s.base,
    share: s.share.p,
    ci_low: s.share.low,
    ci_high: s.share.high,
    dont_know_share: s.dontKnowShare,
    suppressed: false,
    reason: null,
  };
  if (kind === "safety") out.never_out_share = neverOutShown ? (s.neverOutShare ?? null) : null;
  return out;
}

/** Suppression of one question in one group (see the file comment). */
export function summarise(q: CatalogQuestion, counts: Counts, answered: number, minBase: number): Summary {
  const cells = q.options.map((o) => ({ key: o.value, n: counts.get(o.value) ?? 0 }));
  if (q.multi) {
    if (answered > 0 && answered < minBase)
      return { answered: hidden("total"), cells: cells.map((c) => hidden(c.key)), indicator: null };
    return {
      answered: shownCount("total", answered),
      cells: suppressBreakdown(cells, null, minBase).cells,
      indicator: null,
    };
  }
  const line = () => suppressBreakdown(cells, answered, minBase);
  const kind = q.indicator;
  if (!kind) {
    const r = line();
    return { answered: r.total ?? hidden("total"), cells: r.cells, indicator: null };
  }
  const rule = INDICATOR_SHARE_RULES[kind];
  const rowOf = (v: string) => (rule.numerator.includes(v) ? 0 : rule.excludedFromBase.includes(v) ? 2 : 1);
  const rows: number[][] = [[], [], []];
  q.options.forEach((o, i) => rows[rowOf(o.value)]!.push(i));
  const width = Math.max(...rows.map((r) => r.length));
  const slots = Array.from({ length: width }, (_, j) => `slot${j}`);
  const matrix = rows.map((r) => slots.map((_, j) => (r[j] === undefined ? 0 : cells[r[j]!]!.n)));
  const table = suppressTable(["numerator", "rest", "excluded"], slots, matrix, minBase, {
    rowTotals: true,
    colTotals: false,
  });
  const base = matrix[0]!.concat(matrix[1]!).reduce((a, b) => a + b, 0);
  const totalsShown = !(table.rowTotals ?? []).some((t) => t.suppressed) && !table.grandTotal?.suppressed;
  if (!totalsShown || suppressShare(base, minBase).suppressed) {
    const r = line();
    const reason: SuppressionReason = base < minBase ? "below_min_base" : "complementary";
    return {
      answered: r.total ?? hidden("total"),
      cells: r.cells,
      indicator: suppressedIndicator(q.name, kind, reason),
    };
  }
  const fromTable: SuppressedCount[] = cells.map((c) => shownCount(c.key, c.n));
  rows.forEach((r, i) =>
    r.forEach((optionIndex, j) => (fromTable[optionIndex] = { ...table.cells[i]![j]!, key: cells[optionIndex]!.key })),
  );
  const neverOut = q.options.findIndex((o) => o.value === "never_out");
  const neverOutShown = neverOut < 0 || !fromTable[neverOut]!.suppressed;
  return {
    answered: shownCount("total", answered),
    cells: fromTable,
    indicator: indicatorFigures(q, kind, counts, minBase, neverOutShown),
  };
}

export function suppressedQuestion(q: CatalogQuestion): ResultQuestion {
  const answered = hidden("total");
  return {
    ...head(q),
    answered: null,
    options: options(
      q,
      q.options.map((o) => hidden(o.value)),
      answered,
    ),
  };
}

export const head = (q: CatalogQuestion) => ({ name: q.name, type: q.type, title: q.title, group: q.group });

/** Resolves the minimum base: the survey's setting, raised (never lowered) by the caller's. */
export function minBaseFor(source: ResultsSource, minBase?: number): number {
  return effectiveMinBase(Math.max(minBase ?? 0, source.settings.minBase ?? 0));
}
