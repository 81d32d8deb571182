import { describe, expect, it } from "vitest";
import { MAX_DEVIATION, noiseDistribution, perturb } from "./cell-key";

describe("cell-key perturbation table", () => {
  it("keeps zero at zero and leaves the suppressed counts 1–4 as they are", () => {
    for (let key = 0; key < 256; key++) {
      expect(perturb(0, key)).toBe(0);
      for (const n of [1, 2, 3, 4]) expect(perturb(n, key)).toBe(n);
    }
  });

  it("moves no count by more than the maximum deviation and keeps 5 and more at 5 or more", () => {
    for (let n = 5; n < 400; n++)
      for (let key = 0; key < 256; key++) {
        const p = perturb(n, key);
        expect(Math.abs(p - n)).toBeLessThanOrEqual(MAX_DEVIATION);
        expect(p).toBeGreaterThanOrEqual(5);
      }
  });

  it("has zero mean for every count, a variance near 0.84 and small tails from 7 on", () => {
    for (const n of [5, 6, 7, 8, 20, 1000]) {
      const d = noiseDistribution(n);
      const mean = [...d].reduce((s, [v, p]) => s + v * p, 0);
      expect(Math.abs(mean)).toBeLessThan(1e-9);
      if (n >= 7) {
        const variance = [...d].reduce((s, [v, p]) => s + v * v * p, 0);
        expect(variance).toBeGreaterThan(0.8);
        expect(variance).toBeLessThan(0.9);
        expect(d.get(0)).toBeLessThan(0.35); // most counts of 7 and more move
        expect(d.get(2)).toBeLessThan(0.03); // the extremes, which pin a group when two trackers hit them, are rare
      }
    }
  });

  it("is deterministic: the same count and key give the same figure", () => {
    for (let key = 0; key < 256; key++) expect(perturb(42, key)).toBe(perturb(42, key));
    const moved = new Set(Array.from({ length: 256 }, (_, key) => perturb(42, key)));
    expect([...moved].sort()).toEqual([40, 41, 42, 43, 44]);
  });
});
