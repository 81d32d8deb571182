import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getFollowUpReport, yearParam } from "~/features/promises/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { idParam, page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { ProgressBar, StatusLabel, progressText } from "~/components/followup/Progress";
import { IndicatorTable } from "~/components/followup/IndicatorTable";
import fuCss from "~/styles/followup.css";
import { stylesheets, titleFrom } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links = stylesheets(fuCss);
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFrom(args, "title.followUpReport", { title: args.data?.report.document.title ?? "" }) },
];

/**
 * The written follow-up of one document: printable (A4), everyone of the kommun may read it. `?ar=2022` gives the
 * yearly review of one calendar year of the period ("årlig avstämning").
 */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const year = yearParam(new URL(request.url).searchParams.get("ar"));
    return {
      kommun,
      report: await getFollowUpReport({
        db,
        kommunId: kommun.id,
        documentId: idParam(params.id, "problem.documentNotFound"),
        year,
      }),
    };
  });

export default function FollowUpReportPage() {
  const t = useT();
  const { kommun, report: r } = useLoaderData<typeof loader>();
  const d = r.document;
  const base = `/app/${kommun.slug}/loften/${d.id}`;
  return (
    <article className="fu-report">
      <p className="kicker no-print">
        <Link to={`/app/${kommun.slug}/uppfoljning`}>{t("followup.links.dashboard")}</Link> ·{" "}
        <Link to={`${base}/uppfoljning`}>{t("followup.dashboard.log")}</Link>
      </p>
      <h1>
        {t("followup.report.title", { title: d.title })}
        {r.window.year !== null ? `, ${r.window.year}` : ""}
      </h1>
      <p className="lead">{t("followup.report.intro")}</p>
      <p>
        {t("followup.period", { period: d.periodLabel, start: d.periodStart, end: d.periodEnd })}{" "}
        {t("followup.asOf", { date: r.asOf })}
        {d.followUpDue ? ` ${t("followup.report.due", { date: d.followUpDue })}` : ""}
      </p>
      {d.followUpText ? <p className="prewrap">{d.followUpText}</p> : null}
      <p className="fu-actions no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t("followup.report.print")}
        </button>
        <a href={`${base}/uppfoljning/rapport.csv${r.window.year !== null ? `?ar=${r.window.year}` : ""}`} download>
          {t("followup.report.csv")}
        </a>
      </p>
      {r.years.length > 1 ? (
        <nav className="no-print" aria-label={t("followup.report.years")}>
          <ul className="fu-years">
            <li>
              {r.window.year === null ? (
                <strong aria-current="page">{t("followup.report.wholePeriod")}</strong>
              ) : (
                <Link to={`${base}/uppfoljning/rapport`}>{t("followup.report.wholePeriod")}</Link>
              )}
            </li>
            {r.years.map((y) => (
              <li key={y}>
                {r.window.year === y ? (
                  <strong aria-current="page">{y}</strong>
                ) : (
                  <Link to={`${base}/uppfoljning/rapport?ar=${y}`}>{y}</Link>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {r.window.year !== null ? (
        <p>{t("followup.report.yearScope", { from: r.window.from, to: r.window.to })}</p>
      ) : null}
      <section aria-labelledby="fu-summary">
        <h2 id="fu-summary">{t("followup.report.summary")}</h2>
        <p>{t("followup.counts", r.counts)}</p>
      </section>
      {r.focusAreas.map((a) => (
        <section key={a.id} aria-labelledby={`fa-${a.id}`}>
          <h2 id={`fa-${a.id}`}>{a.title}</h2>
          {a.promises.map((p) => (
            <section key={p.id} className="fu-promise" aria-label={p.text}>
              <dl>
                <dt>{t("followup.report.promised")}</dt>
                <dd>{p.text}</dd>
                <dt>{t("followup.col.status")}</dt>
                <dd>
                  <StatusLabel status={p.status} /> · {progressText(t, { ...p, shortfall: 0 }, p.target)}
                  <ProgressBar progress={{ ...p, shortfall: 0 }} />
                </dd>
                <dt>{t("followup.report.done")}</dt>
                <dd>
                  {p.entryCount === 0
                    ? t("followup.report.noEntries")
                    : t("followup.report.entries", {
                        count: p.entryCount,
                        first: p.firstDone ?? "",
                        last: p.lastDone ?? "",
                      })}
                </dd>
                {p.places.length ? (
                  <>
                    <dt>{t("followup.report.places")}</dt>
                    <dd>{p.places.map((x) => `${x.place} (${x.quantity})`).join(", ")}</dd>
                  </>
                ) : null}
                {p.notes.length ? (
                  <>
                    <dt>{t("followup.report.notes")}</dt>
                    <dd>
                      <ul className="fu-plain">
                        {p.notes.map((n, i) => (
                          <li key={i}>
                            {n.doneOn}: {n.note}
                          </li>
                        ))}
                      </ul>
                    </dd>
                  </>
                ) : null}
              </dl>
            </section>
          ))}
          <h3>{t("followup.report.indicators")}</h3>
          {a.indicators.length ? (
            <IndicatorTable indicators={a.indicators} caption={`${t("followup.ind.caption")}: ${a.title}`} />
          ) : (
            <p className="hint">{t("followup.report.noIndicators")}</p>
          )}
        </section>
      ))}
    </article>
  );
}
