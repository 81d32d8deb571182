// Reference arithmetic for the integration tests that recompute the app's figures from the raw rows: a seeded
// generator for synthetic answers and the Wilson interval, written from docs/domain/statistics.md, not the app's code.

/** The minimum base of docs/domain/statistics.md#primary-suppression. */
export const MIN = 5;
/** The 97.5 % quantile of the standard normal distribution (a 95 % interval). */
export const Z = 1.959964;
/** The problem scale of the matrix questions, "vet ej" last. */
export const PROBLEM = ["4", "3", "2", "1", "dont_know"];

/** The safety scale of the "how safe do you feel" questions, "never out" and "vet ej" last. */
export const SAFETY = ["very_safe", "rather_safe", "rather_unsafe", "very_unsafe", "never_out", "dont_know"];

/** One respondent's answers as stored in `response.data`. */
export type Data = Record<string, unknown>;

/** A seeded pseudo-random generator (mulberry32): the same answers run after run. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks an item with probability proportional to its weight. */
export function weightedPick(rnd: () => number) {
  return <T>(items: [T, number][]): T => {
    let r = rnd() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  };
}

/** The share k / n with its Wilson score interval. */
export function wilsonRef(k: number, n: number) {
  const p = k / n;
  const denom = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denom;
  const half = (Z / denom) * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  return { p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
