import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { submitResponse } from "~/models/response.server";
import { getSurvey } from "~/models/survey.server";
import { hitRateLimit } from "~/models/rate-limit.server";
import { clientAddress, hasRole, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { Forbidden, Invalid } from "~/utils/errors.server";
import { api, readJson } from "~/utils/http.server";
import { answerObject, zodErrors } from "~/utils/validation";

const schema = z.object({
  id: z.string().uuid("id ska vara ett UUID som klienten skapar en gång per svar"),
  data: answerObject,
  locale: z.enum(["sv", "en", "fi"]).default("sv"),
  channel: z.enum(["web", "phone", "paper"]).default("web"),
  code: z.string().max(40).optional(),
});

/** POST /api/v1/surveys/:slug/responses: one citizen's answer, stored exactly once per id. */
export const action = /* @__PURE__ */ api(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return Response.json({ error: "Method not allowed" }, { status: 405 });
  const body = await readJson(request);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Invalid(zodErrors(parsed.error), "Felaktig förfrågan");
  const input = parsed.data;
  const db = await getDb();
  let allowClosed = false;
  if (input.channel !== "web") {
    // Paper and phone answers are entered by the kommun's analysts, through the same validation.
    const user = await requireUser(request);
    const survey = await getSurvey({ db, slug: params.slug! });
    if (!(await hasRole(user, survey.kommun_id, "analyst"))) throw new Forbidden("Bara analytiker kan registrera svar från papper eller telefon");
    allowClosed = true;
  } else {
    await hitRateLimit({ db, scope: "submit", address: clientAddress(request), perMinute: env().SUBMIT_RATE_LIMIT });
  }
  const result = await submitResponse({ db, slug: params.slug!, ...input, allowClosed });
  return Response.json({ id: result.id }, { status: result.status });
});

export const loader = () => Response.json({ error: "Use POST" }, { status: 405, headers: { Allow: "POST" } });
