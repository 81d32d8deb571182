import { PROTECTION } from "~/features/results/index";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { exportRequestFromUrl } from "~/features/results/index.server";
import { getProblemPictureReport, type ProblemPictureReport } from "~/features/results/index.server";
import { getKommunSurvey } from "~/features/surveys/index.server";
import { formatPercent } from "~/features/results/index";
import { requireKommun } from "~/features/accounts/index.server";
import { pageInput } from "~/platform/http.server";
import { localeFromRequest } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { FieldErrors } from "~/components/FieldErrors";
import { RankedBars } from "~/components/charts/RankedBars";
import { DivergingBars } from "~/components/charts/DivergingBars";
import { LineChart } from "~/components/charts/LineChart";
import { useChartLabels } from "~/components/charts/labels";
import type { ShareItem } from "~/components/charts/types";
import reportCss from "~/styles/report.css";
import { TableWrap } from "~/components/TableWrap";
import { pageTitle, stylesheets } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.report");
export const links = stylesheets(reportCss);

/** The printable problembild report of a survey, with the problembild page's filters from the URL. */
export const loader = (args: LoaderFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const survey = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
    const report = await getProblemPictureReport({
      db,
      kommun,
      survey,
      request: exportRequestFromUrl(new URL(request.url)),
      locale: localeFromRequest(request) === "en" ? "en" : "sv",
    });
    return { report };
  });

export default function ProblemPictureReportPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  if (data.errors) {
    return (
      <section>
        <h1>{t("report.title")}</h1>
        <FieldErrors errors={data.errors} />
        <p>
          <Link to="?">{t("results.reset")}</Link>
        </p>
      </section>
    );
  }
  return <Report r={data.report} />;
}

function PrintButton() {
  const t = useT();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // Printing needs JavaScript; without it the browser's own print command still gets the print layout.
  return hydrated ? (
    <button type="button" onClick={() => window.print()}>
      {t("report.print")}
    </button>
  ) : null;
}

function Report({ r }: { r: ProblemPictureReport }) {
  const t = useT();
  const labels = useChartLabels({ minBase: r.minBase });
  const pct = (p: number) => formatPercent(p, t.locale);
  const base = `/app/${r.kommun.slug}/enkater/${r.survey.slug}`;
  const top = (items: ShareItem[]) =>
    [...items].filter((i) => !i.suppressed && i.share !== null).sort((a, b) => b.share! - a.share!)[0];
  const topProblem = top(r.problems);
  const topUnsafe = top(r.safety);
  const hidden = t("report.chart.hidden", { min: r.minBase });
  const list = (xs: string[]) =>
    xs.length > 1 ? `${xs.slice(0, -1).join(", ")} ${t("report.source.and")} ${xs.at(-1)}` : (xs[0] ?? "");
  const score = (s: number) =>
    new Intl.NumberFormat(t.locale === "en" ? "en-GB" : "sv-SE", {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(s);
  const channels = r.channels
    .map((c) => `${t(`report.channel.${c.channel as "web"}`)} ${c.n ?? t("report.channel.hidden")}`)
    .join(", ");

  return (
    <article className="report" aria-labelledby="report-title">
      <nav className="report-actions no-print" aria-label={t("report.downloads")}>
        <p>
          <Link to={`${base}/resultat${r.query}`}>{t("report.toResults")}</Link> <PrintButton />
        </p>
        <ul>
          <li>
            <a href={`${base}/resultat.csv${r.query}`}>{t("report.dl.aggregatesCsv")}</a>
          </li>
          <li>
            <a href={`${base}/resultat.xlsx${r.query}`}>{t("report.dl.aggregatesXlsx")}</a>
          </li>
          {r.suppressed || r.query.includes("channel=") ? null : (
            <>
              <li>
                <a href={`${base}/svar.csv${r.query}`}>{t("report.dl.answersCsv")}</a>
              </li>
              <li>
                <a href={`${base}/svar.xlsx${r.query}`}>{t("report.dl.answersXlsx")}</a>
              </li>
            </>
          )}
        </ul>
        <p className="hint">{t("report.dl.answersNote", { min: r.minBase })}</p>
      </nav>

      <header className="report-head">
        <p className="kicker">{r.kommun.name}</p>
        <h1 id="report-title">{t("report.heading", { kommun: r.kommun.name })}</h1>
        <p>{t("report.subtitle", { survey: r.survey.title, period: r.survey.period })}</p>
        {r.filtered ? <p>{t("report.selection", { filters: r.filtersText })}</p> : null}
        {r.suppressed ? (
          <p role="status" className="notice">
            {t("report.tooFew", { min: r.minBase })}
          </p>
        ) : (
          <p>{t("report.respondents", { n: r.respondents ?? 0 })}</p>
        )}
      </header>

      <section aria-labelledby="report-themes">
        <h2 id="report-themes">{t("report.themes.heading")}</h2>
        {r.themes.items.length ? (
          <>
            <p>
              {r.themes.source === "ranking"
                ? t("report.themes.lead", {
                    sources: list(r.themes.sources),
                    count: r.themes.items.length,
                    kommun: r.kommun.name,
                  })
                : t("report.themes.fallbackLead", { sources: list(r.themes.sources) })}
            </p>
            <ol className="report-themes">
              {r.themes.items.map((th) => (
                <li key={th.theme}>
                  <strong>{th.label}</strong>
                  {th.score !== null ? (
                    <span className="report-score"> ({t("report.themes.score", { score: score(th.score) })})</span>
                  ) : null}
                  {th.evidence.map((e, i) => (
                    <p key={i}>{e}</p>
                  ))}
                </li>
              ))}
            </ol>
            {r.themes.unfiltered ? <p className="hint">{t("report.themes.unfiltered")}</p> : null}
          </>
        ) : (
          <p>{t("report.themes.none")}</p>
        )}
      </section>

      <section aria-labelledby="report-findings">
        <h2 id="report-findings">{t("report.findings.heading")}</h2>
        {r.findings.length ? (
          <ul className="report-findings">
            {r.findings.map((f, i) => (
              <li key={i}>{f}</li>
            ))}
          </ul>
        ) : (
          <p>{t("report.findings.none")}</p>
        )}
      </section>

      <section aria-labelledby="report-charts">
        <h2 id="report-charts">{t("report.charts.heading")}</h2>
        {r.problems.length ? (
          <RankedBars
            title={t("report.chart.problems")}
            summary={
              topProblem
                ? t("report.chart.problemsSummary", { item: topProblem.label, share: pct(topProblem.share!) })
                : hidden
            }
            items={r.problems}
            labels={labels}
            fileName={`${r.survey.slug}-problem`}
          />
        ) : null}
        {r.safety.length ? (
          <RankedBars
            title={t("report.chart.safety")}
            summary={
              topUnsafe
                ? t("report.chart.safetySummary", { item: topUnsafe.label, share: pct(topUnsafe.share!) })
                : hidden
            }
            items={r.safety}
            labels={labels}
            max={1}
            fileName={`${r.survey.slug}-otrygghet`}
          />
        ) : null}
        {r.likert.length ? (
          <DivergingBars
            title={t("report.chart.likert")}
            summary={t("report.chart.likertSummary")}
            leftLabel={t("report.chart.bigProblem")}
            rightLabel={t("report.chart.smallProblem")}
            categories={r.likertCategories.map((c) => ({
              key: c.key,
              label: c.label,
              side:
                c.key === "4" || c.key === "3"
                  ? ("left" as const)
                  : c.key === "dont_know"
                    ? ("aside" as const)
                    : ("right" as const),
            }))}
            rows={r.likert}
            labels={labels}
            initialOrder="left"
            fileName={`${r.survey.slug}-fordelning`}
          />
        ) : null}
      </section>

      {r.changes ? (
        <section aria-labelledby="report-changes">
          <h2 id="report-changes">{t("report.changes.heading")}</h2>
          {r.changes.items.length ? (
            <>
              <p>
                {r.changes.previousPeriod
                  ? t("report.changes.lead", { period: r.changes.previousPeriod })
                  : t("report.changes.leadMixed")}{" "}
                {t("report.changes.significance")}
              </p>
              <TableWrap label={t("report.changes.caption")}>
                <table>
                  <caption>{t("report.changes.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("report.changes.col.item")}</th>
                      <th scope="col" className="num">
                        {t("report.changes.col.previous")}
                      </th>
                      <th scope="col" className="num">
                        {t("report.changes.col.current")}
                      </th>
                      <th scope="col">{t("report.changes.col.change")}</th>
                      <th scope="col">{t("report.changes.col.significant")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.changes.items.map((c) => (
                      <tr key={c.question} className={c.significant ? "significant" : undefined}>
                        <th scope="row">{c.title}</th>
                        <td className="num">
                          {pct(c.previous)} ({c.previousPeriod})
                        </td>
                        <td className="num">{pct(c.current)}</td>
                        <td>{c.changeText}</td>
                        <td>{c.significant ? t("report.changes.yes") : t("report.changes.no")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </>
          ) : (
            <p>{t("report.changes.none")}</p>
          )}
          {r.trend ? (
            <LineChart
              title={t("report.chart.trend", { from: r.trend.periods[0]!, to: r.trend.periods.at(-1)! })}
              summary={t("report.chart.trendSummary", { count: r.trend.series.length })}
              periods={r.trend.periods}
              series={r.trend.series}
              labels={labels}
              fileName={`${r.survey.slug}-trend`}
            />
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="report-method">
        <h2 id="report-method">{t("report.method.heading")}</h2>
        {r.suppressed ? null : (
          <p>
            {t("report.method.respondents", {
              n: r.respondents ?? 0,
              survey: `${r.survey.title} (${r.survey.period})`,
              kommun: r.kommun.name,
            })}{" "}
            {r.fieldwork ? t("report.method.fieldwork", { from: r.fieldwork.from, to: r.fieldwork.to }) : null}{" "}
            {channels ? t("report.method.channels", { channels }) : null}
          </p>
        )}
        {r.filtered ? <p>{t("report.method.filters", { filters: r.filtersText })}</p> : null}
        <p>{t("report.method.shares")}</p>
        <p>{t("report.method.wilson")}</p>
        <p>{t("report.method.suppression", { min: r.minBase })}</p>
        <p>{t("report.meta.protectionText", { d: PROTECTION.max_deviation })}</p>
      </section>
    </article>
  );
}
