/**
 * Uncertainty of shares: Wilson intervals (plain and weighted on the Kish effective sample size), the two-
 * proportion test between waves, and the effective sample size itself (docs/domain/statistics.md). Pure functions,
 * part of the statistics face `./statistics` (its header states the conventions).
 */

/** The 97.5th percentile of the standard normal distribution, as docs/domain/statistics.md#wilson-interval prescribes. */
export const Z95 = 1.959964;

/** A share with its 95% interval. `p` is the observed share k/n (not the Wilson centre). */
export type ShareInterval = { p: number; low: number; high: number };

/** Throws a RangeError unless `value` is a finite number ≥ 0 (shared by the statistics modules). */
export function assertFiniteNonNegative(value: number, name: string): void {
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
export function wilsonWeighted(
  weightedK: number,
  weightedN: number,
  effectiveN: number,
  z: number = Z95,
): ShareInterval | null {
  assertFiniteNonNegative(weightedK, "weightedK");
  assertFiniteNonNegative(weightedN, "weightedN");
  assertFiniteNonNegative(effectiveN, "effectiveN");
  if (weightedN === 0 || effectiveN === 0) return null;
  if (weightedK > weightedN * (1 + EPS))
    throw new RangeError(`weightedK (${weightedK}) must not exceed weightedN (${weightedN})`);
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
  // Published counts may exceed their base by the cell-key noise (docs/decisions/014-cell-key-perturbation.md).
  k1 = Math.min(k1, n1);
  k2 = Math.min(k2, n2);
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
