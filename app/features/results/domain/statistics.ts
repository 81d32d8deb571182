/**
 * The statistics of the problembild (docs/domain/statistics.md) as pure functions: no database, no I/O, so the
 * same code runs in loaders and in the browser. Every figure the product shows goes through these functions; a
 * figure that differs from docs/domain/statistics.md is a bug, so the formulas here follow it literally.
 *
 * Conventions:
 * - Shares, interval ends and differences are proportions (0.62, not 62). Formatting to percent or percentage
 *   points happens only in the `format*` / `describe*` helpers at the end.
 * - Weighted figures: pass weighted counts and use the Kish effective sample size in place of n (docs/domain/statistics.md#with-weights).
 *   For a weighted share p = Σw(yes)/Σw(base) call `wilson(p · n_eff, n_eff)` (or `wilsonWeighted`).
 * - Privacy (suppression) is always decided on UNWEIGHTED respondent counts, never on weighted sums.
 *
 * The functions live by sub-domain in statistics-*.ts (intervals, weighting, indicators, suppression, themes,
 * format); this face re-exports them, so callers import `./statistics` only.
 */
export {
  Z95,
  type ShareInterval,
  wilson,
  wilsonWeighted,
  type TwoProportionResult,
  twoProportionTest,
  kishEffectiveN,
} from "./statistics-intervals";
export { type CellKey, cellKey, type PostStratification, postStratify, respondentWeight } from "./statistics-weighting";
export { type IndicatorShare, indicatorShare } from "./statistics-indicators";
export {
  MIN_BASE,
  effectiveMinBase,
  type SuppressionReason,
  type SuppressedCount,
  suppressShare,
  TOTAL_KEY,
  type SuppressedTable,
  suppressTable,
  suppressBreakdown,
  suppressCounts,
} from "./statistics-suppression";
export { SOURCE_KEYS, type SourceKey, DEFAULT_WEIGHTS, type ThemeScore, combineThemeScores } from "./statistics-themes";
export { formatPercent, marginPp, formatMargin, formatPp, describeShareSv } from "./statistics-format";
