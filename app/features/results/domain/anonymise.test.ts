import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HIDDEN, coarsenDemographics, type Demographics } from "./anonymise";

const row = (area: string | null, age_band: string | null, gender: string | null): Demographics => ({
  area,
  age_band,
  gender,
});
const times = (n: number, r: Demographics) => Array.from({ length: n }, () => r);
const classes = (rows: Demographics[]) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(JSON.stringify(r), (m.get(JSON.stringify(r)) ?? 0) + 1);
  return m;
};

describe("coarsenDemographics", () => {
  it("keeps every combination of at least the minimum base as it is", () => {
    const rows = [
      ...times(5, row("centrum", "30-44", "woman")),
      ...times(7, row("centrum", "30-44", "man")),
      ...times(5, row(null, null, null)),
    ];
    expect(coarsenDemographics(rows, 5)).toEqual(rows);
  });

  it("hides a small gender cell together with the next smallest one, not alone", () => {
    const rows = [
      ...times(3, row("c", "30-44", "other")),
      ...times(6, row("c", "30-44", "woman")),
      ...times(9, row("c", "30-44", "man")),
    ];
    const out = coarsenDemographics(rows, 5);
    // 3 "other" alone would be hidden rows that anyone could name by elimination: the 6 women go with them.
    expect(out.filter((r) => r.gender === HIDDEN)).toHaveLength(9);
    expect(out.filter((r) => r.gender === "man")).toHaveLength(9);
    expect(out.filter((r) => r.gender === "woman")).toHaveLength(0);
    expect(out.every((r) => r.area === "c" && r.age_band === "30-44")).toBe(true);
  });

  it("moves up to age band, then area, when a whole group is small", () => {
    const rows = [
      ...times(2, row("byn", "16-19", "woman")),
      ...times(2, row("byn", "65-79", "man")),
      ...times(20, row("centrum", "30-44", "woman")),
      ...times(10, row("norr", "45-64", "man")),
    ];
    const out = coarsenDemographics(rows, 5);
    // byn has 4 people: its area is hidden too, and with it the next smallest area (norr), so the hidden ones are ≥ 5.
    expect(out.slice(0, 4).every((r) => r.area === HIDDEN && r.age_band === HIDDEN && r.gender === HIDDEN)).toBe(true);
    expect(out.slice(24).every((r) => r.area === HIDDEN && r.age_band === HIDDEN && r.gender === HIDDEN)).toBe(true);
    expect(out.slice(4, 24).every((r) => r.area === "centrum" && r.age_band === "30-44" && r.gender === "woman")).toBe(
      true,
    );
  });

  it("treats a missing value as a value of its own, never as hidden", () => {
    const rows = [...times(6, row("c", null, "woman")), ...times(6, row("c", "20-29", "woman"))];
    expect(coarsenDemographics(rows, 5)).toEqual(rows);
  });

  it("property: every combination the file shows has 0 or at least minBase rows, and shown values are true", () => {
    const value = (vs: string[]) => fc.oneof(fc.constantFrom(...vs), fc.constant(null));
    const arb = fc.array(
      fc.record({
        area: value(["a", "b", "c", "d"]),
        age_band: value(["16-19", "20-29", "30-44", "65+"]),
        gender: value(["woman", "man", "other"]),
      }),
      { minLength: 5, maxLength: 120 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 5, max: 8 }), (rows, k) => {
        fc.pre(rows.length >= k);
        const out = coarsenDemographics(rows, k);
        for (const n of classes(out).values()) expect(n).toBeGreaterThanOrEqual(k);
        out.forEach((r, i) => {
          for (const key of ["area", "age_band", "gender"] as const)
            if (r[key] !== HIDDEN) expect(r[key]).toBe(rows[i]![key]);
          // Hiding goes from the coarse columns to the fine ones: a hidden area hides age band and gender.
          if (r.area === HIDDEN) expect(r.age_band).toBe(HIDDEN);
          if (r.age_band === HIDDEN) expect(r.gender).toBe(HIDDEN);
        });
      }),
      { numRuns: 300 },
    );
  });
});
