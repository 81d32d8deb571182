// The shape of the problembild's theme ranking, shared by the ranking (app/features/results/ranking.server.ts), the
// promise drafting that starts from it, and the pages that show it. Types only: safe to import from components.
import type { SourceKey } from "./statistics";

/** One figure behind a theme's score, stated in a Swedish sentence and linked to the view that produced it. */
export interface RankingEvidence {
  source: SourceKey;
  /** e.g. "62 % (±3) av de svarande i Haparanda anser att nedskräpning är ett mycket eller ganska stort problem." */
  sentenceSv: string;
  /** The page (with its filters in the URL) where the figure can be checked, e.g. /app/haparanda/enkater/haparanda-2026/resultat?... */
  href: string;
  /** The share and its 95 % interval, where the figure is a share (null when suppressed). */
  share?: { p: number; low: number; high: number } | null;
  /** How many respondents, meetings or comments the figure rests on (null when suppressed). */
  n?: number | null;
  /** The survey item, for citizen and staff survey figures: lets a focus area turn it into an outcome indicator. */
  surveySlug?: string;
  question?: string;
}

export interface RankedTheme {
  /** A key of THEME_KEYS (app/features/surveys/domain/themes.ts), or a kommun's own theme key. */
  theme: string;
  labelSv: string;
  /** 1 for the highest score. */
  rank: number;
  /** The combined score in [0, 1] (statistics.ts combineThemeScores), null when no source has data. */
  score: number | null;
  parts: { source: SourceKey; score: number; weight: number }[];
  evidence: RankingEvidence[];
}

export interface ThemeRanking {
  kommunId: number;
  kommunSlug: string;
  kommunName: string;
  /** The citizen survey the ranking is built on (the kommun's latest with results), if any. */
  surveySlug: string | null;
  weights: Record<SourceKey, number>;
  themes: RankedTheme[];
}
