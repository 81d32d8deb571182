import { describe, expect, it } from "vitest";
import { Z95, kishEffectiveN, twoProportionTest, wilson, wilsonWeighted } from "./statistics";

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
