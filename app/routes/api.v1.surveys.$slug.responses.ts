import type { ActionFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n/i18n";
import { acceptSubmission } from "~/features/surveys/index.server";
import { clientAddress, requireUser } from "~/features/accounts/index.server";
import { getDb } from "~/platform/db.server";
import { api, readJson } from "~/platform/http.server";

/**
 * POST /api/v1/surveys/:slug/responses: one citizen's answer, stored exactly once per id. In production server.mjs
 * answers POSTs before Remix (app/features/surveys/submission-endpoint.server.ts) with the same acceptSubmission; this route
 * serves the other methods and any stack without that handler.
 */
export const action = (args: ActionFunctionArgs) =>
  api(args, async ({ request, params }) => {
    if (request.method !== "POST")
      return Response.json({ error: translate("sv", "problem.methodNotAllowed") }, { status: 405 });
    const body = await readJson(request);
    const result = await acceptSubmission({
      db: await getDb(),
      slug: params.slug!,
      body,
      address: clientAddress(request),
      authenticate: () => requireUser(request),
    });
    return Response.json({ id: result.id }, { status: result.status });
  });

export const loader = () =>
  Response.json({ error: translate("sv", "problem.usePost") }, { status: 405, headers: { Allow: "POST" } });
