import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { getDb } from "~/platform/db.server";
import { requireRole, requireUser } from "~/features/accounts/index.server";
import type { SurveyKind, SurveySettings, SurveyStatus } from "../../../db/schema";
import { Invalid, NotFound, Gone, Conflict, fieldError } from "~/platform/errors.server";
import { checkDefinition } from "./validation.server";
import { sanitizeDefinitionHtml } from "./domain/html";
import { stockholmDayEnd, stockholmDayStart } from "../../platform/dates";

export const SURVEY_KINDS: readonly SurveyKind[] = ["medborgarenkat", "medarbetardialog"];
const PERIOD_RE = /^(\d{4})(?:[-–](\d{4}))?$/;

/** A period label as stored: "2025" or "2025-2026" (an en dash is accepted and normalised). */
export function normalisePeriod(period: string): string | null {
  const m = PERIOD_RE.exec(period.trim());
  if (!m) return null;
  const [, a, b] = m;
  if (b && (Number(b) < Number(a) || Number(b) - Number(a) > 3)) return null;
  return b ? `${a}-${b}` : a!;
}

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

function definitionErrors(definition: unknown) {
  const report = checkDefinition(definition);
  if (!report.ok)
    throw new Invalid(
      report.errors.map((message) => ({ field: "definition", message })),
      "surveys.error.definition",
    );
  return report;
}

async function uniqueSlug(db: Database, base: string) {
  const taken = new Set(
    (await db.selectFrom("survey").select("slug").where("slug", "like", `${base}%`).execute()).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Creates a draft survey from a SurveyJS definition (checked first) and returns its slug. */
export async function createSurvey({
  db,
  kommunId,
  kommunSlug,
  period,
  kind,
  title,
  definition,
  settings = {},
}: {
  db: Database;
  kommunId: number;
  kommunSlug: string;
  period: string;
  kind: SurveyKind;
  title: string;
  definition: unknown;
  settings?: SurveySettings;
}) {
  const errors = [];
  const p = normalisePeriod(period);
  if (!p) errors.push(fieldError("period", "surveys.error.period"));
  if (!SURVEY_KINDS.includes(kind)) errors.push(fieldError("kind", "surveys.error.kind"));
  if (!title.trim()) errors.push(fieldError("title", "surveys.error.title"));
  if (errors.length) throw new Invalid(errors);
  definition = sanitizeDefinitionHtml(definition);
  definitionErrors(definition);
  return db.transaction().execute(async (trx) => {
    const slug = await uniqueSlug(trx, `${kommunSlug}-${p}${kind === "medarbetardialog" ? "-personal" : ""}`);
    const s = await trx
      .insertInto("survey")
      .values({ slug, kommun_id: kommunId, kind, period: p!, title: title.trim(), settings: JSON.stringify(settings) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const v = await trx
      .insertInto("survey_version")
      .values({ survey_id: s.id, version: 1, definition: JSON.stringify(definition) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.updateTable("survey").set({ current_version_id: v.id }).where("id", "=", s.id).execute();
    return { id: s.id, slug };
  });
}

/**
 * Replaces the definition. A version that has been open (or has answers) is frozen: the edit becomes a new
 * version, and earlier answers keep pointing at the version they answered.
 */
export async function updateDefinition({
  db,
  surveyId,
  definition: given,
}: {
  db: Database;
  surveyId: number;
  definition: unknown;
}) {
  // Every path that stores a definition (builder, JSON upload, API) comes through here or createSurvey.
  const definition = sanitizeDefinitionHtml(given);
  definitionErrors(definition);
  return db.transaction().execute(async (trx) => {
    const cur = await trx
      .selectFrom("survey as s")
      .innerJoin("survey_version as v", "v.id", "s.current_version_id")
      .select(["v.id", "v.version", "v.frozen_at", "s.status", "s.opens_at", "s.closes_at"])
      .where("s.id", "=", surveyId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const hasAnswers = await trx
      .selectFrom("response")
      .select("id")
      .where("version_id", "=", cur.id)
      .limit(1)
      .executeTakeFirst();
    const frozen = cur.frozen_at !== null || effectiveStatus(cur) !== "draft" || !!hasAnswers;
    if (!frozen) {
      await trx
        .updateTable("survey_version")
        .set({ definition: JSON.stringify(definition) })
        .where("id", "=", cur.id)
        .execute();
      return { versionId: cur.id, version: cur.version, newVersion: false };
    }
    const v = await trx
      .insertInto("survey_version")
      .values({
        survey_id: surveyId,
        version: cur.version + 1,
        definition: JSON.stringify(definition),
        frozen_at: effectiveStatus(cur) === "open" ? new Date() : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("survey")
      .set({ current_version_id: v.id, updated_at: new Date() })
      .where("id", "=", surveyId)
      .execute();
    return { versionId: v.id, version: cur.version + 1, newVersion: true };
  });
}

/** Opens or closes a survey. Opening freezes the current definition version. */
export async function setSurveyStatus({
  db,
  surveyId,
  status,
}: {
  db: Database;
  surveyId: number;
  status: "open" | "closed";
}) {
  return db.transaction().execute(async (trx) => {
    const s = await trx
      .selectFrom("survey")
      .select(["id", "status", "opens_at", "closes_at", "current_version_id"])
      .where("id", "=", surveyId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const now = effectiveStatus(s);
    if (status === now) return { status };
    if (status === "open") {
      // An explicit open overrides a close date that has passed; otherwise the survey would close at once.
      const closesAt = s.closes_at && new Date(s.closes_at) <= new Date() ? null : s.closes_at;
      await trx
        .updateTable("survey")
        .set({ status: "open", closes_at: closesAt, updated_at: new Date() })
        .where("id", "=", surveyId)
        .execute();
      await trx
        .updateTable("survey_version")
        .set({ frozen_at: new Date() })
        .where("id", "=", s.current_version_id!)
        .where("frozen_at", "is", null)
        .execute();
    } else {
      if (now === "draft") throw new Conflict("surveys.error.closeDraft");
      await trx
        .updateTable("survey")
        .set({ status: "closed", updated_at: new Date() })
        .where("id", "=", surveyId)
        .execute();
    }
    return { status };
  });
}

/**
 * Sets or clears the open and close days (YYYY-MM-DD in Stockholm, "" to clear); they act on their own. A survey
 * opens at the start of its opening day and takes answers through the whole closing day (see survey-dates.ts).
 */
export async function setSurveySchedule({
  db,
  surveyId,
  opensOn,
  closesOn,
}: {
  db: Database;
  surveyId: number;
  opensOn: string;
  closesOn: string;
}) {
  const opensAt = opensOn ? stockholmDayStart(opensOn) : null;
  const closesAt = closesOn ? stockholmDayEnd(closesOn) : null;
  const errors = [];
  if (opensOn && !opensAt) errors.push(fieldError("opensAt", "problem.dateFormat"));
  if (closesOn && !closesAt) errors.push(fieldError("closesAt", "problem.dateFormat"));
  if (opensAt && closesAt && closesAt <= opensAt)
    errors.push(fieldError("closesAt", "surveys.error.closesBeforeOpens"));
  if (errors.length) throw new Invalid(errors);
  await db
    .updateTable("survey")
    .set({ opens_at: opensAt, closes_at: closesAt, updated_at: new Date() })
    .where("id", "=", surveyId)
    .execute();
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

/** Turns the one-time code requirement on or off for a survey. */
export async function setRequireCode({
  db,
  surveyId,
  requireCode,
}: {
  db: Database;
  surveyId: number;
  requireCode: boolean;
}) {
  await db
    .updateTable("survey")
    .set({ settings: sql`settings || ${JSON.stringify({ requireCode })}::jsonb`, updated_at: new Date() })
    .where("id", "=", surveyId)
    .execute();
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
