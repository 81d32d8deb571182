import type { LoaderFunctionArgs } from "@remix-run/node";
import { kommunSurveyExport } from "~/features/results/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { downloadResponse } from "~/platform/download.server";
import { page } from "~/platform/http.server";
import { localeFromRequest } from "~/i18n/i18n";

/** The anonymised answers of the filtered group as an XLSX workbook with its codebook; 422 when the group has fewer than the minimum base. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const url = new URL(request.url);
    const locale = localeFromRequest(request);
    return downloadResponse(
      await kommunSurveyExport({ db, kommun, slug: params.slug ?? "", url, locale, kind: "answers", format: "xlsx" }),
    );
  });
