import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n/i18n";
import { z } from "zod";
import { getOrganisationBySlug } from "~/features/accounts/index.server";
import { createSurvey, listOpenSurveys } from "~/features/surveys/index.server";
import { requireRole } from "~/features/accounts/index.server";
import { getDb } from "~/platform/db.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { api, readJson } from "~/platform/http.server";
import { parseInput } from "~/platform/parse.server";

/** GET /api/v1/surveys: the open citizen surveys. */
export const loader = (args: LoaderFunctionArgs) =>
  api(args, async () => {
    const surveys = await listOpenSurveys({ db: await getDb() });
    return Response.json(
      surveys.map(({ slug, kind, kommun, period, status, title }) => ({ slug, kind, kommun, period, status, title })),
      { headers: { "Cache-Control": "public, max-age=30" } },
    );
  });

const createSchema = z.object({
  kommun: z.string().min(1).max(100),
  period: z.string().min(1).max(20),
  kind: z.enum(["medborgarenkat", "medarbetardialog"]),
  title: z.string().trim().min(1).max(200),
  definition: z.record(z.string(), z.unknown()),
  settings: z
    .object({
      areas: z
        .array(z.object({ value: z.string().min(1).max(100), text: z.string().min(1).max(200) }))
        .max(500)
        .optional(),
      demographics: z
        .object({ area: z.string().optional(), age_band: z.string().optional(), gender: z.string().optional() })
        .optional(),
      requireCode: z.boolean().optional(),
      minBase: z.number().int().min(5).max(1000).optional(),
    })
    .optional(),
});

/** POST /api/v1/surveys: an analyst's tool creates a draft from a SurveyJS definition. */
export const action = (args: ActionFunctionArgs) =>
  api(args, async ({ request }) => {
    if (request.method !== "POST")
      return Response.json({ error: translate("sv", "problem.methodNotAllowed") }, { status: 405 });
    const body = await readJson(request);
    const parsed = parseInput(createSchema, body);
    const db = await getDb();
    const kommun = await getOrganisationBySlug({ db, slug: parsed.kommun, kind: "kommun" }).catch(() => {
      throw new Invalid([fieldError("kommun", "problem.kommunUnknown", { kommun: parsed.kommun })]);
    });
    await requireRole(request, { organisationId: kommun.id, role: "analyst" });
    const { slug } = await createSurvey({
      db,
      kommunId: kommun.id,
      kommunSlug: kommun.slug,
      period: parsed.period,
      kind: parsed.kind,
      title: parsed.title,
      definition: parsed.definition,
      settings: parsed.settings,
    });
    return Response.json({ slug, status: "draft" }, { status: 201, headers: { Location: `/api/v1/surveys/${slug}` } });
  });
