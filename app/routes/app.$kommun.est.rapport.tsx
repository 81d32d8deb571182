import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireKommun } from "~/features/accounts/index.server";
import { fileReport, filedZones, findReport, kommunCategories, reporterOf } from "~/features/est/index.server";
import { fileableWeeks, weekDays, weekNumber } from "~/features/est/index";
import { stockholmDay } from "~/platform/dates";
import { page, pageInput, readForm } from "~/platform/http.server";
import { parseId } from "~/platform/validation";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { ReportFields, dayLabel, sentValues } from "~/components/est/ReportFields";
import estCss from "~/styles/est.css";
import { pageTitle } from "~/platform/page-meta";
import { Invalid } from "~/platform/errors.server";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: estCss }];

export const meta = pageTitle("title.estReport");

/** The reporter's weekly report: one zone and one week at a time, this week and the first zone not yet reported. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, permission: "est:report" });
    const reporter = await reporterOf({ db, kommunId: kommun.id, accountId: user.id });
    const sp = new URL(request.url).searchParams;
    const weeks = fileableWeeks(stockholmDay(new Date()));
    const week = weeks.includes(sp.get("vecka") ?? "") ? sp.get("vecka")! : weeks[0]!;
    const filed = await filedZones({ db, reporterId: reporter.id, week });
    const asked = parseId(sp.get("zon"));
    const zone =
      reporter.zones.find((z) => z.id === asked) ??
      reporter.zones.find((z) => !filed.includes(z.id)) ??
      reporter.zones[0] ??
      null;
    const report = zone ? await findReport({ db, reporterId: reporter.id, zoneId: zone.id, week }) : null;
    const next = reporter.zones.find((z) => z.id !== zone?.id && !filed.includes(z.id)) ?? null;
    return {
      kommun,
      zones: reporter.zones,
      weeks,
      week,
      zone,
      filed,
      next,
      report,
      saved: sp.get("sparad") === "1",
      categories: await kommunCategories({ db, kommunId: kommun.id }),
    };
  });

/** Files (or replaces) the report; `intent=inget` is the one-tap "nothing to report". */
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requireKommun(request, {
      slug: params.kommun,
      permission: "est:report",
      form,
    });
    const reporter = await reporterOf({ db, kommunId: kommun.id, accountId: user.id });
    const fields = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    const zoneId = parseId(fields.zon) ?? 0;
    const week = fields.vecka ?? "";
    try {
      await fileReport({
        db,
        kommunId: kommun.id,
        reporter,
        zoneId,
        week,
        fields,
        nothing: fields.intent === "inget",
        today: stockholmDay(new Date()),
      });
    } catch (err) {
      // Shown again as sent: without JavaScript the page is rendered anew, and the report typed must not be lost.
      if (err instanceof Invalid) {
        const { csrf: _csrf, ...sent } = fields;
        err.values = sent;
      }
      throw err;
    }
    return redirect(`/app/${kommun.slug}/est/rapport?vecka=${week}&zon=${zoneId}&sparad=1`);
  });

export default function WeeklyReport() {
  const t = useT();
  const { kommun, zones, weeks, week, zone, filed, next, report, saved, categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const days = (w: string) => weekDays(w);
  const weekText = (w: string) =>
    t("est.report.weekOption", {
      number: weekNumber(w),
      from: dayLabel(days(w).monday, t.locale),
      to: dayLabel(days(w).sunday, t.locale),
    });
  return (
    <section className="est-report">
      <p className="kicker">{kommun.name}</p>
      <h1>{t("est.report.title")}</h1>
      {!zone ? (
        <p>{t("est.report.noZones")}</p>
      ) : (
        <>
          {saved ? (
            <div className="notice" role="status">
              <p>{t("est.report.saved", { zone: zone.name, number: weekNumber(week) })}</p>
              <p>
                {next ? (
                  <Link to={`/app/${kommun.slug}/est/rapport?vecka=${week}&zon=${next.id}`}>
                    {t("est.report.next", { zone: next.name })}
                  </Link>
                ) : (
                  t("est.report.allDone")
                )}
              </p>
            </div>
          ) : null}
          <Form method="get" className="est-choose" aria-label={t("est.report.choose")}>
            <label htmlFor="vecka-val">{t("est.report.week")}</label>
            <select id="vecka-val" name="vecka" defaultValue={week}>
              {weeks.map((w) => (
                <option key={w} value={w}>
                  {weekText(w)}
                </option>
              ))}
            </select>
            {zones.length > 1 ? (
              <>
                <label htmlFor="zon-val">{t("est.report.zone")}</label>
                <select id="zon-val" name="zon" defaultValue={zone.id}>
                  {zones.map((z) => (
                    <option key={z.id} value={z.id}>
                      {filed.includes(z.id) ? `${z.name} (${t("est.report.filed")})` : z.name}
                    </option>
                  ))}
                </select>
              </>
            ) : (
              <input type="hidden" name="zon" value={zone.id} />
            )}
            <button type="submit" className="secondary">
              {t("est.report.change")}
            </button>
          </Form>

          <h2>{t("est.report.heading", { zone: zone.name, number: weekNumber(week) })}</h2>
          <FieldErrors errors={result?.errors} />
          {report ? <p className="hint">{t("est.report.filedBefore")}</p> : null}
          <Form method="post" className="est-nothing">
            <CsrfField />
            <input type="hidden" name="zon" value={zone.id} />
            <input type="hidden" name="vecka" value={week} />
            <button type="submit" name="intent" value="inget" className="est-big">
              {t("est.report.nothing")}
            </button>
            <p className="hint">{t("est.report.nothingHint")}</p>
          </Form>

          <p>{t("est.report.or")}</p>
          <Form method="post" className="est-form">
            <CsrfField />
            <input type="hidden" name="zon" value={zone.id} />
            <input type="hidden" name="vecka" value={week} />
            <input type="hidden" name="intent" value="rapport" />
            <ReportFields
              categories={categories}
              values={result?.values ? sentValues(categories, result.values) : report}
              errors={result?.errors ?? []}
            />
            <button type="submit" className="est-big">
              {t("est.report.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
