/**
 * Addresses of the public results pages ("Det här svarade ni", docs/domain/feedback-to-citizens.md), for any page
 * that links to them (the survey's thank-you page, the promise pages, the start page), and the limits of a
 * selection, which the form shows. Pure and loader-free.
 */

/** The public results page of one survey: shown once the survey is closed and its results are published. */
export const publicResultsPath = (kommun: string, slug: string) =>
  `/resultat/${encodeURIComponent(kommun)}/${encodeURIComponent(slug)}`;

/** The kommun's list of published survey results: always there, so a link to it never leads nowhere. */
export const publicResultsListPath = (kommun: string) => `/resultat/${encodeURIComponent(kommun)}`;

/** The longest intro an analyst may write above the public results. */
export const MAX_INTRO_LENGTH = 1000;
/** The most questions one public results page shows. */
export const MAX_PUBLISHED_QUESTIONS = 30;

/** What `pickProblemQuestions` reads of a public question. */
export interface ThemedPublicQuestion {
  name: string;
  themes: readonly string[];
  answered: number | null;
  indicator: { kind: string; share: number | null } | null;
}

/**
 * The published questions that show the problems a promise document answers (its focus areas' themes, in the
 * document's order): for each theme in turn, its questions that have a problem indicator first (their share says
 * how many see it as a problem), then any other; questions with no figure to show are left out; at most `limit`.
 */
export function pickProblemQuestions<Q extends ThemedPublicQuestion>(
  questions: readonly Q[],
  themes: readonly string[],
  limit = 2,
): Q[] {
  const shown = questions.filter((q) => q.answered !== null);
  const rank = (q: Q) => (q.indicator?.kind === "problem" && q.indicator.share !== null ? 0 : 1);
  const picked: Q[] = [];
  for (const theme of new Set(themes)) {
    const matching = shown
      .filter((q) => q.themes.includes(theme) && !picked.includes(q))
      .map((q, i) => ({ q, i }))
      .sort((a, b) => rank(a.q) - rank(b.q) || a.i - b.i);
    // One per theme first, so that two focus areas each get their chart.
    if (matching[0]) picked.push(matching[0].q);
    if (picked.length >= limit) return picked;
  }
  for (const theme of new Set(themes))
    for (const q of shown) if (picked.length < limit && q.themes.includes(theme) && !picked.includes(q)) picked.push(q);
  return picked;
}
