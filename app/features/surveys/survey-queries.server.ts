// Reading surveys: the status in force, the lookups by slug and kommun, and the fieldwork counts staff follow.
// Creating and changing a survey is in surveys.server.ts.
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { getDb } from "~/platform/db.server";
import { requireRole, requireUser } from "~/features/accounts/index.server";
import type { SurveyStatus } from "../../../db/schema";
import { NotFound, Gone } from "~/platform/errors.server";
import { sanitizeDefinitionHtml } from "./domain/html";

/** The status in force now: open and close dates act on their own without anyone pressing a button. */
export function effectiveStatus(
  s: { status: SurveyStatus; opens_at: Date | string | null; closes_at: Date | string | null },
  now = new Date(),
): SurveyStatus {
  const opens = s.opens_at ? new Date(s.opens_at) : null;
  const closes = s.closes_at ? new Date(s.closes_at) : null;
  if (s.status === "closed") return "closed";
  if (closes && closes <= now) return s.status === "open" || (opens && opens <= now) ? "closed" : s.status;
  if (s.status === "draft" && opens && opens <= now) return "open";
  return s.status;
}

/** The locales a definition has texts for: its default locale (Swedish unless it says otherwise) and every other. */
export function definitionLocales(definition: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.default === "string")
        for (const k of Object.keys(o)) if (/^[a-z]{2}(-[a-z]{2})?$/i.test(k)) found.add(k);
      Object.values(o).forEach(walk);
    }
  };
  walk(definition);
  const base = typeof definition.locale === "string" && definition.locale ? definition.locale : "sv";
  return [base, ...[...found].filter((l) => l !== base).sort()];
}

const surveyColumns = [
  "s.id",
  "s.slug",
  "s.kind",
  "s.period",
  "s.title",
  "s.status",
  "s.opens_at",
  "s.closes_at",
  "s.settings",
  "s.kommun_id",
  "s.current_version_id",
  "s.created_at",
  "k.slug as kommun",
  "k.name as kommunName",
] as const;

function baseQuery(db: Database) {
  return db.selectFrom("survey as s").innerJoin("organisation as k", "k.id", "s.kommun_id").select(surveyColumns);
}

export type SurveyRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

/** The citizen surveys open now (staff surveys are never listed publicly). */
export async function listOpenSurveys({ db }: { db: Database }) {
  const rows = await baseQuery(db)
    .where("s.kind", "=", "medborgarenkat")
    .where("s.status", "!=", "closed")
    .orderBy("k.name")
    .execute();
  return rows
    .filter((r) => effectiveStatus(r) === "open")
    .map((r) => ({
      slug: r.slug,
      kind: r.kind,
      kommun: r.kommun,
      kommunName: r.kommunName,
      period: r.period,
      status: "open" as const,
      title: r.title,
    }));
}

/**
 * Every survey of a kommun, newest first, with its effective status and number of responses: the whole survey's
 * stored rows, fieldwork bookkeeping rather than a results figure (docs/architecture.md, the counting path).
 */
export async function listSurveysForKommun({ db, kommunId }: { db: Database; kommunId: number }) {
  const rows = await baseQuery(db)
    .where("s.kommun_id", "=", kommunId)
    .select((eb) =>
      eb
        .selectFrom("response as r")
        .whereRef("r.survey_id", "=", "s.id")
        .select(sql<number>`count(*)::int`.as("n"))
        .as("responses"),
    )
    .orderBy("s.created_at", "desc")
    .execute();
  return rows.map((r) => ({ ...r, effectiveStatus: effectiveStatus(r) }));
}

/** A survey by slug with its current definition, whatever its status (callers check who may see it). */
export async function getSurvey({ db, slug }: { db: Database; slug: string }) {
  const row = await baseQuery(db)
    .innerJoin("survey_version as v", "v.id", "s.current_version_id")
    .select(["v.id as versionId", "v.version", "v.definition", "v.frozen_at as frozenAt"])
    .where("s.slug", "=", slug)
    .executeTakeFirst();
  if (!row) throw new NotFound("surveys.error.slugNotFound", { slug });
  // Sanitised on every read too: definitions stored before the allow-list existed reach pages and the API clean.
  return { ...row, definition: sanitizeDefinitionHtml(row.definition), effectiveStatus: effectiveStatus(row) };
}

/** A survey of a kommun by slug, with its current definition; another kommun's survey is not found. */
export async function getKommunSurvey({ db, slug, kommunId }: { db: Database; slug: string; kommunId: number }) {
  const survey = await getSurvey({ db, slug });
  if (survey.kommun_id !== kommunId) throw new NotFound("surveys.error.slugNotFound", { slug });
  return survey;
}

export type SurveyWithVersion = Awaited<ReturnType<typeof getSurvey>>;

/**
 * A survey as the public may see it: unknown and draft surveys are not found, closed ones are gone, and staff
 * surveys (medarbetardialog) are not public at all.
 */
export async function getPublicSurvey({ db, slug }: { db: Database; slug: string }) {
  const s = await getSurvey({ db, slug }).catch((e) => {
    throw e instanceof NotFound ? new NotFound("surveys.error.notFound") : e;
  });
  if (s.effectiveStatus === "draft") throw new NotFound("surveys.error.notFound");
  // Staff answer only through their single-use invitation links (/i/:token), never through the public page.
  if (s.kind === "medarbetardialog") throw new NotFound("surveys.error.staffByInvitation");
  if (s.effectiveStatus === "closed") throw new Gone("surveys.error.closed");
  return s;
}

/**
 * Response counts by channel and by day, for staff following a survey while it is open: the whole survey's stored
 * rows, fieldwork bookkeeping rather than a results figure (docs/architecture.md, the counting path).
 */
export async function responseCounts({ db, surveyId }: { db: Database; surveyId: number }) {
  const byChannel = await db
    .selectFrom("response")
    .select(["channel", sql<number>`count(*)::int`.as("n")])
    .where("survey_id", "=", surveyId)
    .groupBy("channel")
    .orderBy("channel")
    .execute();
  const byDay = await db
    .selectFrom("response")
    .select(["submitted_on as day", sql<number>`count(*)::int`.as("n")])
    .where("survey_id", "=", surveyId)
    .groupBy("submitted_on")
    .orderBy("submitted_on")
    .execute();
  const total = byChannel.reduce((a, r) => a + r.n, 0);
  return { total, byChannel, byDay };
}

/** How many one-time codes a survey has and how many were used. */
export async function accessCodeStatus({ db, surveyId }: { db: Database; surveyId: number }) {
  // A used code is deleted in its answer's transaction (docs/privacy.md): used = made − left.
  const r = await sql<{ total: number; used: number }>`select coalesce(t.issued, 0)::int as total,
      (coalesce(t.issued, 0) - (select count(*) from access_code c where c.survey_id = ${surveyId}))::int as used
    from (select 1) one left join access_code_tally t on t.survey_id = ${surveyId}`.execute(db);
  return r.rows[0]!;
}

/**
 * The API's way into one survey by its slug: signed in first (an anonymous caller cannot tell a draft's slug from an
 * unknown one: both are 401), then the survey, then the role on the survey's kommun (403 otherwise).
 */
export async function surveyForRole(request: Request, slug: string | undefined, role: "viewer" | "analyst") {
  await requireUser(request);
  const db = await getDb();
  const survey = await getSurvey({ db, slug: slug ?? "" });
  await requireRole(request, { organisationId: survey.kommun_id, role });
  return { db, survey };
}
