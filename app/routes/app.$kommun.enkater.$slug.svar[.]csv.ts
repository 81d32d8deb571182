import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFile } from "~/features/results/index.server";
import { getKommunSurvey } from "~/features/surveys/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { downloadResponse } from "~/platform/download.server";
import { page } from "~/platform/http.server";
import { localeFromRequest } from "~/i18n/i18n";

/** The anonymised answers of the filtered group as CSV; 422 when the group has fewer than the minimum base. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const survey = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
    const head = { slug: survey.slug, title: survey.title, period: survey.period, kommunName: kommun.name };
    return downloadResponse(
      await exportFile({
        db,
        surveyId: survey.id,
        survey: head,
        url: new URL(request.url),
        locale: localeFromRequest(request),
        kind: "answers",
        format: "csv",
      }),
    );
  });
