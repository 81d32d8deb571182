/**
 * One question broken down by demographic columns (the breakdown tables of the problembild), and the demographic
 * questions a survey can be filtered and broken down by. Counted by `countBreakdown` (counting/count.server.ts);
 * suppressed as results.server.ts's header describes.
 */
import { PROTECTION, type Protection } from "./domain/cell-key";
import type { Database } from "~/platform/db.server";
import { Invalid, type FieldError, fieldError } from "~/platform/errors.server";
import { suppressBreakdown, suppressTable, type SuppressedCount } from "./domain/statistics";
import {
  DEMOGRAPHIC_COLUMNS,
  codesOf,
  loadResultsSource,
  parseResultFilters,
  type BreakdownCounts,
  type DemographicColumn,
  type RawResultFilters,
  type ResultFilters,
  type ResultsSource,
} from "./counting/source.server";
import { countBreakdown, protectBreakdown } from "./counting/count.server";
import {
  head,
  hidden,
  indicatorFigures,
  minBaseFor,
  options,
  shownCount,
  suppressedIndicator,
  suppressedQuestion,
  type ResultIndicator,
  type ResultOption,
} from "./figures.server";

export interface BreakdownGroup {
  /** The group's value of each dimension (null: not given). */
  key: Partial<Record<DemographicColumn, string | null>>;
  label: string;
  answered: number | null;
  options: ResultOption[];
  indicator: ResultIndicator | null;
}

export interface Breakdown {
  question: { name: string; type: string; title: string; group: { name: string; title: string } | null };
  by: DemographicColumn[];
  respondents: number | null;
  suppressed: boolean;
  minBase: number;
  filters: ResultFilters;
  groups: BreakdownGroup[];
  /** One dimension: the column totals (all groups together), suppressed with the table. Crossed: null. */
  total: { answered: number | null; options: ResultOption[] } | null;
  /** How the counts are protected against differencing (docs/decisions/014-cell-key-perturbation.md). */
  protection: Protection;
}

const MISSING_LABEL = "Uppgift saknas";

/**
 * One question broken down by one demographic column or two crossed, in the filtered group. One dimension: a
 * table of groups × options with group totals (answered) and option totals (`suppressTable`). Crossed: a three-way
 * table the shared engine cannot take, so each group (a, b) is shown or suppressed whole: groups holding a count
 * below minBase are hidden, and the grid of groups is then suppressed with `suppressTable` against the one-way
 * margins a reader can get from the one-dimension breakdowns. A group's indicator is shown only when nothing in
 * the group is hidden.
 */
export async function getBreakdown({
  db,
  surveyId,
  question,
  by,
  filters,
  minBase,
  source: loaded,
  counts: preCounted,
}: {
  db: Database;
  surveyId: number;
  question: string;
  by: readonly string[];
  filters?: RawResultFilters;
  minBase?: number;
  /** The survey's results source when the caller has loaded it already (several breakdowns of one survey). */
  source?: ResultsSource;
  /**
   * Counts of this question by `by` in the filtered group when the caller has counted several questions in one
   * scan (`countBreakdown` with their codes, `answered` per question): saves a scan per question.
   */
  counts?: BreakdownCounts;
}): Promise<Breakdown> {
  const source = loaded && loaded.surveyId === surveyId ? loaded : await loadResultsSource(db, surveyId);
  const q = source.byName.get(question);
  const dims = by.flatMap((d) => DEMOGRAPHIC_COLUMNS.filter((c) => c === d));
  const errors: FieldError[] = [];
  if (!q) errors.push(fieldError("question", "analysis.error.questionNotChoice", { question }));
  if (dims.length !== by.length || dims.length < 1 || dims.length > 2 || new Set(dims).size !== dims.length) {
    errors.push(fieldError("by", "analysis.error.by"));
  }
  for (const d of dims)
    if (!source.demographics[d]) errors.push(fieldError("by", "analysis.error.byMissing", { dimension: d }));
  if (errors.length || !q) throw new Invalid(errors);
  const parsed = parseResultFilters(source, filters);
  const min = minBaseFor(source, minBase);
  const codes = codesOf(source, q.name);
  const valueOf = new Map([...(source.codes.get(q.name) ?? new Map<string, number>())].map(([v, c]) => [c, v]));
  const counted = preCounted ? protectBreakdown(preCounted) : await countBreakdown(db, source, parsed, dims, codes);

  // The groups: every listed value of each dimension, values found in the data, and "not given" when present.
  const axes = dims.map((d, i) => {
    const dq = source.byName.get(source.demographics[d] ?? "");
    const values: { value: string | null; label: string }[] = (dq?.options ?? []).map((o) => ({
      value: o.value,
      label: o.label,
    }));
    for (const g of counted.groups) {
      const v = g.groups[i] ?? null;
      if (!values.some((x) => x.value === v)) values.push({ value: v, label: v ?? MISSING_LABEL });
    }
    return values;
  });
  const combos: { value: string | null; label: string }[][] =
    axes.length === 1 ? axes[0]!.map((a) => [a]) : axes[0]!.flatMap((a) => axes[1]!.map((b) => [a, b]));
  const keyOf = (values: readonly (string | null)[]) => JSON.stringify(values);
  const groupCounts = new Map(
    counted.groups.map((g) => [
      keyOf(g.groups),
      new Map([...g.codes].flatMap(([code, n]) => (valueOf.has(code) ? [[valueOf.get(code)!, n]] : []))),
    ]),
  );
  const answeredOf = new Map(counted.groups.map((g) => [keyOf(g.groups), g.answered]));
  // The filtered group's own published figures (the same as in every other view), not sums of the groups'.
  const respondents = counted.totals?.respondents ?? counted.groups.reduce((s, g) => s + g.respondents, 0);
  const groups = combos.map((combo) => {
    const k = keyOf(combo.map((c) => c.value));
    return {
      key: Object.fromEntries(dims.map((d, i) => [d, combo[i]!.value])) as BreakdownGroup["key"],
      label: combo.map((c) => c.label).join(", "),
      counts: groupCounts.get(k) ?? new Map<string, number>(),
      answered: answeredOf.get(k) ?? 0,
    };
  });
  const base = { question: head(q), by: dims, minBase: min, filters: parsed, protection: PROTECTION };
  if (respondents < min) {
    const none = suppressedQuestion(q);
    return {
      ...base,
      respondents: null,
      suppressed: true,
      groups: groups.map((g) => ({
        key: g.key,
        label: g.label,
        answered: null,
        options: none.options,
        indicator: q.indicator ? suppressedIndicator(q.name, q.indicator, "below_min_base") : null,
      })),
      total: null,
    };
  }
  const matrix = groups.map((g) => q.options.map((o) => g.counts.get(o.value) ?? 0));
  const groupIndicator = (
    g: (typeof groups)[number],
    cells: SuppressedCount[],
    answered: SuppressedCount,
  ): ResultIndicator | null => {
    if (!q.indicator) return null;
    const all = [answered, ...cells];
    if (all.some((c) => c.suppressed)) {
      return suppressedIndicator(
        q.name,
        q.indicator,
        all.some((c) => c.reason === "below_min_base") ? "below_min_base" : "complementary",
      );
    }
    return indicatorFigures(q, q.indicator, g.counts, min, true);
  };
  const build = (
    cellsOf: (i: number) => SuppressedCount[],
    answeredOf: (i: number) => SuppressedCount,
  ): BreakdownGroup[] =>
    groups.map((g, i) => {
      const cells = cellsOf(i);
      const answered = answeredOf(i);
      return {
        key: g.key,
        label: g.label,
        answered: answered.n,
        options: options(q, cells, answered),
        indicator: groupIndicator(g, cells, answered),
      };
    });

  if (dims.length === 2) {
    // A group is "small" when any of its counts is below minBase; proxy values keep the engine's order of picks.
    const small = (g: (typeof groups)[number]) =>
      (g.answered > 0 && g.answered < min) || [...g.counts.values()].some((n) => n > 0 && n < min);
    const proxy = groups.map((g) => (small(g) ? 1 : g.answered === 0 ? 0 : g.answered + min));
    const [rowsAxis, colsAxis] = [axes[0]!, axes[1]!];
    const grid = rowsAxis.map((_, i) => colsAxis.map((__, j) => proxy[i * colsAxis.length + j]!));
    const t = suppressTable(
      rowsAxis.map((a) => keyOf([a.value])),
      colsAxis.map((b) => keyOf([b.value])),
      grid,
      min,
      { rowTotals: true, colTotals: true },
    );
    const groupHidden = (i: number) => t.cells[Math.floor(i / colsAxis.length)]![i % colsAxis.length]!;
    const out = build(
      (i) =>
        groupHidden(i).suppressed
          ? q.options.map((o) => hidden(o.value, groupHidden(i).reason ?? undefined))
          : matrix[i]!.map((n, j) => shownCount(q.options[j]!.value, n)),
      (i) =>
        groupHidden(i).suppressed
          ? hidden("total", groupHidden(i).reason ?? undefined)
          : shownCount("total", groups[i]!.answered),
    );
    return { ...base, respondents, suppressed: false, groups: out, total: null };
  }

  // One demographic column: the groups and a total row (the options' column totals and all who answered).
  const withTotal = (out: BreakdownGroup[], colTotals: SuppressedCount[] | null, answered: SuppressedCount | null) => {
    const total = answered ?? hidden("total");
    return {
      ...base,
      respondents,
      suppressed: false,
      groups: out,
      total: { answered: total.n, options: options(q, colTotals ?? [], total) },
    };
  };
  const groupKeys = groups.map((g) => keyOf(Object.values(g.key)));
  const optionKeys = q.options.map((o) => o.value);
  const overallAnswered = counted.totals?.answered ?? groups.reduce((s, g) => s + g.answered, 0);
  const codeOfValue = source.codes.get(q.name) ?? new Map<string, number>();
  const optionTotals = counted.totals
    ? q.options.map((o) => {
        const code = codeOfValue.get(o.value);
        return code === undefined ? 0 : (counted.totals!.codes.get(code) ?? 0);
      })
    : undefined;
  if (q.multi) {
    const t = suppressTable(groupKeys, optionKeys, matrix, min, {
      rowTotals: false,
      colTotals: true,
      grandTotal: false,
      margins: { cols: optionTotals },
    });
    const a = suppressBreakdown(
      groups.map((g, i) => ({ key: groupKeys[i]!, n: g.answered })),
      overallAnswered,
      min,
    );
    const smallGroup = (i: number) => groups[i]!.answered > 0 && groups[i]!.answered < min;
    const out = build(
      (i) => (smallGroup(i) ? optionKeys.map((k) => hidden(k)) : t.cells[i]!),
      (i) => a.cells[i]!,
    );
    return withTotal(out, t.colTotals, a.total);
  }
  const t = suppressTable(groupKeys, optionKeys, matrix, min, {
    rowTotals: true,
    colTotals: true,
    margins: { rows: groups.map((g) => g.answered), cols: optionTotals, grand: counted.totals?.answered },
  });
  const out = build(
    (i) => t.cells[i]!,
    (i) => t.rowTotals![i]!,
  );
  return withTotal(out, t.colTotals, t.grandTotal);
}

// ---------------------------------------------------------------------------------------------------------------
// Filter choices

export interface FilterChoice {
  column: DemographicColumn;
  question: string;
  options: { value: string; label: string }[];
}

/** The demographic questions a survey can be filtered and broken down by, with their options (for the filter form). */
export async function getFilterChoices({ db, surveyId }: { db: Database; surveyId: number }): Promise<FilterChoice[]> {
  const source = await loadResultsSource(db, surveyId);
  return DEMOGRAPHIC_COLUMNS.flatMap((column) => {
    const q = source.byName.get(source.demographics[column] ?? "");
    return q ? [{ column, question: q.name, options: q.options.map((o) => ({ value: o.value, label: o.label })) }] : [];
  });
}
