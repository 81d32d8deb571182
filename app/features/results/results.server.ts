/**
 * The results of a survey (the problembild's figures): every choice-like question's distribution and the
 * indicator shares of docs/domain/statistics.md#indicator-shares, counted by `countCodes` (counting/count.server.ts), with
 * shares, Wilson intervals and small-group suppression from the statistics module.
 *
 * Suppression (docs/domain/statistics.md#suppression-in-the-results), all on unweighted respondent counts:
 * - A filtered group with fewer than minBase respondents shows nothing: `respondents`, every `answered`, count,
 *   share and indicator are null (0 respondents included, so an empty group looks like a small one).
 * - A single-answer question is one line, its options adding up to `answered`: `suppressBreakdown` hides counts
 *   with 0 < n < minBase and complements, so no hidden count follows from `answered` minus the shown ones.
 * - A multi-answer question (checkbox): the options do not add up, so primary suppression only; a question that
 *   fewer than minBase answered hides everything.
 * - An indicator reveals more sums than the options line: its share and base give the numerator (e.g. n4 + n3),
 *   the rest of the base (n2 + n1) and "vet ej" (answered − base). So an indicator question is suppressed as a
 *   table with those three sums as row totals and `answered` as the grand total (`suppressTable`). The indicator
 *   is shown only when none of those totals is hidden and its base ≥ minBase; the options then carry that table's
 *   suppression (complements within each sum). Otherwise the indicator is suppressed and the options are
 *   suppressed as a plain line.
 * - A share or interval is shown only when both its count and its base are shown.
 * Figures are suppressed per view. Combining views (a filtered view with the unfiltered one, or overlapping
 * filters) can still narrow or recover a count; see docs/domain/statistics.md#what-suppression-does-not-cover.
 */
import { PROTECTION } from "./domain/cell-key";
import type { Database } from "~/platform/db.server";
import {
  codesOf,
  loadResultsSource,
  parseResultFilters,
  type CodeCounts,
  type RawResultFilters,
} from "./counting/source.server";
import { countCodes, protectCodes } from "./counting/count.server";
import {
  head,
  minBaseFor,
  options,
  summarise,
  suppressedIndicator,
  suppressedQuestion,
  type ResultIndicator,
  type ResultQuestion,
  type Results,
} from "./figures.server";

export type { RawResultFilters, ResultFilters } from "./counting/source.server";
export type { Results, ResultIndicator, ResultOption, ResultQuestion } from "./figures.server";
export {
  getBreakdown,
  getFilterChoices,
  type Breakdown,
  type BreakdownGroup,
  type FilterChoice,
} from "./question-breakdown.server";

/**
 * Every choice-like question's distribution and the indicator shares of a survey's current definition, for the
 * respondents matching `filters`, suppressed for small groups. Throws Invalid for filters that do not fit the survey.
 */
export async function getResults({
  db,
  surveyId,
  filters,
  minBase,
  counts: preCounted,
}: {
  db: Database;
  surveyId: number;
  filters?: RawResultFilters;
  minBase?: number;
  /**
   * Counts of the filtered group when the caller has them already (`countCodes` or `scanCodes` with `anyOf` = the
   * codes of each multi-answer question of the catalogue, in catalogue order).
   */
  counts?: CodeCounts;
}): Promise<Results> {
  const source = await loadResultsSource(db, surveyId);
  const parsed = parseResultFilters(source, filters);
  const min = minBaseFor(source, minBase);
  const multi = source.catalog.filter((q) => q.multi);
  const counted = preCounted
    ? protectCodes(preCounted)
    : await countCodes(
        db,
        source,
        parsed,
        multi.map((q) => codesOf(source, q.name)),
      );
  const respondents = counted.respondents;
  const answeredMulti = new Map(multi.map((q, i) => [q.name, counted.anyOf[i] ?? 0]));
  const counts = new Map<string, Map<string, number>>();
  for (const r of counted.codes) {
    if (r.question !== null && r.value !== null) {
      let m = counts.get(r.question);
      if (!m) counts.set(r.question, (m = new Map()));
      m.set(r.value, r.n);
    }
  }
  if (respondents < min) {
    return {
      respondents: null,
      suppressed: true,
      minBase: min,
      filters: parsed,
      protection: PROTECTION,
      questions: source.catalog.map(suppressedQuestion),
      indicators: source.catalog.flatMap((q) =>
        q.indicator ? [suppressedIndicator(q.name, q.indicator, "below_min_base")] : [],
      ),
    };
  }
  const questions: ResultQuestion[] = [];
  const indicators: ResultIndicator[] = [];
  for (const q of source.catalog) {
    const c = counts.get(q.name) ?? new Map<string, number>();
    // A single-answer question's answered is the published count of its answerers (not the sum of the published
    // option counts, which would carry every option's noise): the same figure as the group "answered q" anywhere.
    const answered = q.multi
      ? (answeredMulti.get(q.name) ?? 0)
      : (counted.questionTotals?.get(q.name) ?? q.options.reduce((s, o) => s + (c.get(o.value) ?? 0), 0));
    const s = summarise(q, c, answered, min);
    questions.push({ ...head(q), answered: s.answered.n, options: options(q, s.cells, s.answered) });
    if (s.indicator) indicators.push(s.indicator);
  }
  return {
    respondents,
    suppressed: false,
    minBase: min,
    filters: parsed,
    questions,
    indicators,
    protection: PROTECTION,
  };
}
