/**
 * Theme ranking across sources: the default weights and the combined score of the citizen survey, staff, meetings,
 * free text and EST weekly reports (docs/domain/statistics.md). Pure functions, part of the statistics face
 * `./statistics` (its header states the conventions).
 */
import { THEME_KEYS, type ThemeKey } from "~/features/surveys/index";
import { assertFiniteNonNegative } from "./statistics-intervals";

export const SOURCE_KEYS = ["citizen", "staff", "meetings", "freetext", "est"] as const;
export type SourceKey = (typeof SOURCE_KEYS)[number];

/**
 * Why these weights: docs/domain/statistics.md#combined-score. EST (0.1) counts as much as free text: named staff's
 * systematic observations, but of four themes only, and how widespread a problem is rather than how it is felt.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<SourceKey, number>> = {
  citizen: 0.5,
  staff: 0.25,
  meetings: 0.15,
  freetext: 0.1,
  est: 0.1,
};

export type ThemeScore<T extends string = ThemeKey> = {
  theme: T;
  /** Σ w_s · score_s / Σ w_s over the sources with data for the theme; null if their weights sum to 0. */
  score: number | null;
  /** Every source with data for the theme, in SOURCE_KEYS order (also those with weight 0). */
  parts: { source: SourceKey; score: number; weight: number }[];
};

/**
 * Combined theme scores (docs/domain/statistics.md#combined-score), sorted by score, highest first (ties and
 * nulls: null last, then THEME_KEYS order, then by key).
 *
 * "Over the sources that have data" is decided PER THEME: a source counts for theme t when it gives a score for
 * t. A missing key means "this source does not measure t" (e.g. no citizen-survey item on cooperation, or no
 * staff survey at all) and must not pull the theme down; a measured-but-absent theme must be given as 0 by
 * whoever computes the source scores (a meeting series that never raised t has score 0 for t, not no score).
 * Deciding per source overall would instead penalise every theme a source cannot measure.
 *
 * Scores must lie in [0, 1]; non-finite scores count as no data. Weights default to DEFAULT_WEIGHTS per missing
 * source and must be ≥ 0.
 */
export function combineThemeScores<T extends string = ThemeKey>(input: {
  sources: Partial<Record<SourceKey, Partial<Record<T, number>>>>;
  weights?: Partial<Record<SourceKey, number>>;
}): ThemeScore<T>[] {
  const weights = { ...DEFAULT_WEIGHTS, ...input.weights };
  for (const s of SOURCE_KEYS) assertFiniteNonNegative(weights[s], `weights.${s}`);
  const themes = new Set<T>();
  for (const s of SOURCE_KEYS) {
    for (const [theme, score] of Object.entries(input.sources[s] ?? {}) as [T, number | undefined][]) {
      if (score === undefined || !Number.isFinite(score)) continue;
      if (score < 0 || score > 1) throw new RangeError(`score of ${theme} from ${s} must lie in [0, 1] (got ${score})`);
      themes.add(theme);
    }
  }
  const result: ThemeScore<T>[] = [...themes].map((theme) => {
    const parts = SOURCE_KEYS.flatMap((source) => {
      const score = (input.sources[source] as Partial<Record<T, number>> | undefined)?.[theme];
      return score !== undefined && Number.isFinite(score) ? [{ source, score, weight: weights[source] }] : [];
    });
    const weightSum = parts.reduce((s, p) => s + p.weight, 0);
    const score = weightSum > 0 ? parts.reduce((s, p) => s + p.weight * p.score, 0) / weightSum : null;
    return { theme, score, parts };
  });
  const order = (theme: string) => {
    const i = (THEME_KEYS as readonly string[]).indexOf(theme);
    return i < 0 ? THEME_KEYS.length : i;
  };
  return result.sort(
    (a, b) =>
      (b.score ?? -1) - (a.score ?? -1) ||
      order(a.theme) - order(b.theme) ||
      (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0),
  );
}
