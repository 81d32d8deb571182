import { requireKommun } from "~/features/accounts/index.server";
import { getKommunSurvey } from "~/features/surveys/index.server";
import { filtersFromSearch, type FilterParams } from "./domain/filters";
import { getFilterChoices } from "./question-breakdown.server";

type Params = Record<string, string | undefined>;
type Opened = Awaited<ReturnType<typeof requireKommun>> & {
  survey: Awaited<ReturnType<typeof getKommunSurvey>>;
  search: URLSearchParams;
  filters: FilterParams;
};

/**
 * The steps every problembild page (overview, breakdown, comparison, weighting) takes before its own view: a viewer
 * of the kommun, the kommun's survey from the URL, the filters from the query string (the same `where=` as the results
 * API), then the view and the filter form's choices side by side. The page gets the survey's heading, the filters
 * and the choices beside what its view returned.
 */
export async function surveyAnalysisPage<T extends object>(
  { request, params }: { request: Request; params: Params },
  view: (opened: Opened) => Promise<T>,
) {
  const access = await requireKommun(request, { slug: params.kommun, role: "viewer" });
  const survey = await getKommunSurvey({ db: access.db, slug: params.slug ?? "", kommunId: access.kommun.id });
  const search = new URL(request.url).searchParams;
  // Empty selects submit "" — they mean "all" and are dropped by filtersFromSearch.
  const opened = { ...access, survey, search, filters: filtersFromSearch(search) };
  const [data, choices] = await Promise.all([view(opened), getFilterChoices({ db: access.db, surveyId: survey.id })]);
  return {
    kommun: access.kommun,
    survey: { slug: survey.slug, title: survey.title, period: survey.period },
    choices,
    filters: opened.filters,
    ...data,
  };
}
