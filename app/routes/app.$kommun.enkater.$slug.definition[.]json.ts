import type { LoaderFunctionArgs } from "@remix-run/node";
import { getKommunSurvey } from "~/features/surveys/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { page } from "~/platform/http.server";

/** The survey's current SurveyJS definition as a file to download (the builder's export). */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "analyst" });
    const s = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
    return new Response(JSON.stringify(s.definition, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${s.slug}-v${s.version}.json"`,
        "Cache-Control": "no-store",
      },
    });
  });
