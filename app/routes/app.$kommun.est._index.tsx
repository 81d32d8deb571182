import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { can, requireKommun, requirePermission } from "~/features/accounts/index.server";
import { kommunCategories, markReviewed, weekOverview } from "~/features/est/index.server";
import { isWeek, itemsSummary, weekDays, weekNumber, weekOfDay, fileableWeeks } from "~/features/est/index";
import { stockholmDay } from "~/platform/dates";
import { page, pageInput, readForm } from "~/platform/http.server";
import { parseId } from "~/platform/validation";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { ActionButton } from "~/components/PostForm";
import { EstPageHead } from "~/components/est/EstNav";
import { dayLabel } from "~/components/est/ReportFields";
import estCss from "~/styles/est.css";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: estCss }];

export const meta = pageTitle("title.estWeek");

/** The coordinator's week: who reported which zone, what is missing, what awaits review. A reporter goes to the form. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { user, kommun, db, permissions } = await requireKommun(request, { slug: params.kommun });
    if (!permissions.permissions.includes("est:coordinate")) {
      if (permissions.permissions.includes("est:report")) throw redirect(`/app/${kommun.slug}/est/rapport`);
      await requirePermission(user, kommun.id, "est:coordinate");
    }
    const asked = new URL(request.url).searchParams.get("vecka") ?? "";
    const today = stockholmDay(new Date());
    const week = isWeek(asked) ? asked : weekOfDay(today);
    const rows = await weekOverview({ db, kommunId: kommun.id, week });
    return {
      kommun,
      week,
      weeks: fileableWeeks(today, 12),
      rows,
      categories: await kommunCategories({ db, kommunId: kommun.id }),
      reviewed: Number(new URL(request.url).searchParams.get("granskade") ?? "-1"),
      canReport: await can(user, kommun.id, "est:report"),
    };
  });

/** Marks one report (`rapport`) or all the week's unreviewed reports (`intent=alla`, `vecka`) reviewed. */
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requireKommun(request, {
      slug: params.kommun,
      permission: "est:coordinate",
      form,
    });
    const week = String(form.get("vecka") ?? "");
    let ids: number[] = [];
    if (form.get("intent") === "alla" && isWeek(week)) {
      const rows = await weekOverview({ db, kommunId: kommun.id, week });
      ids = rows.flatMap((r) => (r.report && !r.report.reviewed ? [r.report.id] : []));
    } else {
      const id = parseId(form.get("rapport"));
      if (id) ids = [id];
    }
    const n = await markReviewed({ db, kommunId: kommun.id, reportIds: ids, accountId: user.id });
    return redirect(`/app/${kommun.slug}/est?vecka=${isWeek(week) ? week : ""}&granskade=${n}`);
  });

export default function EstWeek() {
  const t = useT();
  const { kommun, week, weeks, rows, categories, reviewed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const label = (c: { label: { sv: string; en: string } }) => (t.locale === "en" ? c.label.en : c.label.sv);
  const level = (l: number) => t(`est.report.level.${l}` as MessageKey).toLowerCase();
  const reported = rows.filter((r) => r.report).length;
  const pending = rows.filter((r) => r.report && !r.report.reviewed).length;
  const days = weekDays(week);
  const weekText = (w: string) =>
    t("est.report.weekOption", {
      number: weekNumber(w),
      from: dayLabel(weekDays(w).monday, t.locale),
      to: dayLabel(weekDays(w).sunday, t.locale),
    });
  return (
    <section>
      <EstPageHead kommun={kommun} page="week" />
      <FieldErrors errors={result?.errors} />
      {reviewed >= 0 ? (
        <p className="notice" role="status">
          {t("est.week.reviewedDone", { n: reviewed })}
        </p>
      ) : null}
      <Form method="get" className="stack" aria-label={t("est.week.choose")}>
        <label htmlFor="vecka">{t("est.report.week")}</label>
        <select id="vecka" name="vecka" defaultValue={week}>
          {(weeks.includes(week) ? weeks : [week, ...weeks]).map((w) => (
            <option key={w} value={w}>
              {weekText(w)}
            </option>
          ))}
        </select>
        <button type="submit">{t("est.picture.show")}</button>
      </Form>
      {rows.length === 0 ? (
        <p>{t("est.week.empty")}</p>
      ) : (
        <>
          <p>
            {t("est.week.summary", {
              reported,
              expected: rows.length,
              missing: rows.length - reported,
              pending,
            })}
          </p>
          <div className="table-wrap">
            <table>
              <caption>
                {t("est.week.caption", {
                  number: weekNumber(week),
                  from: dayLabel(days.monday, t.locale),
                  to: dayLabel(days.sunday, t.locale),
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("est.week.col.zone")}</th>
                  <th scope="col">{t("est.week.col.reporter")}</th>
                  <th scope="col">{t("est.week.col.report")}</th>
                  <th scope="col">{t("est.week.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.reporterId}-${r.zoneId}`}>
                    <th scope="row">{r.zone}</th>
                    <td>
                      {r.reporter} ({r.partnerName})
                    </td>
                    <td>
                      {!r.report ? (
                        <strong>{t("est.week.missing")}</strong>
                      ) : r.report.nothingToReport ? (
                        t("est.week.nothing")
                      ) : (
                        itemsSummary(r.report.items, categories, label, level)
                      )}
                      {r.report?.note ? <p className="hint">{r.report.note}</p> : null}
                    </td>
                    <td>
                      {!r.report ? null : r.report.reviewed ? (
                        t("est.week.reviewed")
                      ) : (
                        <>
                          {t("est.week.toReview")}{" "}
                          <ActionButton
                            intent="granska"
                            fields={{ rapport: r.report.id, vecka: week }}
                            label={t("est.week.review")}
                            ariaLabel={t("est.week.reviewOne", { zone: r.zone, reporter: r.reporter })}
                          />
                        </>
                      )}
                      {r.report ? (
                        <Link to={`/app/${kommun.slug}/est/rapporter/${r.report.id}`}>{t("est.week.correct")}</Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pending > 0 ? (
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="vecka" value={week} />
              <button type="submit" name="intent" value="alla">
                {t("est.week.reviewAll")}
              </button>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}
