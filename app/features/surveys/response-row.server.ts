import type { Database } from "~/platform/db.server";
import type { Channel, SurveySettings } from "../../../db/schema";
import { Invalid } from "~/platform/errors.server";
import { sha256 } from "~/platform/crypto.server";
import { encodeChoiceAnswers, validateAnswers, type Locale } from "./validation.server";
import { codesFor } from "./codebook.server";
import { stockholmDay } from "../../platform/dates";
import { compileValidationPlan, type ValidationPlan } from "./validation.server";

// The validation and row-building steps shared by every way an answer is stored: the public endpoint
// (submitResponse), staff invitations, bulk imports and demo data.

// Compiled plans per definition version. A frozen version never changes, so its id is the key; a draft's
// definition can still be edited in place, so a draft is keyed by id and definition hash.
const plans = new Map<string, ValidationPlan>();

/** The cached plan of a frozen version, if this process has compiled it already. */
export function frozenPlan(versionId: number): ValidationPlan | undefined {
  return plans.get(`${versionId}:frozen`);
}

export function planFor(versionId: number, definition: Record<string, unknown>, frozen = false): ValidationPlan {
  const key = frozen ? `${versionId}:frozen` : `${versionId}:${sha256(JSON.stringify(definition))}`;
  let plan = plans.get(key);
  if (!plan) {
    plan = compileValidationPlan(definition);
    if (plans.size > 500) plans.clear();
    plans.set(key, plan);
  }
  return plan;
}

/** A stable JSON text of a value: object keys sorted, so equal answers hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The demographic columns of an answer, from the questions the survey's settings name. */
export function demographicsOf(settings: SurveySettings, data: Record<string, unknown>) {
  const d = { area: "area", age_band: "age_band", gender: "gender", ...(settings.demographics ?? {}) };
  const pick = (name: string | undefined) => {
    const v = name ? data[name] : undefined;
    return typeof v === "string" || typeof v === "number" ? String(v) : null;
  };
  return { area: pick(d.area), age_band: pick(d.age_band), gender: pick(d.gender) };
}

export interface AnswerableSurvey {
  id: number;
  settings: SurveySettings;
  versionId: number;
  definition: Record<string, unknown>;
}

/**
 * Validates an answer against the survey's current (frozen) definition and builds the `response` row: only the
 * definition's own question names, its choice codes, the date without time. Throws Invalid (per question).
 * Codes are assigned here, outside any transaction the caller opens (see storeResponsesAllOrNothing).
 */
export async function prepareResponseRow({
  db,
  survey,
  id,
  data,
  locale,
  channel,
}: {
  db: Database;
  survey: AnswerableSurvey;
  id: string;
  data: unknown;
  locale: Locale;
  channel: Channel;
}) {
  return buildResponseRow({
    db,
    survey,
    plan: planFor(survey.versionId, survey.definition),
    id,
    data,
    locale,
    channel,
  });
}

/** As prepareResponseRow, with a plan the caller already holds (e.g. cached for a frozen version). */
export async function buildResponseRow({
  db,
  survey,
  plan,
  id,
  data,
  locale,
  channel,
}: {
  db: Database;
  survey: { id: number; settings: SurveySettings; versionId: number };
  plan: ValidationPlan;
  id: string;
  data: unknown;
  locale: Locale;
  channel: Channel;
}) {
  const result = validateAnswers(plan, data, locale);
  if (!result.ok) {
    throw new Invalid(
      result.errors.map((e) => ({ field: e.question, message: e.message })),
      "surveys.error.answerInvalid",
      "question",
    );
  }
  const valid = result.data;
  const codes = await codesFor({ db, surveyId: survey.id, pairs: encodeChoiceAnswers(plan, valid) });
  return {
    id,
    survey_id: survey.id,
    version_id: survey.versionId,
    channel,
    locale,
    // The answer's day in Sweden (docs/privacy.md: its day is all that is kept of its time).
    submitted_on: stockholmDay(new Date()),
    data: JSON.stringify(valid),
    data_hash: sha256(canonicalJson(valid)),
    codes,
    ...demographicsOf(survey.settings, valid),
  };
}
