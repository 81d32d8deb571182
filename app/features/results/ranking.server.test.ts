import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, wilson } from "./domain/statistics";
import { estPartsOf, periodDates, periodWeeks } from "./ranking-parts.server";
import { parseMeasure, parseWeights } from "./ranking-weights.server";

describe("the ranking's inputs from the URL", () => {
  it("takes weights from 0 to 1, a decimal comma too, and the defaults for missing ones", () => {
    expect(parseWeights({})).toEqual(DEFAULT_WEIGHTS);
    expect(parseWeights({ citizen: "0,2", staff: " 1 ", meetings: "", freetext: null })).toEqual({
      citizen: 0.2,
      staff: 1,
      meetings: 0.15,
      freetext: 0.1,
      est: 0.1,
    });
    expect(parseWeights({ est: "0,3" }).est).toBe(0.3);
    expect(parseWeights({ citizen: "0", staff: "0", meetings: "0", freetext: "0.01" }).freetext).toBe(0.01);
  });

  it("refuses out-of-range, non-numeric and all-zero weights, one message per field", () => {
    const refused = (raw: Parameters<typeof parseWeights>[0]) => {
      try {
        parseWeights(raw);
      } catch (e) {
        return (e as { status: number; errors: { field: string }[] }).errors.map((x) => x.field);
      }
      return null;
    };
    expect(refused({ citizen: "1.5", staff: "-0.1", meetings: "NaN", freetext: "Infinity", est: "x" })).toEqual([
      "w_citizen",
      "w_staff",
      "w_meetings",
      "w_freetext",
      "w_est",
    ]);
    expect(refused({ citizen: "0", staff: "0", meetings: "0", freetext: "0", est: "0" })).toEqual(["w_citizen"]);
    // EST alone is a ranking.
    expect(refused({ citizen: "0", staff: "0", meetings: "0", freetext: "0" })).toBeNull();
    expect(refused({ citizen: "0.5" })).toBeNull();
  });

  it("reads the measure, the mean by default", () => {
    expect(parseMeasure(null)).toBe("mean");
    expect(parseMeasure("")).toBe("mean");
    expect(parseMeasure("priorities")).toBe("priorities");
    expect(() => parseMeasure("max")).toThrow();
  });

  it("turns a survey period into the dates of its years", () => {
    expect(periodDates("2026")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(periodDates("2025-2026")).toEqual({ from: "2025-01-01", to: "2026-12-31" });
    expect(periodDates("hösten 2026")).toBeNull();
  });
});

describe("EST's part of the ranking", () => {
  const counts = {
    areaWeeks: 40,
    zones: 4,
    demo: false,
    themes: [
      {
        theme: "physical_environment" as const,
        areaWeeks: 10,
        categories: [
          { key: "klotter", labelSv: "Klotter", areaWeeks: 6 },
          { key: "nedskrapning", labelSv: "Nedskräpning", areaWeeks: 7 },
        ],
      },
      {
        theme: "volume_crime" as const,
        areaWeeks: 0,
        categories: [{ key: "skadegorelse", labelSv: "Skadegörelse", areaWeeks: 0 }],
      },
    ],
  };
  const link = "/app/kalix/est/bild?period=ar&ar=2026";

  it("scores the share of area-weeks with the theme, with its Wilson interval, and says so in Swedish", () => {
    const parts = estPartsOf(counts, { when: " 2026", link });
    const w = wilson(10, 40)!;
    expect(parts.get("physical_environment")!.part).toEqual({ score: 0.25, low: w.low, high: w.high });
    expect(w.low).toBeCloseTo(0.1419, 3);
    expect(w.high).toBeCloseTo(0.4019, 3);
    const ev = parts.get("physical_environment")!.evidence;
    expect(ev.map((e) => e.sentenceSv)).toEqual([
      "25\u00a0% (±15) av de 40 områdesveckorna 2026 med granskade EST-rapporter (ett område en vecka) har någon rapport om klotter eller nedskräpning (10 områdesveckor).",
      "EST, klotter: rapporterat i 6 av 40 områdesveckor 2026.",
      "EST, nedskräpning: rapporterat i 7 av 40 områdesveckor 2026.",
    ]);
    expect(ev.every((e) => e.source === "est" && e.href === link && e.n === 40)).toBe(true);
    expect(ev[0]!.share).toEqual({ p: 0.25, low: w.low, high: w.high });
    // Measured and never seen: a score of 0 (it pulls the theme down), one sentence for one category.
    expect(parts.get("volume_crime")!.part.score).toBe(0);
    expect(parts.get("volume_crime")!.evidence).toHaveLength(1);
    // A theme no category informs has no part.
    expect(parts.has("youth")).toBe(false);
  });

  it("gives no score below the minimum of area-weeks, and marks demo reports", () => {
    expect(estPartsOf({ ...counts, areaWeeks: 9, themes: [] }, { when: "", link }).size).toBe(0);
    const demo = estPartsOf({ ...counts, demo: true }, { when: "", link });
    expect(demo.get("volume_crime")!.evidence[0]!.sentenceSv).toBe(
      "0\u00a0% (±9) av de 40 områdesveckorna med granskade EST-rapporter (ett område en vecka) har någon rapport om skadegörelse (0 områdesveckor) (påhittade demorapporter).",
    );
  });

  it("reads the ISO weeks of the survey's years", () => {
    const weeks = periodWeeks({ from: "2025-01-01", to: "2026-12-31" });
    expect(weeks[0]).toBe("2025-W01");
    expect(weeks).toHaveLength(52 + 53);
    expect(weeks[weeks.length - 1]).toBe("2026-W53");
  });
});
