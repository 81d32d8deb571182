import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { deletePopulation, getWeighting, savePopulation } from "~/features/results/index.server";
import { surveyAnalysisPage } from "~/features/results/index.server";
import { getKommunSurvey } from "~/features/surveys/index.server";
import { can, requireKommun } from "~/features/accounts/index.server";
import { readForm, pageInput } from "~/platform/http.server";
import { filterQuery, filtersFromSearch } from "~/features/results/index";
import { useT } from "~/i18n/use-t";
import { AnalysisNav } from "~/components/analysis/AnalysisNav";
import { FilterForm } from "~/components/analysis/FilterForm";
import { InvalidFilters, type Valid } from "~/components/analysis/InvalidFilters";
import { PopulationSection } from "~/components/analysis/PopulationSection";
import { WeightedIndicators } from "~/components/analysis/WeightedIndicators";
import { WeightedQuestions } from "~/components/analysis/WeightedQuestions";
import { WeightingMethod } from "~/components/analysis/WeightingMethod";
import analysisCss from "~/styles/analysis.css";
import { pageTitle, stylesheets } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.weighting");
export const links = stylesheets(analysisCss);

/** Weighted and unweighted indicator shares side by side, and (for analysts) the population to weight by. */
export const loader = (args: LoaderFunctionArgs) =>
  pageInput(args, async (ctx) =>
    surveyAnalysisPage(ctx, async ({ db, user, kommun, survey, filters }) => {
      const [weighting, canEdit] = await Promise.all([
        getWeighting({ db, kommunId: kommun.id, surveyId: survey.id, filters }),
        can(user, kommun.id, "results:analyse"),
      ]);
      return { weighting, canEdit };
    }),
  );

// Analysts (and admins) enter or remove the population; everyone else reads.
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, role: "analyst", form });
    const survey = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
    const scope = form.get("scope") === "survey" ? "survey" : "kommun";
    if (form.get("intent") === "delete") {
      await deletePopulation({ db, kommunId: kommun.id, surveyId: survey.id, scope });
    } else {
      const cells: Record<string, string> = {};
      for (const [k, v] of form) if (k.startsWith("pop.") && typeof v === "string") cells[k.slice(4)] = v;
      await savePopulation({
        db,
        kommunId: kommun.id,
        surveyId: survey.id,
        scope,
        source: String(form.get("source") ?? ""),
        cells,
        accountId: user.id,
      });
    }
    const url = new URL(request.url);
    return redirect(`${url.pathname}${filterQuery(filtersFromSearch(url.searchParams))}`);
  });

/** The page's data once its filters are valid. */
type Data = Valid<ReturnType<typeof useLoaderData<typeof loader>>>;

export default function WeightingPage() {
  const data = useLoaderData<typeof loader>();
  if (data.errors) return <InvalidFilters data={data} />;
  return <WeightingView data={data} />;
}

function WeightingView({ data }: { data: Data }) {
  const t = useT();
  const { kommun, survey, weighting: w, choices, filters, canEdit } = data;
  const result = useActionData<typeof action>();
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/enkater/${survey.slug}`}>{survey.title}</Link> · {kommun.name}
      </p>
      <h1>{t("analysis.weighting.title", { survey: `${survey.title} (${survey.period})` })}</h1>
      <AnalysisNav base={`/app/${kommun.slug}/enkater/${survey.slug}/resultat`} current="weighting" filters={filters} />
      <FilterForm choices={choices} filters={filters} />

      {!w.population ? (
        <p role="status" className="notice">
          {t("analysis.weighting.noPopulation")}
        </p>
      ) : w.problem ? (
        <p role="status" className="notice">
          {t(`analysis.weighting.problem.${w.problem}`)}
        </p>
      ) : null}
      {w.suppressed ? (
        <p role="status" className="notice">
          {t("results.tooFew", { min: w.minBase })}
        </p>
      ) : (
        <p>{t("results.respondents", { n: w.respondents ?? 0 })}</p>
      )}
      <WeightingMethod w={w} />
      <WeightedIndicators w={w} surveySlug={survey.slug} />
      <WeightedQuestions w={w} />
      <PopulationSection w={w} canEdit={canEdit} errors={result?.errors} />
    </section>
  );
}
