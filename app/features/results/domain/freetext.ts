// Free-text comments and their coding into themes: the shapes the page shows and the free-text score of the
// theme ranking (docs/sources.md, "Coded free text"). No server code: safe to import from components.
import type { ThemeSuggestion } from "~/features/surveys/index";
import { effectiveMinBase } from "./statistics";

/** Comments per page of the free-text list. */
export const FREETEXT_PAGE_SIZE = 25;

/** Which comments the list shows: all, those without an accepted theme, those with one, or the pinned quotes. */
export const CODING_STATES = ["all", "uncoded", "coded", "pinned"] as const;
export type CodingState = (typeof CODING_STATES)[number];

export interface FreetextComment {
  /** The response the comment belongs to; null in a list under a filter (no id links a comment across lists). */
  responseId: string | null;
  /** The free-text question the comment answers (codebook name). */
  question: string;
  questionTitle: string;
  text: string;
  /** Null in a list under a filter. */
  submittedOn: string | null;
  /** Themes an analyst accepted for the comment (these count toward the score). */
  accepted: string[];
  /** Lexicon suggestions nobody has decided on yet, with the keywords that matched. */
  suggested: ThemeSuggestion[];
  /** Suggestions an analyst rejected (never suggested again). */
  rejected: string[];
  pinned: boolean;
}

export interface FreetextQuote {
  responseId: string;
  question: string;
  questionTitle: string;
  text: string;
  /** Its accepted themes, so the ranking can show a quote under each of them. */
  themes: string[];
}

export interface FreetextList {
  survey: { slug: string; title: string; period: string; kind: string };
  /** Respondents in the filtered group; null (and no comments) when fewer than the minimum base. */
  respondents: number | null;
  suppressed: boolean;
  minBase: number;
  questions: { name: string; title: string }[];
  /** Filter choices for the demographic questions the survey has (area, age band, gender). */
  filterOptions: { question: string; column: string; options: { value: string; label: string }[] }[];
  query: {
    q: string;
    question: string | null;
    theme: string | null;
    state: CodingState;
    where: string[];
    page: number;
  };
  /**
   * True when the list is narrowed by a demographic filter: it then shows only comments whose commenter's class
   * (coarsened area, age band, gender) of at least minBase commenters lies inside the filter, without response ids,
   * dates or quotes, so it cannot be coded from (docs/privacy.md).
   */
  filtered: boolean;
  /** Comments matching the query in the filtered group (null when suppressed). */
  total: number | null;
  pages: number;
  comments: FreetextComment[];
  quotes: FreetextQuote[];
}

export interface FreetextThemeScore {
  theme: string;
  /** Coded comments naming the theme. */
  n: number;
  /** n / coded. */
  share: number;
}

export interface FreetextScores {
  /** Comments (response, question) with at least one accepted theme. */
  coded: number;
  /** True when fewer than the minimum base of comments are coded: the source then has no data. */
  suppressed: boolean;
  minBase: number;
  /** Every theme named by a coded comment (others score 0 and are left out); empty when suppressed. */
  themes: FreetextThemeScore[];
}

/**
 * The free-text score per theme (docs/sources.md): among the comments with at least one accepted theme, the
 * share that name the theme. A comment is one answer to one free-text question; a comment with several themes
 * counts once for each, so shares do not add up to 1. Fewer coded comments than the minimum base → no data.
 */
export function freetextScores(codes: readonly { comment: string; theme: string }[], minBase?: number): FreetextScores {
  const min = effectiveMinBase(minBase);
  const byComment = new Map<string, Set<string>>();
  for (const c of codes) {
    let s = byComment.get(c.comment);
    if (!s) byComment.set(c.comment, (s = new Set()));
    s.add(c.theme);
  }
  const coded = byComment.size;
  if (coded < min) return { coded, suppressed: true, minBase: min, themes: [] };
  const n = new Map<string, number>();
  for (const themes of byComment.values()) for (const t of themes) n.set(t, (n.get(t) ?? 0) + 1);
  const themes = [...n]
    .map(([theme, k]) => ({ theme, n: k, share: k / coded }))
    .sort((a, b) => b.n - a.n || (a.theme < b.theme ? -1 : 1));
  return { coded, suppressed: false, minBase: min, themes };
}
