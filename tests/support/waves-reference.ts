import { expect } from "vitest";
import type { Data } from "./reference-stats";

// An indicator of the comparison and weighting tests computed independently from the raw rows, written from
// docs/domain/statistics.md#comparison-over-time and #weighting, not the app's code.

export type Item = { name: string; value: (d: Data) => string | undefined; yes: string[]; excluded: string[] };
export const problemItem = (row: string): Item => ({
  name: `problems.${row}`,
  value: (d) => (d.problems as Data | undefined)?.[row] as string | undefined,
  yes: ["4", "3"],
  excluded: ["dont_know"],
});
export const SAFETY_ITEM: Item = {
  name: "safe_night_area",
  value: (d) => d.safe_night_area as string | undefined,
  yes: ["rather_unsafe", "very_unsafe"],
  excluded: ["dont_know"],
};

/** k and base of an indicator over rows (with weights: weighted sums and Σw² of the base). */
export function indicatorRef(item: Item, rows: Data[], weight: (d: Data) => number = () => 1) {
  let k = 0;
  let base = 0;
  let base2 = 0;
  let n = 0;
  for (const d of rows) {
    const v = item.value(d);
    if (v === undefined || item.excluded.includes(v)) continue;
    const w = weight(d);
    n++;
    base += w;
    base2 += w * w;
    if (item.yes.includes(v)) k += w;
  }
  return { k, base, n, nEff: base2 > 0 ? (base * base) / base2 : 0 };
}

export function close(actual: number | null | undefined, expected: number, what: string, eps = 1e-9) {
  expect(actual, what).not.toBeNull();
  expect(actual, what).not.toBeUndefined();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(eps);
}
