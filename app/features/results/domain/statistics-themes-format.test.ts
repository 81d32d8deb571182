import { describe, expect, it } from "vitest";
import {
  DEFAULT_WEIGHTS,
  combineThemeScores,
  describeShareSv,
  formatMargin,
  formatPercent,
  formatPp,
  marginPp,
  wilson,
} from "./statistics";

const close = (actual: number | undefined, expected: number, tolerance = 1e-4) =>
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(tolerance);

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
