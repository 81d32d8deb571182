import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getComparison, type ItemChange, type WaveShare } from "~/features/results/index.server";
import { surveyAnalysisPage } from "~/features/results/index.server";
import { formatPercent } from "~/features/results/index";
import { pageInput } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { ChangeBars } from "~/components/charts/ChangeBars";
import { LineChart } from "~/components/charts/LineChart";
import { useChartLabels } from "~/components/charts/labels";
import { AnalysisNav } from "~/components/analysis/AnalysisNav";
import { FilterForm } from "~/components/analysis/FilterForm";
import { InvalidFilters, type Valid } from "~/components/analysis/InvalidFilters";
import analysisCss from "~/styles/analysis.css";
import { TableWrap } from "~/components/TableWrap";
import { pageTitle, stylesheets } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.comparison");
export const links = stylesheets(analysisCss);

/** Change per indicator item since the kommun's previous survey asking it, with trends over three or more waves. */
export const loader = (args: LoaderFunctionArgs) =>
  pageInput(args, async (ctx) =>
    surveyAnalysisPage(ctx, async ({ db, kommun, survey, filters }) => ({
      comparison: await getComparison({ db, kommunId: kommun.id, surveySlug: survey.slug, filters }),
    })),
  );

/** The page's data once its filters are valid. */
type Data = Valid<ReturnType<typeof useLoaderData<typeof loader>>>;

export default function ComparisonPage() {
  const data = useLoaderData<typeof loader>();
  if (data.errors) return <InvalidFilters data={data} />;
  return <ComparisonView data={data} />;
}

const toShare = (s: WaveShare | null | undefined) =>
  s
    ? { share: s.share, ciLow: s.ci_low, ciHigh: s.ci_high, suppressed: s.suppressed, base: s.base }
    : { share: null, ciLow: null, ciHigh: null, suppressed: true };

function ComparisonView({ data }: { data: Data }) {
  const t = useT();
  const { kommun, survey, comparison: c, choices, filters } = data;
  const labels = useChartLabels({ minBase: c.minBase });
  const pct = (p: number) => formatPercent(p, t.locale);
  const pp = (v: number) =>
    new Intl.NumberFormat(t.locale === "en" ? "en-GB" : "sv-SE", {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      signDisplay: "exceptZero",
    }).format(v * 100);
  const shareText = (s: WaveShare | null) =>
    !s
      ? t("analysis.comparison.notAsked")
      : s.suppressed || s.share === null
        ? t("results.suppressed", { min: c.minBase })
        : `${pct(s.share)} (${pct(s.ci_low!)}–${pct(s.ci_high!)})`;
  const reasonOf = (i: ItemChange) =>
    !i.previous
      ? t("analysis.comparison.noPrevious")
      : i.previous.suppressed || i.current.suppressed
        ? t("results.suppressed", { min: c.minBase })
        : t("charts.noChange");
  const earlier = c.waves.slice(0, -1);
  const groups = (["problem", "safety", "trust"] as const)
    .map((kind) => ({ kind, items: c.items.filter((i) => i.kind === kind) }))
    .filter((g) => g.items.length);
  const summaryOf = (items: ItemChange[]) => {
    const sig = items.filter((i) => i.change?.significant);
    if (!items.some((i) => i.change)) return t("analysis.comparison.summaryNone");
    if (!sig.length) return t("analysis.comparison.summaryNoSignificant");
    const biggest = [...sig].sort((a, b) => Math.abs(b.change!.diff) - Math.abs(a.change!.diff))[0]!;
    if (sig.length === 1)
      return t("analysis.comparison.summaryOne", {
        item: biggest.title,
        change: pp(biggest.change!.diff),
        period: biggest.previous!.period,
      });
    return t("analysis.comparison.summary", {
      n: sig.length,
      item: biggest.title,
      change: pp(biggest.change!.diff),
      period: biggest.previous!.period,
    });
  };
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/enkater/${survey.slug}`}>{survey.title}</Link> · {kommun.name}
      </p>
      <h1>{t("analysis.comparison.title", { survey: `${survey.title} (${survey.period})` })}</h1>
      <AnalysisNav
        base={`/app/${kommun.slug}/enkater/${survey.slug}/resultat`}
        current="comparison"
        filters={filters}
      />
      <FilterForm choices={choices} filters={filters} />

      {earlier.length === 0 ? (
        <p role="status" className="notice">
          {t("analysis.comparison.noEarlier")}
        </p>
      ) : (
        <p>
          {t("analysis.comparison.waves", { waves: c.waves.map((w) => w.period).join(", ") })}
          {c.waves.some((w) => !w.comparable)
            ? ` ${t("analysis.comparison.notComparable", {
                waves: c.waves
                  .filter((w) => !w.comparable)
                  .map((w) => w.period)
                  .join(", "),
              })}`
            : ""}
        </p>
      )}
      {c.current.respondents === null ? (
        <p role="status" className="notice">
          {t("results.tooFew", { min: c.minBase })}
        </p>
      ) : null}

      {groups.map((g) => (
        <section key={g.kind} aria-labelledby={`change-${g.kind}`}>
          <h2 id={`change-${g.kind}`}>{t(`analysis.comparison.section.${g.kind}`)}</h2>
          <ChangeBars
            title={t(`analysis.comparison.changeTitle.${g.kind}`)}
            summary={summaryOf(g.items)}
            items={g.items.map((i) => ({ key: i.question, label: i.title, change: i.change, reason: reasonOf(i) }))}
            labels={labels}
            width={760}
            fileName={`${survey.slug}-forandring-${g.kind}`}
          />
          <TableWrap label={t("analysis.comparison.tableCaption", { kind: t(`analysis.kind.${g.kind}`) })}>
            <table>
              <caption>{t("analysis.comparison.tableCaption", { kind: t(`analysis.kind.${g.kind}`) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("charts.col.item")}</th>
                  <th scope="col">{t("analysis.comparison.previous")}</th>
                  <th scope="col">{t("analysis.comparison.current", { period: survey.period })}</th>
                  <th scope="col" className="num">
                    {t("charts.col.change")}
                  </th>
                  <th scope="col">{t("charts.col.significant")}</th>
                </tr>
              </thead>
              <tbody>
                {g.items.map((i) => (
                  <tr key={i.question}>
                    <th scope="row">{i.title}</th>
                    <td>
                      {i.previous
                        ? `${i.previous.period}: ${shareText(i.previous)}`
                        : t("analysis.comparison.noPrevious")}
                    </td>
                    <td>{shareText(i.current)}</td>
                    <td className="num">
                      {i.change ? `${pp(i.change.diff)} (${pp(i.change.low)} – ${pp(i.change.high)})` : "–"}
                    </td>
                    <td>
                      {i.change ? (
                        i.change.significant ? (
                          <span className="change-flag">{t("analysis.comparison.significantYes")}</span>
                        ) : (
                          t("analysis.comparison.significantNo")
                        )
                      ) : (
                        reasonOf(i)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}

      {c.trends.length ? (
        <section aria-labelledby="trends">
          <h2 id="trends">{t("analysis.comparison.trends")}</h2>
          <div className="chart-grid">
            {c.trends.map((tr) => {
              const shown = tr.points.filter((p): p is WaveShare => p !== null && !p.suppressed && p.share !== null);
              const first = shown[0];
              const last = shown.at(-1);
              return (
                <LineChart
                  key={tr.question}
                  title={tr.title}
                  summary={
                    first && last && first !== last
                      ? t(`analysis.comparison.trendSummary.${tr.kind}`, {
                          from: pct(first.share!),
                          fromPeriod: first.period,
                          to: pct(last.share!),
                          toPeriod: last.period,
                        })
                      : t("results.hiddenSummary", { min: c.minBase })
                  }
                  periods={c.waves.map((w) => w.period)}
                  series={[{ key: tr.question, label: t(`analysis.kind.${tr.kind}`), values: tr.points.map(toShare) }]}
                  labels={labels}
                  width={460}
                  max={1}
                  fileName={`${survey.slug}-trend-${tr.question.replace(/[^a-z0-9]+/gi, "-")}`}
                />
              );
            })}
          </div>
        </section>
      ) : earlier.length ? (
        <p className="hint">{t("analysis.comparison.noTrends")}</p>
      ) : null}
      <p className="hint">{t("analysis.comparison.method")}</p>
    </section>
  );
}
