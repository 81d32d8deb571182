import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFile } from "~/features/results/index.server";
import { surveyForRole } from "~/features/surveys/index.server";
import { downloadResponse } from "~/platform/download.server";
import { api } from "~/platform/http.server";
import { localeFromRequest } from "~/i18n/i18n";

/**
 * GET /api/v1/surveys/:slug/results.csv: the problembild's aggregates as CSV for analysts' tools (API token or
 * session), with the same filters (and optional breakdown) as the results API and the app's export.
 */
export const loader = (args: LoaderFunctionArgs) =>
  api(args, async ({ request, params }) => {
    const { db, survey } = await surveyForRole(request, params.slug, "viewer");
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
