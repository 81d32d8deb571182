import type { Database } from "~/utils/db.server";
import type { Channel, SurveySettings } from "../../db/schema";
import { Invalid } from "~/utils/errors.server";
import { sha256 } from "~/utils/crypto.server";
import { encodeChoiceAnswers, validateAnswers, type Locale } from "./survey-validation.server";
import { codesFor } from "./codebook.server";
import { canonicalJson, planFor } from "./response.server";

// The validation and row-building steps of `submitResponse`, as a function other submission paths (staff
// invitations) can call. response.server.ts keeps its own copy for now; it can switch to this one unchanged.

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
  const plan = planFor(survey.versionId, survey.definition);
  const result = validateAnswers(plan, data, locale);
  if (!result.ok) {
    throw new Invalid(result.errors.map((e) => ({ field: e.question, message: e.message })), "Svaret behöver rättas", "question");
  }
  const valid = result.data;
  const codes = await codesFor({ db, surveyId: survey.id, pairs: encodeChoiceAnswers(plan, valid) });
  return {
    id,
    survey_id: survey.id,
    version_id: survey.versionId,
    channel,
    locale,
    submitted_on: new Date().toISOString().slice(0, 10),
    data: JSON.stringify(valid),
    data_hash: sha256(canonicalJson(valid)),
    codes,
    ...demographicsOf(survey.settings, valid),
  };
}
