// Creating and changing surveys: new drafts, definition versions, status, schedule and the code requirement.
// Reading them is in survey-queries.server.ts.
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import type { SurveyKind, SurveySettings } from "../../../db/schema";
import { Invalid, Conflict, fieldError } from "~/platform/errors.server";
import { checkDefinition } from "./validation.server";
import { sanitizeDefinitionHtml } from "./domain/html";
import { stockholmDayEnd, stockholmDayStart } from "../../platform/dates";
import { effectiveStatus } from "./survey-queries.server";

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
