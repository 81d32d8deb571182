import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS } from "./domain/statistics";
import { periodDates } from "./ranking-parts.server";
import { parseMeasure, parseWeights } from "./ranking-weights.server";

describe("the ranking's inputs from the URL", () => {
  it("takes weights from 0 to 1, a decimal comma too, and the defaults for missing ones", () => {
    expect(parseWeights({})).toEqual(DEFAULT_WEIGHTS);
    expect(parseWeights({ citizen: "0,2", staff: " 1 ", meetings: "", freetext: null })).toEqual({
      citizen: 0.2,
      staff: 1,
      meetings: 0.15,
      freetext: 0.1,
    });
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
    expect(refused({ citizen: "1.5", staff: "-0.1", meetings: "NaN", freetext: "Infinity" })).toEqual([
      "w_citizen",
      "w_staff",
      "w_meetings",
      "w_freetext",
    ]);
    expect(refused({ citizen: "0", staff: "0", meetings: "0", freetext: "0" })).toEqual(["w_citizen"]);
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
