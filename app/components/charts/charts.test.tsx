import { renderToString } from "react-dom/server";
import type { ReactElement } from "react";
import chartsEn from "~/i18n/charts.en.json";
import chartsSv from "~/i18n/charts.sv.json";
import type { Locale } from "~/i18n/i18n";
import { DivergingBars, type LikertCategory, type LikertRow } from "./DivergingBars";
import { chartLabels, type ChartMessageKey } from "./labels";
import { LineChart } from "./LineChart";
import { RankedBars } from "./RankedBars";
import { SmallMultiples, type SmallMultiplesGroup } from "./SmallMultiples";
import type { ShareItem } from "./types";

// ---------------------------------------------------------------------------------------------------------------
// A minimal reader for renderToString output (no DOM in the unit tests): elements, attributes and text.

type El = { tag: string; attrs: Record<string, string>; children: (El | string)[]; parent: El | null };

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

function parse(html: string): El {
  const root: El = { tag: "#root", attrs: {}, children: [], parent: null };
  let current = root;
  const token = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*(\/?)>|([^<]+)/g;
  for (const m of html.matchAll(token)) {
    const [whole, closing, tag, attrText, selfClosing, text] = m;
    if (whole.startsWith("<!--")) continue;
    if (text !== undefined) {
      current.children.push(decode(text));
      continue;
    }
    const name = (tag as string).toLowerCase();
    if (closing) {
      let el: El | null = current;
      while (el && el.tag !== name) el = el.parent;
      if (!el?.parent) throw new Error(`unbalanced </${name}>`);
      current = el.parent;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? "").matchAll(/([^\s=]+)(?:="([^"]*)")?/g)) attrs[a[1] as string] = decode(a[2] ?? "");
    const el: El = { tag: name, attrs, children: [], parent: current };
    current.children.push(el);
    if (!selfClosing && !VOID.has(name)) current = el;
  }
  if (current !== root) throw new Error(`unclosed <${current.tag}>`);
  return root;
}

function all(el: El, pred: (e: El) => boolean): El[] {
  const out: El[] = [];
  for (const c of el.children) {
    if (typeof c === "string") continue;
    if (pred(c)) out.push(c);
    out.push(...all(c, pred));
  }
  return out;
}
const byTag = (el: El, tag: string) => all(el, (e) => e.tag === tag);
const byPart = (el: El, part: string) => all(el, (e) => e.attrs["data-part"] === part);
const one = (els: El[]): El => {
  expect(els).toHaveLength(1);
  return els[0] as El;
};
function text(el: El): string {
  return el.children.map((c) => (typeof c === "string" ? c : text(c))).join("");
}
/** Text of an element without the tooltips (<title>) inside it: what is drawn. */
function drawnText(el: El): string {
  return el.children.map((c) => (typeof c === "string" ? c : c.tag === "title" ? "" : drawnText(c))).join("");
}
const num = (el: El, attr: string) => Number(el.attrs[attr]);

function render(element: ReactElement) {
  const html = renderToString(element);
  const root = parse(html);
  const figure = one(byTag(root, "figure"));
  const svg = one(byTag(figure, "svg"));
  return { html, root, figure, svg, width: num(svg, "width"), height: num(svg, "height") };
}

// ---------------------------------------------------------------------------------------------------------------
// Labels straight from the catalogue files (the app reads the same files through translate()).

const catalogues = { sv: chartsSv, en: chartsEn } as const;
function labelsFor(locale: "sv" | "en", minBase?: number) {
  const t = (key: ChartMessageKey, params?: Record<string, string | number>) =>
    catalogues[locale][key].replace(/\{(\w+)\}/g, (m, name: string) =>
      params && name in params ? String(params[name]) : m,
    );
  return chartLabels(t, locale as Locale, minBase);
}
const sv = labelsFor("sv");
const NBSP = "\u00a0";

/** Structural checks every chart must pass: title, summary, accessible SVG, table alternative, no buttons yet. */
function expectFrame(r: ReturnType<typeof render>, title: string, summary: string) {
  const h3 = one(byTag(r.figure, "h3"));
  expect(text(h3)).toBe(title);
  const summaryEl = one(all(r.figure, (e) => e.tag === "p" && e.attrs.class === "chart-summary"));
  expect(text(summaryEl)).toBe(summary);
  expect(r.svg.attrs.role).toBe("img");
  expect(r.svg.attrs["aria-labelledby"]).toBe(`${h3.attrs.id} ${summaryEl.attrs.id}`);
  expect(r.svg.attrs.viewBox).toBe(`0 0 ${r.width} ${r.height}`);
  const details = one(byTag(r.figure, "details"));
  expect(text(one(byTag(details, "summary")))).toBe("Visa tabell");
  const table = one(byTag(details, "table"));
  expect(text(one(byTag(table, "caption")))).toBe(title);
  const ths = byTag(table, "th");
  expect(ths.length).toBeGreaterThan(0);
  for (const th of ths) expect(["col", "row"]).toContain(th.attrs.scope);
  // Downloads and other controls need JavaScript: not in the server render (they appear after hydration).
  expect(byTag(r.figure, "button")).toHaveLength(0);
  // Every pattern the chart refers to is defined inside the same SVG (so a downloaded file is complete).
  const defined = new Set(byTag(r.svg, "pattern").map((p) => p.attrs.id));
  for (const el of all(r.svg, (e) => (e.attrs.fill ?? "").startsWith("url(#"))) {
    expect(defined.has((el.attrs.fill as string).slice(5, -1))).toBe(true);
  }
  // Nothing is drawn outside the canvas.
  for (const rect of byTag(r.svg, "rect")) {
    if (rect.parent?.tag === "pattern") continue;
    expect(num(rect, "x") || 0).toBeGreaterThanOrEqual(0);
    expect((num(rect, "x") || 0) + num(rect, "width")).toBeLessThanOrEqual(r.width + 1e-6);
  }
  return table;
}

/** The rows of the data table as [header, ...cells] text. */
function tableRows(table: El): string[][] {
  const body = one(byTag(table, "tbody"));
  return byTag(body, "tr").map((tr) => tr.children.filter((c): c is El => typeof c !== "string").map(text));
}

// ---------------------------------------------------------------------------------------------------------------

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
