import { renderToString } from "react-dom/server";
import chartsSv from "~/i18n/charts.sv.json";
import { chartLabels, type ChartMessageKey } from "./labels";
import { ChangeBars } from "./ChangeBars";
import { CountColumns } from "./CountColumns";
import { SmallMultiples } from "./SmallMultiples";

const t = (key: ChartMessageKey, params?: Record<string, string | number>) =>
  (chartsSv[key] as string).replace(/\{(\w+)\}/g, (m, n: string) => (params && n in params ? String(params[n]) : m));
const labels = chartLabels(t, "sv");
/** Server HTML without React's text separators (`<!-- -->`). */
const render = (el: Parameters<typeof renderToString>[0]) => renderToString(el).replace(/<!-- -->/g, "");

/** The <g data-part="bar-row" data-item=KEY …>…</g> of an item (rows do not nest, so the first </g> after the last whisker is fine). */
const rowOf = (html: string, key: string) => {
  const start = html.indexOf(`data-item="${key}"`);
  expect(start, key).toBeGreaterThan(0);
  const next = html.indexOf('data-part="bar-row"', start + 10);
  return html.slice(start, next < 0 ? undefined : next);
};

describe("ChangeBars", () => {
  const html = render(
    <ChangeBars
      title="Förändring"
      summary="En förändring är signifikant."
      items={[
        { key: "up", label: "Ökar", change: { diff: 0.061, low: 0.02, high: 0.1, significant: true } },
        { key: "flat", label: "Oförändrad", change: { diff: -0.01, low: -0.05, high: 0.03, significant: false } },
        { key: "none", label: "Saknas", change: null, reason: "färre än 5 svar" },
      ]}
      labels={labels}
    />,
  );

  it("fills significant bars, outlines the others and marks significance in text too", () => {
    expect(rowOf(html, "up")).toContain('data-significant="true"');
    expect(rowOf(html, "up")).toMatch(/data-part="bar"[^>]*fill="#5b8fcc"/);
    expect(rowOf(html, "up")).toContain("+6,1 *");
    expect(rowOf(html, "flat")).toMatch(/data-part="bar"[^>]*fill="#ffffff"/);
    expect(rowOf(html, "flat")).toContain("−1,0");
    expect(rowOf(html, "flat")).not.toContain(" *");
  });

  it("draws a missing change as a hatched band with its reason, never as a bar", () => {
    const row = rowOf(html, "none");
    expect(row).toContain('data-part="suppressed"');
    expect(row).not.toContain('data-part="bar"');
    expect(row).toContain("färre än 5 svar");
  });

  it("has a title, a summary and a table with every item", () => {
    expect(html).toContain("Förändring</h3>");
    expect(html).toContain("En förändring är signifikant.");
    expect(html).toMatch(/<th scope="row">Ökar<\/th><td class="num">\+6,1<\/td>/);
    expect(html).toMatch(/<th scope="row">Saknas<\/th><td colSpan="3">färre än 5 svar<\/td>/);
  });
});

describe("CountColumns", () => {
  const html = render(
    <CountColumns
      title="Svar per kanal"
      summary="Flest via webb."
      items={[
        { key: "web", label: "Webb", n: 120, suppressed: false },
        { key: "phone", label: "Telefon", n: null, suppressed: true },
        { key: "paper", label: "Papper", n: null, suppressed: true },
      ]}
      labels={labels}
      itemHeader="Kanal"
      countHeader="Antal svar"
    />,
  );
  it("draws shown counts as columns with their value, suppressed ones hatched, in the table as the reason", () => {
    expect((html.match(/data-part="column"/g) ?? []).length).toBe(1);
    expect((html.match(/<g data-part="suppressed">/g) ?? []).length).toBe(2);
    expect(html).toContain("<title>Webb: 120</title>");
    expect(html).toMatch(/<th scope="row">Telefon<\/th><td class="num">färre än 5 svar<\/td>/);
  });
});

describe("SmallMultiples with toggles", () => {
  it("renders every group on the server (the toggles appear only after hydration)", () => {
    const html = renderToString(
      <SmallMultiples
        title="Uppdelning"
        summary="Högst i norr."
        items={[{ key: "a", label: "A" }]}
        groups={["n", "s", "o"].map((k) => ({
          key: k,
          label: k.toUpperCase(),
          cells: { a: { share: 0.5, ciLow: 0.4, ciHigh: 0.6, suppressed: false } },
        }))}
        labels={labels}
        toggleable
      />,
    );
    expect((html.match(/data-part="panel"/g) ?? []).length).toBe(3);
    expect(html).not.toContain('type="checkbox"');
  });
});
