/**
 * The plain data the charts take. Shares and interval ends are proportions (0.62, not 62). A figure is drawn
 * only when `suppressed` is false and its numbers are present; otherwise it is drawn as suppressed ("färre än 5
 * svar"), whatever numbers came with it, so a caller that forgets to blank them cannot leak a small group.
 */
export type ShareValue = {
  share: number | null;
  /** Lower end of the 95% interval (Wilson), as the API's ci_low. */
  ciLow: number | null;
  /** Upper end of the 95% interval, as the API's ci_high. */
  ciHigh: number | null;
  suppressed: boolean;
  /**
   * Why it is hidden: "complementary" when the group is large enough but the figure is hidden so that a smaller
   * group's cannot be worked out from a total (docs/api.md); else too few answers.
   */
  reason?: "below_min_base" | "complementary" | null;
  /** The base of the share (respondents with an opinion); shown in the table when given. */
  base?: number | null;
};

/** A share that may be drawn. */
export type ShownShare = { share: number; ciLow: number; ciHigh: number; suppressed: false; base?: number | null };

/** One item (a question, a matrix row, a theme) with its share. `label` is already localised. */
export type ShareItem = ShareValue & { key: string; label: string };

/** What an indicator of the results carries for a chart (the API's shape: snake_case interval ends). */
export interface IndicatorFigure {
  question: string;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  suppressed: boolean;
  base: number | null;
}

/** An indicator of the results as a chart item, with its label already localised. */
export function indicatorItem(i: IndicatorFigure, label: string): ShareItem {
  return {
    key: i.question,
    label,
    share: i.share,
    ciLow: i.ci_low,
    ciHigh: i.ci_high,
    suppressed: i.suppressed,
    base: i.base,
  };
}
