import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getOrganisationBySlug } from "~/features/accounts/index.server";
import { listPublishedResults } from "~/features/results/index.server";
import { getDb } from "~/platform/db.server";
import { page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { PublishedResultsList } from "~/components/public/PublishedResultsList";
import { PRODUCT_NAME, titleFrom } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta: MetaFunction<typeof loader> = (args) => [
  { title: args.data ? titleFrom(args, "title.publicResultsList", { kommun: args.data.kommun.name }) : PRODUCT_NAME },
];

/**
 * Public: the kommun's published survey results ("Det här svarade ni"). Always there for a kommun, so the survey's
 * thank-you page can link to it before anything is published.
 */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params }) => {
    const db = await getDb();
    const k = await getOrganisationBySlug({ db, slug: params.kommun ?? "", kind: "kommun" });
    return { kommun: { slug: k.slug, name: k.name }, results: await listPublishedResults({ db, kommun: k.slug }) };
  });

export default function KommunPublishedResults() {
  const t = useT();
  const { kommun, results } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("public.list.kommunTitle", { kommun: kommun.name })}</h1>
      <p className="lead">{t("public.list.lead")}</p>
      {results.length ? <PublishedResultsList items={results} /> : <p>{t("public.list.empty")}</p>}
      <p>
        <Link to={`/lofte/${kommun.slug}`}>{t("public.promisesLink")}</Link>
      </p>
    </section>
  );
}
