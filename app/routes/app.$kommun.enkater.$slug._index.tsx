import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { createAccessCodes } from "~/features/surveys/index.server";
import {
  accessCodeStatus,
  getKommunSurvey,
  responseCounts,
  setRequireCode,
  setSurveySchedule,
  setSurveyStatus,
} from "~/features/surveys/index.server";
import { scheduleDays } from "~/platform/dates";
import { can, requireKommun } from "~/features/accounts/index.server";
import { Forbidden, Invalid } from "~/platform/errors.server";
import { page, pageInput, readForm } from "~/platform/http.server";
import { zodErrors } from "~/platform/validation";
import { localeFromRequest, translate, translateErrors } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.survey");

async function load(
  request: Request,
  params: { kommun?: string; slug?: string },
  role: "viewer" | "analyst",
  form: FormData | null = null,
) {
  const ctx = await requireKommun(request, { slug: params.kommun, role, form });
  const survey = await getKommunSurvey({ db: ctx.db, slug: params.slug ?? "", kommunId: ctx.kommun.id });
  return { ...ctx, survey };
}

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { user, kommun, survey, db } = await load(request, params, "viewer");
    const canAnalyse = await can(user, kommun.id, "survey:manage");
    const canPublish = await can(user, kommun.id, "results:analyse");
    return {
      kommun,
      canAnalyse,
      canPublish,
      survey: {
        slug: survey.slug,
        title: survey.title,
        kind: survey.kind,
        period: survey.period,
        status: survey.effectiveStatus,
        version: survey.version,
        // Days in Stockholm, as the analyst typed them (survey-dates.ts), never the UTC day of the stored instant.
        opensAt: scheduleDays(survey).opensOn,
        closesAt: scheduleDays(survey).closesOn,
        requireCode: survey.settings.requireCode === true,
      },
      counts: await responseCounts({ db, surveyId: survey.id }),
      codes: canAnalyse ? await accessCodeStatus({ db, surveyId: survey.id }) : null,
    };
  });

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("status"), status: z.enum(["open", "closed"]), confirm: z.literal("yes").optional() }),
  z.object({
    intent: z.literal("schedule"),
    opensAt: z.union([z.literal(""), z.string().date("problem.dateFormat")]),
    closesAt: z.union([z.literal(""), z.string().date("problem.dateFormat")]),
  }),
  z.object({
    intent: z.literal("codes"),
    count: z.coerce.number().int().min(1, "problem.atLeastOne").max(20000, "problem.atMost20000"),
  }),
  z.object({ intent: z.literal("requireCode"), requireCode: z.enum(["on", "off"]) }),
]);

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { survey, db } = await load(request, params, "analyst", form);
    const parsed = schema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw new Invalid(translateErrors(request, zodErrors(parsed.error)));
    const input = parsed.data;
    if ((input.intent === "codes" || input.intent === "requireCode") && survey.kind === "medarbetardialog") {
      throw new Invalid([
        { field: input.intent, message: translate(localeFromRequest(request), "staff.noCodesForStaff") },
      ]);
    }
    switch (input.intent) {
      case "status":
        // Closing stops every answer on its way at once; the form asks for a ticked box, checked here too (no JS needed).
        if (input.status === "closed" && input.confirm !== "yes") {
          throw new Invalid([
            { field: "confirm", message: translate(localeFromRequest(request), "staff.closeConfirmRequired") },
          ]);
        }
        await setSurveyStatus({ db, surveyId: survey.id, status: input.status });
        return { done: "status" };
      case "schedule":
        await setSurveySchedule({ db, surveyId: survey.id, opensOn: input.opensAt, closesOn: input.closesAt });
        return { done: "schedule" };
      case "codes": {
        const codes = await createAccessCodes({ db, surveyId: survey.id, count: input.count });
        return { done: "codes", codes };
      }
      case "requireCode":
        await setRequireCode({ db, surveyId: survey.id, requireCode: input.requireCode === "on" });
        return { done: "requireCode" };
    }
    throw new Forbidden();
  });

export default function SurveyAdmin() {
  const t = useT();
  const { kommun, survey, counts, codes, canAnalyse, canPublish } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/app/${kommun.slug}/enkater/${survey.slug}`;
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}`}>{kommun.name}</Link>
      </p>
      <h1>{survey.title}</h1>
      <p>
        {t(`staff.kind.${survey.kind}`)} · {survey.period} · <strong>{t(`staff.status.${survey.status}`)}</strong> ·{" "}
        {t("staff.version", { version: survey.version })}
      </p>
      {survey.kind === "medarbetardialog" ? (
        <p>{t("staff.answeredByInvitation")}</p>
      ) : (
        <p>
          {t("staff.publicLink")}: <a href={`/e/${survey.slug}`}>/e/{survey.slug}</a>
        </p>
      )}
      <p>
        <Link to={`${base}/resultat`}>{t("results.link")}</Link>
        {canPublish && survey.kind === "medborgarenkat" ? (
          <>
            {" · "}
            <Link to={`${base}/publicera`}>{t("public.publish.link")}</Link>
          </>
        ) : null}
      </p>
      <FieldErrors errors={result?.errors} />
      {result?.done && result.done !== "codes" ? <p role="status">{t("staff.saved")}</p> : null}

      {canAnalyse ? (
        <>
          <Form method="post" className="inline-form">
            <CsrfField />
            <input type="hidden" name="intent" value="status" />
            {survey.status === "open" ? (
              <>
                <input type="hidden" name="status" value="closed" />
                <label>
                  <input type="checkbox" name="confirm" value="yes" required aria-describedby="close-hint" />{" "}
                  {t("staff.closeConfirm")}
                </label>
                <button type="submit">{t("staff.close")}</button>
                <p id="close-hint" className="hint">
                  {t("staff.closeHint")}
                </p>
              </>
            ) : (
              <button type="submit" name="status" value="open">
                {survey.status === "closed" ? t("staff.reopen") : t("staff.open")}
              </button>
            )}
          </Form>
          <h2>{t("staff.schedule")}</h2>
          <Form method="post" className="stack narrow">
            <CsrfField />
            <input type="hidden" name="intent" value="schedule" />
            <label htmlFor="opensAt">{t("staff.opensAt")}</label>
            <input id="opensAt" name="opensAt" type="date" defaultValue={survey.opensAt} />
            <label htmlFor="closesAt">{t("staff.closesAt")}</label>
            <input
              id="closesAt"
              name="closesAt"
              type="date"
              defaultValue={survey.closesAt}
              aria-describedby="schedule-hint"
            />
            <p id="schedule-hint" className="hint">
              {t("staff.scheduleHint")}
            </p>
            <button type="submit">{t("staff.saveSchedule")}</button>
          </Form>
        </>
      ) : null}

      <h2>{t("staff.counts")}</h2>
      <p>{t("staff.countsTotal", { n: counts.total })}</p>
      <div className="two-col">
        <table>
          <caption>{t("staff.byChannel")}</caption>
          <tbody>
            {counts.byChannel.map((c) => (
              <tr key={c.channel}>
                <th scope="row">{t(`staff.channel.${c.channel}`)}</th>
                <td className="num">{c.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>{t("staff.byDay")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staff.day")}</th>
              <th scope="col" className="num">
                {t("staff.n")}
              </th>
            </tr>
          </thead>
          <tbody>
            {counts.byDay.slice(-31).map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td className="num">{d.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {canAnalyse ? (
        <>
          <h2>{t("staff.tools")}</h2>
          <ul>
            <li>
              <Link to={`${base}/bygg`}>{t("staff.build")}</Link>
            </li>
            {survey.kind === "medarbetardialog" ? (
              <li>
                <Link to={`${base}/inbjudningar`}>{t("staff.invitations")}</Link>
              </li>
            ) : null}
            <li>
              <Link to={`${base}/registrera/paper`}>{t("staff.enterPaper")}</Link>
            </li>
            <li>
              <Link to={`${base}/registrera/phone`}>{t("staff.enterPhone")}</Link>
            </li>
            <li>
              <Link to={`${base}/import`}>{t("staff.import")}</Link>
            </li>
            {survey.kind === "medborgarenkat" ? (
              <li>
                <a href={`/e/${survey.slug}/affisch`}>{t("staff.poster")}</a>
              </li>
            ) : null}
          </ul>
          {/* One-time codes unlock the public page, which a staff survey does not have (they answer by invitation). */}
          {survey.kind === "medborgarenkat" ? (
            <>
              <h2>{t("staff.codes")}</h2>
              <p>{t("staff.codesIntro")}</p>
              {codes ? <p>{t("staff.codesStatus", { used: codes.used, total: codes.total })}</p> : null}
              <Form method="post" className="inline-form">
                <CsrfField />
                <input type="hidden" name="intent" value="requireCode" />
                <p>
                  {t("staff.requireCode")}: <strong>{survey.requireCode ? t("staff.yes") : t("staff.no")}</strong>
                </p>
                <button type="submit" name="requireCode" value={survey.requireCode ? "off" : "on"}>
                  {survey.requireCode ? t("staff.requireCodeOff") : t("staff.requireCodeOn")}
                </button>
              </Form>
              <Form method="post" className="stack narrow">
                <CsrfField />
                <input type="hidden" name="intent" value="codes" />
                <label htmlFor="count">{t("staff.codesCount")}</label>
                <input id="count" name="count" type="number" min={1} max={20000} defaultValue={100} />
                <button type="submit">{t("staff.createCodes")}</button>
              </Form>
              {result?.codes ? (
                <div role="status">
                  <p>{t("staff.codesCreated", { n: result.codes.length })}</p>
                  <ol className="codes" data-testid="codes">
                    {result.codes.map((c) => (
                      <li key={c}>
                        <code>{c}</code>
                      </li>
                    ))}
                  </ol>
                </div>
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
