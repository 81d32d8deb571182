import { describe, expect, it } from "vitest";
import { MIN_BASE, effectiveMinBase, suppressBreakdown, suppressCounts, suppressShare } from "./statistics";
import { recoverableBySubtraction } from "./statistics-suppression.fixture";

// The minimum base and the suppression of one-way counts (docs/domain/statistics.md#primary-suppression).

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
