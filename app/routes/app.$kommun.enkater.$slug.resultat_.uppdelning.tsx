import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getIndicatorBreakdowns } from "~/features/results/index.server";
import { surveyAnalysisPage } from "~/features/results/index.server";
import { formatPercent } from "~/features/results/index";
import { pageInput } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { SmallMultiples } from "~/components/charts/SmallMultiples";
import { useChartLabels } from "~/components/charts/labels";
import { AnalysisNav } from "~/components/analysis/AnalysisNav";
import { FilterForm } from "~/components/analysis/FilterForm";
import { InvalidFilters, type Valid } from "~/components/analysis/InvalidFilters";
import analysisCss from "~/styles/analysis.css";
import { TableWrap } from "~/components/TableWrap";
import { ZoneChoropleth } from "~/components/places/ZoneChoropleth";
import { listZones } from "~/features/places/index.server";
import { zoneShapes } from "~/features/places/index";

/** The area map's size (SVG user units). */
const AREA_MAP = { width: 480, height: 360 };
import { pageTitle, stylesheets } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.breakdown");
export const links = stylesheets(analysisCss);

/** Indicator items broken down by one or two of area, age band and gender (`by`, in the URL), filtered. */
export const loader = (args: LoaderFunctionArgs) =>
  pageInput(args, async (ctx) =>
    surveyAnalysisPage(ctx, async ({ db, kommun, survey, search, filters }) => {
      const by = search.getAll("by").filter(Boolean);
      const view = { by: by.length ? by : ["area"], kind: search.get("kind") || "problem", q: search.get("q") || null };
      const breakdown = await getIndicatorBreakdowns({
        db,
        surveyId: survey.id,
        by: view.by,
        kind: view.kind,
        question: view.q,
        filters,
      });
      // By area alone: the kommun's zones whose codes are the area question's values, for a map beside the chart.
      const keys = new Set(breakdown.groups.map((g) => g.key));
      const zones =
        breakdown.by.length === 1 && breakdown.by[0] === "area"
          ? (await listZones({ db, kommunId: kommun.id })).filter((z) => keys.has(z.code))
          : [];
      const areaMap = zones.length
        ? {
            ...AREA_MAP,
            shapes: zoneShapes(zones, AREA_MAP.width, AREA_MAP.height).map((z) => ({ value: z.code, d: z.d })),
          }
        : null;
      return { breakdown, view, areaMap };
    }),
  );

/** The page's data once its filters are valid. */
type Data = Valid<ReturnType<typeof useLoaderData<typeof loader>>>;

export default function BreakdownPage() {
  const data = useLoaderData<typeof loader>();
  if (data.errors) return <InvalidFilters data={data} />;
  return <Breakdowns data={data} />;
}

const DIMENSIONS = ["area", "age_band", "gender"] as const;

function Breakdowns({ data }: { data: Data }) {
  const t = useT();
  const { kommun, survey, breakdown: b, choices, filters, view, areaMap } = data;
  // The item the map shows: the table's question when it is one of the items, else the first item.
  const mapped = b.items.find((i) => i.question === b.table?.question.name) ?? b.items[0];
  const labels = useChartLabels({ minBase: b.minBase });
  const pct = (p: number) => formatPercent(p, t.locale);
  const dimLabel = (d: string) => t(`analysis.dim.${d as (typeof DIMENSIONS)[number]}`);
  const byText = b.by.map(dimLabel).join(` ${t("analysis.breakdown.crossedWith")} `);
  // The highest shown share of any item in any group: the summary's main finding.
  let best: { item: string; group: string; share: number } | null = null;
  for (const item of b.items) {
    item.cells.forEach((c, i) => {
      if (!c.suppressed && c.share !== null && (!best || c.share > best.share))
        best = { item: item.title, group: b.groups[i]!.label, share: c.share };
    });
  }
  const found = best as { item: string; group: string; share: number } | null;
  const kindTitle = t(`analysis.kind.${b.kind}`);
  const table = b.table;
  const available = DIMENSIONS.filter((d) => choices.some((c) => c.column === d));
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/enkater/${survey.slug}`}>{survey.title}</Link> · {kommun.name}
      </p>
      <h1>{t("analysis.breakdown.title", { survey: `${survey.title} (${survey.period})` })}</h1>
      <AnalysisNav base={`/app/${kommun.slug}/enkater/${survey.slug}/resultat`} current="breakdown" filters={filters} />

      <Form method="get" className="filters no-print" aria-label={t("analysis.breakdown.settings")}>
        {filters.where.map((w) => (
          <input key={w} type="hidden" name="where" value={w} />
        ))}
        {filters.channel.map((c) => (
          <input key={c} type="hidden" name="channel" value={c} />
        ))}
        {filters.from ? <input type="hidden" name="from" value={filters.from} /> : null}
        {filters.to ? <input type="hidden" name="to" value={filters.to} /> : null}
        {[0, 1].map((i) => (
          <div className="stack" key={i}>
            <label htmlFor={`by${i + 1}`}>{t(i === 0 ? "analysis.breakdown.by" : "analysis.breakdown.by2")}</label>
            <select id={`by${i + 1}`} name="by" defaultValue={view.by[i] ?? ""}>
              {i === 1 ? <option value="">{t("analysis.breakdown.none")}</option> : null}
              {available.map((d) => (
                <option key={d} value={d}>
                  {dimLabel(d)}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div className="stack">
          <label htmlFor="kind">{t("analysis.breakdown.kind")}</label>
          <select id="kind" name="kind" defaultValue={b.kind}>
            {(["problem", "safety", "trust"] as const).map((k) => (
              <option key={k} value={k}>
                {t(`analysis.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="stack">
          <label htmlFor="q">{t("analysis.breakdown.tableQuestion")}</label>
          <select id="q" name="q" defaultValue={table?.question.name ?? ""}>
            {b.questions.map((q) => (
              <option key={q.name} value={q.name}>
                {q.title}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit">{t("analysis.breakdown.show")}</button>
        </div>
      </Form>
      <FilterForm
        choices={choices}
        filters={filters}
        hidden={{ by: b.by, kind: b.kind, ...(view.q ? { q: view.q } : {}) }}
      />

      {b.suppressed ? (
        <p role="status" className="notice">
          {t("results.tooFew", { min: b.minBase })}
        </p>
      ) : (
        <p>{t("results.respondents", { n: b.respondents ?? 0 })}</p>
      )}

      {b.items.length === 0 ? (
        <p>{t("analysis.breakdown.noItems", { kind: kindTitle })}</p>
      ) : (
        <SmallMultiples
          title={t("analysis.breakdown.chartTitle", { kind: kindTitle, by: byText })}
          summary={
            found
              ? t("analysis.breakdown.summary", { item: found.item, group: found.group, share: pct(found.share) })
              : t("results.hiddenSummary", { min: b.minBase })
          }
          items={b.items.map((i) => ({ key: i.question, label: i.title }))}
          groups={b.groups.map((g, gi) => ({
            key: g.key,
            label: g.label,
            cells: Object.fromEntries(
              b.items.map((i) => {
                const c = i.cells[gi]!;
                return [
                  i.question,
                  {
                    share: c.share,
                    ciLow: c.ci_low,
                    ciHigh: c.ci_high,
                    suppressed: c.suppressed,
                    reason: c.reason,
                    base: c.base,
                  },
                ];
              }),
            ),
          }))}
          labels={labels}
          width={960}
          max={b.kind === "problem" ? undefined : 1}
          toggleable
          fileName={`${survey.slug}-uppdelning-${b.by.join("-")}`}
        />
      )}

      {areaMap && mapped ? (
        <section aria-labelledby="area-map-heading">
          <h2 id="area-map-heading">{t("places.choropleth.areaHeading")}</h2>
          <ZoneChoropleth
            title={t("places.choropleth.areaTitle", { item: mapped.title })}
            summaryFor={(zone, share) => t("places.choropleth.areaSummary", { zone, share })}
            map={areaMap}
            figures={b.groups.map((g, gi) => {
              const c = mapped.cells[gi]!;
              return {
                value: g.key,
                label: g.label,
                n: c.base,
                share: c.share,
                ciLow: c.ci_low,
                ciHigh: c.ci_high,
                suppressed: c.suppressed,
              };
            })}
            minBase={b.minBase}
            fileName={`${survey.slug}-karta-${mapped.question}`}
          />
          <p className="hint">{t("places.choropleth.areaNote")}</p>
        </section>
      ) : null}

      {table ? (
        <TableWrap
          label={t("analysis.breakdown.tableCaption", {
            question: table.question.group
              ? `${table.question.group.title}: ${table.question.title}`
              : table.question.title,
            by: byText,
          })}
        >
          <table>
            <caption>
              {t("analysis.breakdown.tableCaption", {
                question: table.question.group
                  ? `${table.question.group.title}: ${table.question.title}`
                  : table.question.title,
                by: byText,
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("analysis.breakdown.group")}</th>
                <th scope="col" className="num">
                  {t("analysis.breakdown.answered")}
                </th>
                {table.groups[0]?.options.map((o) => (
                  <th key={o.value} scope="col" className="num">
                    {o.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[
                ...table.groups.map((g, i) => ({
                  key: b.groups[i]?.key ?? String(i),
                  label: g.label,
                  answered: g.answered,
                  options: g.options,
                })),
                ...(table.total
                  ? [
                      {
                        key: "total",
                        label: t("analysis.breakdown.total"),
                        answered: table.total.answered,
                        options: table.total.options,
                      },
                    ]
                  : []),
              ].map((g) => (
                <tr key={g.key}>
                  <th scope="row">{g.label}</th>
                  <td className={g.answered === null ? "suppressed" : "num"}>
                    {g.answered === null ? t("results.suppressed", { min: b.minBase }) : g.answered}
                  </td>
                  {g.options.map((o) => (
                    <td key={o.value} className={o.suppressed ? "suppressed" : "num"}>
                      {/* A cell hidden as a complement sits in a group large enough: say why, not "too few". */}
                      {o.suppressed || o.n === null
                        ? o.reason === "complementary"
                          ? t("analysis.breakdown.hiddenComplement")
                          : t("results.suppressed", { min: b.minBase })
                        : `${o.n} (${o.share !== null ? pct(o.share) : "–"})`}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <p className="hint">{t("analysis.breakdown.method", { min: b.minBase })}</p>
    </section>
  );
}
