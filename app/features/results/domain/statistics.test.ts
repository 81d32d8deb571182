import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_WEIGHTS,
  MIN_BASE,
  Z95,
  combineThemeScores,
  describeShareSv,
  effectiveMinBase,
  formatMargin,
  formatPercent,
  formatPp,
  indicatorShare,
  kishEffectiveN,
  marginPp,
  postStratify,
  respondentWeight,
  suppressBreakdown,
  suppressCounts,
  suppressShare,
  suppressTable,
  twoProportionTest,
  wilson,
  wilsonWeighted,
  type SuppressedCount,
  type SuppressedTable,
} from "./statistics";

const close = (actual: number | undefined, expected: number, tolerance = 1e-4) =>
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(tolerance);

describe("wilson", () => {
  it("matches a hand computation for 62 of 100", () => {
    // z² = 1.959964² = 3.8414589; z²/n = 0.0384146; 1 + z²/n = 1.0384146.
    // centre = (0.62 + 0.0192073) / 1.0384146 = 0.6155610
    // half-width = 1.959964 / 1.0384146 · sqrt(0.62·0.38/100 + 3.8414589/40000)
    //            = 1.8874583 · sqrt(0.002356 + 0.0000960) = 1.8874583 · 0.0495181 = 0.0934634
    // → [0.5220976, 0.7090244]
    const w = wilson(62, 100);
    expect(w?.p).toBe(0.62);
    close(w?.low, 0.5221);
    close(w?.high, 0.709);
  });

  it("handles k = 0, k = n and n = 0", () => {
    // k = 0: p = 0, centre = half-width = (z²/2n)/(1 + z²/n) = 0.1920729/1.3841459 = 0.1387664 → [0, 0.2775328]
    const zero = wilson(0, 10);
    expect(zero).toEqual({ p: 0, low: 0, high: expect.any(Number) });
    close(zero?.high, 0.2775328);
    // k = n: mirror image → [0.7224672, 1]
    const all = wilson(10, 10);
    expect(all?.high).toBe(1);
    expect(all?.p).toBe(1);
    close(all?.low, 0.7224672);
    expect(wilson(0, 0)).toBeNull();
  });

  it("works with non-integer (weighted) k and n, and rejects impossible input", () => {
    // 20 of 35 effective respondents, given as p·n_eff = 0.5714286·35
    const w = wilson((4 / 7) * 35, 35);
    const exact = wilson(20, 35);
    close(w?.low, exact?.low ?? 0, 1e-12);
    close(w?.high, exact?.high ?? 0, 1e-12);
    expect(() => wilson(11, 10)).toThrow(RangeError);
    expect(() => wilson(-1, 10)).toThrow(RangeError);
    expect(() => wilson(Number.NaN, 10)).toThrow(RangeError);
  });

  it("wilsonWeighted keeps the weighted share and takes the interval from n_eff", () => {
    // weighted 30.5 of 61 (p = 0.5) with n_eff = 40 → the interval of 20 of 40
    const w = wilsonWeighted(30.5, 61, 40);
    const ref = wilson(20, 40);
    expect(w?.p).toBe(0.5);
    expect(w?.low).toBeCloseTo(ref?.low ?? 0, 12);
    expect(w?.high).toBeCloseTo(ref?.high ?? 0, 12);
    expect(wilsonWeighted(0, 0, 0)).toBeNull();
  });

  it("uses z = 1.959964", () => {
    expect(Z95).toBe(1.959964);
  });
});

describe("twoProportionTest", () => {
  it("reproduces Newcombe's (1998) worked example 56/70 vs 48/80", () => {
    // Newcombe, Stat Med 17:873, example (a): difference 0.2000, method 10 interval 0.0524 to 0.3339.
    // Pooled P = 104/150 = 0.693333; se = sqrt(0.693333·0.306667·(1/70 + 1/80)) = sqrt(0.0056952) = 0.0754666
    // z = 0.2 / 0.0754666 = 2.6502 → significant.
    const t = twoProportionTest(48, 80, 56, 70);
    close(t?.diff, 0.2);
    close(t?.low, 0.0524);
    close(t?.high, 0.3339);
    close(t?.z, 2.6502);
    expect(t?.significant).toBe(true);
  });

  it("is signed later − earlier and flags only |z| ≥ 1.96", () => {
    // 62/100 → 50/100: P = 0.56, se = sqrt(0.56·0.44·0.02) = 0.0702000, z = −0.12/0.0702 = −1.7094
    const t = twoProportionTest(62, 100, 50, 100);
    close(t?.diff, -0.12);
    close(t?.z, -1.7094);
    expect(t?.significant).toBe(false);
    expect(t?.low).toBeLessThan(0);
    expect(t?.high).toBeGreaterThan(0);
  });

  it("gives z = 0 when both shares are 0 % and null without respondents", () => {
    expect(twoProportionTest(0, 20, 0, 30)).toMatchObject({ diff: 0, z: 0, significant: false });
    expect(twoProportionTest(1, 0, 3, 10)).toBeNull();
  });
});

describe("kishEffectiveN", () => {
  it("equals n for equal weights and is smaller otherwise", () => {
    expect(kishEffectiveN([1, 1, 1, 1])).toBe(4);
    expect(kishEffectiveN([2.5, 2.5, 2.5])).toBeCloseTo(3, 12);
    // (1 + 2)² / (1 + 4) = 9/5
    expect(kishEffectiveN([1, 2])).toBeCloseTo(1.8, 12);
    expect(kishEffectiveN([])).toBe(0);
    expect(() => kishEffectiveN([1, -1])).toThrow(RangeError);
  });
});

describe("postStratify", () => {
  const ageBands = ["16–29", "30–64", "65+"];
  const genders = ["Kvinna", "Man"];
  const population = {
    "16–29|Kvinna": 100,
    "30–64|Kvinna": 300,
    "65+|Kvinna": 100,
    "16–29|Man": 100,
    "30–64|Man": 300,
    "65+|Man": 100,
  };

  it("merges an empty cell with the neighbouring age band of the same gender and states it", () => {
    const sample = { "16–29|Kvinna": 0, "30–64|Kvinna": 30, "65+|Kvinna": 20, "16–29|Man": 10, "30–64|Man": 30, "65+|Man": 10 };
    const r = postStratify({ population, sample, ageBands, genders, source: "SCB 2024" });
    // Kvinna 16–64: population 400/1000 = 0.4, sample 30/100 = 0.3 → 4/3; Kvinna 65+: 0.1/0.2 = 0.5; men 1.
    expect(r.merges).toEqual([{ from: "16–29|Kvinna", into: "30–64|Kvinna" }]);
    expect(r.weights["30–64|Kvinna"]).toBeCloseTo(4 / 3, 12);
    expect(r.weights["16–29|Kvinna"]).toBeCloseTo(4 / 3, 12);
    expect(r.weights["65+|Kvinna"]).toBeCloseTo(0.5, 12);
    expect(r.weights["16–29|Man"]).toBeCloseTo(1, 12);
    // The weights of the weighted respondents add up to their number.
    const total = Object.entries(sample).reduce((s, [k, n]) => s + n * (r.weights[k] ?? 0), 0);
    expect(total).toBeCloseTo(100, 10);
    expect(r.method).toMatch(/^Vägning efter ålder och kön \(poststratifiering\) mot befolkningen enligt SCB 2024/);
    expect(r.method).toContain("Kvinna, 16–29 med Kvinna, 30–64");
  });

  it("prefers the younger neighbour in the middle, chains empty cells, and reports missing genders", () => {
    const sample = { "16–29|Kvinna": 0, "30–64|Kvinna": 0, "65+|Kvinna": 20, "16–29|Man": 10, "30–64|Man": 0, "65+|Man": 10 };
    const r = postStratify({ population, sample, ageBands, genders });
    expect(r.merges).toEqual([
      { from: "16–29|Kvinna", into: "65+|Kvinna" },
      { from: "30–64|Kvinna", into: "65+|Kvinna" },
      { from: "30–64|Man", into: "16–29|Man" },
    ]);
    // Kvinna (all bands): 0.5 / (20/40) = 1; Man 16–64: 0.4 / (10/40) = 1.6; Man 65+: 0.1 / (10/40) = 0.4
    expect(r.weights["65+|Kvinna"]).toBeCloseTo(1, 12);
    expect(r.weights["16–29|Man"]).toBeCloseTo(1.6, 12);
    expect(r.weights["65+|Man"]).toBeCloseTo(0.4, 12);

    const noMen = postStratify({ population, sample: { "30–64|Kvinna": 10 }, ageBands, genders });
    expect(noMen.unrepresented).toEqual(["Man"]);
    expect(noMen.weights["30–64|Kvinna"]).toBeCloseTo(1, 12);
    expect(noMen.method).toContain("inga svarande med kön Man");
  });

  it("gives weight 1 to respondents without age or gender", () => {
    const r = postStratify({ population, sample: { "30–64|Kvinna": 10, "30–64|Man": 30 }, ageBands, genders });
    expect(respondentWeight(r.weights, null, "Kvinna")).toBe(1);
    expect(respondentWeight(r.weights, "30–64", undefined)).toBe(1);
    expect(respondentWeight(r.weights, "30–64", "Annat")).toBe(1);
    expect(respondentWeight(r.weights, "30–64", "Kvinna")).toBeCloseTo(2, 12); // 0.5 / 0.25
  });

  it("throws when respondents have no population figure", () => {
    expect(() =>
      postStratify({ population: { "16–29|Kvinna": 10 }, sample: { "16–29|Man": 3 }, ageBands, genders }),
    ).toThrow(/No population figure/);
  });
});

describe("indicatorShare", () => {
  it("problem: (n4 + n3) / (answered − dont_know), vet ej beside it", () => {
    const r = indicatorShare("problem", { "4": 10, "3": 20, "2": 30, "1": 25, dont_know: 15 });
    expect(r).toMatchObject({ answered: 100, base: 85, k: 30, dontKnowShare: 0.15 });
    expect(r.share?.p).toBeCloseTo(30 / 85, 12);
    expect(r.share).toEqual(wilson(30, 85));
    expect(r.neverOutShare).toBeUndefined();
  });

  it("safety: unsafe over answered − dont_know with never_out kept in the base and shown separately", () => {
    const r = indicatorShare("safety", {
      very_safe: 30,
      rather_safe: 40,
      rather_unsafe: 10,
      very_unsafe: 5,
      never_out: 10,
      dont_know: 5,
    });
    expect(r).toMatchObject({ answered: 100, base: 95, k: 15, dontKnowShare: 0.05 });
    expect(r.share?.p).toBeCloseTo(15 / 95, 12);
    expect(r.neverOutShare).toBeCloseTo(10 / 95, 12);
  });

  it("trust: (n5 + n4) / (answered − dont_know); weighted with n_eff", () => {
    const counts = { "5": 10, "4": 30, "3": 20, "2": 5, "1": 5, dont_know: 30 };
    const r = indicatorShare("trust", counts);
    expect(r).toMatchObject({ answered: 100, base: 70, k: 40 });
    expect(r.share?.p).toBeCloseTo(4 / 7, 12);
    const weighted = indicatorShare("trust", counts, { effectiveBase: 35 });
    expect(weighted.share?.p).toBeCloseTo(4 / 7, 12);
    expect(weighted.share?.low).toBeCloseTo(wilson(20, 35)?.low ?? 0, 12);
  });

  it("has no share when everyone answered vet ej or nobody answered, and rejects other scales", () => {
    expect(indicatorShare("problem", { dont_know: 4 })).toMatchObject({ base: 0, share: null, dontKnowShare: 1 });
    expect(indicatorShare("safety", {})).toMatchObject({ answered: 0, share: null, dontKnowShare: null, neverOutShare: null });
    expect(() => indicatorShare("trust", { very_safe: 3 })).toThrow(RangeError);
  });
});

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
    const r = suppressCounts([{ key: "a", n: 3 }, { key: "b", n: 10 }], null);
    expect(r.map((c) => c.suppressed)).toEqual([true, false]);
  });

  it("shows zeros, and does not use a zero as the complement while a non-zero cell is left", () => {
    expect(suppressCounts([{ key: "a", n: 0 }, { key: "b", n: 0 }, { key: "c", n: 12 }], 12).map((c) => c.n)).toEqual([
      0, 0, 12,
    ]);
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
    const onlyFours = suppressBreakdown([{ key: "a", n: 4 }, { key: "b", n: 4 }, { key: "c", n: 0 }], 8);
    expect(onlyFours.total).toEqual({ key: "total", n: null, suppressed: true, reason: "complementary" });
  });

  it("suppresses the total and every cell, zeros included, when the total is below the minimum base", () => {
    const r = suppressBreakdown([{ key: "a", n: 3 }, { key: "b", n: 0 }], 3);
    expect(r.total).toEqual({ key: "total", n: null, suppressed: true, reason: "below_min_base" });
    expect(r.cells.every((c) => c.suppressed && c.reason === "below_min_base")).toBe(true);
  });

  it("applies a raised minimum base", () => {
    const r = suppressCounts([{ key: "a", n: 7 }, { key: "b", n: 30 }, { key: "c", n: 40 }], 77, 10);
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
  const grand = r.grandTotal ? add(r.grandTotal, counts.flat().reduce((s, n) => s + n, 0)) : null;
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
    const known = signed.filter((t) => !entries[t.id]?.hidden).reduce((s, t) => s + t.sign * (entries[t.id]?.n ?? 0), 0);
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
  relations.filter((rel) => !entries[rel.total]?.hidden).map((rel) => rel.parts.filter((id) => entries[id]?.hidden).length);

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
        for (const hidden of hiddenPartsPerShownTotal(entries, relations)) expect(hidden === 0 || hidden >= 2).toBe(true);
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
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 80 })), { maxLength: 8 }), (ns) => {
        const total = ns.reduce((s, n) => s + n, 0);
        const r = suppressBreakdown(
          ns.map((n, i) => ({ key: `k${i}`, n })),
          total,
        );
        const hidden = r.cells.filter((c) => c.suppressed).length + (r.total?.suppressed ? 1 : 0);
        expect(hidden === 0 || hidden >= 2).toBe(true);
        if (!r.total?.suppressed) expect(recoverableBySubtraction(r.cells, total)).toBeNull();
        for (const c of r.cells) if (!c.suppressed) expect(c.n === 0 || (c.n ?? 0) >= 5).toBe(true);
      }),
      { seed: 4711, numRuns: 500 },
    );
  });
});

describe("combineThemeScores", () => {
  it("averages over the sources with data for each theme, weighted, highest first", () => {
    const r = combineThemeScores({
      sources: {
        citizen: { drugs_andt: 0.6, traffic_safety: 0.4 },
        staff: { drugs_andt: 0.8, cooperation: 0.5 },
        meetings: { drugs_andt: 0.2, traffic_safety: 0 },
      },
      weights: DEFAULT_WEIGHTS,
    });
    // drugs: (0.5·0.6 + 0.25·0.8 + 0.15·0.2) / 0.9 = 0.53/0.9 = 0.588889
    // cooperation: staff only → 0.5; traffic: (0.5·0.4 + 0.15·0) / 0.65 = 0.307692 (a measured 0 counts)
    expect(r.map((t) => t.theme)).toEqual(["drugs_andt", "cooperation", "traffic_safety"]);
    close(r[0]?.score ?? 0, 0.588889);
    close(r[1]?.score ?? 0, 0.5);
    close(r[2]?.score ?? 0, 0.307692);
    expect(r[0]?.parts).toEqual([
      { source: "citizen", score: 0.6, weight: 0.5 },
      { source: "staff", score: 0.8, weight: 0.25 },
      { source: "meetings", score: 0.2, weight: 0.15 },
    ]);
  });

  it("uses adjustable weights, defaults for missing ones, and gives null when the weights sum to 0", () => {
    const r = combineThemeScores({
      sources: { citizen: { youth: 0.2 }, freetext: { youth: 0.8, integration: 0.4 } },
      weights: { freetext: 0 },
    });
    expect(r[0]).toMatchObject({ theme: "youth", score: 0.2 });
    expect(r[1]).toMatchObject({ theme: "integration", score: null });
    expect(() => combineThemeScores({ sources: { citizen: { youth: 1.2 } } })).toThrow(RangeError);
  });
});

describe("formatting", () => {
  it("formats percentages and percentage points the Swedish way", () => {
    expect(formatPercent(0.62)).toBe("62\u00a0%");
    expect(formatPercent(0.625, "sv", 1)).toBe("62,5\u00a0%");
    expect(formatPercent(0.62, "en")).toBe("62%");
    expect(formatPp(-0.041)).toBe("\u22124,1 procentenheter");
    expect(formatPp(0.02)).toBe("+2,0 procentenheter");
    expect(formatPp(0.01, "sv", 0)).toBe("+1 procentenhet");
    expect(formatPp(-0.041, "en")).toBe("-4.1 percentage points");
  });

  it("gives ± as the larger side of the interval in whole percentage points", () => {
    expect(formatMargin({ p: 0.62, low: 0.59, high: 0.65 })).toBe("±3");
    // wilson(62, 100): 0.62 − 0.5221 = 0.0979 vs 0.7090 − 0.62 = 0.0890 → ±10
    expect(marginPp(wilson(62, 100) ?? { p: 0, low: 0, high: 0 })).toBe(10);
  });

  it("describes a share in a sentence", () => {
    expect(
      describeShareSv({
        share: 0.62,
        low: 0.59,
        high: 0.65,
        subject: "de svarande i Haparanda anser att narkotikaförsäljning är ett stort problem",
      }),
    ).toBe("62\u00a0% (±3) av de svarande i Haparanda anser att narkotikaförsäljning är ett stort problem");
  });
});
