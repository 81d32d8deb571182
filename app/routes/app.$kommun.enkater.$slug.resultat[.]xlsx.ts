import type { LoaderFunctionArgs } from "@remix-run/node";
import { aggregatesXlsx, exportRequestFromUrl } from "~/models/problembild-export.server";
import { getKommunSurvey } from "~/models/survey-settings.server";
import { requireKommun } from "~/utils/auth.server";
import { page } from "~/utils/http.server";
import { localeFromRequest } from "~/utils/i18n";
import { XLSX_CONTENT_TYPE } from "~/utils/xlsx.server";

/** The problembild's aggregates (with the URL's filters and breakdown) as an XLSX workbook; suppression as on the page. */
export const loader = /* @__PURE__ */ page(async ({ request, params }: LoaderFunctionArgs) => {
  const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
  const survey = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
  const exportRequest = exportRequestFromUrl(new URL(request.url));
  const locale = localeFromRequest(request) === "en" ? "en" : "sv";
  const head = { slug: survey.slug, title: survey.title, period: survey.period, kommunName: kommun.name };
  const body = await aggregatesXlsx({ db, surveyId: survey.id, survey: head, request: exportRequest, locale });
  return new Response(body, {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="problembild-${survey.slug}.xlsx"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
