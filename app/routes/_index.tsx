import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "@remix-run/react";
import { listKommuner } from "~/features/accounts/index.server";
import { listOpenSurveys } from "~/features/surveys/index.server";
import { listPublishedResults } from "~/features/results/index.server";
import { PublishedResultsList } from "~/components/public/PublishedResultsList";
import { getDb } from "~/platform/db.server";
import { page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { metaLocale, PRODUCT_NAME } from "~/platform/page-meta";
import { translate } from "~/i18n/i18n";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta: MetaFunction = (args) => [
  { title: PRODUCT_NAME },
  { name: "description", content: translate(metaLocale(args), "home.description") },
];

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async (_args) => {
    const db = await getDb();
    const [kommuner, surveys] = [await listKommuner({ db }), await listOpenSurveys({ db })];
    return { kommuner, surveys, results: await listPublishedResults({ db }) };
  });

export default function Index() {
  const t = useT();
  const { kommuner, surveys, results } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <section aria-labelledby="open-surveys">
        <h2 id="open-surveys">{t("home.openSurveys")}</h2>
        {surveys.length === 0 ? (
          <p>{t("home.noOpenSurveys")}</p>
        ) : (
          <ul className="cards">
            {surveys.map((s) => (
              <li key={s.slug} className="card">
                <h3>{s.kommunName}</h3>
                <p>{s.title}</p>
                <Link
                  className="button"
                  to={`/e/${s.slug}`}
                  aria-label={`${t("home.answer")}: ${s.kommunName}, ${s.title}`}
                >
                  {t("home.answer")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <PublishedResultsList items={results} headingKey="public.list.home" withKommun />
      <section aria-labelledby="promises">
        <h2 id="promises">{t("home.promises")}</h2>
        <ul className="cards">
          {kommuner.map((k) => (
            <li key={k.id} className="card">
              <Link to={`/lofte/${k.slug}`}>{k.name}</Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
