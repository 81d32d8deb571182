import { RankedBars } from "./RankedBars";
import type { ShareItem } from "./types";
import { all, byPart, byTag, drawnText, num, one, render, text, type El } from "./charts-html.fixture";
import { labelsFor, sv, NBSP, expectFrame, tableRows } from "./charts.fixture";

// RankedBars rendered on the server: bars, intervals, suppressed items and the table alternative.

describe("RankedBars", () => {
  const items: ShareItem[] = [
    { key: "litter", label: "Nedskräpning", share: 0.41, ciLow: 0.37, ciHigh: 0.45, suppressed: false, base: 512 },
    {
      key: "drugs",
      label: "Narkotikaförsäljning i bostadsområdet där du bor",
      share: 0.62,
      ciLow: 0.58,
      ciHigh: 0.66,
      suppressed: false,
      base: 498,
    },
    // A caller that forgot to blank the numbers of a suppressed item: they must not show anywhere.
    { key: "weapons", label: "Vapen", share: 0.73, ciLow: 0.29, ciHigh: 0.94, suppressed: true, base: 3 },
    { key: "speeding", label: "Fortkörning", share: 0.55, ciLow: 0.5, ciHigh: 0.6, suppressed: false, base: 505 },
    { key: "fires", label: "Bränder", share: null, ciLow: null, ciHigh: null, suppressed: true },
  ];
  const title = "Stort problem i kommunen";
  const summary = "Narkotikaförsäljning ses som det största problemet: 62 % (±4).";

  it("draws one bar and one whisker per shown item, ranked highest first, suppressed last", () => {
    const r = render(<RankedBars title={title} summary={summary} items={items} labels={sv} />);
    expectFrame(r, title, summary);
    expect(r.width).toBe(640);
    const rows = byPart(r.svg, "bar-row");
    expect(rows.map((g) => g.attrs["data-item"])).toEqual(["drugs", "speeding", "litter", "weapons", "fires"]);
    expect(byPart(r.svg, "bar")).toHaveLength(3);
    expect(byPart(r.svg, "whisker")).toHaveLength(3);
    expect(rows.slice(0, 3).map((g) => drawnText(one(byPart(g, "value"))))).toEqual([
      `62${NBSP}%`,
      `55${NBSP}%`,
      `41${NBSP}%`,
    ]);
  });

  it("puts each whisker around the end of its bar, inside the plot", () => {
    const r = render(<RankedBars title={title} summary={summary} items={items} labels={sv} />);
    const bars = byPart(r.svg, "bar");
    const plotLeft = num(bars[0] as El, "x");
    // Bars are proportional to the share: 0.62 / 0.41.
    const len = (b: El) => num(b, "width");
    expect(len(bars[0] as El) / len(bars[2] as El)).toBeCloseTo(0.62 / 0.41, 5);
    for (const row of byPart(r.svg, "bar-row").slice(0, 3)) {
      const bar = one(byPart(row, "bar"));
      const end = num(bar, "x") + num(bar, "width");
      const [span] = byTag(one(byPart(row, "whisker")), "line") as [El];
      const [lo, hi] = [num(span, "x1"), num(span, "x2")];
      expect(lo).toBeGreaterThanOrEqual(plotLeft);
      expect(lo).toBeLessThan(end);
      expect(hi).toBeGreaterThan(end);
      expect(hi).toBeLessThanOrEqual(r.width);
      // The whisker sits on the bar's centre line.
      expect(num(span, "y1")).toBeCloseTo(num(bar, "y") + num(bar, "height") / 2, 6);
    }
  });

  it("clamps whiskers that reach past an explicit axis maximum to the plot", () => {
    const r = render(<RankedBars title={title} summary={summary} items={items} labels={sv} max={0.5} />);
    const bars = byPart(r.svg, "bar");
    const plotRight = Math.max(...bars.map((b) => num(b, "x") + num(b, "width")));
    for (const w of byPart(r.svg, "whisker")) {
      for (const l of byTag(w, "line")) expect(num(l, "x2")).toBeLessThanOrEqual(plotRight + 1e-6);
    }
  });

  it("draws a suppressed item as a hatched band with the reason and no figure", () => {
    const r = render(<RankedBars title={title} summary={summary} items={items} labels={sv} />);
    const weapons = one(all(r.svg, (e) => e.attrs["data-item"] === "weapons"));
    const band = one(byPart(weapons, "suppressed"));
    expect(one(byPart(band, "hatch")).attrs.fill).toMatch(/^url\(#.+-hatch\)$/);
    expect(drawnText(band)).toBe("färre än 5 svar");
    expect(text(one(byTag(weapons, "title")))).toBe("Vapen: färre än 5 svar");
    expect(text(weapons)).not.toMatch(/\d+\s?%/);
    expect(byPart(weapons, "bar")).toHaveLength(0);
    expect(byPart(weapons, "whisker")).toHaveLength(0);
    // The numbers that came with it are nowhere on the page (chart, tooltips or table).
    expect(r.html).not.toMatch(/73\s?%|29\s?%|94\s?%/);
    // The band spans the whole value axis, so it cannot be read as a length.
    const hatch = one(byPart(band, "hatch"));
    const plotLeft = num(byPart(r.svg, "bar")[0] as El, "x");
    expect(num(hatch, "x")).toBeCloseTo(plotLeft, 6);
  });

  it("has every value, interval and base in the table, and the reason for suppressed items", () => {
    const r = render(<RankedBars title={title} summary={summary} items={items} labels={sv} />);
    const table = one(byTag(r.figure, "table"));
    expect(byTag(one(byTag(table, "thead")), "th").map(text)).toEqual([
      "Fråga",
      "Andel",
      "95 % konfidensintervall",
      "Antal svar",
    ]);
    expect(tableRows(table)).toEqual([
      ["Narkotikaförsäljning i bostadsområdet där du bor", `62${NBSP}%`, `58${NBSP}%–66${NBSP}%`, "498"],
      ["Fortkörning", `55${NBSP}%`, `50${NBSP}%–60${NBSP}%`, "505"],
      ["Nedskräpning", `41${NBSP}%`, `37${NBSP}%–45${NBSP}%`, "512"],
      ["Vapen", "färre än 5 svar"],
      ["Bränder", "färre än 5 svar"],
    ]);
    const suppressedCells = all(table, (e) => e.tag === "td" && text(e) === "färre än 5 svar");
    expect(suppressedCells.map((td) => td.attrs.colSpan)).toEqual(["3", "3"]);
  });

  it("formats numbers and texts in English, and takes a raised minimum base into the reason", () => {
    const r = render(
      <RankedBars
        title="Big problems"
        summary="Drug dealing is seen as the biggest problem."
        items={items}
        labels={labelsFor("en", 10)}
        width={800}
      />,
    );
    expect(r.width).toBe(800);
    expect(drawnText(one(byPart(byPart(r.svg, "bar-row")[0] as El, "value")))).toBe("62%");
    expect(text(one(byTag(r.figure, "summary")))).toBe("Show table");
    expect(drawnText(byPart(r.svg, "suppressed")[0] as El)).toBe("fewer than 10 responses");
  });

  it("is a figure named by its caption", () => {
    const r = render(<RankedBars title={title} summary={summary} items={items} labels={sv} />);
    const caption = one(byTag(r.figure, "figcaption"));
    expect(r.figure.children.find((c) => typeof c !== "string")).toBe(caption);
  });
});
