/**
 * The statistics of the problembild (docs/domain/statistics.md) as pure functions: no database, no I/O, so the
 * same code runs in loaders and in the browser. Every figure the product shows goes through these functions; a
 * figure that differs from the method there is a bug; where the code goes beyond the original method note, the
 * differences are documented in #differences-from-the-original-method-note.
 *
 * Conventions:
 * - Shares, interval ends and differences are proportions (0.62, not 62). Formatting to percent or percentage
 *   points happens only in the `format*` / `describe*` helpers at the end.
 * - Weighted figures: pass weighted counts and use the Kish effective sample size in place of n (docs/domain/statistics.md#with-weights).
 *   For a weighted share p = Σw(yes)/Σw(base) call `wilson(p · n_eff, n_eff)` (or `wilsonWeighted`).
 * - Privacy (suppression) is always decided on UNWEIGHTED respondent counts, never on weighted sums.
 */
import {
  INDICATOR_SHARE_RULES,
  PROBLEM_SCALE,
  SAFETY_SCALE,
  TRUST_SCALE,
  type IndicatorKind,
} from "~/features/surveys/index";
import { THEME_KEYS, type ThemeKey } from "~/features/surveys/index";

// ---------------------------------------------------------------------------------------------------------------
// Uncertainty

/** The 97.5th percentile of the standard normal distribution, as docs/domain/statistics.md#wilson-interval prescribes. */
export const Z95 = 1.959964;

/** A share with its 95% interval. `p` is the observed share k/n (not the Wilson centre). */
export type ShareInterval = { p: number; low: number; high: number };

function assertFiniteNonNegative(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0 (got ${value})`);
}

/** Tolerance for k slightly above n caused by floating-point sums of weights. */
const EPS = 1e-9;

/**
 * Wilson score interval (docs/domain/statistics.md#wilson-interval): centre = (p + z²/2n) / (1 + z²/n),
 * half-width = z / (1 + z²/n) · sqrt(p(1−p)/n + z²/4n²). Returns null when n = 0 (no share exists).
 * k and n need not be integers: for weighted data pass k = p_w · n_eff and n = n_eff.
 * The ends are clamped to [0, 1] only to remove floating-point noise (for k = 0 the exact low end is 0).
 */
export function wilson(k: number, n: number, z: number = Z95): ShareInterval | null {
  assertFiniteNonNegative(k, "k");
  assertFiniteNonNegative(n, "n");
  if (n === 0) return null;
  if (k > n * (1 + EPS)) throw new RangeError(`k (${k}) must not exceed n (${n})`);
  const p = Math.min(1, k / n);
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    p,
    low: k === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: p === 1 ? 1 : Math.min(1, centre + halfWidth),
  };
}

/**
 * A weighted share with its Wilson interval: p = weightedK / weightedN (the weighted estimate) and the interval
 * computed with the Kish effective sample size `effectiveN` in place of n (docs/domain/statistics.md#with-weights).
 */
export function wilsonWeighted(weightedK: number, weightedN: number, effectiveN: number, z: number = Z95): ShareInterval | null {
  assertFiniteNonNegative(weightedK, "weightedK");
  assertFiniteNonNegative(weightedN, "weightedN");
  assertFiniteNonNegative(effectiveN, "effectiveN");
  if (weightedN === 0 || effectiveN === 0) return null;
  if (weightedK > weightedN * (1 + EPS)) throw new RangeError(`weightedK (${weightedK}) must not exceed weightedN (${weightedN})`);
  const p = Math.min(1, weightedK / weightedN);
  const interval = wilson(p * effectiveN, effectiveN, z);
  return interval && { ...interval, p };
}

export type TwoProportionResult = {
  /** p2 − p1 as a proportion (−0.041 = −4,1 procentenheter). */
  diff: number;
  /** Pooled-p z statistic of the change. */
  z: number;
  /** |z| ≥ 1.96 (docs/domain/statistics.md#change-between-two-periods). */
  significant: boolean;
  /** 95% interval of the difference (Newcombe hybrid score), as proportions. */
  low: number;
  high: number;
};

/**
 * Change between two periods (independent samples). Argument order is (earlier, later): k1/n1 is the earlier
 * period, k2/n2 the later one, and `diff` = p2 − p1, so a rise is positive. Returns null when either n is 0.
 *
 * - Flag: two-proportion z-test with pooled p, P = (k1 + k2)/(n1 + n2),
 *   z = (p2 − p1) / sqrt(P(1−P)(1/n1 + 1/n2)); significant when |z| ≥ 1.96, exactly as docs/domain/statistics.md#change-between-two-periods says.
 *   When P is 0 or 1 both shares are equal, so z = 0.
 * - Interval of the difference: Newcombe's hybrid score method ("method 10", Newcombe 1998, Stat Med 17:873):
 *   low = d − sqrt((p2 − l2)² + (u1 − p1)²), high = d + sqrt((u2 − p2)² + (p1 − l1)²) with (l, u) the Wilson
 *   intervals of each period. Chosen over the unpooled Wald interval because (a) it is built from the same
 *   Wilson intervals the product shows for each period, so the figures agree with each other; (b) it keeps
 *   close to nominal coverage with the small areas and extreme shares we get (Wald undercovers badly there and
 *   collapses to zero width when a share is 0 % or 100 %); (c) it never leaves [−1, 1]; (d) it works unchanged
 *   with weighted data (pass p · n_eff and n_eff).
 *   Because the flag and the interval are different procedures, in borderline cases the interval can just
 *   exclude 0 while |z| < 1.96 (or the reverse). The flag is authoritative (it is the contract).
 */
export function twoProportionTest(k1: number, n1: number, k2: number, n2: number): TwoProportionResult | null {
  const w1 = wilson(k1, n1);
  const w2 = wilson(k2, n2);
  if (!w1 || !w2) return null;
  const diff = w2.p - w1.p;
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = se > 0 ? diff / se : 0;
  return {
    diff,
    z,
    significant: Math.abs(z) >= 1.96,
    low: Math.max(-1, diff - Math.sqrt((w2.p - w2.low) ** 2 + (w1.high - w1.p) ** 2)),
    high: Math.min(1, diff + Math.sqrt((w2.high - w2.p) ** 2 + (w1.p - w1.low) ** 2)),
  };
}

/** Kish effective sample size (Σw)² / Σw². Equal weights give n; an empty list (or all-zero weights) gives 0. */
export function kishEffectiveN(weights: readonly number[]): number {
  let sum = 0;
  let sumSquares = 0;
  for (const w of weights) {
    assertFiniteNonNegative(w, "weight");
    sum += w;
    sumSquares += w * w;
  }
  return sumSquares === 0 ? 0 : (sum * sum) / sumSquares;
}

// ---------------------------------------------------------------------------------------------------------------
// Weighting: post-stratification on age band × gender

/** `${ageBand}|${gender}` */
export type CellKey = string;

export const cellKey = (ageBand: string, gender: string): CellKey => `${ageBand}|${gender}`;

export type PostStratification = {
  /** Weight per cell with respondents (merged cells share their group's weight). */
  weights: Record<CellKey, number>;
  /** Each empty cell and the cell (same gender, neighbouring age bands) whose group it was merged into. */
  merges: { from: CellKey; into: CellKey }[];
  /** Genders with no respondents at all: their population cannot be represented and is left out. */
  unrepresented: string[];
  /** A Swedish description of the method, for display next to weighted figures. */
  method: string;
};

/**
 * Post-stratification on age band × gender (docs/domain/statistics.md#post-stratification): weight = population share of the respondent's cell /
 * sample share of that cell.
 *
 * - `population`: population count (or share) per cell, e.g. from SCB. `sample`: number of respondents per cell,
 *   counting ONLY respondents whose age band is in `ageBands` and whose gender is in `genders`. `ageBands` must
 *   be in age order (merging uses neighbours). Pass only genders the population source has figures for (SCB:
 *   kvinna/man): answers such as "Annat" or "Vill inte svara" count as "without gender".
 * - Empty cells (no respondents, population > 0) are merged with the neighbouring age band of the same gender:
 *   the neighbour that has respondents, preferring the younger one; if neither has, the younger (the merged
 *   group then keeps merging until it has respondents). Each merge is returned (`into` is the cell with
 *   respondents that the group ends up in) and stated in `method`.
 * - Population shares are taken over the represented population, so the weights of the weighted respondents sum
 *   to their number. Respondents WITHOUT age or gender get weight 1 (docs/domain/statistics.md#post-stratification): the caller looks a
 *   respondent up with `respondentWeight(result.weights, ageBand, gender)`, which returns 1 for them. Because the
 *   weighted respondents' weights sum to their count, the total weight equals the number of respondents.
 * - Throws if a cell group has respondents but no population figure (weight 0 would silently drop answers).
 */
export function postStratify(input: {
  population: Record<CellKey, number>;
  sample: Record<CellKey, number>;
  ageBands: readonly string[];
  genders: readonly string[];
  /** Population source for the method text, e.g. "SCB, 31 december 2024". */
  source?: string;
}): PostStratification {
  const { population, sample, ageBands, genders, source } = input;
  type Group = { bands: number[]; pop: number; n: number };
  const groupsByGender = new Map<string, Group[]>();
  const merges: { from: CellKey; into: CellKey }[] = [];
  const unrepresented: string[] = [];

  for (const gender of genders) {
    const groups: Group[] = ageBands.map((band, i) => {
      const pop = population[cellKey(band, gender)] ?? 0;
      const n = sample[cellKey(band, gender)] ?? 0;
      assertFiniteNonNegative(pop, `population[${cellKey(band, gender)}]`);
      assertFiniteNonNegative(n, `sample[${cellKey(band, gender)}]`);
      return { bands: [i], pop, n };
    });
    if (groups.every((g) => g.n === 0)) {
      if (groups.some((g) => g.pop > 0)) unrepresented.push(gender);
      continue;
    }
    const emptyBands: number[] = [];
    for (;;) {
      const index = groups.findIndex((g) => g.n === 0 && g.pop > 0);
      if (index < 0) break;
      const younger = groups[index - 1];
      const older = groups[index + 1];
      const target =
        younger && younger.n > 0 ? index - 1 : older && older.n > 0 ? index + 1 : younger ? index - 1 : index + 1;
      const [a, b] = [Math.min(index, target), Math.max(index, target)];
      const first = groups[a] as Group;
      const second = groups[b] as Group;
      for (const band of (groups[index] as Group).bands) {
        if ((sample[cellKey(ageBands[band] as string, gender)] ?? 0) === 0) emptyBands.push(band);
      }
      groups.splice(a, 2, { bands: [...first.bands, ...second.bands], pop: first.pop + second.pop, n: first.n + second.n });
    }
    for (const band of [...new Set(emptyBands)].sort((x, y) => x - y)) {
      const group = groups.find((g) => g.bands.includes(band)) as Group;
      const anchor = group.bands.find((b) => (sample[cellKey(ageBands[b] as string, gender)] ?? 0) > 0) as number;
      merges.push({ from: cellKey(ageBands[band] as string, gender), into: cellKey(ageBands[anchor] as string, gender) });
    }
    groupsByGender.set(gender, groups);
  }

  let totalPop = 0;
  let totalN = 0;
  for (const groups of groupsByGender.values()) {
    for (const g of groups) {
      totalPop += g.pop;
      totalN += g.n;
    }
  }
  const weights: Record<CellKey, number> = {};
  for (const [gender, groups] of groupsByGender) {
    for (const g of groups) {
      if (g.n === 0) continue; // a group with neither respondents nor population: nobody to weight
      if (g.pop === 0) {
        const cells = g.bands.map((b) => cellKey(ageBands[b] as string, gender)).join(", ");
        throw new RangeError(`No population figure for ${cells}, which has respondents`);
      }
      const weight = g.pop / totalPop / (g.n / totalN);
      for (const band of g.bands) weights[cellKey(ageBands[band] as string, gender)] = weight;
    }
  }

  const label = (key: CellKey) => {
    const [band, gender] = key.split("|");
    return `${gender}, ${band}`;
  };
  let method =
    `Vägning efter ålder och kön (poststratifiering) mot befolkningen${source ? ` enligt ${source}` : ""}: ` +
    "varje svarandes vikt är den egna gruppens andel av befolkningen delad med gruppens andel av de svarande. " +
    "Svarande utan uppgift om ålder eller kön har vikten 1.";
  if (merges.length > 0) {
    method +=
      " Grupper utan svarande har slagits ihop med närmaste åldersgrupp av samma kön: " +
      merges.map((m) => `${label(m.from)} med ${label(m.into)}`).join("; ") +
      ".";
  }
  if (unrepresented.length > 0) {
    method += ` Det finns inga svarande med kön ${unrepresented.join(", ")}; den delen av befolkningen ingår inte i vägningen.`;
  }
  return { weights, merges, unrepresented, method };
}

/** A respondent's weight: the cell weight, or 1 when age band or gender is missing or outside the weighting cells. */
export function respondentWeight(
  weights: Record<CellKey, number>,
  ageBand: string | null | undefined,
  gender: string | null | undefined,
): number {
  if (ageBand == null || gender == null) return 1;
  return weights[cellKey(ageBand, gender)] ?? 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Indicator shares

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
 * The indicator share of one item (docs/domain/statistics.md#indicator-shares, #vet-ej): problem (n4 + n3)/(answered − dont_know); safety
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

// ---------------------------------------------------------------------------------------------------------------
// Privacy of small groups

/** The minimum base (docs/domain/statistics.md#minimum-base). A setting may raise it, never lower it. */
export const MIN_BASE = 5;

/** max(5, setting): a survey or organisation setting can raise the minimum base but never lower it. */
export function effectiveMinBase(setting?: number | null): number {
  if (setting == null || !Number.isFinite(setting)) return MIN_BASE;
  return Math.max(MIN_BASE, Math.ceil(setting));
}

export type SuppressionReason = "below_min_base" | "complementary";

/** A count as it may be shown: `n` is null when suppressed (show "färre än 5 svar", never 0 or a gap). */
export type SuppressedCount = { key: string; n: number | null; suppressed: boolean; reason: SuppressionReason | null };

/**
 * Whether a share, interval or mean with this (unweighted) base must be suppressed: base < minBase. Unlike a
 * count, a share with base 0 is also "suppressed" (there is no share; the reason "färre än 5 svar" is true).
 */
export function suppressShare(
  base: number,
  minBase: number = MIN_BASE,
): { suppressed: boolean; reason: "below_min_base" | null } {
  const suppressed = base < effectiveMinBase(minBase);
  return { suppressed, reason: suppressed ? "below_min_base" : null };
}

/** Row/column key of the margins in `suppressTable` keys: `${row}|total`, `total|${col}`, `total|total`. */
export const TOTAL_KEY = "total";

export type SuppressedTable = {
  /** [row][col], key `${row}|${col}`. */
  cells: SuppressedCount[][];
  /** One per row (key `${row}|total`), or null when row totals are not shown. */
  rowTotals: SuppressedCount[] | null;
  /** One per column (key `total|${col}`), or null when column totals are not shown. */
  colTotals: SuppressedCount[] | null;
  /** The overall total (key `total|total`), or null when it is not shown. */
  grandTotal: SuppressedCount | null;
};

type Entry = { key: string; n: number; lines: number[]; reason: SuppressionReason | null };
/** A relation shown to the reader: the parts add up to the total. Ids index the entry list. */
type Line = { parts: number[]; total: number };

/**
 * The suppression engine shared by `suppressTable` and `suppressBreakdown`: primary suppression, then the
 * line, bound and bridge rules (documented at `suppressTable`) until nothing changes. Mutates `entries`.
 */
function runSuppression(entries: Entry[], lines: Line[], threshold: number): void {
  lines.forEach((line, index) => {
    for (const id of [...line.parts, line.total]) (entries[id] as Entry).lines.push(index);
  });

  // 1. Primary suppression: counts below the minimum base, and zeros whose group (line total) is below it.
  const small = (n: number) => n > 0 && n < threshold;
  for (const e of entries) if (small(e.n)) e.reason = "below_min_base";
  for (const line of lines) {
    if (!small((entries[line.total] as Entry).n)) continue;
    for (const id of line.parts) (entries[id] as Entry).reason = "below_min_base";
  }

  const hidden = (id: number) => (entries[id] as Entry).reason !== null;
  const lineEntries = (line: Line) => [...line.parts, line.total];
  /** Smallest shown candidate: non-zero before zero, then smallest n, then first in order. */
  const pick = (candidates: readonly number[]): number | null => {
    let best: number | null = null;
    for (const id of candidates) {
      if (hidden(id)) continue;
      if (best === null) {
        best = id;
        continue;
      }
      const a = (entries[id] as Entry).n;
      const b = (entries[best] as Entry).n;
      if ((b === 0 && a > 0) || ((a > 0) === (b > 0) && (a < b || (a === b && id < best)))) best = id;
    }
    return best;
  };
  const suppress = (id: number | null): boolean => {
    if (id === null) return false;
    (entries[id] as Entry).reason = "complementary";
    return true;
  };

  // a. Every line has 0 or ≥ 2 suppressed entries (cells and total).
  const lineRule = (): boolean => {
    for (const line of lines) {
      const ids = lineEntries(line);
      if (ids.filter(hidden).length === 1 && suppress(pick(ids))) return true;
    }
    return false;
  };

  // b. No hidden entry may be pinned down by its line's sum and what a reader knows of hidden entries: one hidden
  //    as below the minimum base lies in [1, threshold − 1] (zeros are shown), any other hidden entry in [0, ∞).
  //    The line reads Σ hidden parts − (hidden total) = rhs, with rhs from the shown figures.
  //    A hidden part of a line whose total is hidden as below the minimum base may be one of its zeros.
  const inSmallGroup = (id: number) =>
    (entries[id] as Entry).lines.some((index) => {
      const line = lines[index] as Line;
      return line.total !== id && (entries[line.total] as Entry).reason === "below_min_base";
    });
  const bounds = (id: number): [number, number] =>
    (entries[id] as Entry).reason === "below_min_base"
      ? [inSmallGroup(id) ? 0 : 1, threshold - 1]
      : [0, Number.POSITIVE_INFINITY];
  const pinned = (line: Line): boolean => {
    const terms = lineEntries(line)
      .filter(hidden)
      .map((id) => ({ id, c: id === line.total ? -1 : 1, b: bounds(id) }));
    if (terms.length === 0) return false;
    const shownParts = line.parts.filter((id) => !hidden(id)).reduce((acc, id) => acc + (entries[id] as Entry).n, 0);
    const rhs = (hidden(line.total) ? 0 : (entries[line.total] as Entry).n) - shownParts;
    return terms.some((term) => {
      let min = 0;
      let max = 0;
      for (const other of terms) {
        if (other === term) continue;
        min += other.c === 1 ? other.b[0] : -other.b[1];
        max += other.c === 1 ? other.b[1] : -other.b[0];
      }
      // term.c · x = rhs − Σ others, so x lies in this range intersected with its own bounds.
      const [from, to] = term.c === 1 ? [rhs - max, rhs - min] : [min - rhs, max - rhs];
      return Math.min(to, term.b[1]) - Math.max(from, term.b[0]) <= 0;
    });
  };
  const boundRule = (): boolean => {
    for (const line of lines) if (pinned(line) && suppress(pick(lineEntries(line)))) return true;
    return false;
  };

  // c. No suppressed entry may be a bridge of the graph (nodes: lines, plus F for "in no further line";
  //    edges: suppressed entries). The system Σ parts − total = known over the suppressed entries is a network
  //    flow problem (rows and columns are the two sides of a bipartite graph), so an entry is determined by the
  //    shown figures exactly when no cycle of suppressed entries passes through it.
  const F = lines.length;
  const endpoints = (id: number): [number, number] => {
    const ls = (entries[id] as Entry).lines;
    return [ls[0] ?? F, ls[1] ?? F];
  };
  const bridgeRule = (): boolean => {
    const hiddenIds = entries.map((_, id) => id).filter(hidden);
    for (const bridge of hiddenIds) {
      const [u, v] = endpoints(bridge);
      if (u === v) continue; // a loop (an entry in no line) is never determined
      const adjacency = new Map<number, number[]>();
      for (const id of hiddenIds) {
        if (id === bridge) continue;
        const [a, b] = endpoints(id);
        adjacency.set(a, [...(adjacency.get(a) ?? []), b]);
        adjacency.set(b, [...(adjacency.get(b) ?? []), a]);
      }
      const reach = (start: number) => {
        const seen = new Set([start]);
        const stack = [start];
        while (stack.length > 0) {
          for (const next of adjacency.get(stack.pop() as number) ?? []) {
            if (!seen.has(next)) {
              seen.add(next);
              stack.push(next);
            }
          }
        }
        return seen;
      };
      const sideU = reach(u);
      if (sideU.has(v)) continue; // on a cycle: not determined
      const sideV = reach(v);
      const candidates = entries
        .map((_, id) => id)
        .filter((id) => {
          const [a, b] = endpoints(id);
          return (sideU.has(a) && sideV.has(b)) || (sideU.has(b) && sideV.has(a));
        });
      if (suppress(pick(candidates))) return true;
    }
    return false;
  };

  // Each round suppresses one more entry, so this ends after at most entries.length rounds.
  for (let round = 0; round <= entries.length; round++) {
    if (!(lineRule() || boundRule() || bridgeRule())) break;
  }
}

const shown = (e: Entry): SuppressedCount => ({
  key: e.key,
  n: e.reason ? null : e.n,
  suppressed: e.reason !== null,
  reason: e.reason,
});

/**
 * Suppression of a crossed breakdown with optional margins (docs/domain/statistics.md#primary-suppression,
 * #complementary-suppression).
 *
 * Rules, applied to interior cells AND the shown margins (a total below the minimum base is a count below it):
 * 1. Primary ("below_min_base"): a count with 0 < n < minBase; and every cell of a row, column or breakdown
 *    whose total is 0 < total < minBase, zeros included (the base of those counts is below the minimum). Other
 *    zeros stay shown: a 0 describes no respondent, so it identifies nobody, and hiding zeros would blank most
 *    of a sparse table for no protection. The price is that a reader knows such a hidden cell is ≥ 1; rule b
 *    accounts for that. (A share with base 0 is a different matter, see `suppressShare`.)
 * 2. Complementary ("complementary"), iterated until nothing changes:
 *    a. Line rule (the contract's rule): every row, column or margin line whose total is shown has 0 or ≥ 2
 *       suppressed cells; more generally every line (its cells plus its total) has 0 or ≥ 2 suppressed entries,
 *       so a suppressed total cannot be recovered by adding up its cells either. The complement is the smallest
 *       shown entry of the line with n > 0 (a zero only if nothing else is left): hiding a 0 beside a 3 would
 *       tell the reader that the hidden pair adds up to 3.
 *    b. Bound rule: a line's sum can pin hidden entries down even with two hidden, given what a reader knows
 *       of them: a cell hidden as "below_min_base" lies in 1..minBase−1 (zeros are shown), any other hidden
 *       entry is ≥ 0. Hidden 1 + 1 = 2 means both are 1; with minBase 5, 4 + 4 = 8 means both are 4; a hidden
 *       1 beside a hidden complementary 0 is pinned by a sum of 1. Such a line gets one more complement.
 *    c. Across lines: combining rows and columns can recover a cell even when every line has ≥ 2 suppressed
 *       (two separate "rectangles" of suppressed cells linked by one cell). Such a cell (a bridge in the graph
 *       of lines and suppressed entries) gets a complement that closes a cycle through it.
 *    Limits: this prevents exact recovery from the table's own sums and single-line bounds. It is not a full
 *    linear-programming audit: a reader can still narrow a hidden cell to a range. The UI should draw every
 *    suppressed figure the same way and must take every total it shows from this result.
 *
 * `options.grandTotal` (default true): whether the overall total is known to the reader (it usually is: the
 * number of respondents is shown with the figure). With no margins it makes the whole table one line.
 * Counts must be unweighted respondent counts; margins are the sums of the cells.
 */
export function suppressTable(
  rows: readonly string[],
  cols: readonly string[],
  counts: readonly (readonly number[])[],
  minBase: number = MIN_BASE,
  options: { rowTotals: boolean; colTotals: boolean; grandTotal?: boolean } = { rowTotals: false, colTotals: false },
): SuppressedTable {
  if (counts.length !== rows.length || counts.some((r) => r.length !== cols.length)) {
    throw new RangeError("counts must have one row per row key and one column per column key");
  }
  const { rowTotals, colTotals } = options;
  const grandTotal = (options.grandTotal ?? true) && rows.length > 0 && cols.length > 0;

  const entries: Entry[] = [];
  const add = (key: string, n: number): number => {
    assertFiniteNonNegative(n, `count ${key}`);
    entries.push({ key, n, lines: [], reason: null });
    return entries.length - 1;
  };
  const sum = (ids: readonly number[]) => ids.reduce((s, id) => s + (entries[id] as Entry).n, 0);
  const cellIds = rows.map((row, i) => cols.map((col, j) => add(`${row}|${col}`, counts[i]?.[j] ?? 0)));
  const colIds = (j: number) => cellIds.map((r) => r[j] as number);
  const rowTotalIds = rowTotals ? rows.map((row, i) => add(`${row}|${TOTAL_KEY}`, sum(cellIds[i] as number[]))) : null;
  const colTotalIds = colTotals ? cols.map((col, j) => add(`${TOTAL_KEY}|${col}`, sum(colIds(j)))) : null;
  const grandId = grandTotal ? add(`${TOTAL_KEY}|${TOTAL_KEY}`, sum(cellIds.flat())) : null;

  const lines: Line[] = [];
  rowTotalIds?.forEach((total, i) => lines.push({ parts: cellIds[i] as number[], total }));
  colTotalIds?.forEach((total, j) => lines.push({ parts: colIds(j), total }));
  if (grandId !== null) {
    if (rowTotalIds) lines.push({ parts: rowTotalIds, total: grandId });
    if (colTotalIds) lines.push({ parts: colTotalIds, total: grandId });
    if (!rowTotalIds && !colTotalIds) lines.push({ parts: cellIds.flat(), total: grandId });
  }

  runSuppression(entries, lines, effectiveMinBase(minBase));
  const out = (id: number) => shown(entries[id] as Entry);
  return {
    cells: cellIds.map((r) => r.map(out)),
    rowTotals: rowTotalIds ? rowTotalIds.map(out) : null,
    colTotals: colTotalIds ? colTotalIds.map(out) : null,
    grandTotal: grandId === null ? null : out(grandId),
  };
}

/**
 * A one-way breakdown with an optional shown total: the cells and the total as they may be shown, by the rules
 * of `suppressTable` (the cells and the total form one line). The total is the caller's (for a checkbox question
 * it is the number of respondents, not the sum of the cells; treating the cells as adding up to it is the
 * cautious assumption). The total itself is suppressed when below the minimum base, or, rarely, as a complement
 * (cells 4 and 4 and nothing else: a shown total of 8 would reveal both), so always show `total` from here.
 */
export function suppressBreakdown(
  cells: readonly { key: string; n: number }[],
  total: number | null,
  minBase: number = MIN_BASE,
): { cells: SuppressedCount[]; total: SuppressedCount | null } {
  const entries: Entry[] = cells.map((c) => {
    assertFiniteNonNegative(c.n, `count ${c.key}`);
    return { key: c.key, n: c.n, lines: [], reason: null };
  });
  const lines: Line[] = [];
  if (total !== null) {
    assertFiniteNonNegative(total, "total");
    entries.push({ key: TOTAL_KEY, n: total, lines: [], reason: null });
    lines.push({ parts: cells.map((_, i) => i), total: cells.length });
  }
  runSuppression(entries, lines, effectiveMinBase(minBase));
  return {
    cells: entries.slice(0, cells.length).map(shown),
    total: total === null ? null : shown(entries[cells.length] as Entry),
  };
}

/**
 * The cells of a one-way breakdown as they may be shown (see `suppressBreakdown`, which also returns the total;
 * use that one when the total is displayed, since the total itself may have to be suppressed).
 */
export function suppressCounts(
  cells: readonly { key: string; n: number }[],
  total: number | null,
  minBase: number = MIN_BASE,
): SuppressedCount[] {
  return suppressBreakdown(cells, total, minBase).cells;
}

// ---------------------------------------------------------------------------------------------------------------
// Theme ranking across sources

export const SOURCE_KEYS = ["citizen", "staff", "meetings", "freetext"] as const;
export type SourceKey = (typeof SOURCE_KEYS)[number];

export const DEFAULT_WEIGHTS: Readonly<Record<SourceKey, number>> = {
  citizen: 0.5,
  staff: 0.25,
  meetings: 0.15,
  freetext: 0.1,
};

export type ThemeScore<T extends string = ThemeKey> = {
  theme: T;
  /** Σ w_s · score_s / Σ w_s over the sources with data for the theme; null if their weights sum to 0. */
  score: number | null;
  /** Every source with data for the theme, in SOURCE_KEYS order (also those with weight 0). */
  parts: { source: SourceKey; score: number; weight: number }[];
};

/**
 * Combined theme scores (docs/domain/statistics.md#combined-score), sorted by score, highest first (ties and
 * nulls: null last, then THEME_KEYS order, then by key).
 *
 * "Over the sources that have data" is decided PER THEME: a source counts for theme t when it gives a score for
 * t. A missing key means "this source does not measure t" (e.g. no citizen-survey item on cooperation, or no
 * staff survey at all) and must not pull the theme down; a measured-but-absent theme must be given as 0 by
 * whoever computes the source scores (a meeting series that never raised t has score 0 for t, not no score).
 * Deciding per source overall would instead penalise every theme a source cannot measure.
 *
 * Scores must lie in [0, 1]; non-finite scores count as no data. Weights default to DEFAULT_WEIGHTS per missing
 * source and must be ≥ 0.
 */
export function combineThemeScores<T extends string = ThemeKey>(input: {
  sources: Partial<Record<SourceKey, Partial<Record<T, number>>>>;
  weights?: Partial<Record<SourceKey, number>>;
}): ThemeScore<T>[] {
  const weights = { ...DEFAULT_WEIGHTS, ...input.weights };
  for (const s of SOURCE_KEYS) assertFiniteNonNegative(weights[s], `weights.${s}`);
  const themes = new Set<T>();
  for (const s of SOURCE_KEYS) {
    for (const [theme, score] of Object.entries(input.sources[s] ?? {}) as [T, number | undefined][]) {
      if (score === undefined || !Number.isFinite(score)) continue;
      if (score < 0 || score > 1) throw new RangeError(`score of ${theme} from ${s} must lie in [0, 1] (got ${score})`);
      themes.add(theme);
    }
  }
  const result: ThemeScore<T>[] = [...themes].map((theme) => {
    const parts = SOURCE_KEYS.flatMap((source) => {
      const score = (input.sources[source] as Partial<Record<T, number>> | undefined)?.[theme];
      return score !== undefined && Number.isFinite(score) ? [{ source, score, weight: weights[source] }] : [];
    });
    const weightSum = parts.reduce((s, p) => s + p.weight, 0);
    const score = weightSum > 0 ? parts.reduce((s, p) => s + p.weight * p.score, 0) / weightSum : null;
    return { theme, score, parts };
  });
  const order = (theme: string) => {
    const i = (THEME_KEYS as readonly string[]).indexOf(theme);
    return i < 0 ? THEME_KEYS.length : i;
  };
  return result.sort(
    (a, b) =>
      (b.score ?? -1) - (a.score ?? -1) || order(a.theme) - order(b.theme) || (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting

const LOCALE_TAGS: Readonly<Record<string, string>> = { sv: "sv-SE", en: "en-GB", fi: "fi-FI" };
const localeTag = (locale: string) => LOCALE_TAGS[locale] ?? locale;

/**
 * A share as a percentage: formatPercent(0.62) → "62 %" (Swedish: no-break space U+00A0 before %; English
 * "62%"). Rounds half away from zero.
 */
export function formatPercent(p: number, locale: string = "sv", decimals: number = 0): string {
  return new Intl.NumberFormat(localeTag(locale), {
    style: "percent",
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(p);
}

/** The ± of a share: the larger side of its interval, in whole percentage points (max(p − low, high − p)). */
export function marginPp(share: { p: number; low: number; high: number }): number {
  return Math.round(Math.max(share.p - share.low, share.high - share.p) * 100);
}

/** "±3" */
export function formatMargin(share: { p: number; low: number; high: number }): string {
  return `±${marginPp(share)}`;
}

const PP_WORDS: Readonly<Record<string, [one: string, many: string]>> = {
  sv: ["procentenhet", "procentenheter"],
  en: ["percentage point", "percentage points"],
  fi: ["prosenttiyksikkö", "prosenttiyksikköä"],
};

/**
 * A difference of shares (a proportion: −0.041) in percentage points: "−4,1 procentenheter" (true minus sign
 * U+2212 in Swedish), "+2,0 procentenheter", "0,0 procentenheter".
 */
export function formatPp(diff: number, locale: string = "sv", decimals: number = 1): string {
  const number = new Intl.NumberFormat(localeTag(locale), {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: "exceptZero",
  }).format(diff * 100);
  const [one, many] = PP_WORDS[locale] ?? PP_WORDS.en ?? ["percentage point", "percentage points"];
  const isOne = Math.abs(Number((diff * 100).toFixed(decimals))) === 1 && decimals === 0;
  return `${number} ${isOne ? one : many}`;
}

/**
 * "62 % (±3) av de svarande i Haparanda anser att narkotikaförsäljning är ett stort problem": the share,
 * the ± of its interval in whole percentage points, and the subject, which carries the rest of the sentence.
 */
export function describeShareSv(input: { share: number; low: number; high: number; subject: string }): string {
  const { share, low, high, subject } = input;
  return `${formatPercent(share, "sv")} (${formatMargin({ p: share, low, high })}) av ${subject}`;
}
