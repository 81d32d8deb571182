import { describe, expect, it } from "vitest";
import { THEME_KEYS } from "~/features/surveys/index";
import { parseCsv } from "~/platform/csv";
import { CRIME_CATEGORIES, categoriesOfTheme, categoryByName, themesOfCategory } from "./categories";
import { change, formatCount, formatRate, formatRelative, ratePer100k } from "./rates";
import { kommunNames, levelOf, mapHeaders, parseDecimal, parseWholeNumber, readCrimeRows } from "./rows";
import { countyOf, summarise, type StoredCrimeFigure } from "./summary";

const read = (text: string, kommunName = "Haparanda kommun") => {
  const parsed = parseCsv(text);
  const h = mapHeaders(parsed.headers);
  if (!h.ok) throw new Error(`missing ${h.missing.join(",")}`);
  return readCrimeRows({ columns: h.columns, rows: parsed.rows, kommunName, currentYear: 2026 });
};
const HEAD = "år;område;brottskategori;antal;folkmängd;per 100 000 invånare\n";

describe("crime categories and their themes", () => {
  it("map every category to standard themes only, and every theme id exists", () => {
    for (const c of CRIME_CATEGORIES) for (const t of c.themes) expect(THEME_KEYS).toContain(t);
    expect(new Set(CRIME_CATEGORIES.map((c) => c.id)).size).toBe(CRIME_CATEGORIES.length);
  });

  it("map the categories the lägesbild needs to the themes the surveys ask about", () => {
    expect(themesOfCategory("assault")).toEqual(["violent_crime"]);
    expect(themesOfCategory("residential_burglary")).toEqual(["volume_crime"]);
    expect(themesOfCategory("vandalism")).toEqual(["volume_crime", "physical_environment"]);
    expect(themesOfCategory("drug_offence")).toEqual(["drugs_andt"]);
    expect(themesOfCategory("drunk_driving")).toEqual(["traffic_safety", "drugs_andt"]);
    expect(themesOfCategory("domestic_violation")).toEqual(["domestic_violence"]);
    expect(themesOfCategory("public_violence")).toContain("public_safety");
    expect(themesOfCategory("fraud")).toEqual([]);
    expect(themesOfCategory("no-such")).toEqual([]);
    expect(categoriesOfTheme("traffic_safety").map((c) => c.id)).toEqual(["traffic_offence", "drunk_driving"]);
    expect(categoriesOfTheme("youth")).toEqual([]);
  });

  it("find a category by its Swedish name, an alias or its id, without case or extra spaces", () => {
    expect(categoryByName("Bostadsinbrott")?.id).toBe("residential_burglary");
    expect(categoryByName("  skadegörelse  ")?.id).toBe("vandalism");
    expect(categoryByName("SNATTERI")?.id).toBe("shoplifting");
    expect(categoryByName("drug_offence")?.id).toBe("drug_offence");
    expect(categoryByName("Mord på månen")).toBeNull();
  });
});

describe("numbers in the format", () => {
  it("read whole numbers with grouping spaces, and missing markers as null", () => {
    expect(parseWholeNumber("1 234")).toBe(1234);
    expect(parseWholeNumber("1\u00a0234")).toBe(1234);
    expect(parseWholeNumber("0")).toBe(0);
    expect(parseWholeNumber("")).toBeNull();
    expect(parseWholeNumber("..")).toBeNull();
    expect(parseWholeNumber("12,5")).toBeNaN();
    expect(parseWholeNumber("-3")).toBeNaN();
    expect(parseWholeNumber("tio")).toBeNaN();
  });

  it("read decimals with a decimal comma or point", () => {
    expect(parseDecimal("1 234,5")).toBe(1234.5);
    expect(parseDecimal("87.25")).toBe(87.25);
    expect(parseDecimal("1,2,3")).toBeNaN();
    expect(parseDecimal("")).toBeNull();
  });

  it("compute rates per 100,000 and format them the Swedish way", () => {
    expect(ratePer100k(97, 9_700)).toBeCloseTo(1000, 9);
    expect(ratePer100k(5, null)).toBeNull();
    expect(formatRate(1234.56)).toBe("1\u00a0234,6");
    expect(formatRate(1234.56, "en")).toBe("1,234.6");
    expect(formatCount(12345)).toBe("12\u00a0345");
    expect(formatRelative(0.123)).toMatch(/^\+12\s?%$/);
    expect(change(100, 90)).toEqual({ difference: -10, relative: -0.1 });
    expect(change(0, 5)).toEqual({ difference: 5, relative: null });
    expect(change(null, 5)).toBeNull();
  });
});

describe("reading the rows of a file", () => {
  it("tells the kommun, its areas, a county and the country apart", () => {
    const own = kommunNames("Härjedalens kommun");
    expect(levelOf("Härjedalen", own).level).toBe("kommun");
    expect(levelOf("härjedalens kommun", own).level).toBe("kommun");
    expect(levelOf("Riket", own)).toEqual({ level: "riket", area: "Riket" });
    expect(levelOf("jämtlands län", own)).toEqual({ level: "lan", area: "Jämtlands län" });
    expect(levelOf("Sveg", own)).toEqual({ level: "area", area: "Sveg" });
  });

  it("accepts a file with the kommun, an area and references, decimal comma and BOM", () => {
    const r = read(
      "\uFEFF" +
        HEAD +
        "2024;Haparanda;Bostadsinbrott;12;9 650;\n" +
        "2024;Haparanda centrum;Bostadsinbrott;8;;\n" +
        "2024;Norrbottens län;Bostadsinbrott;;;98,4\n" +
        "2024;Riket;Bostadsinbrott;15 000;10 500 000;\n",
    );
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.level, x.area, x.count, x.population, x.rate])).toEqual([
      ["kommun", "", 12, 9650, null],
      ["area", "Haparanda centrum", 8, null, null],
      ["lan", "Norrbottens län", null, null, 98.4],
      ["riket", "Riket", 15000, 10500000, null],
    ]);
  });

  it("rejects each bad cell with its line and column, and a duplicate naming the first line", () => {
    const r = read(
      HEAD +
        "2024;Haparanda;Bostadsinbrott;12;9650;\n" + // line 2: fine
        "20x4;Haparanda;Misshandel;3;9650;\n" + // line 3: year
        "2024;Haparanda;Mord på månen;3;9650;\n" + // line 4: unknown category
        "2024;Haparanda;Misshandel;3,5;9650;\n" + // line 5: count not whole
        "2024;Haparanda;Rån;2;;\n" + // line 6: kommun without population
        "2024;Riket;Rån;;;\n" + // line 7: reference without rate or count+population
        "2024;Riket;Olaga hot;;;1,2,3\n" + // line 8: rate
        "2024;HAPARANDA;bostadsinbrott;13;9650;\n" + // line 9: duplicate of line 2
        "2031;Haparanda;Rån;1;9650;\n", // line 10: future year
    );
    const by = (line: number) => r.problems.filter((p) => p.line === line).map((p) => [p.column, p.messageKey]);
    expect(by(2)).toEqual([]);
    expect(by(3)).toEqual([["year", "crime.err.year"]]);
    expect(by(4)).toEqual([["category", "crime.err.unknownCategory"]]);
    expect(r.problems.find((p) => p.line === 4)?.params?.known).toContain("Bostadsinbrott");
    expect(by(5)).toEqual([["count", "crime.err.count"]]);
    expect(by(6)).toEqual([["population", "crime.err.populationRequired"]]);
    expect(by(7)).toEqual([[null, "crime.err.referenceNeedsRate"]]);
    expect(by(8)).toEqual([["rate", "crime.err.rate"]]);
    expect(by(9)).toEqual([[null, "crime.err.duplicate"]]);
    expect(r.problems.find((p) => p.line === 9)?.params).toEqual({ line: 2 });
    expect(by(10)).toEqual([["year", "crime.err.year"]]);
    expect(r.rejectedLines).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.rows.map((x) => x.line)).toEqual([2]);
  });

  it("names the required columns a header lacks", () => {
    expect(mapHeaders(["år", "område", "antal"])).toEqual({ ok: false, missing: ["category"] });
    const ok = mapHeaders(["År", "Område", "Brottskategori", "Antal", "Folkmängd", "Per 100 000 inv."]);
    expect(ok).toEqual({ ok: true, columns: ["year", "area", "category", "count", "population", "rate"] });
  });
});

describe("the summary of stored figures", () => {
  const f = (o: Partial<StoredCrimeFigure>): StoredCrimeFigure => ({
    year: 2024,
    level: "kommun",
    area: "",
    category: "assault",
    count: null,
    population: null,
    rate: null,
    demo: false,
    ...o,
  });
  const figures = [
    f({ year: 2023, count: 50, population: 10_000 }),
    f({ year: 2024, count: 60, population: 10_000 }),
    f({ year: 2024, level: "lan", area: "Norrbottens län", rate: 500 }),
    f({ year: 2024, level: "riket", area: "Riket", count: 80_000, population: 10_000_000 }),
    f({ year: 2024, level: "area", area: "Centrum", count: 40 }),
    f({ year: 2024, category: "fraud", count: 10, population: 10_000, demo: true }),
  ];

  it("gives rates, references, changes, themes, a link and the demo flag per category", () => {
    const s = summarise(figures, (c) => `/x?kategori=${c}`);
    expect(s.county).toBe("Norrbottens län");
    const assault = s.categories.find((c) => c.category === "assault")!;
    expect(assault.years.map((y) => [y.year, y.count, y.rate, y.countyRate, y.nationalRate])).toEqual([
      [2023, 50, 500, null, null],
      [2024, 60, 600, 500, 800],
    ]);
    expect(assault.changeFromPreviousYear).toEqual({ difference: 100, relative: 0.2 });
    expect(assault.vsCounty).toEqual({ difference: 100, relative: 0.2 });
    expect(assault.vsNational).toEqual({ difference: -200, relative: -0.25 });
    expect(assault.themes).toEqual(["violent_crime"]);
    expect(assault.link).toBe("/x?kategori=assault");
    expect(assault.demo).toBe(false);
    expect(s.categories.find((c) => c.category === "fraud")?.demo).toBe(true);
    // Categories in list order, only those with the kommun's own figures.
    expect(s.categories.map((c) => c.category)).toEqual(["assault", "fraud"]);
  });

  it("picks the county named most often", () => {
    expect(
      countyOf([
        f({ level: "lan", area: "Jämtlands län" }),
        f({ level: "lan", area: "Norrbottens län" }),
        f({ level: "lan", area: "Norrbottens län", year: 2023 }),
      ]),
    ).toBe("Norrbottens län");
    expect(countyOf([])).toBeNull();
  });
});
