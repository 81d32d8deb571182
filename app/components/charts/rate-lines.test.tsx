import { renderToString } from "react-dom/server";
import chartsSv from "~/i18n/charts.sv.json";
import { formatRate } from "~/features/crime/index";
import { chartLabels, type ChartMessageKey } from "./labels";
import { RateLines } from "./RateLines";

const t = (key: ChartMessageKey, params?: Record<string, string | number>) =>
  (chartsSv[key] as string).replace(/\{(\w+)\}/g, (m, n: string) => (params && n in params ? String(params[n]) : m));
const labels = chartLabels(t, "sv");
const render = (el: Parameters<typeof renderToString>[0]) => renderToString(el).replace(/<!-- -->/g, "");

describe("RateLines", () => {
  const html = render(
    <RateLines
      title="Misshandel per 100 000"
      summary="Kommunen ligger under riket."
      labels={labels}
      periods={["2022", "2023", "2024"]}
      itemHeader="Område"
      series={[
        { key: "kommun", label: "Haparanda", values: [640.2, null, 720.5] },
        { key: "riket", label: "Riket", values: [850, 845.5, 1234.5] },
      ]}
      format={(v) => formatRate(v, "sv")}
      pointTooltip={(s, p, v) => `${s} ${p}: ${v}`}
      missingTooltip={(s, p) => `${s} ${p}: ingen siffra`}
    />,
  );
  const seriesOf = (key: string) => {
    const start = html.indexOf(`data-item="${key}"`);
    expect(start, key).toBeGreaterThan(0);
    return html.slice(start, html.indexOf("</g>", start));
  };

  it("draws a point per known value and breaks the line at a missing one, marked apart with its tooltip", () => {
    expect(seriesOf("kommun").match(/data-part="point"/g)).toHaveLength(2);
    expect(seriesOf("riket").match(/data-part="point"/g)).toHaveLength(3);
    // A line broken by a missing value has two segments (two "M" moves), and nothing is drawn at zero for it.
    expect(seriesOf("kommun")).toMatch(/data-part="line" d="M[^"]*M/);
    expect(html).toContain('data-part="missing"');
    expect(html).toContain("Haparanda 2023: ingen siffra");
    expect(html).toContain("Riket 2024: 1\u00a0234,5");
  });

  it("has the title, the summary and a table with every value in Swedish format", () => {
    expect(html).toContain("Misshandel per 100 000</h3>");
    expect(html).toContain("Kommunen ligger under riket.");
    expect(html).toMatch(/<th scope="row">Haparanda<\/th><td class="num">640,2<\/td><td class="num">–<\/td>/);
    expect(html).toMatch(
      /<th scope="row">Riket<\/th>(<td class="num">[^<]+<\/td>){2}<td class="num">1\u00a0234,5<\/td>/,
    );
  });
});
