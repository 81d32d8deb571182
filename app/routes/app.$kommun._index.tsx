import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listSurveysForKommun } from "~/features/surveys/index.server";
import { listLockouts } from "~/features/accounts/index.server";
import { ancestorIds } from "~/features/accounts/index.server";
import { LockoutList } from "~/components/LockoutList";
import { can, requireKommun } from "~/features/accounts/index.server";
import { page, pageInput, readForm } from "~/platform/http.server";
import { getChecklist, requirePlans, revisionReminder, setStep } from "~/features/plans/index.server";
import { Checklist } from "~/components/plans/Checklist";
import { useT } from "~/i18n/use-t";
import { DataTable } from "~/components/DataTable";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.kommun");

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const surveys = await listSurveysForKommun({ db, kommunId: kommun.id });
    // Admins see who cannot sign in right now (accounts with a role here or above), so a lock-out is never silent.
    const stockholm = (iso: string) =>
      new Date(iso).toLocaleString("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" });
    const lockouts = (await can(user, kommun.id, "account:admin"))
      ? (await listLockouts({ db, organisationIds: await ancestorIds({ db, organisationId: kommun.id }) })).map(
          (l) => ({ ...l, since: stockholm(l.since), until: stockholm(l.until) }),
        )
      : null;
    const { access } = await requirePlans(request, { slug: params.kommun });
    return {
      kommun,
      lockouts,
      canWritePlans: access.write,
      reminder: await revisionReminder({ db, kommunId: kommun.id }),
      checklist: await getChecklist({ db, kommunId: kommun.id }),
      canAnalyse: await can(user, kommun.id, "survey:manage"),
      surveys: surveys.map((s) => ({
        slug: s.slug,
        title: s.title,
        kind: s.kind,
        period: s.period,
        status: s.effectiveStatus,
        responses: s.responses,
      })),
    };
  });

/** The kommun's side ticks a step of Brå's process (who and when are recorded) or takes the tick back. */
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requirePlans(request, { slug: params.kommun, write: true, form });
    await setStep({
      db,
      kommunId: kommun.id,
      accountId: user.id,
      step: String(form.get("step") ?? ""),
      done: !!form.get("done"),
      note: String(form.get("note") ?? ""),
    });
    return { done: "step" };
  });

export default function KommunHome() {
  const t = useT();
  const { kommun, surveys, canAnalyse, lockouts, reminder, checklist, canWritePlans } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{kommun.name}</h1>
      {reminder ? (
        <p className="notice" role="status">
          <Link to={`/app/${kommun.slug}/atgardsplan/${reminder.planId}`}>
            {t(reminder.state === "overdue" ? "plans.revision.reminderOverdue" : "plans.revision.reminder", {
              title: reminder.title,
              date: reminder.nextRevision,
            })}
          </Link>{" "}
          {t(`plans.revision.state.${reminder.state}`, { days: Math.abs(reminder.daysLeft) })}
        </p>
      ) : null}
      <p>
        <Link to={`/app/${kommun.slug}/lagesbild`}>{t("plans.nav.picture")}</Link> ·{" "}
        <Link to={`/app/${kommun.slug}/atgardsplan`}>{t("plans.nav.plan")}</Link>
      </p>
      <p>
        <Link to={`/app/${kommun.slug}/moten`}>{t("staff.meetings")}</Link>
      </p>
      <p>
        <Link to={`/app/${kommun.slug}/loften`}>{t("loften.list.title")}</Link>
      </p>
      <p>
        <Link to={`/app/${kommun.slug}/uppfoljning`}>{t("followup.dashboard.link")}</Link>
      </p>
      <p>
        <Link to={`/app/${kommun.slug}/rangordning`}>{t("ranking.kommunLink")}</Link>
      </p>
      <p>
        <Link to={`/app/${kommun.slug}/brottsstatistik`}>{t("crime.kommunLink")}</Link>
      </p>
      <p>
        <Link to={`/app/${kommun.slug}/platser`}>{t("places.kommunLink")}</Link>
      </p>
      <p>
        <Link to={`/app/${kommun.slug}/est/bild`}>{t("est.link")}</Link>
      </p>
      <h2>{t("staff.surveys")}</h2>
      {canAnalyse ? (
        <p>
          <Link className="button" to={`/app/${kommun.slug}/enkater/ny`}>
            {t("staff.newSurvey")}
          </Link>
        </p>
      ) : null}
      {surveys.length === 0 ? (
        <p>{t("staff.noSurveys")}</p>
      ) : (
        <DataTable
          columns={[
            { label: t("staff.col.title") },
            { label: t("staff.col.kind") },
            { label: t("staff.col.period") },
            { label: t("staff.col.status") },
            { label: t("staff.col.responses"), num: true },
          ]}
        >
          {surveys.map((s) => (
            <tr key={s.slug}>
              <td>
                <Link to={`/app/${kommun.slug}/enkater/${s.slug}`}>{s.title}</Link>
              </td>
              <td>{t(`staff.kind.${s.kind}`)}</td>
              <td>{s.period}</td>
              <td>{t(`staff.status.${s.status}`)}</td>
              <td className="num">{s.responses}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Checklist steps={checklist} canWrite={canWritePlans} />
      {lockouts ? <LockoutList lockouts={lockouts} /> : null}
    </section>
  );
}
