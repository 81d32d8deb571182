/**
 * Indicator shares: the share of an item by its kind (problem, safety, trust), its base, "vet ej" beside it, and
 * its interval (docs/domain/statistics.md). Pure functions, part of the statistics face `./statistics` (its header
 * states the conventions).
 */
import {
  INDICATOR_SHARE_RULES,
  PROBLEM_SCALE,
  SAFETY_SCALE,
  TRUST_SCALE,
  type IndicatorKind,
} from "~/features/surveys/index";
import { assertFiniteNonNegative, wilson, wilsonWeighted, type ShareInterval } from "./statistics-intervals";

const SCALE_VALUES: Readonly<Record<IndicatorKind, readonly string[]>> = {
  problem: PROBLEM_SCALE.map((c) => c.value),
  safety: SAFETY_SCALE.map((c) => c.value),
  trust: TRUST_SCALE.map((c) => c.value),
};

export type IndicatorShare = {
  /** Respondents who answered the item (any option, "vet ej" included). */
  answered: number;
  /** answered − n(dont_know): the base of the share. Check it with `suppressShare` before showing anything. */
  base: number;
  /** Numerator: problem 4+3, safety rather_unsafe+very_unsafe, trust 5+4. */
  k: number;
  /** k / base with its Wilson interval; null when base = 0. */
  share: ShareInterval | null;
  /** n(dont_know) / answered, shown beside the share (its base is `answered`); null when answered = 0. */
  dontKnowShare: number | null;
  /** Safety only: n(never_out) / base. never_out stays in the base and is shown separately. */
  neverOutShare?: number | null;
};

/**
 * The indicator share of one item (docs/domain/statistics.md#indicator-shares): problem (n4 + n3)/(answered − dont_know); safety
 * (rather_unsafe + very_unsafe)/(answered − dont_know) with never_out kept in the base and reported separately;
 * trust (n5 + n4)/(answered − dont_know). Numerators and exclusions come from `INDICATOR_SHARE_RULES`.
 *
 * `counts` maps option values of the kind's scale to counts (missing values count 0; any other key throws,
 * since it means the wrong scale). For weighted figures pass weighted counts and `effectiveBase` = the Kish n_eff
 * of the respondents in the base: the share is then the weighted share and the interval uses n_eff.
 */
export function indicatorShare(
  kind: IndicatorKind,
  counts: Readonly<Record<string, number>>,
  options: { effectiveBase?: number } = {},
): IndicatorShare {
  const values = SCALE_VALUES[kind];
  for (const key of Object.keys(counts)) {
    if (!values.includes(key)) throw new RangeError(`"${key}" is not a value of the ${kind} scale`);
  }
  const count = (value: string) => {
    const c = counts[value] ?? 0;
    assertFiniteNonNegative(c, `counts.${value}`);
    return c;
  };
  const rule = INDICATOR_SHARE_RULES[kind];
  const answered = values.reduce((sum, v) => sum + count(v), 0);
  const excluded = rule.excludedFromBase.reduce((sum, v) => sum + count(v), 0);
  const base = answered - excluded;
  const k = rule.numerator.reduce((sum, v) => sum + count(v), 0);
  const share =
    base <= 0
      ? null
      : options.effectiveBase === undefined
        ? wilson(k, base)
        : wilsonWeighted(k, base, options.effectiveBase);
  const result: IndicatorShare = {
    answered,
    base,
    k,
    share,
    dontKnowShare: answered > 0 ? count("dont_know") / answered : null,
  };
  if (kind === "safety") result.neverOutShare = base > 0 ? count("never_out") / base : null;
  return result;
}
