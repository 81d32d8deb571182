import { describe, expect, it } from "vitest";
import { categoryByName } from "../../app/features/crime/index";
import { DEMO_CRIME_YEARS, demoCrimeFigures } from "./crime";

describe("demo crime statistics", () => {
  it("are marked demo, deterministic, and cover 2019–2025 with county and national references", () => {
    const a = demoCrimeFigures("pajala", 7);
    expect(a).toEqual(demoCrimeFigures("pajala", 7));
    expect(a.every((f) => f.demo && f.kommun_id === 7)).toBe(true);
    expect([...new Set(a.map((f) => f.year))]).toEqual(DEMO_CRIME_YEARS);
    expect(new Set(a.filter((f) => f.level === "lan").map((f) => f.area))).toEqual(new Set(["Norrbottens län"]));
    expect(
      new Set(
        demoCrimeFigures("harjedalen", 1)
          .filter((f) => f.level === "lan")
          .map((f) => f.area),
      ),
    ).toEqual(new Set(["Jämtlands län"]));
    for (const f of a) expect(categoryByName(f.category)?.id).toBe(f.category);
  });

  it("have plausible rates: the kommun's total within a factor of two of the country's", () => {
    const a = demoCrimeFigures("kalix", 1);
    for (const year of DEMO_CRIME_YEARS) {
      const own = a.find((f) => f.year === year && f.level === "kommun" && f.category === "total")!;
      const riket = a.find((f) => f.year === year && f.level === "riket" && f.category === "total")!;
      const rate = (own.count! / own.population!) * 100_000;
      expect(rate / riket.rate!).toBeGreaterThan(0.5);
      expect(rate / riket.rate!).toBeLessThan(2);
    }
  });
});
