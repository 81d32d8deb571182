import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { openDatasetInfo, publicKommun } from "~/features/promises/index.server";
import { getDb } from "~/platform/db.server";
import { page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.openData");

/** Public: a kommun's open datasets, their files and the DCAT-AP-SE catalogue for the national data portal. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params }) => ({
    kommun: await publicKommun(await getDb(), params.kommun ?? ""),
    datasets: openDatasetInfo(),
  }));

export default function OpenData() {
  const t = useT();
  const { kommun, datasets } = useLoaderData<typeof loader>();
  const base = `/oppna-data/${kommun.slug}`;
  const lang = t.locale === "en" ? "en" : "sv";
  return (
    <section>
      <p className="kicker">
        <Link to={`/lofte/${kommun.slug}`}>{t("promises.back", { kommun: kommun.name })}</Link>
      </p>
      <h1 lang={t.langOf("opendata.title")}>{t("opendata.title", { kommun: kommun.name })}</h1>
      <p lang={t.langOf("opendata.intro")}>{t("opendata.intro")}</p>
      {datasets.map((d) => (
        <section key={d.dataset} aria-labelledby={`ds-${d.dataset}`}>
          <h2 id={`ds-${d.dataset}`} lang={lang === t.locale ? undefined : lang}>
            {d.title[lang]}
          </h2>
          <p lang={lang === t.locale ? undefined : lang}>{d.description[lang]}</p>
          <ul>
            <li>
              <a href={`${base}/${d.dataset}.csv`}>{`${d.dataset}.csv`}</a>
            </li>
            <li>
              <a href={`${base}/${d.dataset}.json`}>{`${d.dataset}.json`}</a>
            </li>
          </ul>
        </section>
      ))}
      <h2 lang={t.langOf("opendata.metadata")}>{t("opendata.metadata")}</h2>
      <p lang={t.langOf("opendata.metadataHint")}>{t("opendata.metadataHint")}</p>
      <p>
        <a href={`${base}/dcat.rdf`}>dcat.rdf</a>
      </p>
    </section>
  );
}
