import type { LoaderFunctionArgs } from "@remix-run/node";
import { kommunSurveyDownload } from "~/features/results/index.server";
import { page } from "~/platform/http.server";

/** The problembild's aggregates (with the URL's filters and breakdown) as an XLSX workbook; suppression as on the page. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async (ctx) => kommunSurveyDownload(ctx, "aggregates", "xlsx"));
