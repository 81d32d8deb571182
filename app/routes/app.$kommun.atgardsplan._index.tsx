import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  createActionPlan,
  listActionPlans,
  listPictures,
  parsePlanInput,
  requirePlans,
} from "~/features/plans/index.server";
import { page, pageInput, readForm } from "~/platform/http.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { TableWrap } from "~/components/TableWrap";
import { pageTitle } from "~/platform/page-meta";

export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.atgardsplan");

/** Everyone of the kommun reads the plans; the kommun's analysts and editors start one on a lägesbild. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db, access } = await requirePlans(request, { slug: params.kommun });
    return {
      kommun,
      canWrite: access.write,
      plans: await listActionPlans({ db, kommunId: kommun.id }),
      pictures: access.write ? await listPictures({ db, kommunId: kommun.id }) : [],
    };
  });

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requirePlans(request, { slug: params.kommun, write: true, form });
    const id = await createActionPlan({
      db,
      kommunId: kommun.id,
      accountId: user.id,
      input: parsePlanInput(Object.fromEntries(form)),
    });
    return redirect(`/app/${kommun.slug}/atgardsplan/${id}`);
  });

export default function ActionPlans() {
  const t = useT();
  const { kommun, canWrite, plans, pictures } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}`}>{kommun.name}</Link> ·{" "}
        <Link to={`/app/${kommun.slug}/lagesbild`}>{t("plans.nav.picture")}</Link>
      </p>
      <h1>{t("plans.plan.listTitle")}</h1>
      <p>{t("plans.plan.intro")}</p>
      {plans.length === 0 ? (
        <p>{t("plans.plan.none")}</p>
      ) : (
        <TableWrap label={t("plans.plan.caption", { kommun: kommun.name })}>
          <table>
            <caption>{t("plans.plan.caption", { kommun: kommun.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("plans.picture.document")}</th>
                <th scope="col">{t("plans.picture.period")}</th>
                <th scope="col">{t("plans.picture.status")}</th>
                <th scope="col">{t("plans.plan.picture")}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/app/${kommun.slug}/atgardsplan/${p.id}`}>{p.title}</Link>
                    {p.demo ? " (demo)" : ""}
                  </td>
                  <td>{p.periodLabel}</td>
                  <td>
                    {t(`plans.status.${p.status}` as MessageKey)}
                    {p.decidedOn ? ` ${p.decidedOn}` : ""}, {t("plans.version", { version: p.version })}
                  </td>
                  <td>{p.pictureTitle}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {canWrite ? (
        pictures.length ? (
          <Form method="post" className="stack">
            <h2>{t("plans.plan.new")}</h2>
            <FieldErrors errors={result?.errors} />
            <CsrfField />
            <label htmlFor="pictureId">{t("plans.plan.picture")}</label>
            <select id="pictureId" name="pictureId">
              {pictures.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title} ({t(`plans.status.${p.status}` as MessageKey)}, {t("plans.version", { version: p.version })}
                  )
                </option>
              ))}
            </select>
            {plans.length ? (
              <>
                <label htmlFor="copyFrom">{t("plans.plan.copyFrom")}</label>
                <select id="copyFrom" name="copyFrom" aria-describedby="copyFrom-hint">
                  <option value="">{t("plans.plan.copyNone")}</option>
                  {plans.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.title} ({t(`plans.status.${p.status}` as MessageKey)},{" "}
                      {t("plans.version", { version: p.version })})
                    </option>
                  ))}
                </select>
                <p id="copyFrom-hint" className="hint">
                  {t("plans.plan.copyHint")}
                </p>
              </>
            ) : null}
            <label htmlFor="title">{t("plans.field.title")}</label>
            <input id="title" name="title" />
            <label htmlFor="summary">{t("plans.plan.summary")}</label>
            <textarea id="summary" name="summary" rows={4} />
            <button type="submit">{t("plans.plan.create")}</button>
          </Form>
        ) : (
          <p>{t("plans.plan.needsPicture")}</p>
        )
      ) : (
        <p>{t("plans.readOnly")}</p>
      )}
    </section>
  );
}
