import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { setSurveyStatus, surveyForRole } from "~/features/surveys/index.server";
import { api, readJson } from "~/platform/http.server";
import { parseInput } from "~/platform/parse.server";

const schema = z.object({ status: z.enum(["open", "closed"], { message: "problem.surveyStatus" }) });

/** POST /api/v1/surveys/:slug/status: an analyst opens or closes a survey. */
export const action = (args: ActionFunctionArgs) =>
  api(args, async ({ request, params }) => {
    const { db, survey } = await surveyForRole(request, params.slug, "analyst");
    const parsed = parseInput(schema, await readJson(request));
    const { status } = await setSurveyStatus({ db, surveyId: survey.id, status: parsed.status });
    return Response.json({ slug: survey.slug, status });
  });
