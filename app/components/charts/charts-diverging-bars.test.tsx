import { DivergingBars, type LikertCategory, type LikertRow } from "./DivergingBars";
import { all, byPart, byTag, drawnText, num, one, render, text, type El } from "./charts-html.fixture";
import { sv, NBSP, expectFrame, tableRows } from "./charts.fixture";

// DivergingBars rendered on the server: segments either side of the centre, labels, suppressed rows and the table.

describe("DivergingBars", () => {
  const categories: LikertCategory[] = [
    { key: "4", label: "Mycket stort problem", side: "left" },
    { key: "3", label: "Ganska stort problem", side: "left" },
    { key: "2", label: "Ganska litet problem", side: "right" },
    { key: "1", label: "Inget problem alls", side: "right" },
    { key: "dont_know", label: "Vet ej", side: "aside" },
  ];
  const rows: LikertRow[] = [
    {
      key: "litter",
      label: "Nedskräpning",
      shares: { "4": 0.1, "3": 0.3, "2": 0.4, "1": 0.2, dont_know: 0.08 },
      suppressed: false,
      base: 400,
    },
    {
      key: "drugs",
      label: "Narkotikaförsäljning",
      shares: { "4": 0.35, "3": 0.27, "2": 0.28, "1": 0.1, dont_know: 0.21 },
      suppressed: false,
      base: 380,
    },
    // No one answered "inget problem alls": that segment is simply absent (it is a 0, not a suppression).
    {
      key: "noise",
      label: "Störande grannar",
      shares: { "4": 0.05, "3": 0.15, "2": 0.8, "1": 0, dont_know: 0.02 },
      suppressed: false,
    },
    {
      key: "weapons",
      label: "Vapen",
      shares: { "4": 0.43, "3": 0.19, "2": 0.2, "1": 0.18, dont_know: 0.33 },
      suppressed: true,
    },
    // One category below the minimum base on its own: the bar cannot be drawn, the rest is in the table.
    {
      key: "fires",
      label: "Bränder",
      shares: { "4": null, "3": 0.3, "2": 0.4, "1": 0.24, dont_know: 0.06 },
      suppressed: false,
    },
  ];
  const title = "Hur stort problem är …";
  const summary = "Narkotikaförsäljning ses som stort problem av flest (62 %).";
  const props = {
    title,
    summary,
    categories,
    rows,
    leftLabel: "Stort problem",
    rightLabel: "Litet eller inget problem",
    labels: sv,
  };

  it("draws one segment per non-zero category of each drawable row, and vet ej apart", () => {
    const r = render(<DivergingBars {...props} />);
    expectFrame(r, title, summary);
    const rowEls = byPart(r.svg, "likert-row");
    expect(rowEls.map((g) => g.attrs["data-item"])).toEqual(["litter", "drugs", "noise", "weapons", "fires"]);
    const segmentsOf = (key: string) => byPart(one(all(r.svg, (e) => e.attrs["data-item"] === key)), "segment");
    expect(segmentsOf("litter").map((s) => s.attrs["data-category"])).toEqual(["4", "3", "2", "1"]);
    expect(segmentsOf("noise").map((s) => s.attrs["data-category"])).toEqual(["4", "3", "2"]);
    expect(segmentsOf("weapons")).toHaveLength(0);
    expect(segmentsOf("fires")).toHaveLength(0);
    expect(byPart(r.svg, "segment")).toHaveLength(11);
    // "Vet ej" is never a segment of the bar; it has its own column.
    expect(byPart(r.svg, "segment").some((s) => s.attrs["data-category"] === "dont_know")).toBe(false);
    expect(byPart(r.svg, "aside").map((a) => drawnText(a))).toEqual([
      `8${NBSP}%`,
      `21${NBSP}%`,
      `2${NBSP}%`,
      `6${NBSP}%`,
    ]);
  });

  it("puts the concern side left of the centre line and the rest right, with lengths proportional to the shares", () => {
    const r = render(<DivergingBars {...props} />);
    const rect = (item: string, cat: string) =>
      one(
        byTag(
          one(
            all(
              r.svg,
              (e) =>
                e.attrs["data-part"] === "segment" &&
                e.attrs["data-category"] === cat &&
                e.parent?.attrs["data-item"] === item,
            ),
          ),
          "rect",
        ),
      );
    const [r4, r3, r2, r1] = ["4", "3", "2", "1"].map((cat) => rect("drugs", cat)) as [El, El, El, El];
    const centre = num(r3, "x") + num(r3, "width");
    expect(num(r2, "x")).toBeCloseTo(centre, 6);
    expect(num(r4, "x") + num(r4, "width")).toBeCloseTo(num(r3, "x"), 6);
    expect(num(r1, "x")).toBeCloseTo(num(r2, "x") + num(r2, "width"), 6);
    expect(num(r4, "width") / num(r2, "width")).toBeCloseTo(0.35 / 0.28, 5);
    // The same centre line for every row.
    const litter3 = rect("litter", "3");
    expect(num(litter3, "x") + num(litter3, "width")).toBeCloseTo(centre, 6);
  });

  it("gives every segment a tooltip with the item, the category and the value", () => {
    const r = render(<DivergingBars {...props} />);
    for (const s of byPart(r.svg, "segment")) expect(text(one(byTag(s, "title")))).toMatch(/^.+: .+ \d+\u00a0%$/);
    const first = byPart(r.svg, "segment")[0] as El;
    expect(text(one(byTag(first, "title")))).toBe(`Nedskräpning: Mycket stort problem 10${NBSP}%`);
  });

  it("draws suppressed rows hatched with the reason, without any of their figures", () => {
    const r = render(<DivergingBars {...props} />);
    const weapons = one(all(r.svg, (e) => e.attrs["data-item"] === "weapons"));
    expect(drawnText(one(byPart(weapons, "suppressed")))).toBe("färre än 5 svar");
    expect(text(weapons)).not.toMatch(/\d\s?%/);
    expect(r.html).not.toMatch(/43\s?%|19\s?%|18\s?%|33\s?%/);
    const fires = one(all(r.svg, (e) => e.attrs["data-item"] === "fires"));
    expect(drawnText(one(byPart(fires, "suppressed")))).toBe("färre än 5 svar");
  });

  it("has every value in the table, with the reason for what is suppressed", () => {
    const r = render(<DivergingBars {...props} />);
    const table = one(byTag(r.figure, "table"));
    expect(byTag(one(byTag(table, "thead")), "th").map(text)).toEqual([
      "Fråga",
      "Mycket stort problem",
      "Ganska stort problem",
      "Ganska litet problem",
      "Inget problem alls",
      "Vet ej",
      "Antal svar",
    ]);
    const p = (x: number) => `${x}${NBSP}%`;
    expect(tableRows(table)).toEqual([
      ["Nedskräpning", p(10), p(30), p(40), p(20), p(8), "400"],
      ["Narkotikaförsäljning", p(35), p(27), p(28), p(10), p(21), "380"],
      ["Störande grannar", p(5), p(15), p(80), p(0), p(2), ""],
      ["Vapen", "färre än 5 svar"],
      ["Bränder", "färre än 5 svar", p(30), p(40), p(24), p(6), ""],
    ]);
  });

  it("can start sorted by the share on the concern side", () => {
    const r = render(<DivergingBars {...props} initialOrder="left" />);
    expect(byPart(r.svg, "likert-row").map((g) => g.attrs["data-item"])).toEqual([
      "drugs",
      "litter",
      "noise",
      "weapons",
      "fires",
    ]);
    expect(tableRows(one(byTag(r.figure, "table"))).map((row) => row[0])).toEqual([
      "Narkotikaförsäljning",
      "Nedskräpning",
      "Störande grannar",
      "Vapen",
      "Bränder",
    ]);
  });

  it("writes the values inside segments wide enough, in a colour readable on the fill", () => {
    const r = render(<DivergingBars {...props} />);
    const noise2 = one(
      all(one(all(r.svg, (e) => e.attrs["data-item"] === "noise")), (e) => e.attrs["data-category"] === "2"),
    );
    expect(drawnText(noise2)).toBe(`80${NBSP}%`);
    const label = one(byTag(noise2, "text"));
    expect(["#1b1b1f", "#ffffff"]).toContain(label.attrs.fill);
  });
});
