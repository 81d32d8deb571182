import { describe, expect, it } from "vitest";
import { indicatorShare, wilson } from "./statistics";

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
    expect(indicatorShare("safety", {})).toMatchObject({
      answered: 0,
      share: null,
      dontKnowShare: null,
      neverOutShare: null,
    });
    expect(() => indicatorShare("trust", { very_safe: 3 })).toThrow(RangeError);
  });
});
