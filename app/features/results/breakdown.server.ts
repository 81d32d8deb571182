/**
 * The breakdown view of the problembild: every indicator item of one kind (problem or safety) broken down by one
 * demographic column or two crossed, as small multiples (one panel per group), and one chosen question's full
 * table of options by group. Each item's breakdown comes from `getBreakdown`, so suppression (complementary
 * included, crossed groups against their one-way margins) is exactly that of the results.
 */
import type { Database } from "~/platform/db.server";
import type { IndicatorKind } from "~/features/surveys/index";
import { Invalid, fieldError } from "~/platform/errors.server";
import { getBreakdown, type Breakdown, type ResultIndicator } from "./results.server";
import {
  DEMOGRAPHIC_COLUMNS,
  codesOf,
  loadResultsSource,
  parseResultFilters,
  type BreakdownCounts,
  type DemographicColumn,
  type RawResultFilters,
} from "./counting/source.server";
import { countBreakdowns } from "./counting/count.server";

export interface IndicatorBreakdowns {
  by: DemographicColumn[];
  kind: IndicatorKind;
  /** The groups (panels), in the order of the dimensions' options; `key` is stable for links and toggles. */
  groups: { key: string; label: string; answered: number | null }[];
  /** Per indicator item of `kind`: its indicator in each group (same order as `groups`). */
  items: { question: string; title: string; cells: ResultIndicator[] }[];
  /** The full breakdown of the question chosen for the table (default: the first item). */
  table: Breakdown | null;
  /** Questions that may be chosen for the table (every indicator item and the other choice questions). */
  questions: { name: string; title: string }[];
  respondents: number | null;
  suppressed: boolean;
  minBase: number;
}

/**
 * Indicator items of one kind broken down by `by` (one or two of area, age_band, gender), filtered. Throws
 * Invalid for an unknown dimension, kind or table question.
 */
export async function getIndicatorBreakdowns({
  db,
  surveyId,
  by,
  kind,
  question,
  filters,
}: {
  db: Database;
  surveyId: number;
  by: readonly string[];
  kind: string;
  question?: string | null;
  filters?: RawResultFilters;
}): Promise<IndicatorBreakdowns> {
  const source = await loadResultsSource(db, surveyId);
  const k = (["problem", "safety", "trust"] as const).find((x) => x === kind);
  if (!k) throw new Invalid([fieldError("kind", "analysis.error.kind")], "analysis.error.breakdownInvalid");
  const items = source.catalog.filter((q) => q.indicator === k);
  const tableQuestion = question || items[0]?.name || null;
  if (tableQuestion && !source.byName.has(tableQuestion)) {
    throw new Invalid(
      [fieldError("q", "analysis.error.questionNotChoice", { question: tableQuestion })],
      "analysis.error.breakdownInvalid",
    );
  }
  // All items counted in one scan (they are single-answer questions, so a question's codes add up to its
  // answered count in each group); invalid dimensions are left to getBreakdown, which reports them per field.
  const dims = by.flatMap((d) => DEMOGRAPHIC_COLUMNS.filter((c) => c === d && source.demographics[c]));
  const valid = dims.length === by.length && dims.length >= 1 && dims.length <= 2 && new Set(dims).size === dims.length;
  const codes = items.map((q) => codesOf(source, q.name));
  const all = valid ? await countBreakdowns(db, source, parseResultFilters(source, filters), dims, codes) : null;
  const countsOf = (i: number): BreakdownCounts | undefined => all?.[i];
  const breakdowns: Awaited<ReturnType<typeof getBreakdown>>[] = [];
  for (const [i, q] of items.entries())
    breakdowns.push(await getBreakdown({ db, surveyId, question: q.name, by, filters, source, counts: countsOf(i) }));
  const table = tableQuestion
    ? (breakdowns[items.findIndex((q) => q.name === tableQuestion)] ??
      (await getBreakdown({ db, surveyId, question: tableQuestion, by, filters, source })))
    : null;
  const first = breakdowns[0] ?? table;
  const keyOf = (g: { key: Partial<Record<DemographicColumn, string | null>> }) =>
    DEMOGRAPHIC_COLUMNS.map((c) => (c in g.key ? (g.key[c] ?? "-") : ""))
      .filter((_, i) => DEMOGRAPHIC_COLUMNS[i]! in g.key)
      .join("|");
  const demographicNames = new Set(Object.values(source.demographics));
  return {
    by: first?.by ?? [],
    kind: k,
    groups: (first?.groups ?? []).map((g) => ({ key: keyOf(g), label: g.label, answered: g.answered })),
    items: items.map((q, i) => ({
      question: q.name,
      title: q.title,
      cells: breakdowns[i]!.groups.map((g) => g.indicator!),
    })),
    table,
    questions: source.catalog
      .filter((q) => !demographicNames.has(q.name))
      .map((q) => ({ name: q.name, title: q.group ? `${q.group.title}: ${q.title}` : q.title })),
    respondents: first?.respondents ?? null,
    suppressed: first?.suppressed ?? true,
    minBase: first?.minBase ?? 5,
  };
}
