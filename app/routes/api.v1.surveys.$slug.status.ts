import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getSurvey, setSurveyStatus } from "~/features/surveys/index.server";
import { requireRole, requireUser } from "~/features/accounts/index.server";
import { getDb } from "~/platform/db.server";
import { Invalid } from "~/platform/errors.server";
import { api, readJson } from "~/platform/http.server";
import { zodErrors } from "~/platform/validation";

const schema = z.object({ status: z.enum(["open", "closed"], { message: 'status ska vara "open" eller "closed"' }) });

/** POST /api/v1/surveys/:slug/status: an analyst opens or closes a survey. */
export const action = (args: ActionFunctionArgs) =>
  api(args, async ({ request, params }) => {
    // Authenticate first, so an anonymous caller cannot tell a draft's slug from an unknown one.
    await requireUser(request);
    const body = await readJson(request);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new Invalid(zodErrors(parsed.error));
    const db = await getDb();
    const survey = await getSurvey({ db, slug: params.slug! });
    await requireRole(request, { organisationId: survey.kommun_id, role: "analyst" });
    const { status } = await setSurveyStatus({ db, surveyId: survey.id, status: parsed.data.status });
    return Response.json({ slug: survey.slug, status });
  });
