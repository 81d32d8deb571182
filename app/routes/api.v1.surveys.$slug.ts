import type { LoaderFunctionArgs } from "@remix-run/node";
import { definitionLocales, getPublicSurvey, getSurvey } from "~/features/surveys/index.server";
import { getUser, hasRole } from "~/features/accounts/index.server";
import { getDb } from "~/platform/db.server";
import { api } from "~/platform/http.server";

/** GET /api/v1/surveys/:slug: the survey and its current definition; 404 unknown (or draft), 410 closed. */
export const loader = (args: LoaderFunctionArgs) =>
  api(args, async ({ request, params }) => {
    const db = await getDb();
    const slug = params.slug!;
    // Analysts of the kommun see drafts and closed surveys too (to preview and export); the public does not.
    const user =
      request.headers.get("authorization") || request.headers.get("cookie")?.includes("td_session")
        ? await getUser(request)
        : null;
    let s = null;
    if (user) {
      const any = await getSurvey({ db, slug }).catch(() => null);
      if (any && (await hasRole(user, any.kommun_id, "analyst"))) s = any;
    }
    s ??= await getPublicSurvey({ db, slug });
    return Response.json(
      {
        slug: s.slug,
        kind: s.kind,
        status: s.effectiveStatus,
        kommun: s.kommun,
        kommunName: s.kommunName,
        period: s.period,
        title: s.title,
        version: s.version,
        locales: definitionLocales(s.definition),
        definition: s.definition,
      },
      { headers: { "Cache-Control": "no-cache" } },
    );
  });
