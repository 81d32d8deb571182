import { expect } from "vitest";
import chartsEn from "~/i18n/charts.en.json";
import chartsSv from "~/i18n/charts.sv.json";
import type { Locale } from "~/i18n/i18n";
import { all, byTag, num, one, text, type El, type render } from "./charts-html.fixture";
import { chartLabels, type ChartMessageKey } from "./labels";

// What the chart tests share besides the HTML reader: the chart labels straight from the catalogue files, and the
// structural checks every chart must pass.

// ---------------------------------------------------------------------------------------------------------------
// Labels straight from the catalogue files (the app reads the same files through translate()).

export const catalogues = { sv: chartsSv, en: chartsEn } as const;
export function labelsFor(locale: "sv" | "en", minBase?: number) {
  const t = (key: ChartMessageKey, params?: Record<string, string | number>) =>
    catalogues[locale][key].replace(/\{(\w+)\}/g, (m, name: string) =>
      params && name in params ? String(params[name]) : m,
    );
  return chartLabels(t, locale as Locale, minBase);
}
export const sv = labelsFor("sv");
export const NBSP = "\u00a0";

/** Structural checks every chart must pass: title, summary, accessible SVG, table alternative, no buttons yet. */
export function expectFrame(r: ReturnType<typeof render>, title: string, summary: string) {
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
export function tableRows(table: El): string[][] {
  const body = one(byTag(table, "tbody"));
  return byTag(body, "tr").map((tr) => tr.children.filter((c): c is El => typeof c !== "string").map(text));
}
