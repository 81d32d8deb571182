/**
 * Cell-key perturbation of published counts, for every count of answers the app shows (docs/decisions/014-cell-key-perturbation.md, docs/privacy.md).
 *
 * Every response carries a random record key 0..255 fixed when it is stored; a count's cell key is the sum of its
 * records' keys mod 256. The published count is the true count plus a noise read from the perturbation table
 * (`PTABLE`) at (count, cell key). The same set of respondents therefore always gets the same figure, however the
 * view that counts it is reached, and the difference of two published figures carries the noise of both.
 *
 * The table (zero mean, at most MAX_DEVIATION away, variance ≈ 0.84 where the count allows, small tails):
 * - 0 stays 0 (an empty cell gains no one); 1–4 stay as they are: small-cell suppression (statistics-suppression.ts)
 *   hides them on top, so they are never shown;
 * - 5 stays 5 (a noise must keep 5 or more at 5 or more, and a zero mean then allows none);
 * - 6 moves by −1 (82/256), 0 (98/256), +1 (70/256), +2 (6/256);
 * - 7 and more move by −2 and +2 (6/256 each), −1 and +1 (84/256 each) or 0 (76/256).
 * Why these values: docs/decisions/014-cell-key-perturbation.md.
 * So a published count is 0, or 1–4 exactly when the true count is (both suppressed), or 5 and more exactly when
 * the true count is: suppression decides the same on published and on true counts.
 */

/** What the API reports as `protection`. */
export const PROTECTION = { method: "cell_key", max_deviation: 2 } as const;
export type Protection = typeof PROTECTION;
export const MAX_DEVIATION = PROTECTION.max_deviation;

/** Counts below this are left as they are (suppressed on top). */
const SMALLEST_PERTURBED = 5;

/** Per row (true count, capped at the last row), the noises and their share of the 256 cell keys. */
const PTABLE: readonly (readonly [noise: number, slots: number][])[] = [
  [[0, 256]], // 5
  [
    [-1, 82],
    [0, 98],
    [1, 70],
    [2, 6],
  ], // 6
  [
    [-2, 6],
    [-1, 84],
    [0, 76],
    [1, 84],
    [2, 6],
  ], // 7 and more
];

/**
 * The noise of the key (0..255) in a row: the keys are spread over the noises in an order mixed by the key's bit
 * reversal, so neighbouring keys (a cell and the same cell with one record of key 1 more) do not get neighbouring
 * noises.
 */
function noiseOf(row: readonly (readonly [number, number])[], key: number): number {
  let slot = reverseByte(key & 255);
  for (const [noise, slots] of row) {
    if (slot < slots) return noise;
    slot -= slots;
  }
  return 0;
}

function reverseByte(b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) r = (r << 1) | ((b >> i) & 1);
  return r;
}

/** The published count of a true count `n` whose records' keys sum to `key` (mod 256). */
export function perturb(n: number, key: number): number {
  if (n < SMALLEST_PERTURBED) return n;
  const row = PTABLE[Math.min(n - SMALLEST_PERTURBED, PTABLE.length - 1)]!;
  return n + noiseOf(row, key);
}

/** The noise distribution of a true count (for tests and docs): noise → probability. */
export function noiseDistribution(n: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let key = 0; key < 256; key++) {
    const v = perturb(n, key) - n;
    out.set(v, (out.get(v) ?? 0) + 1 / 256);
  }
  return out;
}

/** The published count of `n` answers whose record keys (`response.cell_key`) sum to `keySum` (any size). */
export function publishCount(n: number, keySum: number): number {
  return perturb(n, ((keySum % 256) + 256) % 256);
}
