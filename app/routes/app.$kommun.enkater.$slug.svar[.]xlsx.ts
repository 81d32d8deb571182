import type { LoaderFunctionArgs } from "@remix-run/node";
import { kommunSurveyDownload } from "~/features/results/index.server";
import { page } from "~/platform/http.server";

/** The anonymised answers of the filtered group as an XLSX workbook with its codebook; 422 when the group has fewer than the minimum base. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async (ctx) => kommunSurveyDownload(ctx, "answers", "xlsx"));
