/**
 * The results of a survey (the problembild's figures): every choice-like question's distribution and the
 * indicator shares of docs/domain/statistics.md#indicator-shares, counted in SQL over `response.codes` (see results-sql.server.ts), with
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
import type { Database } from "~/platform/db.server";
import { INDICATOR_SHARE_RULES, type IndicatorKind } from "~/features/surveys/index";
import { Invalid, type FieldError } from "~/platform/errors.server";
import {
  effectiveMinBase,
  indicatorShare,
  suppressBreakdown,
  suppressShare,
  suppressTable,
  wilson,
  type SuppressedCount,
  type SuppressionReason,
} from "./domain/statistics";
import { DEMOGRAPHIC_COLUMNS, codesOf, loadResultsSource, parseResultFilters, type BreakdownCounts, type CatalogQuestion, type CodeCounts, type DemographicColumn, type RawResultFilters, type ResultFilters, type ResultsSource } from "./counting/source.server";
import { countBreakdown, countCodes } from "./counting/count.server";

export type { RawResultFilters, ResultFilters } from "./counting/source.server";

export interface ResultOption {
  value: string;
  label: string;
  n: number | null;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  suppressed: boolean;
  reason: SuppressionReason | null;
}

export interface ResultQuestion {
  name: string;
  type: string;
  title: string;
  group: { name: string; title: string } | null;
  /** Respondents who answered; null when suppressed. */
  answered: number | null;
  options: ResultOption[];
}

export interface ResultIndicator {
  question: string;
  kind: IndicatorKind;
  base: number | null;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  dont_know_share: number | null;
  /** Safety items: the share who never go out alone late (kept in the base), when its count is shown. */
  never_out_share?: number | null;
  suppressed: boolean;
  reason: SuppressionReason | null;
}

export interface Results {
  /** Respondents in the filtered group; null when fewer than minBase. */
  respondents: number | null;
  /** True when the whole group is below the minimum base. */
  suppressed: boolean;
  minBase: number;
  filters: ResultFilters;
  questions: ResultQuestion[];
  indicators: ResultIndicator[];
}

type Counts = ReadonlyMap<string, number>;
type Summary = { answered: SuppressedCount; cells: SuppressedCount[]; indicator: ResultIndicator | null };

const hidden = (key: string, reason: SuppressionReason = "below_min_base"): SuppressedCount => ({ key, n: null, suppressed: true, reason });
const shownCount = (key: string, n: number): SuppressedCount => ({ key, n, suppressed: false, reason: null });

function options(q: CatalogQuestion, cells: readonly SuppressedCount[], answered: SuppressedCount): ResultOption[] {
  return q.options.map((o, i) => {
    const cell = cells[i] ?? hidden(o.value);
    const w = cell.n !== null && answered.n !== null && answered.n > 0 ? wilson(cell.n, answered.n) : null;
    return {
      value: o.value,
      label: o.label,
      n: cell.n,
      share: w?.p ?? null,
      ci_low: w?.low ?? null,
      ci_high: w?.high ?? null,
      suppressed: cell.suppressed,
      reason: cell.reason,
    };
  });
}

function suppressedIndicator(question: string, kind: IndicatorKind, reason: SuppressionReason): ResultIndicator {
  const out: ResultIndicator = { question, kind, base: null, share: null, ci_low: null, ci_high: null, dont_know_share: null, suppressed: true, reason };
  if (kind === "safety") out.never_out_share = null;
  return out;
}

/**
 * The indicator's figures from counts whose options may all be revealed (apart from never_out when
 * `neverOutShown` is false); suppressed when its base is below minBase.
 */
function indicatorFigures(q: CatalogQuestion, kind: IndicatorKind, counts: Counts, minBase: number, neverOutShown: boolean): ResultIndicator {
  const question = q.name;
  // Only the listed options: a value answered under an earlier version is not on the current scale.
  const s = indicatorShare(kind, Object.fromEntries(q.options.map((o) => [o.value, counts.get(o.value) ?? 0])));
  if (!s.share || suppressShare(s.base, minBase).suppressed) return suppressedIndicator(question, kind, "below_min_base");
  const out: ResultIndicator = {
    question,
    kind,
    base: s.base,
    share: s.share.p,
    ci_low: s.share.low,
    ci_high: s.share.high,
    dont_know_share: s.dontKnowShare,
    suppressed: false,
    reason: null,
  };
  if (kind === "safety") out.never_out_share = neverOutShown ? (s.neverOutShare ?? null) : null;
  return out;
}

/** Suppression of one question in one group (see the file comment). */
function summarise(q: CatalogQuestion, counts: Counts, answered: number, minBase: number): Summary {
  const cells = q.options.map((o) => ({ key: o.value, n: counts.get(o.value) ?? 0 }));
  if (q.multi) {
    if (answered > 0 && answered < minBase) return { answered: hidden("total"), cells: cells.map((c) => hidden(c.key)), indicator: null };
    return { answered: shownCount("total", answered), cells: suppressBreakdown(cells, null, minBase).cells, indicator: null };
  }
  const line = () => suppressBreakdown(cells, answered, minBase);
  const kind = q.indicator;
  if (!kind) {
    const r = line();
    return { answered: r.total ?? hidden("total"), cells: r.cells, indicator: null };
  }
  const rule = INDICATOR_SHARE_RULES[kind];
  const rowOf = (v: string) => (rule.numerator.includes(v) ? 0 : rule.excludedFromBase.includes(v) ? 2 : 1);
  const rows: number[][] = [[], [], []];
  q.options.forEach((o, i) => rows[rowOf(o.value)]!.push(i));
  const width = Math.max(...rows.map((r) => r.length));
  const slots = Array.from({ length: width }, (_, j) => `slot${j}`);
  const matrix = rows.map((r) => slots.map((_, j) => (r[j] === undefined ? 0 : (cells[r[j]!]!.n))));
  const table = suppressTable(["numerator", "rest", "excluded"], slots, matrix, minBase, { rowTotals: true, colTotals: false });
  const base = matrix[0]!.concat(matrix[1]!).reduce((a, b) => a + b, 0);
  const totalsShown = !(table.rowTotals ?? []).some((t) => t.suppressed) && !table.grandTotal?.suppressed;
  if (!totalsShown || suppressShare(base, minBase).suppressed) {
    const r = line();
    const reason: SuppressionReason = base < minBase ? "below_min_base" : "complementary";
    return { answered: r.total ?? hidden("total"), cells: r.cells, indicator: suppressedIndicator(q.name, kind, reason) };
  }
  const fromTable: SuppressedCount[] = cells.map((c) => shownCount(c.key, c.n));
  rows.forEach((r, i) => r.forEach((optionIndex, j) => (fromTable[optionIndex] = { ...table.cells[i]![j]!, key: cells[optionIndex]!.key })));
  const neverOut = q.options.findIndex((o) => o.value === "never_out");
  const neverOutShown = neverOut < 0 || !fromTable[neverOut]!.suppressed;
  return { answered: shownCount("total", answered), cells: fromTable, indicator: indicatorFigures(q, kind, counts, minBase, neverOutShown) };
}

function suppressedQuestion(q: CatalogQuestion): ResultQuestion {
  const answered = hidden("total");
  return { ...head(q), answered: null, options: options(q, q.options.map((o) => hidden(o.value)), answered) };
}

const head = (q: CatalogQuestion) => ({ name: q.name, type: q.type, title: q.title, group: q.group });

/** Resolves the minimum base: the survey's setting, raised (never lowered) by the caller's. */
function minBaseFor(source: ResultsSource, minBase?: number): number {
  return effectiveMinBase(Math.max(minBase ?? 0, source.settings.minBase ?? 0));
}

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
  const counted = preCounted ?? (await countCodes(db, source, parsed, multi.map((q) => codesOf(source, q.name))));
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
      questions: source.catalog.map(suppressedQuestion),
      indicators: source.catalog.flatMap((q) => (q.indicator ? [suppressedIndicator(q.name, q.indicator, "below_min_base")] : [])),
    };
  }
  const questions: ResultQuestion[] = [];
  const indicators: ResultIndicator[] = [];
  for (const q of source.catalog) {
    const c = counts.get(q.name) ?? new Map<string, number>();
    const answered = q.multi ? (answeredMulti.get(q.name) ?? 0) : q.options.reduce((s, o) => s + (c.get(o.value) ?? 0), 0);
    const s = summarise(q, c, answered, min);
    questions.push({ ...head(q), answered: s.answered.n, options: options(q, s.cells, s.answered) });
    if (s.indicator) indicators.push(s.indicator);
  }
  return { respondents, suppressed: false, minBase: min, filters: parsed, questions, indicators };
}

// ---------------------------------------------------------------------------------------------------------------
// Breakdowns

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
  if (!q) errors.push({ field: "question", message: `Frågan ${question} finns inte bland enkätens flervalsfrågor` });
  if (dims.length !== by.length || dims.length < 1 || dims.length > 2 || new Set(dims).size !== dims.length) {
    errors.push({ field: "by", message: "Dela upp efter en eller två av area, age_band och gender" });
  }
  for (const d of dims) if (!source.demographics[d]) errors.push({ field: "by", message: `Enkäten har ingen fråga för ${d}` });
  if (errors.length || !q) throw new Invalid(errors);
  const parsed = parseResultFilters(source, filters);
  const min = minBaseFor(source, minBase);
  const codes = codesOf(source, q.name);
  const valueOf = new Map([...(source.codes.get(q.name) ?? new Map<string, number>())].map(([v, c]) => [c, v]));
  const counted = preCounted ?? (await countBreakdown(db, source, parsed, dims, codes));

  // The groups: every listed value of each dimension, values found in the data, and "not given" when present.
  const axes = dims.map((d, i) => {
    const dq = source.byName.get(source.demographics[d] ?? "");
    const values: { value: string | null; label: string }[] = (dq?.options ?? []).map((o) => ({ value: o.value, label: o.label }));
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
    counted.groups.map((g) => [keyOf(g.groups), new Map([...g.codes].flatMap(([code, n]) => (valueOf.has(code) ? [[valueOf.get(code)!, n]] : [])))]),
  );
  const answeredOf = new Map(counted.groups.map((g) => [keyOf(g.groups), g.answered]));
  const respondents = counted.groups.reduce((s, g) => s + g.respondents, 0);
  const groups = combos.map((combo) => {
    const k = keyOf(combo.map((c) => c.value));
    return {
      key: Object.fromEntries(dims.map((d, i) => [d, combo[i]!.value])) as BreakdownGroup["key"],
      label: combo.map((c) => c.label).join(", "),
      counts: groupCounts.get(k) ?? new Map<string, number>(),
      answered: answeredOf.get(k) ?? 0,
    };
  });
  const base = { question: head(q), by: dims, minBase: min, filters: parsed };
  if (respondents < min) {
    const none = suppressedQuestion(q);
    return {
      ...base,
      respondents: null,
      suppressed: true,
      groups: groups.map((g) => ({ key: g.key, label: g.label, answered: null, options: none.options, indicator: q.indicator ? suppressedIndicator(q.name, q.indicator, "below_min_base") : null })),
      total: null,
    };
  }
  const matrix = groups.map((g) => q.options.map((o) => g.counts.get(o.value) ?? 0));
  const groupIndicator = (g: (typeof groups)[number], cells: SuppressedCount[], answered: SuppressedCount): ResultIndicator | null => {
    if (!q.indicator) return null;
    const all = [answered, ...cells];
    if (all.some((c) => c.suppressed)) {
      return suppressedIndicator(q.name, q.indicator, all.some((c) => c.reason === "below_min_base") ? "below_min_base" : "complementary");
    }
    return indicatorFigures(q, q.indicator, g.counts, min, true);
  };
  const build = (cellsOf: (i: number) => SuppressedCount[], answeredOf: (i: number) => SuppressedCount): BreakdownGroup[] =>
    groups.map((g, i) => {
      const cells = cellsOf(i);
      const answered = answeredOf(i);
      return { key: g.key, label: g.label, answered: answered.n, options: options(q, cells, answered), indicator: groupIndicator(g, cells, answered) };
    });

  if (dims.length === 2) {
    // A group is "small" when any of its counts is below minBase; proxy values keep the engine's order of picks.
    const small = (g: (typeof groups)[number]) => (g.answered > 0 && g.answered < min) || [...g.counts.values()].some((n) => n > 0 && n < min);
    const proxy = groups.map((g) => (small(g) ? 1 : g.answered === 0 ? 0 : g.answered + min));
    const [rowsAxis, colsAxis] = [axes[0]!, axes[1]!];
    const grid = rowsAxis.map((_, i) => colsAxis.map((__, j) => proxy[i * colsAxis.length + j]!));
    const t = suppressTable(rowsAxis.map((a) => keyOf([a.value])), colsAxis.map((b) => keyOf([b.value])), grid, min, { rowTotals: true, colTotals: true });
    const groupHidden = (i: number) => t.cells[Math.floor(i / colsAxis.length)]![i % colsAxis.length]!;
    const out = build(
      (i) => (groupHidden(i).suppressed ? q.options.map((o) => hidden(o.value, groupHidden(i).reason ?? undefined)) : matrix[i]!.map((n, j) => shownCount(q.options[j]!.value, n))),
      (i) => (groupHidden(i).suppressed ? hidden("total", groupHidden(i).reason ?? undefined) : shownCount("total", groups[i]!.answered)),
    );
    return { ...base, respondents, suppressed: false, groups: out, total: null };
  }

  const groupKeys = groups.map((g) => keyOf(Object.values(g.key)));
  const optionKeys = q.options.map((o) => o.value);
  const overallAnswered = groups.reduce((s, g) => s + g.answered, 0);
  if (q.multi) {
    const t = suppressTable(groupKeys, optionKeys, matrix, min, { rowTotals: false, colTotals: true, grandTotal: false });
    const a = suppressBreakdown(groups.map((g, i) => ({ key: groupKeys[i]!, n: g.answered })), overallAnswered, min);
    const smallGroup = (i: number) => groups[i]!.answered > 0 && groups[i]!.answered < min;
    const out = build(
      (i) => (smallGroup(i) ? optionKeys.map((k) => hidden(k)) : t.cells[i]!),
      (i) => a.cells[i]!,
    );
    const total = a.total ?? hidden("total");
    return { ...base, respondents, suppressed: false, groups: out, total: { answered: total.n, options: options(q, t.colTotals ?? [], total) } };
  }
  const t = suppressTable(groupKeys, optionKeys, matrix, min, { rowTotals: true, colTotals: true });
  const out = build((i) => t.cells[i]!, (i) => t.rowTotals![i]!);
  const total = t.grandTotal ?? hidden("total");
  return { ...base, respondents, suppressed: false, groups: out, total: { answered: total.n, options: options(q, t.colTotals ?? [], total) } };
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
