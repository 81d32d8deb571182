import type { LoaderFunctionArgs } from "@remix-run/node";
import { answersCsv, exportRequestFromUrl } from "~/models/problembild-export.server";
import { getKommunSurvey } from "~/models/survey-settings.server";
import { requireKommun } from "~/utils/auth.server";
import { page } from "~/utils/http.server";
import { localeFromRequest } from "~/utils/i18n";


/** The anonymised answers of the filtered group as CSV; 422 when the group has fewer than the minimum base. */
export const loader = /* @__PURE__ */ page(async ({ request, params }: LoaderFunctionArgs) => {
  const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
  const survey = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
  const exportRequest = exportRequestFromUrl(new URL(request.url));
  const locale = localeFromRequest(request) === "en" ? "en" : "sv";
  const head = { slug: survey.slug, title: survey.title, period: survey.period, kommunName: kommun.name };
  const body = await answersCsv({ db, surveyId: survey.id, survey: head, request: exportRequest, locale });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="svar-${survey.slug}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
