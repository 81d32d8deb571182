import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPublicResults } from "~/features/results/index.server";
import { publicResultsListPath } from "~/features/results/index";
import { getDb } from "~/platform/db.server";
import { page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { PublicQuestionChart } from "~/components/public/PublicQuestionChart";
import { PRODUCT_NAME, titleFrom } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta: MetaFunction<typeof loader> = (args) => [
  {
    title: args.data
      ? titleFrom(args, "title.publicResults", { survey: args.data.survey.title, kommun: args.data.kommun.name })
      : PRODUCT_NAME,
  },
];

/**
 * Public, no sign-in: "Det här svarade ni", the chosen questions of a closed and published citizen survey with the
 * results' protected figures of the whole survey (docs/domain/feedback-to-citizens.md). Anything else is 404.
 */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params }) =>
    getPublicResults({ db: await getDb(), kommun: params.kommun ?? "", slug: params.slug ?? "" }),
  );

export default function PublicResultsPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const count = (n: number) => new Intl.NumberFormat(t.locale).format(n);
  // The survey's own texts (titles, questions, answers, the intro) are in Swedish.
  const sv = t.locale === "sv" ? undefined : "sv";
  return (
    <article className="public-results">
      <p className="kicker">
        <Link to={publicResultsListPath(data.kommun.slug)}>{t("public.back", { kommun: data.kommun.name })}</Link>
      </p>
      <h1>{t("public.title")}</h1>
      <p className="lead">
        {data.kommun.name} · <span lang={sv}>{data.survey.title}</span> ({data.survey.period})
      </p>
      {data.intro ? (
        <div lang={sv}>
          {data.intro.split(/\n{2,}/).map((para, i) => (
            <p key={i}>{para}</p>
          ))}
        </div>
      ) : null}
      <section aria-labelledby="method-heading">
        <h2 id="method-heading">{t("public.methodHeading")}</h2>
        <p>
          {data.suppressed || data.respondents === null
            ? t("public.methodHidden", { min: data.minBase })
            : t("public.method", {
                n: count(data.respondents),
                min: data.minBase,
                dev: data.protection.max_deviation,
              })}
        </p>
      </section>
      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t("public.answersHeading")}</h2>
        {data.questions.length === 0 ? <p>{t("public.noQuestions")}</p> : null}
        {data.questions.map((q) => (
          <PublicQuestionChart
            key={q.name}
            question={q}
            minBase={data.minBase}
            fileName={`${data.survey.slug}-${q.name}`}
          />
        ))}
      </section>
    </article>
  );
}
