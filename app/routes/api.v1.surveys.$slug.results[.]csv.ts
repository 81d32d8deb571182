import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFile } from "~/models/problembild-export.server";
import { getSurvey } from "~/models/survey.server";
import { requireRole, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { downloadResponse } from "~/utils/download.server";
import { api } from "~/utils/http.server";
import { localeFromRequest } from "~/utils/i18n";

/**
 * GET /api/v1/surveys/:slug/results.csv: the problembild's aggregates as CSV for analysts' tools (API token or
 * session), with the same filters (and optional breakdown) as the results API and the app's export.
 */
export const loader = /* @__PURE__ */ api(async ({ request, params }: LoaderFunctionArgs) => {
  // Signed in first, so that anonymous callers cannot tell draft slugs from unknown ones.
  await requireUser(request);
  const db = await getDb();
  const survey = await getSurvey({ db, slug: params.slug ?? "" });
  await requireRole(request, { organisationId: survey.kommun_id, role: "viewer" });
  const head = { slug: survey.slug, title: survey.title, period: survey.period, kommunName: survey.kommunName };
  return downloadResponse(await exportFile({ db, surveyId: survey.id, survey: head, url: new URL(request.url), locale: localeFromRequest(request), kind: "aggregates", format: "csv" }));
});
