import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFile } from "~/features/results/index.server";
import { getSurvey } from "~/features/surveys/index.server";
import { requireRole, requireUser } from "~/features/accounts/index.server";
import { getDb } from "~/platform/db.server";
import { downloadResponse } from "~/platform/download.server";
import { api } from "~/platform/http.server";
import { localeFromRequest } from "~/i18n/i18n";

/**
 * GET /api/v1/surveys/:slug/results.csv: the problembild's aggregates as CSV for analysts' tools (API token or
 * session), with the same filters (and optional breakdown) as the results API and the app's export.
 */
export const loader = (args: LoaderFunctionArgs) =>
  api(args, async ({ request, params }) => {
    // Signed in first, so that anonymous callers cannot tell draft slugs from unknown ones.
    await requireUser(request);
    const db = await getDb();
    const survey = await getSurvey({ db, slug: params.slug ?? "" });
    await requireRole(request, { organisationId: survey.kommun_id, role: "viewer" });
    const head = { slug: survey.slug, title: survey.title, period: survey.period, kommunName: survey.kommunName };
    return downloadResponse(
      await exportFile({
        db,
        surveyId: survey.id,
        survey: head,
        url: new URL(request.url),
        locale: localeFromRequest(request),
        kind: "aggregates",
        format: "csv",
      }),
    );
  });
