import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  MIN_BASE,
  effectiveMinBase,
  suppressBreakdown,
  suppressCounts,
  suppressShare,
  type SuppressedCount,
  type SuppressedTable,
  suppressTable,
} from "./statistics";

describe("minimum base", () => {
  it("can be raised but never lowered", () => {
    expect(MIN_BASE).toBe(5);
    expect(effectiveMinBase()).toBe(5);
    expect(effectiveMinBase(3)).toBe(5);
    expect(effectiveMinBase(10)).toBe(10);
    expect(effectiveMinBase(Number.NaN)).toBe(5);
  });

  it("suppresses shares with a base below it", () => {
    expect(suppressShare(4)).toEqual({ suppressed: true, reason: "below_min_base" });
    expect(suppressShare(0)).toEqual({ suppressed: true, reason: "below_min_base" });
    expect(suppressShare(5)).toEqual({ suppressed: false, reason: null });
    expect(suppressShare(7, 10).suppressed).toBe(true);
    expect(suppressShare(7, 2).suppressed).toBe(false); // 2 is raised to 5
  });
});

/** Every suppressed cell of a one-way breakdown with a shown total can be recovered iff exactly one is hidden. */
const recoverableBySubtraction = (cells: SuppressedCount[], total: number) => {
  const hidden = cells.filter((c) => c.suppressed);
  if (hidden.length !== 1) return null;
  return total - cells.reduce((s, c) => s + (c.n ?? 0), 0);
};

describe("suppressCounts / suppressBreakdown", () => {
  it("suppresses a cell of 3 and, with a total shown, the next smallest cell", () => {
    const cells = [
      { key: "Haparanda", n: 3 },
      { key: "Övertorneå", n: 10 },
      { key: "Kalix", n: 12 },
    ];
    const r = suppressCounts(cells, 25, 5);
    expect(r).toEqual([
      { key: "Haparanda", n: null, suppressed: true, reason: "below_min_base" },
      { key: "Övertorneå", n: null, suppressed: true, reason: "complementary" },
      { key: "Kalix", n: 12, suppressed: false, reason: null },
    ]);
    // THE SUBTRACTION CASE: from 12 and the total 25 the reader learns only that the hidden pair is 13.
    expect(recoverableBySubtraction(r, 25)).toBeNull();
    // Without complementary suppression it would be recoverable: 25 − 10 − 12 = 3.
    const naive = cells.map((c) => ({ key: c.key, n: c.n < 5 ? null : c.n, suppressed: c.n < 5, reason: null }));
    expect(recoverableBySubtraction(naive, 25)).toBe(3);
  });

  it("needs no complement without a total", () => {
    const r = suppressCounts(
      [
        { key: "a", n: 3 },
        { key: "b", n: 10 },
      ],
      null,
    );
    expect(r.map((c) => c.suppressed)).toEqual([true, false]);
  });

  it("shows zeros, and does not use a zero as the complement while a non-zero cell is left", () => {
    expect(
      suppressCounts(
        [
          { key: "a", n: 0 },
          { key: "b", n: 0 },
          { key: "c", n: 12 },
        ],
        12,
      ).map((c) => c.n),
    ).toEqual([0, 0, 12]);
    const r = suppressCounts(
      [
        { key: "a", n: 0 },
        { key: "b", n: 3 },
        { key: "c", n: 12 },
        { key: "d", n: 20 },
      ],
      35,
    );
    expect(r.map((c) => c.reason)).toEqual([null, "below_min_base", "complementary", null]);
    expect(r[0]?.n).toBe(0);
  });

  it("does not let the sum pin two hidden cells down (1 + 1, 4 + 4)", () => {
    // 92 − 50 − 40 = 2 and each hidden cell is ≥ 1 (zeros are shown): both would be 1. So 40 is hidden too.
    const ones = suppressCounts(
      ["Kvinna", "Man", "Annat", "Vill inte svara"].map((key, i) => ({ key, n: [50, 40, 1, 1][i] as number })),
      92,
    );
    expect(ones.map((c) => c.reason)).toEqual([null, "complementary", "below_min_base", "below_min_base"]);
    // 58 − 50 = 8 = 4 + 4 with each ≤ 4: hide 50 as well; the total may stay.
    const fours = suppressBreakdown(
      [4, 4, 50].map((n, i) => ({ key: `k${i}`, n })),
      58,
    );
    expect(fours.cells.map((c) => c.suppressed)).toEqual([true, true, true]);
    expect(fours.total?.n).toBe(58);
    // Cells 4 and 4 and nothing else: the total 8 itself would reveal them.
    const onlyFours = suppressBreakdown(
      [
        { key: "a", n: 4 },
        { key: "b", n: 4 },
        { key: "c", n: 0 },
      ],
      8,
    );
    expect(onlyFours.total).toEqual({ key: "total", n: null, suppressed: true, reason: "complementary" });
  });

  it("suppresses the total and every cell, zeros included, when the total is below the minimum base", () => {
    const r = suppressBreakdown(
      [
        { key: "a", n: 3 },
        { key: "b", n: 0 },
      ],
      3,
    );
    expect(r.total).toEqual({ key: "total", n: null, suppressed: true, reason: "below_min_base" });
    expect(r.cells.every((c) => c.suppressed && c.reason === "below_min_base")).toBe(true);
  });

  it("applies a raised minimum base", () => {
    const r = suppressCounts(
      [
        { key: "a", n: 7 },
        { key: "b", n: 30 },
        { key: "c", n: 40 },
      ],
      77,
      10,
    );
    expect(r.map((c) => c.reason)).toEqual(["below_min_base", "complementary", null]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// An independent audit of a suppressed table: rebuild the relations a reader sees (each row, column and margin
// adds up to its total) and check what they reveal.

type Relation = { parts: number[]; total: number };
type AuditEntry = { n: number; hidden: boolean; reason: SuppressedCount["reason"] };

function auditModel(counts: number[][], r: SuppressedTable) {
  const entries: AuditEntry[] = [];
  const add = (c: SuppressedCount, n: number) => {
    entries.push({ n, hidden: c.suppressed, reason: c.reason });
    return entries.length - 1;
  };
  const cells = r.cells.map((row, i) => row.map((c, j) => add(c, counts[i]?.[j] ?? 0)));
  const rowSum = (i: number) => (counts[i] ?? []).reduce((s, n) => s + n, 0);
  const colSum = (j: number) => counts.reduce((s, row) => s + (row[j] ?? 0), 0);
  const rowTotals = r.rowTotals?.map((c, i) => add(c, rowSum(i))) ?? null;
  const colTotals = r.colTotals?.map((c, j) => add(c, colSum(j))) ?? null;
  const grand = r.grandTotal
    ? add(
        r.grandTotal,
        counts.flat().reduce((s, n) => s + n, 0),
      )
    : null;
  const relations: Relation[] = [];
  rowTotals?.forEach((t, i) => relations.push({ parts: cells[i] ?? [], total: t }));
  colTotals?.forEach((t, j) => relations.push({ parts: cells.map((row) => row[j] as number), total: t }));
  if (grand !== null) {
    if (rowTotals) relations.push({ parts: rowTotals, total: grand });
    if (colTotals) relations.push({ parts: colTotals, total: grand });
    if (!rowTotals && !colTotals) relations.push({ parts: cells.flat(), total: grand });
  }
  return { entries, relations, cells };
}

/** Rank of a matrix by Gaussian elimination (entries are small integers, so a tolerance is safe). */
function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width && r < m.length; c++) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = i;
    if (Math.abs(m[pivot]?.[c] ?? 0) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const pivotRow = m[r] as number[];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const row = m[i] as number[];
      const f = (row[c] ?? 0) / (pivotRow[c] as number);
      if (f !== 0) for (let k = c; k < width; k++) row[k] = (row[k] ?? 0) - f * (pivotRow[k] ?? 0);
    }
    r++;
  }
  return r;
}

/** Hidden entries whose value follows exactly from the shown figures by any combination of the relations. */
function derivableEntries(entries: AuditEntry[], relations: Relation[]): number[] {
  const unknowns = entries.map((e, id) => (e.hidden ? id : -1)).filter((id) => id >= 0);
  const column = new Map(unknowns.map((id, k) => [id, k]));
  const matrix = relations.map((rel) => {
    const row: number[] = unknowns.map(() => 0);
    for (const id of rel.parts) if (column.has(id)) row[column.get(id) as number] = 1;
    if (column.has(rel.total)) row[column.get(rel.total) as number] = -1;
    return row;
  });
  const base = rank(matrix);
  return unknowns.filter((_, k) => rank([...matrix, unknowns.map((__, c) => (c === k ? 1 : 0))]) === base);
}

/**
 * Hidden entries that one relation pins to a single value, given what a reader knows of hidden entries: a figure
 * hidden as "below_min_base" is 1..m−1, or 0..m−1 if it belongs to a group whose total is hidden as below the
 * minimum base (then its zeros are hidden too); any other hidden figure is ≥ 0.
 */
function pinnedBySingleRelation(entries: AuditEntry[], relations: Relation[], m: number): number[] {
  const smallGroupPart = new Set(
    relations.filter((rel) => entries[rel.total]?.reason === "below_min_base").flatMap((rel) => rel.parts),
  );
  const range = (id: number): [number, number] =>
    entries[id]?.reason === "below_min_base" ? [smallGroupPart.has(id) ? 0 : 1, m - 1] : [0, Infinity];
  const pinned: number[] = [];
  for (const rel of relations) {
    // Σ parts − total = 0, i.e. Σ hidden signed values = −(Σ shown signed values).
    const signed = [...rel.parts.map((id) => ({ id, sign: 1 })), { id: rel.total, sign: -1 }];
    const known = signed
      .filter((t) => !entries[t.id]?.hidden)
      .reduce((s, t) => s + t.sign * (entries[t.id]?.n ?? 0), 0);
    const unknown = signed.filter((t) => entries[t.id]?.hidden);
    for (const t of unknown) {
      const others = unknown.filter((o) => o !== t);
      // others' signed sum lies in [lo, hi]; t.sign · x = −known − others
      const lo = others.reduce((s, o) => s + (o.sign > 0 ? range(o.id)[0] : -range(o.id)[1]), 0);
      const hi = others.reduce((s, o) => s + (o.sign > 0 ? range(o.id)[1] : -range(o.id)[0]), 0);
      const candidates = t.sign > 0 ? [-known - hi, -known - lo] : [known + lo, known + hi];
      const from = Math.max(candidates[0] as number, range(t.id)[0]);
      const to = Math.min(candidates[1] as number, range(t.id)[1]);
      if (to <= from) pinned.push(t.id);
    }
  }
  return pinned;
}

/** For relations with a shown total: how many of their parts are hidden. */
const hiddenPartsPerShownTotal = (entries: AuditEntry[], relations: Relation[]) =>
  relations
    .filter((rel) => !entries[rel.total]?.hidden)
    .map((rel) => rel.parts.filter((id) => entries[id]?.hidden).length);

describe("suppressTable", () => {
  it("iterates complementary suppression across rows and columns until stable", () => {
    const counts = [
      [3, 10, 20],
      [15, 12, 30],
      [25, 40, 8],
    ];
    const r = suppressTable(["A", "B", "C"], ["x", "y", "z"], counts, 5, { rowTotals: true, colTotals: true });
    // (A,x) = 3 is primary. Row A → (A,y) = 10; column x → (B,x) = 15; column y → (B,y) = 12; row B has two.
    expect(r.cells.map((row) => row.map((c) => c.reason?.[0] ?? "-"))).toEqual([
      ["b", "c", "-"],
      ["c", "c", "-"],
      ["-", "-", "-"],
    ]);
    expect(r.cells[0]?.[0]?.key).toBe("A|x");
    expect(r.rowTotals?.map((c) => c.n)).toEqual([33, 57, 73]);
    expect(r.colTotals?.map((c) => c.n)).toEqual([43, 62, 58]);
    expect(r.grandTotal).toEqual({ key: "total|total", n: 163, suppressed: false, reason: null });

    // THE SUBTRACTION CASE: each row and column with a shown total has 0 or ≥ 2 hidden cells, so no single
    // subtraction gives a hidden cell, and no combination of rows and columns does either.
    const { entries, relations } = auditModel(counts, r);
    for (const hidden of hiddenPartsPerShownTotal(entries, relations)) expect(hidden === 0 || hidden >= 2).toBe(true);
    expect(derivableEntries(entries, relations)).toEqual([]);
  });

  it("protects a cell that only a combination of rows and columns would reveal", () => {
    // Two rectangles of small cells joined by (1,2): every row and column has ≥ 2 hidden cells, yet
    // (1,2) = r1 − x13 − (c0 + c1 − r0) follows from the sums. The bridge rule adds one more complement.
    const counts = [
      [2, 3, 30, 40],
      [3, 2, 2, 50],
      [60, 70, 2, 3],
      [80, 90, 3, 2],
    ];
    const keys = ["0", "1", "2", "3"];
    const r = suppressTable(keys, keys, counts, 5, { rowTotals: true, colTotals: true });
    const { entries, relations } = auditModel(counts, r);
    expect(entries.filter((e) => e.reason === "complementary").length).toBeGreaterThan(0);
    expect(derivableEntries(entries, relations)).toEqual([]);
    for (const hidden of hiddenPartsPerShownTotal(entries, relations)) expect(hidden === 0 || hidden >= 2).toBe(true);
  });

  it("treats the whole table as one line when only the grand total is known", () => {
    const counts = [
      [3, 10],
      [20, 30],
    ];
    const known = suppressTable(["a", "b"], ["x", "y"], counts, 5, { rowTotals: false, colTotals: false });
    expect(known.cells.flat().map((c) => c.reason)).toEqual(["below_min_base", "complementary", null, null]);
    const unknown = suppressTable(["a", "b"], ["x", "y"], counts, 5, {
      rowTotals: false,
      colTotals: false,
      grandTotal: false,
    });
    expect(unknown.cells.flat().map((c) => c.reason)).toEqual(["below_min_base", null, null, null]);
    expect(unknown.grandTotal).toBeNull();
  });

  it("suppresses small margins and the zeros of their rows", () => {
    const counts = [
      [2, 0, 1],
      [20, 30, 40],
      [25, 35, 45],
    ];
    const r = suppressTable(["a", "b", "c"], ["x", "y", "z"], counts, 5, { rowTotals: true, colTotals: true });
    expect(r.rowTotals?.[0]).toMatchObject({ n: null, reason: "below_min_base" });
    expect(r.cells[0]?.map((c) => c.reason)).toEqual(["below_min_base", "below_min_base", "below_min_base"]);
    const { entries, relations } = auditModel(counts, r);
    expect(derivableEntries(entries, relations)).toEqual([]);
  });

  it("keeps the invariants on random tables (property)", () => {
    const table = fc
      .record({
        rows: fc.integer({ min: 1, max: 5 }),
        cols: fc.integer({ min: 1, max: 5 }),
        rowTotals: fc.boolean(),
        colTotals: fc.boolean(),
        grandTotal: fc.boolean(),
        minBase: fc.integer({ min: 2, max: 8 }),
      })
      .chain((shape) =>
        fc.record({
          shape: fc.constant(shape),
          counts: fc.array(
            fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), {
              minLength: shape.cols,
              maxLength: shape.cols,
            }),
            { minLength: shape.rows, maxLength: shape.rows },
          ),
        }),
      );
    fc.assert(
      fc.property(table, ({ shape, counts }) => {
        const rows = Array.from({ length: shape.rows }, (_, i) => `r${i}`);
        const cols = Array.from({ length: shape.cols }, (_, j) => `c${j}`);
        const m = effectiveMinBase(shape.minBase);
        const r = suppressTable(rows, cols, counts, shape.minBase, shape);
        const { entries, relations } = auditModel(counts, r);
        const shownCounts = [
          ...r.cells.flat(),
          ...(r.rowTotals ?? []),
          ...(r.colTotals ?? []),
          ...(r.grandTotal ? [r.grandTotal] : []),
        ];
        shownCounts.forEach((c, id) => {
          // A shown figure is the true one, and never 1..minBase−1 (zeros may be shown).
          expect(c.suppressed).toBe(c.n === null);
          if (!c.suppressed) {
            expect(c.n).toBe(entries[id]?.n);
            expect(c.n === 0 || (c.n ?? 0) >= m).toBe(true);
          }
        });
        // The contract's invariant: a row or column with a shown total has 0 or ≥ 2 hidden cells …
        for (const hidden of hiddenPartsPerShownTotal(entries, relations))
          expect(hidden === 0 || hidden >= 2).toBe(true);
        // … every relation, total included, has 0 or ≥ 2 hidden entries …
        for (const rel of relations) {
          const hidden = [...rel.parts, rel.total].filter((id) => entries[id]?.hidden).length;
          expect(hidden === 0 || hidden >= 2).toBe(true);
        }
        // … no hidden figure follows from the shown ones by any combination of sums …
        expect(derivableEntries(entries, relations)).toEqual([]);
        // … nor from one sum and the known bounds of hidden figures (hidden 1 + 1 = 2).
        expect(pinnedBySingleRelation(entries, relations, m)).toEqual([]);
      }),
      { seed: 20250611, numRuns: 400 },
    );
  });

  it("keeps the subtraction invariant on random one-way breakdowns (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 80 })), { maxLength: 8 }),
        (ns) => {
          const total = ns.reduce((s, n) => s + n, 0);
          const r = suppressBreakdown(
            ns.map((n, i) => ({ key: `k${i}`, n })),
            total,
          );
          const hidden = r.cells.filter((c) => c.suppressed).length + (r.total?.suppressed ? 1 : 0);
          expect(hidden === 0 || hidden >= 2).toBe(true);
          if (!r.total?.suppressed) expect(recoverableBySubtraction(r.cells, total)).toBeNull();
          for (const c of r.cells) if (!c.suppressed) expect(c.n === 0 || (c.n ?? 0) >= 5).toBe(true);
        },
      ),
      { seed: 4711, numRuns: 500 },
    );
  });
});
