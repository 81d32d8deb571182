import type { LoaderFunctionArgs } from "@remix-run/node";
import { followUpReportCsv, getFollowUpReport, yearParam } from "~/features/promises/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { downloadResponse } from "~/platform/download.server";
import { idParam, page } from "~/platform/http.server";

/** The written follow-up as CSV (semicolon-separated, BOM, formula cells neutralised). */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const year = yearParam(new URL(request.url).searchParams.get("ar"));
    const report = await getFollowUpReport({
      db,
      kommunId: kommun.id,
      documentId: idParam(params.id, "problem.documentNotFound"),
      year,
    });
    return downloadResponse({
      body: followUpReportCsv(report),
      filename: `uppfoljning-${kommun.slug}-${year ?? report.document.periodLabel.replace(/[^0-9A-Za-z-]+/g, "-")}.csv`,
      contentType: "text/csv; charset=utf-8",
    });
  });
