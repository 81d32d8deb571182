import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listDocuments } from "~/features/promises/index.server";
import { can, requireKommun } from "~/features/accounts/index.server";
import { page } from "~/platform/http.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { TableWrap } from "~/components/TableWrap";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.promises");

// Everyone of the kommun reads the list (all statuses and versions); analysts and editors start new documents.
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    return {
      kommun,
      canCreate: await can(user, kommun.id, "promise:draft"),
      documents: await listDocuments({ db, kommunId: kommun.id }),
    };
  });

export default function PromiseDocuments() {
  const t = useT();
  const { kommun, canCreate, documents } = useLoaderData<typeof loader>();
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}`}>{kommun.name}</Link>
      </p>
      <h1>{t("loften.list.title")}</h1>
      <p>{t("loften.list.intro")}</p>
      {canCreate ? (
        <p>
          <Link to={`/app/${kommun.slug}/loften/ny`}>{t("loften.list.new")}</Link>
        </p>
      ) : null}
      <p>
        <Link to={`/lofte/${kommun.slug}`}>{t("loften.list.public")}</Link>
      </p>
      {documents.length === 0 ? (
        <p>{t("loften.list.none")}</p>
      ) : (
        <TableWrap label={t("loften.list.caption", { kommun: kommun.name })}>
          <table>
            <caption>{t("loften.list.caption", { kommun: kommun.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("loften.list.document")}</th>
                <th scope="col">{t("loften.list.period")}</th>
                <th scope="col" className="num">
                  {t("loften.list.version")}
                </th>
                <th scope="col">{t("loften.list.status")}</th>
                <th scope="col" className="num">
                  {t("loften.list.promises")}
                </th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/app/${kommun.slug}/loften/${d.id}`}>{d.title}</Link>
                  </td>
                  <td>{d.periodLabel}</td>
                  <td className="num">{d.version}</td>
                  <td>{t(`loften.status.${d.status}` as MessageKey)}</td>
                  <td className="num">{d.promiseCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
