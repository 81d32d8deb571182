import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublicUpdates, listPublishedDocuments } from "~/features/promises/index.server";
import { PublicUpdates } from "~/components/public/PublicUpdates";
import { listPublishedResults } from "~/features/results/index.server";
import { PublishedResultsList } from "~/components/public/PublishedResultsList";
import { getDb } from "~/platform/db.server";
import { page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { titleFrom } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFrom(args, "title.promises") },
  ...(args.data
    ? [
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: args.data.kommun.name,
          href: `/lofte/${args.data.kommun.slug}/flode.atom`,
        },
      ]
    : []),
];

/** Public: the promises of a kommun, the one in force first, earlier periods after. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params }) => {
    const db = await getDb();
    const promises = await listPublishedDocuments({ db, kommunSlug: params.kommun ?? "" });
    return {
      ...promises,
      results: await listPublishedResults({ db, kommun: promises.kommun.slug }),
      updates: await listPublicUpdates({ db, kommunId: promises.kommun.id, limit: 5 }),
    };
  });

export default function KommunPromises() {
  const t = useT();
  const { kommun, documents, results, updates } = useLoaderData<typeof loader>();
  const inForce = documents.filter((d) => d.inForce);
  const upcoming = documents.filter((d) => d.upcoming);
  const earlier = documents.filter((d) => !d.inForce && !d.upcoming);
  const item = (d: (typeof documents)[number]) => (
    <li key={d.id}>
      <Link to={`/lofte/${kommun.slug}/${d.id}`}>
        {/* The title is the document's own, in Swedish. */}
        <span lang={t.locale === "sv" ? undefined : "sv"}>{d.title}</span> –{" "}
        {t("promises.period", { period: d.period_label })}
      </Link>
      {d.version > 1 ? ` (${t("promises.version", { version: d.version })})` : null}
      {!d.current ? ` – ${t("promises.replaced")}` : null}
    </li>
  );
  return (
    <section>
      <h1>{t("promises.title", { kommun: kommun.name })}</h1>
      <p className="lead">{t("promises.intro")}</p>
      {documents.length === 0 ? <p>{t("promises.none")}</p> : null}
      <h2>{t("promises.inForce")}</h2>
      {inForce.length ? <ul>{inForce.map(item)}</ul> : <p>{t("promises.noneInForce")}</p>}
      {upcoming.length ? (
        <>
          <h2>{t("loften.public.upcoming")}</h2>
          <ul>{upcoming.map(item)}</ul>
        </>
      ) : null}
      {earlier.length ? (
        <>
          <h2>{t("promises.earlier")}</h2>
          <ul>{earlier.map(item)}</ul>
        </>
      ) : null}
      <PublicUpdates
        items={updates}
        feed={`/lofte/${kommun.slug}/flode.atom`}
        subscribe={`/lofte/${kommun.slug}/prenumerera`}
        headingKey="public.updates.latest"
      />
      <PublishedResultsList items={results} />
      <p>
        <Link to={`/oppna-data/${kommun.slug}`} lang={t.langOf("opendata.link")}>
          {t("opendata.link")}
        </Link>
      </p>
    </section>
  );
}
