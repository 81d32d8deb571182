import type { ActionFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n/i18n";
import { z } from "zod";
import { redeemInvitation, tokenFrom } from "~/features/surveys/index.server";
import { getDb } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { api, readJson } from "~/platform/http.server";
import { answerObject } from "~/platform/validation";
import { parseInput } from "~/platform/parse.server";

const schema = z.object({
  id: z.string().uuid("id ska vara ett UUID som klienten skapar en gång per svar"),
  data: answerObject,
  locale: z.enum(["sv", "en", "fi"]).default("sv"),
});

/** POST /api/v1/invitations/:token/responses: an invited staff member's answer; the link works once. */
export const action = (args: ActionFunctionArgs) =>
  api(args, async ({ request, params }) => {
    if (request.method !== "POST")
      return Response.json({ error: translate("sv", "problem.methodNotAllowed") }, { status: 405 });
    const token = tokenFrom(params.token ?? "");
    if (!token) throw new NotFound("problem.linkNotFound");
    const parsed = parseInput(schema, await readJson(request), "problem.badRequest");
    const result = await redeemInvitation({ db: await getDb(), token, ...parsed });
    return Response.json({ id: result.id }, { status: result.status });
  });

export const loader = () =>
  Response.json({ error: translate("sv", "problem.usePost") }, { status: 405, headers: { Allow: "POST" } });
