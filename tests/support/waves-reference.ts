import { expect } from "vitest";
import { PROBLEM, SAFETY, type Data } from "./reference-stats";
import { published } from "./published";

// An indicator of the comparison and weighting tests computed independently from the raw rows, written from
// docs/domain/statistics.md#comparison-over-time, #weighting and "Perturbed counts (cell key)", not the app's code.

export type Item = {
  name: string;
  value: (d: Data) => string | undefined;
  /** The options of the item's scale: each is counted as its own published figure. */
  options: string[];
  yes: string[];
  excluded: string[];
};
export const problemItem = (row: string): Item => ({
  name: `problems.${row}`,
  value: (d) => (d.problems as Data | undefined)?.[row] as string | undefined,
  options: PROBLEM,
  yes: ["4", "3"],
  excluded: ["dont_know"],
});
export const SAFETY_ITEM: Item = {
  name: "safe_night_area",
  value: (d) => d.safe_night_area as string | undefined,
  options: SAFETY,
  yes: ["rather_unsafe", "very_unsafe"],
  excluded: ["dont_know"],
};

/** A raw row with its record key (`response.cell_key`). */
export type KeyedData = { d: Data; cell_key: number };

/** The rows grouped by their age band × gender cell (no answer is a cell of its own, as in a breakdown). */
export function byCell<T extends KeyedData>(rows: readonly T[]): T[][] {
  const cells = new Map<string, T[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.d.age_band ?? null, r.d.gender ?? null]);
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  return [...cells.values()];
}

/**
 * k and base of an indicator over rows as the app publishes them: every option's holders are a published count
 * (tests/support/published.ts), the base the sum of the published counts of the options not excluded, k the sum of
 * the numerator's. With weights (a weight per age band × gender cell): each option's published count per cell times
 * the cell's weight, and Σw² over the base's published counts for the Kish n_eff.
 */
export function indicatorRef(item: Item, rows: readonly KeyedData[], weight?: (d: Data) => number) {
  let k = 0;
  let base = 0;
  let base2 = 0;
  let n = 0;
  for (const cell of weight ? byCell(rows) : [rows]) {
    const w = weight && cell.length ? weight(cell[0]!.d) : 1;
    for (const option of item.options) {
      if (item.excluded.includes(option)) continue;
      const count = published(cell.filter((r) => item.value(r.d) === option));
      n += count;
      base += w * count;
      base2 += w * w * count;
      if (item.yes.includes(option)) k += w * count;
    }
  }
  return { k, base, n, nEff: base2 > 0 ? (base * base) / base2 : 0 };
}

export function close(actual: number | null | undefined, expected: number, what: string, eps = 1e-9) {
  expect(actual, what).not.toBeNull();
  expect(actual, what).not.toBeUndefined();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(eps);
}
