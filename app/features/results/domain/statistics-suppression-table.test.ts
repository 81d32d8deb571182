import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { effectiveMinBase, suppressBreakdown, suppressTable } from "./statistics";
import {
  recoverableBySubtraction,
  auditModel,
  derivableEntries,
  pinnedBySingleRelation,
  hiddenPartsPerShownTotal,
} from "./statistics-suppression.fixture";

// The suppression of tables, checked by an independent audit of what their rows, columns and margins reveal
// (docs/domain/statistics.md#complementary-suppression).

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
