import crypto from "node:crypto";
import { PREPARED, type Database } from "~/platform/db.server";
import { sql } from "kysely";
import type { Channel, SurveySettings, SurveyStatus } from "../../../db/schema";
import { Conflict, Forbidden, Gone, Invalid, NotFound, fieldError } from "~/platform/errors.server";
import { sha256 } from "~/platform/crypto.server";
import { MAX_ANSWER_DEPTH, nestedDeeperThan } from "~/platform/json-depth";
import { encodeChoiceAnswers, validateAnswers, type Locale } from "./validation.server";
import { buildResponseRow, canonicalJson, demographicsOf, frozenPlan, planFor } from "./response-row.server";

export { canonicalJson, planFor } from "./response-row.server";
import { codesFor } from "./codebook.server";
import { countHit, type RateLimitSlot } from "../../platform/rate-limit.server";
import { stockholmDay } from "../../platform/dates";
import { effectiveStatus } from "./survey-queries.server";

export interface SubmitInput {
  db: Database;
  slug: string;
  id: string;
  data: unknown;
  locale: Locale;
  channel: Channel;
  /** A one-time code, for surveys that require one. */
  code?: string | null;
  /** Staff entering paper or phone answers may submit to a survey that is not open to the public. */
  allowClosed?: boolean;
  /**
   * The rate-limit counter this answer counts against (public web answers), counted once whichever path stores it,
   * always in a statement of its own before the answer's (docs/privacy.md).
   */
  rateLimit?: RateLimitSlot | null;
}

/** What a submission needs to know of its survey, and the row version (`xmin`) it was read at. */
interface SubmissionSurvey {
  id: number;
  kind: string;
  status: SurveyStatus;
  opens_at: Date | null;
  closes_at: Date | null;
  settings: SurveySettings;
  versionId: number;
  frozen_at: Date | null;
  rowVersion: string;
}

// Surveys with a frozen definition, by slug, as last read by this process. Used only together with a check of the
// row version in the very statement that stores the answer, so a survey closed, re-opened or edited since (by this
// process or another) is never answered from a stale copy: the statement stores nothing and the answer takes the
// full path below, which reads the survey again.
const knownSurveys = new Map<string, SubmissionSurvey>();

async function readSurvey(db: Database, slug: string): Promise<SubmissionSurvey | undefined> {
  const survey = await db
    .selectFrom("survey as s")
    .innerJoin("survey_version as v", "v.id", "s.current_version_id")
    .select([
      "s.id",
      "s.kind",
      "s.status",
      "s.opens_at",
      "s.closes_at",
      "s.settings",
      "v.id as versionId",
      "v.frozen_at",
    ])
    .select(sql<string>`s.xmin::text`.as("rowVersion"))
    .where("s.slug", "=", slug)
    .executeTakeFirst();
  if (survey?.frozen_at) {
    if (knownSurveys.size >= 1000) knownSurveys.clear();
    knownSurveys.set(slug, survey);
  } else knownSurveys.delete(slug);
  return survey;
}

/**
 * Stores one answer exactly once. Returns 201 for a new answer and 200 when the same id arrives again with the
 * same answer (a retry); the same id with another answer is a conflict. Invalid answers store nothing.
 */
export async function submitResponse(input: SubmitInput): Promise<{ status: 200 | 201; id: string }> {
  let counted = false;
  if (input.channel === "web" && !input.allowClosed) {
    const fast = await submitToKnownOpenSurvey(input);
    if (fast.settled) return fast.settled;
    counted = fast.counted;
  }
  const { db, slug, id, locale, channel } = input;
  if (input.rateLimit && !counted) await countHit(db, input.rateLimit);
  const survey = await readSurvey(db, slug);
  if (!survey) throw new NotFound("surveys.error.notFound");
  if (survey.kind === "medarbetardialog" && channel === "web") {
    // A public submission would bypass the single-use invitations (and is never listed anyway).
    throw new NotFound("surveys.error.staffByInvitation");
  }
  const status = effectiveStatus(survey);

  if (status !== "open" && !input.allowClosed) {
    // A retry of an answer stored before the survey closed is still acknowledged: nothing is lost.
    const prior = await db
      .selectFrom("response")
      .select(["survey_id", "data_hash"])
      .where("id", "=", id)
      .executeTakeFirst();
    const comparable = !nestedDeeperThan(input.data, MAX_ANSWER_DEPTH);
    if (prior && comparable && prior.survey_id === survey.id && prior.data_hash === sha256(canonicalJson(input.data)))
      return { status: 200, id };
    if (status === "draft") throw new NotFound("surveys.error.notOpen");
    throw new Gone("surveys.error.closedForAnswers");
  }

  // The definition (tens of KB of JSON) is read only when this process has no compiled plan for the version.
  const frozen = survey.frozen_at !== null;
  const plan =
    (frozen ? frozenPlan(survey.versionId) : undefined) ??
    planFor(
      survey.versionId,
      (
        await db
          .selectFrom("survey_version")
          .select("definition")
          .where("id", "=", survey.versionId)
          .executeTakeFirstOrThrow()
      ).definition,
      frozen,
    );
  const row = await buildResponseRow({ db, survey, plan, id, data: input.data, locale, channel });
  const hash = row.data_hash;

  const settle = async (trx: Database): Promise<{ status: 200 | 201; id: string } | null> => {
    const prior = await trx
      .selectFrom("response")
      .select(["survey_id", "data_hash"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!prior) return null;
    if (prior.survey_id === survey.id && prior.data_hash === hash) return { status: 200, id };
    throw new Conflict("surveys.error.duplicateResponse");
  };

  if (survey.settings.requireCode && channel === "web") {
    return db.transaction().execute(async (trx) => {
      const retry = await settle(trx);
      if (retry) return retry;
      const code = normaliseCode(input.code ?? "");
      // The code is deleted, not flagged: a flagged row would keep this transaction's id (xmin), the answer's,
      // next to the code's hash (docs/privacy.md). How many were used is issued (access_code_tally) minus those left.
      const used = await trx
        .deleteFrom("access_code")
        .where("survey_id", "=", survey.id)
        .where("code_hash", "=", sha256(code))
        .returning("survey_id")
        .executeTakeFirst();
      if (!code || !used) {
        // A resend of this same answer (its first try timed out on a slow connection but went on here) may have used
        // the code and committed while this statement waited for it: the answer is stored, so say so.
        const late = await settle(trx);
        if (late) return late;
        throw new Forbidden("surveys.error.codeInvalid");
      }
      await trx.insertInto("response").values(row).execute();
      return { status: 201 as const, id };
    });
  }

  const inserted = await db
    .insertInto("response")
    .values(row)
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return { status: 201, id };
  return (await settle(db))!;
}

/**
 * The common case: a public web answer to an open survey this process has read before, with its validation plan
 * compiled. The rate-limit hit is counted first, in a statement and transaction of its own (never with the answer:
 * docs/privacy.md); then one statement checks that the survey row is unchanged and still open (by the database's
 * clock), inserts the answer unless its id exists, and reads any earlier row with that id, so a retry is told
 * apart from a conflict. Returns null when the full path must decide: survey unknown, changed, closed or needing a
 * one-time code; an invalid answer (so that a closed survey still answers 410 before 422); or an id being stored
 * concurrently by another request.
 */
async function submitToKnownOpenSurvey(
  input: SubmitInput,
): Promise<{ settled: { status: 200 | 201; id: string } | null; counted: boolean }> {
  const { db, slug, id, locale, channel, rateLimit } = input;
  const notHere = { settled: null, counted: false };
  const survey = knownSurveys.get(slug);
  if (
    !survey ||
    survey.kind === "medarbetardialog" ||
    survey.settings.requireCode ||
    effectiveStatus(survey) !== "open"
  )
    return notHere;
  const plan = frozenPlan(survey.versionId);
  if (!plan) return notHere;
  let row: Awaited<ReturnType<typeof buildResponseRow>>;
  try {
    row = await buildResponseRow({ db, survey, plan, id, data: input.data, locale, channel });
  } catch (err) {
    if (err instanceof Invalid) return notHere;
    throw err;
  }
  // Past the limit this throws 429 and nothing is stored; the full path will not count the same answer again.
  if (rateLimit) await countHit(db, rateLimit);
  const counted = !!rateLimit;
  const { rows } = await sql<{
    open: number;
    inserted: number;
    prior_survey: number | null;
    prior_hash: string | null;
  }>`${PREPARED}
    with open_survey as (
      select 1 from survey s
      where s.id = ${survey.id} and s.xmin::text = ${survey.rowVersion} and s.current_version_id = ${survey.versionId}
        and (s.status = 'open' or (s.status = 'draft' and s.opens_at <= now()))
        and (s.closes_at is null or s.closes_at > now())
    ), stored as (
      insert into response (id, survey_id, version_id, channel, locale, submitted_on, data, data_hash, codes, area, age_band, gender)
      select ${row.id}::uuid, ${row.survey_id}::int, ${row.version_id}::int, ${row.channel}, ${row.locale}, ${row.submitted_on}::date,
        ${row.data}::jsonb, ${row.data_hash}, ${row.codes}::int[], ${row.area}::text, ${row.age_band}::text, ${row.gender}::text
      from open_survey
      on conflict (id) do nothing
      returning id
    )
    select (select count(*) from open_survey)::int as open, (select count(*) from stored)::int as inserted,
      p.survey_id as prior_survey, p.data_hash as prior_hash
    from (select 1) as one left join response p on p.id = ${row.id}::uuid
  `.execute(db);
  const r = rows[0]!;
  if (!r.open) {
    knownSurveys.delete(slug);
    return { settled: null, counted };
  }
  if (r.inserted) return { settled: { status: 201, id }, counted };
  if (r.prior_survey === null) return { settled: null, counted }; // stored by a concurrent request not yet committed when we looked
  if (r.prior_survey === survey.id && r.prior_hash === row.data_hash) return { settled: { status: 200, id }, counted };
  throw new Conflict("surveys.error.duplicateResponse");
}

/** A code as typed on paper: case, spaces and dashes do not matter. */
export function normaliseCode(code: string) {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** Makes N one-time codes for a survey (printable, unambiguous letters); only their hashes are stored. */
export async function createAccessCodes({ db, surveyId, count }: { db: Database; surveyId: number; count: number }) {
  if (!Number.isInteger(count) || count < 1 || count > 20000)
    throw new Invalid([fieldError("count", "surveys.error.codeCount")]);
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = crypto.randomBytes(10);
    codes.push(
      [...bytes]
        .map((b) => alphabet[b % alphabet.length])
        .join("")
        .replace(/(.{5})(.{5})/, "$1-$2"),
    );
  }
  await db.transaction().execute(async (trx) => {
    let issued = 0;
    for (let i = 0; i < codes.length; i += 1000) {
      const rows = await trx
        .insertInto("access_code")
        .values(codes.slice(i, i + 1000).map((c) => ({ survey_id: surveyId, code_hash: sha256(normaliseCode(c)) })))
        .onConflict((oc) => oc.doNothing())
        .returning("survey_id")
        .execute();
      issued += rows.length;
    }
    // Used codes are deleted (see submitResponse), so the number made is kept here.
    await trx
      .insertInto("access_code_tally")
      .values({ survey_id: surveyId, issued })
      .onConflict((oc) => oc.column("survey_id").doUpdateSet({ issued: sql`access_code_tally.issued + ${issued}` }))
      .execute();
  });
  return codes;
}

export interface BulkRow {
  data: unknown;
  /** Defaults to today; imports and demo data may carry the date the answer was given. */
  submittedOn?: string;
  locale?: Locale;
  id?: string;
}

/**
 * Validates many answers to a survey and stores all of them or none (CSV import, demo data). Returns the
 * per-row errors (1-based row numbers) when any row is invalid, in which case nothing is stored.
 */
export async function storeResponsesAllOrNothing({
  db,
  surveyId,
  rows,
  channel,
  onProgress,
}: {
  db: Database;
  surveyId: number;
  rows: BulkRow[];
  channel: Channel;
  onProgress?: (done: number, total: number) => void;
}): Promise<{ stored: number; errors: { row: number; question: string; message: string }[] }> {
  const survey = await db
    .selectFrom("survey as s")
    .innerJoin("survey_version as v", "v.id", "s.current_version_id")
    .select(["s.id", "s.settings", "v.id as versionId", "v.definition"])
    .where("s.id", "=", surveyId)
    .executeTakeFirstOrThrow();
  const plan = planFor(survey.versionId, survey.definition);
  const errors: { row: number; question: string; message: string }[] = [];
  const valid: { data: Record<string, unknown>; row: BulkRow }[] = [];
  rows.forEach((row, i) => {
    const r = validateAnswers(plan, row.data, row.locale ?? "sv");
    if (r.ok) valid.push({ data: r.data, row });
    else for (const e of r.errors) errors.push({ row: i + 1, question: e.question, message: e.message });
  });
  if (errors.length) return { stored: 0, errors };
  const today = stockholmDay(new Date());
  // Codes are assigned before the transaction: a code for a pair that ends up unused is harmless, while codes
  // rolled back under a process-wide cache would not be (and PGlite's one connection is held by the transaction).
  const pairs = valid.map(({ data }) => encodeChoiceAnswers(plan, data));
  const allCodes = await codesFor({ db, surveyId: survey.id, pairs: pairs.flat() });
  let offset = 0;
  const codesOf = pairs.map((p) => allCodes.slice(offset, (offset += p.length)));
  await db.transaction().execute(async (trx) => {
    const BATCH = 500;
    for (let i = 0; i < valid.length; i += BATCH) {
      const chunk = valid.slice(i, i + BATCH);
      const values = [];
      for (const [j, { data, row }] of chunk.entries()) {
        values.push({
          id: row.id ?? crypto.randomUUID(),
          survey_id: survey.id,
          version_id: survey.versionId,
          channel,
          locale: row.locale ?? "sv",
          submitted_on: row.submittedOn ?? today,
          data: JSON.stringify(data),
          data_hash: sha256(canonicalJson(data)),
          codes: codesOf[i + j]!,
          ...demographicsOf(survey.settings, data),
        });
      }
      await trx.insertInto("response").values(values).execute();
      onProgress?.(Math.min(i + BATCH, valid.length), valid.length);
    }
  });
  return { stored: valid.length, errors: [] };
}
