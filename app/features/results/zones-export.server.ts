/**
 * The place questions' figures per zone as GeoJSON (docs/domain/places.md, "Export"): the same published counts
 * as the problembild (filters from the URL, the small-group rule, cell-key perturbation), on the kommun's zones.
 */
import { requireKommun } from "~/features/accounts/index.server";
import { listZones } from "~/features/places/index.server";
import { zoneAggregateCollection } from "~/features/places/index";
import { getKommunSurvey } from "~/features/surveys/index.server";
import { placeMapsOf, type SurveyDefinition } from "~/features/surveys/index";
import { downloadResponse } from "~/platform/download.server";
import { filtersFromSearch } from "./domain/filters";
import { getResults } from "./results.server";

/** The download of a kommun's survey's zone aggregates: one FeatureCollection per place question, in one object. */
export async function kommunZoneAggregates({
  request,
  params,
}: {
  request: Request;
  params: Record<string, string | undefined>;
}): Promise<Response> {
  const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
  const survey = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
  const filters = filtersFromSearch(new URL(request.url).searchParams);
  const [results, zones] = await Promise.all([
    getResults({ db, surveyId: survey.id, filters }),
    listZones({ db, kommunId: kommun.id }),
  ]);
  const names = placeMapsOf(survey.definition as SurveyDefinition).map((p) => p.name);
  const features = names.flatMap((name) => {
    const q = results.questions.find((x) => x.name === name);
    if (!q) return [];
    return zoneAggregateCollection({
      question: name,
      zones,
      figures: q.options.map((o) => ({
        code: o.value,
        n: o.n,
        share: o.share,
        ciLow: o.ci_low,
        ciHigh: o.ci_high,
        suppressed: o.suppressed,
        reason: o.reason,
      })),
    }).features;
  });
  return downloadResponse({
    body: JSON.stringify({ type: "FeatureCollection", features }),
    filename: `${survey.slug}-omraden.geojson`,
    contentType: "application/geo+json; charset=utf-8",
  });
}
