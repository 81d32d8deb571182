import { describe, expect, it } from "vitest";
import { STANDARD_CATEGORIES, categoryKey, ownCategory } from "./categories";
import { unusualWeeks } from "./flags";
import { buildPicture, mapCategory, pictureRows } from "./picture";
import { readReport } from "./report";
import {
  countedWeeks,
  fileableWeeks,
  isWeek,
  mondayOf,
  periodFromQuery,
  periodQuery,
  shiftWeek,
  tertialOf,
  tertialsBetween,
  weekOfDay,
  weeksOf,
} from "./weeks";

describe("ISO weeks", () => {
  it("numbers weeks as ISO 8601 does, across year ends", () => {
    expect(weekOfDay("2026-01-01")).toBe("2026-W01"); // a Thursday
    expect(weekOfDay("2025-12-29")).toBe("2026-W01"); // Monday of the same week
    expect(weekOfDay("2027-01-01")).toBe("2026-W53"); // 2026 has 53 weeks
    expect(weekOfDay("2027-01-04")).toBe("2027-W01");
    expect(weekOfDay("2024-12-30")).toBe("2025-W01");
    expect(weekOfDay("2026-12-07")).toBe("2026-W50");
  });

  it("knows which weeks exist and their Mondays", () => {
    expect(mondayOf("2026-W01")).toBe("2025-12-29");
    expect(mondayOf("2026-W53")).toBe("2026-12-28");
    expect(isWeek("2025-W53")).toBe(false);
    expect(isWeek("2026-W00")).toBe(false);
    expect(isWeek("2026-W1")).toBe(false);
    expect(shiftWeek("2026-W01", -1)).toBe("2025-W52");
    expect(shiftWeek("2026-W53", 1)).toBe("2027-W01");
  });

  it("puts each week in one tertial by its Thursday, and a year's tertials cover its weeks once", () => {
    expect(tertialOf("2026-W18")).toEqual({ year: 2026, tertial: 1 }); // Thursday 30 April
    expect(tertialOf("2026-W19")).toEqual({ year: 2026, tertial: 2 }); // Thursday 7 May
    expect(tertialOf("2026-W36")).toEqual({ year: 2026, tertial: 3 }); // Thursday 3 September
    const year = weeksOf({ kind: "year", year: 2026 });
    expect(year).toHaveLength(53);
    const tertials = [1, 2, 3].flatMap((t) => weeksOf({ kind: "tertial", year: 2026, tertial: t as 1 | 2 | 3 }));
    expect(tertials).toEqual(year);
    expect(weeksOf({ kind: "week", week: "2026-W02" })).toHaveLength(12);
    expect(countedWeeks({ kind: "week", week: "2026-W02" })).toEqual(["2026-W02"]);
  });

  it("offers this week and the eight before it for filing", () => {
    const weeks = fileableWeeks("2026-12-07");
    expect(weeks[0]).toBe("2026-W50");
    expect(weeks).toHaveLength(9);
    expect(weeks[8]).toBe("2026-W42");
  });

  it("reads periods from a query and writes them back", () => {
    expect(periodFromQuery({}, "2026-12-07")).toEqual({ kind: "week", week: "2026-W50" });
    expect(periodFromQuery({ period: "tertial", ar: "2026", tertial: "2" }, "2026-12-07")).toEqual({
      kind: "tertial",
      year: 2026,
      tertial: 2,
    });
    expect(periodFromQuery({ period: "tertial", ar: "2026", tertial: "4" }, "2026-12-07")).toBeNull();
    expect(periodFromQuery({ period: "vecka", vecka: "2025-W53" }, "2026-12-07")).toBeNull();
    expect(periodFromQuery({ period: "dag" }, "2026-12-07")).toBeNull();
    const p = { kind: "year", year: 2025 } as const;
    expect(periodFromQuery(Object.fromEntries(new URLSearchParams(periodQuery(p))), "2026-12-07")).toEqual(p);
  });
});

describe("reading a report form", () => {
  const cats = [...STANDARD_CATEGORIES, ownCategory({ key: "epa", name: "EPA-traktorer", measure: "count" })];

  it("keeps what was observed and leaves out what was not", () => {
    const r = readReport(
      { antal_klotter: "3", antal_skadegorelse: "0", niva_nedskrapning: "2", antal_epa: "1", plats_epa: " Torget " },
      cats,
    );
    expect(r.problems).toEqual([]);
    expect(r.report!.items).toEqual([
      { category: "klotter", count: 3, level: null, place: null, note: null },
      { category: "nedskrapning", count: null, level: 2, place: null, note: null },
      { category: "epa", count: 1, level: null, place: "Torget", note: null },
    ]);
    expect(r.report!.nothingToReport).toBe(false);
  });

  it("treats an empty form as nothing to report, and the shortcut ignores the figures", () => {
    expect(readReport({}, cats).report).toEqual({ items: [], note: null, nothingToReport: true });
    expect(readReport({ antal_klotter: "5" }, cats, { nothing: true }).report!.items).toEqual([]);
  });

  it("names the field of every problem", () => {
    const r = readReport(
      {
        antal_klotter: "3.5",
        antal_brand: "1000",
        niva_nedskrapning: "4",
        plats_ansamling: "x",
        notering: "y".repeat(1001),
      },
      cats,
    );
    expect(r.report).toBeNull();
    expect(r.problems.map((p) => p.field).sort()).toEqual(
      ["antal_ansamling", "antal_brand", "antal_klotter", "niva_nedskrapning", "notering"].sort(),
    );
  });

  it("makes keys for the kommun's own categories by the stored-value rule", () => {
    expect(categoryKey("Nedskräpning vid återvinning")).toBe("nedskrapning_vid_atervinning");
    expect(categoryKey("  Öl & sprit! ")).toBe("ol_sprit");
  });
});

describe("the picture", () => {
  const zones = [
    { id: 1, name: "Centrum", code: "c" },
    { id: 2, name: "Töre", code: "t" },
    { id: 3, name: "Nyborg", code: "n" },
  ];
  const cats = STANDARD_CATEGORIES.filter((c) => c.key === "klotter" || c.key === "nedskrapning");
  const period = { kind: "tertial", year: 2026, tertial: 1 } as const;
  const sums = [
    { week: "2026-W02", zoneId: 1, category: "klotter", count: 3, levelSum: 0 },
    { week: "2026-W03", zoneId: 1, category: "klotter", count: 2, levelSum: 0 },
    { week: "2026-W03", zoneId: 1, category: "nedskrapning", count: 0, levelSum: 3 },
    { week: "2026-W02", zoneId: 2, category: "nedskrapning", count: 0, levelSum: 1 },
    // Outside the tertial: not counted.
    { week: "2026-W30", zoneId: 1, category: "klotter", count: 50, levelSum: 0 },
  ];
  const tallies = [
    { week: "2026-W02", zoneId: 1, reports: 1 },
    { week: "2026-W03", zoneId: 1, reports: 2 },
    { week: "2026-W02", zoneId: 2, reports: 1 },
    { week: "2026-W30", zoneId: 1, reports: 1 },
  ];
  const p = buildPicture({ period, zones, categories: cats, sums, tallies });

  it("adds counts, averages levels over the zone's reports, and leaves a zone without reports empty", () => {
    expect(p.cells.klotter).toEqual({ 1: 5, 2: 0, 3: null });
    expect(p.cells.nedskrapning).toEqual({ 1: 1, 2: 1, 3: null });
    expect(p.totals.klotter).toBe(5);
    expect(p.totals.nedskrapning).toBe(1); // (3 + 1) / 4 reports
    expect(p.reports).toBe(4);
  });

  it("draws the trend per week, empty where no report came in", () => {
    expect(p.trend.klotter!.slice(0, 4)).toEqual([null, 3, 2, null]);
    expect(p.trendWeeks[0]).toBe("2026-W01");
  });

  it("writes one CSV row per week, zone with reports and category", () => {
    const rows = pictureRows({ zones, categories: cats, sums, tallies, weeks: ["2026-W02", "2026-W03"] });
    expect(rows).toEqual([
      ["2026-W02", "c", "Centrum", "Klotter", "count", 3, 1],
      ["2026-W02", "c", "Centrum", "Nedskräpning", "level", 0, 1],
      ["2026-W02", "t", "Töre", "Klotter", "count", 0, 1],
      ["2026-W02", "t", "Töre", "Nedskräpning", "level", 1, 1],
      ["2026-W03", "c", "Centrum", "Klotter", "count", 2, 2],
      ["2026-W03", "c", "Centrum", "Nedskräpning", "level", 1.5, 2],
    ]);
  });
});

describe("unusual weeks", () => {
  const cats = STANDARD_CATEGORIES.filter((c) => c.key === "klotter" || c.key === "nedskrapning");
  const history = Array.from({ length: 8 }, (_, i) => `2026-W${String(i + 1).padStart(2, "0")}`);
  const week = "2026-W09";
  const tallies = [...history, week].flatMap((w) => [
    { week: w, zoneId: 1, reports: 1 },
    { week: w, zoneId: 2, reports: 1 },
  ]);
  // Zone 1: graffiti 1 or 2 a week, then 7. Zone 2: 0–6 a week (noisy), then 7.
  const sums = [
    ...history.map((w, i) => ({ week: w, zoneId: 1, category: "klotter", count: 1 + (i % 2), levelSum: 0 })),
    ...history.map((w, i) => ({
      week: w,
      zoneId: 2,
      category: "klotter",
      count: [0, 6, 1, 5, 0, 6, 2, 6][i]!,
      levelSum: 0,
    })),
    { week, zoneId: 1, category: "klotter", count: 7, levelSum: 0 },
    { week, zoneId: 2, category: "klotter", count: 7, levelSum: 0 },
    { week, zoneId: 1, category: "nedskrapning", count: 0, levelSum: 3 },
  ];
  const zones = [{ id: 1 }, { id: 2 }];

  it("flags a zone's week far above its own history, not a noisy zone's, and never a level", () => {
    expect(unusualWeeks({ week, history, zones, categories: cats, sums, tallies })).toEqual([
      { zoneId: 1, category: "klotter", value: 7, usual: 1.5, historyWeeks: 8 },
    ]);
  });

  it("needs six weeks of history and at least three incidents", () => {
    expect(unusualWeeks({ week, history: history.slice(2), zones, categories: cats, sums, tallies })).toHaveLength(1);
    expect(unusualWeeks({ week, history: history.slice(3), zones, categories: cats, sums, tallies })).toEqual([]);
    const low = sums.map((s) =>
      s.week === week && s.zoneId === 1 && s.category === "klotter" ? { ...s, count: 2 } : s,
    );
    const flat = low.map((s) => (s.week !== week && s.zoneId === 1 ? { ...s, count: 0 } : s));
    // 2 incidents after eight empty weeks: above the mean, but below the minimum count.
    expect(unusualWeeks({ week, history, zones, categories: cats, sums: flat, tallies })).toEqual([]);
  });
});

describe("the map's category", () => {
  it("defaults to the first count category, takes a known key, and refuses an unknown one", () => {
    expect(mapCategory(STANDARD_CATEGORIES, undefined)?.key).toBe("skadegorelse");
    expect(mapCategory(STANDARD_CATEGORIES, "nedskrapning")?.measure).toBe("level");
    expect(mapCategory(STANDARD_CATEGORIES, "finns_inte")).toBeNull();
  });
});

describe("tertials between two days", () => {
  it("lists the tertials from the first day's to the last day's, across a year end", () => {
    expect(tertialsBetween("2025-06-15", "2026-01-02")).toEqual([
      { year: 2025, tertial: 2 },
      { year: 2025, tertial: 3 },
      { year: 2026, tertial: 1 },
    ]);
    expect(tertialsBetween("2026-05-01", "2026-04-30")).toEqual([]);
  });
});
