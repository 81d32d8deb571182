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
