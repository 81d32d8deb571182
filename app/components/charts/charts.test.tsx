import chartsEn from "~/i18n/charts.en.json";
import chartsSv from "~/i18n/charts.sv.json";
import { LineChart } from "./LineChart";
import { SmallMultiples, type SmallMultiplesGroup } from "./SmallMultiples";
import { all, byPart, byTag, drawnText, num, one, render, text, type El } from "./charts-html.fixture";
import { labelsFor, sv, NBSP, expectFrame, tableRows } from "./charts.fixture";

// SmallMultiples and LineChart rendered on the server, and the chart message catalogue.

describe("SmallMultiples", () => {
  const items = [
    { key: "drugs", label: "Narkotikaförsäljning" },
    { key: "litter", label: "Nedskräpning" },
    { key: "speeding", label: "Fortkörning" },
  ];
  const v = (share: number, half = 0.05) => ({ share, ciLow: share - half, ciHigh: share + half, suppressed: false });
  const groups: SmallMultiplesGroup[] = [
    { key: "centrum", label: "Centrum", cells: { drugs: v(0.5), litter: v(0.3), speeding: v(0.2) } },
    {
      key: "norr",
      label: "Norr",
      cells: { drugs: v(0.25), litter: { share: 0.83, ciLow: 0.47, ciHigh: 0.97, suppressed: true }, speeding: v(0.4) },
    },
    // No one in Söder answered the speeding item: missing means suppressed, not 0.
    { key: "soder", label: "Söder", cells: { drugs: v(0.1), litter: v(0.6) } },
  ];
  const title = "Stort problem per område";
  const summary = "Narkotikaförsäljning ses som störst problem i Centrum.";

  it("draws one panel per group with the same items on the same scale", () => {
    const r = render(<SmallMultiples title={title} summary={summary} items={items} groups={groups} labels={sv} />);
    expectFrame(r, title, summary);
    const panels = byPart(r.svg, "panel");
    expect(panels.map((p) => p.attrs["data-group"])).toEqual(["centrum", "norr", "soder"]);
    for (const p of panels)
      expect(byPart(p, "bar-row").map((row) => row.attrs["data-item"])).toEqual(["drugs", "litter", "speeding"]);
    expect(byPart(r.svg, "bar")).toHaveLength(7);
    expect(byPart(r.svg, "whisker")).toHaveLength(7);
    // Same scale: 0.5 in Centrum is twice 0.25 in Norr.
    const barOf = (panel: number, item: string) =>
      one(byPart(one(all(panels[panel] as El, (e) => e.attrs["data-item"] === item)), "bar"));
    expect(num(barOf(0, "drugs"), "width") / num(barOf(1, "drugs"), "width")).toBeCloseTo(2, 6);
    // Two panels per row at 640 px; the third starts a new row.
    expect(panels.map((p) => p.attrs.transform)).toEqual([
      "translate(0,0)",
      expect.stringMatching(/^translate\(3\d\d(\.\d+)?,0\)$/),
      expect.stringMatching(/^translate\(0,\d+(\.\d+)?\)$/),
    ]);
  });

  it("marks suppressed and missing cells as suppressed, never as zero", () => {
    const r = render(<SmallMultiples title={title} summary={summary} items={items} groups={groups} labels={sv} />);
    const marks = byPart(r.svg, "suppressed");
    expect(marks).toHaveLength(2);
    for (const m of marks) expect(drawnText(m)).toBe("färre än 5 svar");
    expect(text(one(byTag(marks[0] as El, "title")))).toBe("Norr: Nedskräpning: färre än 5 svar");
    const figures = r.html.match(/\d+\s?%/g) ?? [];
    for (const leaked of ["83", "47", "97"]) expect(figures).not.toContain(`${leaked}${NBSP}%`);
  });

  it("has every value with its interval in the table", () => {
    const r = render(
      <SmallMultiples title={title} summary={summary} items={items} groups={groups} labels={sv} itemHeader="Problem" />,
    );
    const table = one(byTag(r.figure, "table"));
    expect(byTag(one(byTag(table, "thead")), "th").map(text)).toEqual(["Problem", "Centrum", "Norr", "Söder"]);
    const p = (x: number) => `${x}${NBSP}%`;
    const cell = (x: number) => `${p(x)} (${p(x - 5)}–${p(x + 5)})`;
    expect(tableRows(table)).toEqual([
      ["Narkotikaförsäljning", cell(50), cell(25), cell(10)],
      ["Nedskräpning", cell(30), "färre än 5 svar", cell(60)],
      ["Fortkörning", cell(20), cell(40), "färre än 5 svar"],
    ]);
  });
});

describe("LineChart", () => {
  const periods = ["2022", "2023", "2024"];
  const v = (share: number) => ({ share, ciLow: share - 0.04, ciHigh: share + 0.04, suppressed: false });
  const series = [
    { key: "drugs", label: "Narkotikaförsäljning", values: [v(0.48), v(0.55), v(0.62)] },
    {
      key: "litter",
      label: "Nedskräpning",
      values: [v(0.44), { share: 0.9, ciLow: 0.5, ciHigh: 1, suppressed: true }, v(0.41)],
    },
  ];
  const title = "Stort problem över tid";
  const summary = "Andelen som ser narkotikaförsäljning som stort problem har ökat från 48 % till 62 %.";

  it("draws one line and one interval band per item, a marker per shown point, and a label at each end", () => {
    const r = render(<LineChart title={title} summary={summary} periods={periods} series={series} labels={sv} />);
    expectFrame(r, title, summary);
    expect(byPart(r.svg, "line")).toHaveLength(2);
    expect(byPart(r.svg, "band")).toHaveLength(2);
    expect(byPart(r.svg, "point")).toHaveLength(5);
    const seriesEls = byPart(r.svg, "series");
    expect(seriesEls.map((s) => s.attrs["data-item"])).toEqual(["drugs", "litter"]);
    // Labelled ends: each line carries its own name, in its own colour.
    expect(seriesEls.map((s) => drawnText(one(byTag(s, "text"))))).toEqual(["Narkotikaförsäljning", "Nedskräpning"]);
    const colours = seriesEls.map((s) => one(byPart(s, "line")).attrs.stroke);
    expect(new Set(colours).size).toBe(2);
    for (const s of seriesEls) expect(one(byTag(s, "text")).attrs.fill).toBe(one(byPart(s, "line")).attrs.stroke);
  });

  it("keeps points inside the plot, higher shares higher up", () => {
    const r = render(<LineChart title={title} summary={summary} periods={periods} series={series} labels={sv} />);
    const drugs = one(all(r.svg, (e) => e.attrs["data-item"] === "drugs"));
    const positions = byPart(drugs, "point").map((p) => {
      const m = /translate\(([\d.]+),([\d.]+)\)/.exec(p.attrs.transform as string);
      return { x: Number(m?.[1]), y: Number(m?.[2]) };
    });
    expect(positions).toHaveLength(3);
    for (const p of positions) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(r.width);
      expect(p.y).toBeGreaterThan(0);
      expect(p.y).toBeLessThan(r.height);
    }
    expect(positions[0]!.x).toBeLessThan(positions[1]!.x);
    expect(positions[1]!.x).toBeLessThan(positions[2]!.x);
    expect(positions[0]!.y).toBeGreaterThan(positions[2]!.y);
    expect(text(one(byTag(byPart(drugs, "point")[2] as El, "title")))).toBe(
      `Narkotikaförsäljning, 2024: 62${NBSP}% (95 % konfidensintervall 58${NBSP}%–66${NBSP}%)`,
    );
  });

  it("breaks the line at a suppressed point and marks it hatched with the reason, without its figure", () => {
    const r = render(<LineChart title={title} summary={summary} periods={periods} series={series} labels={sv} />);
    const marks = byPart(r.svg, "suppressed");
    expect(marks).toHaveLength(1);
    expect(text(one(byTag(marks[0] as El, "title")))).toBe("Nedskräpning, 2023: färre än 5 svar");
    expect(one(byPart(marks[0] as El, "hatch")).attrs.fill).toMatch(/^url\(#/);
    // A broken line is two sub-paths (or single points), never a segment across the hidden period.
    const litterLine = one(byPart(one(all(r.svg, (e) => e.attrs["data-item"] === "litter")), "line")).attrs.d as string;
    expect(litterLine.match(/M/g)).toHaveLength(2);
    expect(litterLine).not.toMatch(/L/);
    expect(r.html).not.toMatch(/90\s?%/);
    expect(drawnText(r.svg)).toContain("Randigt fält: färre än 5 svar, visas inte");
  });

  it("has every value with its interval in the table", () => {
    const r = render(<LineChart title={title} summary={summary} periods={periods} series={series} labels={sv} />);
    const table = one(byTag(r.figure, "table"));
    expect(byTag(one(byTag(table, "thead")), "th").map(text)).toEqual(["Fråga", "2022", "2023", "2024"]);
    const cell = (x: number) => `${x}${NBSP}% (${x - 4}${NBSP}%–${x + 4}${NBSP}%)`;
    expect(tableRows(table)).toEqual([
      ["Narkotikaförsäljning", cell(48), cell(55), cell(62)],
      ["Nedskräpning", cell(44), "färre än 5 svar", cell(41)],
    ]);
  });
});

describe("chart catalogue", () => {
  it("has the same charts.* keys in Swedish and English, none empty", () => {
    expect(Object.keys(chartsEn).sort()).toEqual(Object.keys(chartsSv).sort());
    for (const [key, value] of [...Object.entries(chartsSv), ...Object.entries(chartsEn)]) {
      expect(key.startsWith("charts.")).toBe(true);
      expect(value.trim()).not.toBe("");
    }
  });

  it("says 'färre än 5 svar' for a suppressed figure, as docs/domain/statistics.md#how-a-suppressed-figure-is-shown requires", () => {
    expect(sv.suppressed).toBe("färre än 5 svar");
    // The minimum base can be raised, never lowered.
    expect(labelsFor("sv", 3).suppressed).toBe("färre än 5 svar");
    expect(labelsFor("sv", 10).suppressed).toBe("färre än 10 svar");
  });
});
