import { describe, expect, it } from "vitest";
import { STANDARD_CATEGORIES, ownCategory } from "./categories";
import { countEstThemes } from "./ranking";

const own = ownCategory({ key: "mopedbuskor", name: "Mopedbuskörning", measure: "count", theme: "traffic_safety" });
const ownWithout = ownCategory({ key: "hundbajs", name: "Hundbajs", measure: "level", theme: null });

describe("EST's counting for the theme ranking", () => {
  it("counts area-weeks per theme: one zone and week, however many reports, any informing category", () => {
    const counts = countEstThemes({
      categories: [...STANDARD_CATEGORIES, own, ownWithout],
      reports: [
        // Zone 1, week 1: two reporters; litter from one, graffiti from the other: one area-week with both.
        { zoneId: 1, week: "2026-W01", categories: ["nedskrapning"] },
        { zoneId: 1, week: "2026-W01", categories: ["klotter", "tecken_pa_narkotika"] },
        // Zone 1, week 2: nothing to report, still an area-week.
        { zoneId: 1, week: "2026-W02", categories: [] },
        { zoneId: 2, week: "2026-W01", categories: ["brand", "ansamling", "mopedbuskor", "hundbajs"] },
        // A category the checklist no longer has (retired) is ignored.
        { zoneId: 2, week: "2026-W02", categories: ["retired_one"] },
      ],
    });
    expect(counts.areaWeeks).toBe(4);
    expect(counts.zones).toBe(2);
    const byTheme = Object.fromEntries(counts.themes.map((t) => [t.theme, t]));
    // Only themes some category informs; in THEME_KEYS order.
    expect(counts.themes.map((t) => t.theme)).toEqual([
      "traffic_safety",
      "drugs_andt",
      "volume_crime",
      "public_safety",
      "physical_environment",
    ]);
    expect(byTheme.physical_environment).toEqual({
      theme: "physical_environment",
      areaWeeks: 1,
      categories: [
        { key: "klotter", labelSv: "Klotter", areaWeeks: 1 },
        { key: "nedskrapning", labelSv: "Nedskräpning", areaWeeks: 1 },
      ],
    });
    // Fires and gatherings in the same area-week count once for public safety.
    expect(byTheme.public_safety!.areaWeeks).toBe(1);
    expect(byTheme.drugs_andt!.areaWeeks).toBe(1);
    // Informed but never reported: a measured zero, not a missing theme.
    expect(byTheme.volume_crime!.areaWeeks).toBe(0);
    expect(byTheme.traffic_safety!.categories).toEqual([
      { key: "mopedbuskor", labelSv: "Mopedbuskörning", areaWeeks: 1 },
    ]);
    // An own category without a theme informs none.
    expect(counts.themes.flatMap((t) => t.categories.map((c) => c.key))).not.toContain("hundbajs");
  });

  it("keeps only standard themes for own categories and gives nothing without reports", () => {
    expect(ownCategory({ key: "x", name: "X", measure: "count", theme: "no_such_theme" }).themes).toEqual([]);
    expect(ownCategory({ key: "x", name: "X", measure: "count" }).themes).toEqual([]);
    const none = countEstThemes({ categories: STANDARD_CATEGORIES, reports: [] });
    expect(none.areaWeeks).toBe(0);
    expect(none.themes.every((t) => t.areaWeeks === 0)).toBe(true);
    expect(none.themes.map((t) => t.theme)).toEqual([
      "drugs_andt",
      "volume_crime",
      "public_safety",
      "physical_environment",
    ]);
  });
});
