import { z } from "zod";
import type { AuthUser } from "~/features/accounts/index.server";
import { can } from "~/features/accounts/index.server";
import type { Database } from "~/platform/db.server";
import { env } from "~/platform/env.server";
import { Forbidden } from "~/platform/errors.server";
import { answerObject } from "~/platform/validation";
import { rateLimitSlot } from "../../platform/rate-limit.server";
import { submitResponse } from "./responses.server";
import { getSurvey } from "./survey-queries.server";
import { parseInput } from "~/platform/parse.server";

const envelope = z.object({
  id: z.string().uuid("id ska vara ett UUID som klienten skapar en gång per svar"),
  data: answerObject,
  locale: z.enum(["sv", "en", "fi"]).default("sv"),
  channel: z.enum(["web", "phone", "paper"]).default("web"),
  code: z.string().max(40).optional(),
});

/**
 * `POST /api/v1/surveys/:slug/responses` after the body is parsed: checks the envelope, the rate limit (web) or the
 * analyst's role (paper and phone, entered by staff), and stores the answer exactly once (see submitResponse).
 * Shared by the Remix route and the lean Node handler in front of Remix (app/features/surveys/submission-endpoint.server.ts),
 * so both answer the same. `authenticate` is called only for staff channels.
 */
export async function acceptSubmission({
  db,
  slug,
  body,
  address,
  authenticate,
}: {
  db: Database;
  slug: string;
  body: unknown;
  address: string;
  authenticate: () => Promise<AuthUser>;
}): Promise<{ status: 200 | 201; id: string }> {
  const parsed = parseInput(envelope, body, "problem.badRequest");
  const input = parsed;
  let allowClosed = false;
  let rateLimit = null;
  if (input.channel !== "web") {
    // Paper and phone answers are entered by the kommun's analysts, through the same validation.
    const user = await authenticate();
    const survey = await getSurvey({ db, slug });
    if (!(await can(user, survey.kommun_id, "survey:manage"))) throw new Forbidden("surveys.error.manualEntryAnalysts");
    allowClosed = true;
  } else {
    // Counted by submitResponse, once, in a transaction of its own before the answer's (docs/privacy.md).
    rateLimit = await rateLimitSlot({
      db,
      scope: "submit",
      address,
      perMinute: env().SUBMIT_RATE_LIMIT,
      message: "surveys.error.rateLimited",
    });
  }
  return submitResponse({ db, slug, ...input, allowClosed, rateLimit });
}
