import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { draftSituationPicture, listPictures, parsePictureInput, requirePlans } from "~/features/plans/index.server";
import { page, pageInput, readForm } from "~/platform/http.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { TableWrap } from "~/components/TableWrap";
import { pageTitle } from "~/platform/page-meta";

export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.lagesbild");

/** Everyone of the kommun reads the list (the police side too: the lägesbild is a joint part). */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db, access } = await requirePlans(request, { slug: params.kommun });
    const year = new Date().getUTCFullYear();
    return {
      kommun,
      canWrite: access.write,
      pictures: await listPictures({ db, kommunId: kommun.id }),
      suggested: { label: `${year}–${year + 1}`, start: `${year}-01-01`, end: `${year + 1}-12-31` },
    };
  });

/** The kommun's analysts and editors draft a new lägesbild from the evidence. */
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requirePlans(request, { slug: params.kommun, write: true, form });
    const input = parsePictureInput(Object.fromEntries(form));
    const id = await draftSituationPicture({ db, kommunId: kommun.id, accountId: user.id, input });
    return redirect(`/app/${kommun.slug}/lagesbild/${id}`);
  });

export default function SituationPictures() {
  const t = useT();
  const { kommun, canWrite, pictures, suggested } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}`}>{kommun.name}</Link> ·{" "}
        <Link to={`/app/${kommun.slug}/atgardsplan`}>{t("plans.nav.plan")}</Link>
      </p>
      <h1>{t("plans.picture.listTitle")}</h1>
      <p>{t("plans.picture.intro")}</p>
      {pictures.length === 0 ? (
        <p>{t("plans.picture.none")}</p>
      ) : (
        <TableWrap label={t("plans.picture.caption", { kommun: kommun.name })}>
          <table>
            <caption>{t("plans.picture.caption", { kommun: kommun.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("plans.picture.document")}</th>
                <th scope="col">{t("plans.picture.period")}</th>
                <th scope="col">{t("plans.picture.status")}</th>
              </tr>
            </thead>
            <tbody>
              {pictures.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/app/${kommun.slug}/lagesbild/${p.id}`}>{p.title}</Link>
                    {p.demo ? " (demo)" : ""}
                  </td>
                  <td>{p.periodLabel}</td>
                  <td>
                    {t(`plans.status.${p.status}` as MessageKey)}, {t("plans.version", { version: p.version })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {canWrite ? (
        <Form method="post" className="stack">
          <h2>{t("plans.picture.new")}</h2>
          <FieldErrors errors={result?.errors} />
          <CsrfField />
          <label htmlFor="periodLabel">{t("plans.field.periodLabel")}</label>
          <input id="periodLabel" name="periodLabel" defaultValue={suggested.label} required />
          <label htmlFor="periodStart">{t("plans.field.periodStart")}</label>
          <input id="periodStart" name="periodStart" defaultValue={suggested.start} required />
          <label htmlFor="periodEnd">{t("plans.field.periodEnd")}</label>
          <input id="periodEnd" name="periodEnd" defaultValue={suggested.end} required />
          <label htmlFor="title">{t("plans.field.title")}</label>
          <input id="title" name="title" />
          <button type="submit">{t("plans.picture.create")}</button>
        </Form>
      ) : (
        <p>{t("plans.readOnly")}</p>
      )}
    </section>
  );
}
