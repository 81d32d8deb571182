/**
 * Coarsening of demographics in the anonymised-answers export (docs/domain/statistics.md#raw-answer-export: the
 * raw-answer export coarsens area, age band and gender on rows whose combination has fewer than the minimum base).
 * Pure: no database, so it is unit-tested on its own.
 *
 * The rule (local recoding, from the finest column up): gender within each (area, age band), then age band within
 * each area, then area within the whole file. At each level a value ("child") is hidden when it holds a shown
 * combination of fewer than `minBase` rows; when the rows hidden under one parent then number 1..minBase−1, the
 * smallest shown children of that parent are hidden too until they reach minBase (or nothing is left), so the
 * hidden rows cannot be told apart by elimination. Hiding a value hides the finer columns of those rows as well.
 * Result: every combination the file shows (hidden columns included as "hidden") has 0 or ≥ minBase rows
 * (k-anonymity on area, age band and gender, k = minBase), provided the file has ≥ minBase rows at all.
 * A missing value (not answered) is a value of its own, shown as empty; a hidden one is shown as HIDDEN.
 */

export const DEMOGRAPHIC_KEYS = ["area", "age_band", "gender"] as const;
export type DemographicKey = (typeof DEMOGRAPHIC_KEYS)[number];
export type Demographics = Record<DemographicKey, string | null>;

/** What a hidden value reads as in the file. */
export const HIDDEN = "(dold)";

const HIDE = Symbol("hidden");
type Cell = string | null | typeof HIDE;

/**
 * The demographics of each row as they may be exported (same order as `rows`): the value, null when not given,
 * or HIDDEN.
 */
export function coarsenDemographics(
  rows: readonly Demographics[],
  minBase: number,
): Record<DemographicKey, string | null>[] {
  const cells: Cell[][] = rows.map((r) => DEMOGRAPHIC_KEYS.map((k) => r[k]));
  const key = (c: readonly Cell[]) => JSON.stringify(c.map((x) => (x === HIDE ? { h: 1 } : x)));
  // Levels from the finest column: 2 = gender (parent: area, age band), 1 = age band (parent: area), 0 = area.
  for (let level = DEMOGRAPHIC_KEYS.length - 1; level >= 0; level--) {
    // The size of every shown combination, as the file would show it now.
    const classSize = new Map<string, number>();
    for (const c of cells) classSize.set(key(c), (classSize.get(key(c)) ?? 0) + 1);
    // Rows grouped by parent (the coarser columns), then by their value at this level.
    const parents = new Map<string, Map<string, number[]>>();
    cells.forEach((c, i) => {
      if (c.slice(0, level).some((x) => x === HIDE) || c[level] === HIDE) return; // already hidden above
      const p = key(c.slice(0, level));
      let children = parents.get(p);
      if (!children) parents.set(p, (children = new Map()));
      const v = key([c[level]!]);
      children.set(v, [...(children.get(v) ?? []), i]);
    });
    for (const children of parents.values()) {
      const list = [...children.values()];
      const small = (ids: number[]) => ids.some((i) => (classSize.get(key(cells[i]!)) ?? 0) < minBase);
      const hidden = new Set(list.filter(small));
      let hiddenRows = [...hidden].reduce((s, ids) => s + ids.length, 0);
      while (hiddenRows > 0 && hiddenRows < minBase) {
        const next = list.filter((ids) => !hidden.has(ids)).sort((a, b) => a.length - b.length)[0];
        if (!next) break;
        hidden.add(next);
        hiddenRows += next.length;
      }
      for (const ids of hidden)
        for (const i of ids) for (let l = level; l < DEMOGRAPHIC_KEYS.length; l++) cells[i]![l] = HIDE;
    }
  }
  return cells.map(
    (c) =>
      Object.fromEntries(
        DEMOGRAPHIC_KEYS.map((k, i) => [k, c[i] === HIDE ? HIDDEN : (c[i] as string | null)]),
      ) as Record<DemographicKey, string | null>,
  );
}
