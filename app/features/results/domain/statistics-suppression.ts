/**
 * Privacy of small groups: the minimum base, and suppression of shares, breakdowns and tables (complementary
 * suppression included) (docs/domain/statistics.md). Pure functions, part of the statistics face `./statistics`
 * (its header states the conventions).
 */
import { assertFiniteNonNegative } from "./statistics-intervals";

/** The minimum base of docs/domain/statistics.md#minimum-base. A setting may raise it, never lower it. */
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
      if ((b === 0 && a > 0) || (a > 0 === b > 0 && (a < b || (a === b && id < best)))) best = id;
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
 * Suppression of a crossed breakdown with optional margins (docs/domain/statistics.md#breakdowns).
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
  options: {
    rowTotals: boolean;
    colTotals: boolean;
    grandTotal?: boolean;
    /**
     * Published margins to show instead of the sums of the cells: with perturbed counts (cell-key, docs/privacy.md)
     * a margin is its own published count, which the cells' sum only approximates.
     */
    margins?: { rows?: readonly number[]; cols?: readonly number[]; grand?: number };
  } = { rowTotals: false, colTotals: false },
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
  const m = options.margins;
  const rowTotalIds = rowTotals
    ? rows.map((row, i) => add(`${row}|${TOTAL_KEY}`, m?.rows?.[i] ?? sum(cellIds[i] as number[])))
    : null;
  const colTotalIds = colTotals
    ? cols.map((col, j) => add(`${TOTAL_KEY}|${col}`, m?.cols?.[j] ?? sum(colIds(j))))
    : null;
  const grandId = grandTotal ? add(`${TOTAL_KEY}|${TOTAL_KEY}`, m?.grand ?? sum(cellIds.flat())) : null;

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
