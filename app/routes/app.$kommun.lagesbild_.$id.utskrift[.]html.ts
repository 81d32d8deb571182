import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileNameOf, getSituationPicture, pictureHtml, requirePlans } from "~/features/plans/index.server";
import { idParam, page } from "~/platform/http.server";

/** The lägesbild as a Word-friendly HTML file (opens in Word as a document); everyone of the kommun may read it. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requirePlans(request, { slug: params.kommun });
    const pictureId = idParam(params.id, "plans.error.pictureNotFound");
    const p = await getSituationPicture({ db, kommunId: kommun.id, pictureId });
    return new Response(pictureHtml(p, kommun.name, new URL(request.url).origin), {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileNameOf(p.title, "html")}"`,
        "Cache-Control": "no-store",
      },
    });
  });
