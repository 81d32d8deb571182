/** Random numbers for the synthetic answers: every draw comes from an `Rng`, never from `Math.random`. */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a tiny 32-bit PRNG, plenty for synthetic data and identical on every platform
 * (only 32-bit integer arithmetic), which `Math.random` is not.
 */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, so that each kommun gets its own stream from the same seed (equal seeds must not mirror kommuner). */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export const chance = (rng: Rng, p: number): boolean => rng() < p;

/** Standard normal by Box–Muller; `1 - rng()` keeps the logarithm finite. */
export function normal(rng: Rng): number {
  const u1 = 1 - rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + Math.max(0, weight), 0);
  let r = rng() * total;
  for (const [item, weight] of items) {
    r -= Math.max(0, weight);
    if (r < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error("pickWeighted needs at least one item.");
  return last[0];
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick needs at least one item.");
  return item;
}

export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** The rng of a run: the seed mixed with the kommun, so kommuner differ at the same seed. */
export function rngFor(seed: number, kommun: string): Rng {
  return mulberry32((seed ^ hashString(kommun)) >>> 0);
}
