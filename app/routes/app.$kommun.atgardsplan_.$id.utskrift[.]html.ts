import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileNameOf, getActionPlan, planHtml, requirePlans } from "~/features/plans/index.server";
import { idParam, page } from "~/platform/http.server";

/** The åtgärdsplan as a Word-friendly HTML file (opens in Word as a document); everyone of the kommun may read it. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requirePlans(request, { slug: params.kommun });
    const planId = idParam(params.id, "plans.error.planNotFound");
    const p = await getActionPlan({ db, kommunId: kommun.id, planId });
    return new Response(planHtml(p, kommun, new URL(request.url).origin), {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileNameOf(p.title, "html")}"`,
        "Cache-Control": "no-store",
      },
    });
  });
