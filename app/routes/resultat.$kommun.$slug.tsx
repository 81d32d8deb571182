import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPublicResults } from "~/features/results/index.server";
import {
  aboutShare,
  formatPercent,
  publicResultsListPath,
  questionSentence,
  type AboutPhrase,
} from "~/features/results/index";
import { getDb } from "~/platform/db.server";
import { page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { RankedBars } from "~/components/charts/RankedBars";
import { useChartLabels } from "~/components/charts/labels";
import type { ShareItem } from "~/components/charts/types";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Det här svarade ni: ${data.survey.title} – ${data.kommun.name}` : "Trygghetsdialog" },
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
  const baseLabels = useChartLabels({ minBase: data.minBase });
  // No counts of small groups and no minimum in the chart: "För få svar för att visa".
  const labels = {
    ...baseLabels,
    suppressed: t("public.suppressed"),
    suppressedComplement: t("public.suppressed"),
    suppressedLegend: t("public.suppressedLegend"),
    suppressedTooltip: (item: string) => `${item}: ${t("public.suppressed")}`,
  };
  const pct = (p: number) => formatPercent(p, t.locale);
  const about = (a: AboutPhrase) => (a.key === "public.about.tenths" ? t(a.key, { k: a.k }) : t(a.key));
  const capital = (s: string) => s.charAt(0).toLocaleUpperCase(t.locale) + s.slice(1);
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
        {data.questions.map((q) => {
          const s = questionSentence(q);
          const summary =
            s.key === "public.sentence.hidden"
              ? t(s.key)
              : s.key === "public.sentence.top"
                ? t(s.key, { option: s.option, about: about(aboutShare(s.share)), pct: pct(s.share) })
                : capital(t(s.key, { item: q.title, about: about(aboutShare(s.share)), pct: pct(s.share) }));
          const items: ShareItem[] = q.options.map((o) => ({
            key: o.value,
            label: o.label,
            share: o.share,
            ciLow: o.ci_low,
            ciHigh: o.ci_high,
            suppressed: o.suppressed || o.share === null,
          }));
          return (
            <div key={q.name} className="public-question" data-question={q.name}>
              <RankedBars
                title={q.title}
                summary={summary}
                items={items}
                labels={labels}
                locale={t.locale}
                itemHeader={t("public.itemHeader")}
                max={1}
                fileName={`${data.survey.slug}-${q.name}`}
              />
              {q.answered !== null ? <p className="hint">{t("public.answered", { n: count(q.answered) })}</p> : null}
            </div>
          );
        })}
      </section>
    </article>
  );
}
