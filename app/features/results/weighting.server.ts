/**
 * Optional weighting of a citizen survey (docs/domain/statistics.md#weighting): analysts enter the population by age band ×
 * gender (e.g. from SCB) for the kommun (used by all its surveys) or for one survey; the indicator shares are then
 * also shown weighted by post-stratification, with intervals on the Kish effective sample size.
 *
 * - Weights are computed once on the survey's whole sample (unfiltered), so a respondent's weight does not change
 *   with the filter; a filtered view applies those weights to its respondents.
 * - Only genders with population figures take part (SCB: kvinna/man); respondents answering "Annat", "Vill inte
 *   svara" or giving no age or gender keep weight 1.
 * - Privacy is decided on unweighted counts: a weighted share is shown only where the unweighted share of the same
 *   view is shown (`getResults`).
 * - Counted through the one counting entry point (counting/count.server.ts: the cube or the answer bitmaps): counts
 *   per (age band, gender, code); the weights are applied to those counts.
 *
 * The population itself (its grid, reading, saving) is in population.server.ts.
 */
import type { Database } from "~/platform/db.server";
import type { IndicatorKind } from "~/features/surveys/index";
import { INDICATOR_SHARE_RULES } from "~/features/surveys/index";
import { getResults, type RawResultFilters, type ResultIndicator, type ResultFilters } from "./results.server";
import { codesOf, loadResultsSource, parseResultFilters, type ResultsSource } from "./counting/source.server";
import { countBreakdown, countSurveyCells } from "./counting/count.server";
import { cellKey, indicatorShare, postStratify, respondentWeight, type CellKey } from "./domain/statistics";
import { getPopulation, populationGrid, type Population, type PopulationGrid } from "./population.server";

export interface WeightedIndicator {
  question: string;
  title: string;
  kind: IndicatorKind;
  unweighted: ResultIndicator;
  /** Null when the unweighted share is suppressed (or no weighting applies). */
  weighted: { share: number; ci_low: number; ci_high: number; effective_n: number } | null;
}

/** A single-answer question's options, unweighted and weighted (a share is null where it is suppressed). */
export interface WeightedQuestion {
  name: string;
  title: string;
  group: string | null;
  options: { value: string; label: string; unweighted: number | null; weighted: number | null; suppressed: boolean }[];
}

export interface Weighting {
  population: Population | null;
  grid: PopulationGrid;
  /** Null when no population is entered or it cannot weight this survey (see `problem`). */
  applied: {
    method: string;
    merges: { from: CellKey; into: CellKey }[];
    /** Weight per age band × gender cell with respondents. */
    weights: Record<CellKey, number>;
    /** Kish effective sample size of the filtered group; null when the group is suppressed. */
    effectiveN: number | null;
  } | null;
  /** Why a population that exists cannot be applied: cells with respondents but no figure, or no cell in common. */
  problem: "missing_cells" | "no_cells" | null;
  respondents: number | null;
  suppressed: boolean;
  minBase: number;
  filters: ResultFilters;
  indicators: WeightedIndicator[];
  /** Every single-answer question's distribution, unweighted beside weighted (empty without weighting). */
  questions: WeightedQuestion[];
}
type CellCounts = { age_band: string | null; gender: string | null; n: number };

// Codes per breakdown statement: one counted column each, well below PostgreSQL's 1,664 columns per select list.
const CODES_PER_COUNT = 200;

/**
 * The weighting's cells from the one counting entry point (`countBreakdown` by age band × gender, served by the
 * cube or the answer bitmaps): the filtered group's respondents per cell; per code of the `questions`, its holders
 * per cell; per multi-answer question, the respondents holding any of its codes per cell (its own base). Single-
 * answer questions are counted together (in batches of CODES_PER_COUNT codes), each multi-answer question alone,
 * because its base is the holders the aggregates keep per question.
 */
async function weightingCells(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
  questions: readonly string[],
) {
  const by = ["age_band", "gender"] as const;
  const shown = [...new Set(questions)].flatMap((name) => {
    const q = source.byName.get(name);
    return q ? [q] : [];
  });
  const batches: number[][] = [[]];
  for (const q of shown.filter((x) => !x.multi)) {
    const codes = codesOf(source, q.name);
    if (batches.at(-1)!.length && batches.at(-1)!.length + codes.length > CODES_PER_COUNT) batches.push([]);
    batches.at(-1)!.push(...codes);
  }
  const multi = shown.filter((x) => x.multi).map((q) => ({ question: q.name, codes: codesOf(source, q.name) }));
  const singles = await Promise.all(batches.map((codes) => countBreakdown(db, source, filters, by, codes)));
  const multis = await Promise.all(multi.map((m) => countBreakdown(db, source, filters, by, m.codes)));
  const cell = (g: { groups: (string | null)[] }) => ({ age_band: g.groups[0] ?? null, gender: g.groups[1] ?? null });
  const groupRows: CellCounts[] = singles[0]!.groups.map((g) => ({ ...cell(g), n: g.respondents }));
  const codeRows: (CellCounts & { code: number })[] = [...singles, ...multis].flatMap((b) =>
    b.groups.flatMap((g) => [...g.codes].filter(([, n]) => n > 0).map(([code, n]) => ({ ...cell(g), code, n }))),
  );
  const multiRows: (CellCounts & { question: string })[] = multis.flatMap((b, i) =>
    b.groups.filter((g) => g.answered > 0).map((g) => ({ ...cell(g), question: multi[i]!.question, n: g.answered })),
  );
  return { groupRows, codeRows, multiRows };
}

/**
 * The indicator shares of a survey unweighted and (when a population applies) weighted side by side, for the
 * respondents matching `filters`, with the method written out.
 */
export async function getWeighting({
  db,
  kommunId,
  surveyId,
  filters,
  minBase,
}: {
  db: Database;
  kommunId: number;
  surveyId: number;
  filters?: RawResultFilters;
  minBase?: number;
}): Promise<Weighting> {
  const source = await loadResultsSource(db, surveyId);
  const grid = populationGrid(source);
  const results = await getResults({ db, surveyId, filters, minBase });
  const population = await getPopulation({ db, kommunId, surveyId });
  const titles = new Map(results.questions.map((q) => [q.name, q.title]));
  const unweightedOnly = (problem: Weighting["problem"]): Weighting => ({
    population,
    grid,
    applied: null,
    problem,
    respondents: results.respondents,
    suppressed: results.suppressed,
    minBase: results.minBase,
    filters: results.filters,
    indicators: results.indicators.map((i) => ({
      question: i.question,
      title: titles.get(i.question) ?? i.question,
      kind: i.kind,
      unweighted: i,
      weighted: null,
    })),
    questions: [],
  });
  if (!population) return unweightedOnly(null);

  // Weights from the whole sample: respondents per age band × gender (the cube's all-days cells).
  const sampleRows = await countSurveyCells(db, source);
  const genders = [...new Set(population.cells.filter((c) => c.population > 0).map((c) => c.gender))].filter((g) =>
    grid.genders.some((x) => x.value === g),
  );
  const ageBands = grid.ageBands.map((a) => a.value);
  const popMap: Record<CellKey, number> = {};
  for (const c of population.cells) popMap[cellKey(c.age_band, c.gender)] = c.population;
  const sample: Record<CellKey, number> = {};
  for (const r of sampleRows) {
    if (r.age_band && r.gender && ageBands.includes(r.age_band) && genders.includes(r.gender))
      sample[cellKey(r.age_band, r.gender)] = r.n;
  }
  let strat: ReturnType<typeof postStratify>;
  try {
    strat = postStratify({ population: popMap, sample, ageBands, genders, source: population.source });
  } catch (err) {
    if (err instanceof RangeError) {
      return unweightedOnly("missing_cells");
    }
    throw err;
  }
  if (!genders.length) return unweightedOnly("no_cells");
  const weightOf = (a: string | null, g: string | null) => respondentWeight(strat.weights, a, g);

  // The filtered group: respondents per cell (for n_eff) and, per code of the questions shown, respondents per cell.
  const parsed = parseResultFilters(source, filters);
  const { groupRows, codeRows, multiRows } = await weightingCells(db, source, parsed, [
    ...results.indicators.map((i) => i.question),
    ...results.questions.map((q) => q.name),
  ]);
  // Per multi-answer question: Σw over the respondents who answered it.
  const answeredW = new Map<string, number>();
  for (const r of multiRows)
    answeredW.set(r.question, (answeredW.get(r.question) ?? 0) + r.n * weightOf(r.age_band, r.gender));
  let sw = 0;
  let sw2 = 0;
  for (const r of groupRows) {
    const w = weightOf(r.age_band, r.gender);
    sw += r.n * w;
    sw2 += r.n * w * w;
  }
  // Per code: Σw and Σw² over its holders.
  const byCode = new Map<number, { w: number; w2: number }>();
  for (const r of codeRows) {
    const w = weightOf(r.age_band, r.gender);
    const acc = byCode.get(r.code) ?? { w: 0, w2: 0 };
    acc.w += r.n * w;
    acc.w2 += r.n * w * w;
    byCode.set(r.code, acc);
  }
  const indicators: WeightedIndicator[] = results.indicators.map((ind) => {
    const q = source.byName.get(ind.question)!;
    const base = {
      question: ind.question,
      title: titles.get(ind.question) ?? ind.question,
      kind: ind.kind,
      unweighted: ind,
    };
    if (ind.suppressed || !q) return { ...base, weighted: null };
    const codeOf = source.codes.get(q.name) ?? new Map<string, number>();
    const counts: Record<string, number> = {};
    let bw = 0;
    let bw2 = 0;
    const excluded = INDICATOR_SHARE_RULES[ind.kind].excludedFromBase;
    for (const o of q.options) {
      const code = codeOf.get(o.value);
      const acc = code !== undefined ? byCode.get(code) : undefined;
      counts[o.value] = acc?.w ?? 0;
      if (!excluded.includes(o.value)) {
        bw += acc?.w ?? 0;
        bw2 += acc?.w2 ?? 0;
      }
    }
    const effective = bw2 > 0 ? (bw * bw) / bw2 : 0;
    const s = indicatorShare(ind.kind, counts, { effectiveBase: effective });
    return {
      ...base,
      weighted: s.share
        ? { share: s.share.p, ci_low: s.share.low, ci_high: s.share.high, effective_n: effective }
        : null,
    };
  });
  const questions: WeightedQuestion[] = results.suppressed
    ? []
    : results.questions.flatMap((rq) => {
        const q = source.byName.get(rq.name);
        if (!q) return [];
        const codeOf = source.codes.get(q.name) ?? new Map<string, number>();
        const w = q.options.map((o) => {
          const code = codeOf.get(o.value);
          return code !== undefined ? (byCode.get(code)?.w ?? 0) : 0;
        });
        // share = Σw(option) / Σw(answered): for a single answer the options' sum, for a checkbox its own base.
        const total = q.multi ? (answeredW.get(q.name) ?? 0) : w.reduce((a, b) => a + b, 0);
        return [
          {
            name: rq.name,
            title: rq.title,
            group: rq.group?.title ?? null,
            options: rq.options.map((o, i) => ({
              value: o.value,
              label: o.label,
              unweighted: o.suppressed ? null : o.share,
              weighted: o.suppressed || o.share === null || total <= 0 ? null : w[i]! / total,
              suppressed: o.suppressed,
            })),
          },
        ];
      });
  return {
    population,
    grid,
    applied: {
      method: strat.method,
      merges: strat.merges,
      weights: strat.weights,
      effectiveN: results.suppressed ? null : sw2 > 0 ? (sw * sw) / sw2 : 0,
    },
    problem: null,
    respondents: results.respondents,
    suppressed: results.suppressed,
    minBase: results.minBase,
    filters: results.filters,
    indicators: results.suppressed ? indicators.map((i) => ({ ...i, weighted: null })) : indicators,
    questions,
  };
}
