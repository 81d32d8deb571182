import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { setSurveyStatus, surveyForRole } from "~/features/surveys/index.server";
import { Invalid } from "~/platform/errors.server";
import { api, readJson } from "~/platform/http.server";
import { zodErrors } from "~/platform/validation";

const schema = z.object({ status: z.enum(["open", "closed"], { message: "problem.surveyStatus" }) });

/** POST /api/v1/surveys/:slug/status: an analyst opens or closes a survey. */
export const action = (args: ActionFunctionArgs) =>
  api(args, async ({ request, params }) => {
    const { db, survey } = await surveyForRole(request, params.slug, "analyst");
    const parsed = schema.safeParse(await readJson(request));
    if (!parsed.success) throw new Invalid(zodErrors(parsed.error));
    const { status } = await setSurveyStatus({ db, surveyId: survey.id, status: parsed.data.status });
    return Response.json({ slug: survey.slug, status });
  });
