import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDashboard } from "~/features/promises/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { ProgressBar, StatusLabel, progressText } from "~/components/followup/Progress";
import fuCss from "~/styles/followup.css";
import { TableWrap } from "~/components/TableWrap";
import { pageTitle, stylesheets } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links = stylesheets(fuCss);
export const meta = pageTitle("title.followUpAll");

/** The kommun's follow-up dashboard: every promise in force with its progress, what is behind first. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    return {
      kommun,
      dashboard: await getDashboard({ db, kommunId: kommun.id, kommunSlug: kommun.slug, accountId: user.id }),
    };
  });

export default function FollowUpDashboard() {
  const t = useT();
  const { kommun, dashboard: b } = useLoaderData<typeof loader>();
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}`}>{kommun.name}</Link>
      </p>
      <h1>{t("followup.dashboard.title")}</h1>
      <p>{t("followup.dashboard.intro")}</p>
      {b.documents.length === 0 ? (
        <p>{t("followup.dashboard.none")}</p>
      ) : (
        <>
          {b.latestOnly ? <p className="notice">{t("followup.dashboard.latestOnly")}</p> : null}
          <p>
            <strong>
              {b.nextDeadline
                ? t("followup.dashboard.nextDeadline", {
                    date: b.nextDeadline.date,
                    title: b.nextDeadline.documentTitle,
                  })
                : t("followup.dashboard.noDeadline")}
            </strong>
          </p>
          <p>{t("followup.counts", b.counts)}</p>
          <h2>{t("followup.dashboard.documents")}</h2>
          <ul>
            {b.documents.map((d) => (
              <li key={d.id}>
                {d.title} ({d.periodLabel}
                {d.inForce
                  ? `, ${t("followup.dashboard.inForce")}`
                  : d.followUpDue && d.followUpDue >= b.asOf
                    ? `, ${t("followup.dashboard.pending")}`
                    : ""}
                ) · <Link to={`/app/${kommun.slug}/loften/${d.id}/uppfoljning`}>{t("followup.dashboard.log")}</Link> ·{" "}
                <Link to={`/app/${kommun.slug}/loften/${d.id}/uppfoljning/rapport`}>
                  {t("followup.dashboard.report")}
                </Link>{" "}
                · <Link to={`/app/${kommun.slug}/loften/${d.id}/indikatorer`}>{t("followup.links.indicators")}</Link>
              </li>
            ))}
          </ul>
          <TableWrap label={t("followup.dashboard.caption", { date: b.asOf })}>
            <table>
              <caption>{t("followup.dashboard.caption", { date: b.asOf })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("followup.col.promise")}</th>
                  <th scope="col">{t("followup.col.status")}</th>
                  <th scope="col">{t("followup.col.progress")}</th>
                  {b.documents.length > 1 ? <th scope="col">{t("followup.col.document")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {b.promises.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/app/${kommun.slug}/loften/${p.documentId}/uppfoljning#promise-${p.id}`}>
                        {p.text}
                      </Link>
                      <div className="hint">{p.focusAreaTitle}</div>
                    </td>
                    <td>
                      <StatusLabel status={p.progress.status} />
                    </td>
                    <td>
                      {progressText(t, p.progress, p.target)}
                      <ProgressBar progress={p.progress} />
                    </td>
                    {b.documents.length > 1 ? <td>{p.periodLabel}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}
