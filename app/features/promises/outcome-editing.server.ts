/**
 * Adding and removing outcome indicators (effektmått) of a focus area; what they show is in outcome.server.ts.
 */
import { Invalid, NotFound, type FieldError, fieldError } from "~/platform/errors.server";
import { citizenSurveyOfKommun, figureOf, resultsFor, type IndicatorFigure } from "./outcome-sources.server";
import { documentOfKommun, isRowId, type DocumentScope } from "./document-scope.server";

export interface OutcomeIndicatorInput {
  focusAreaId: string | number;
  surveySlug: string;
  question: string;
  filter?: string;
  direction: string;
  /** Target in percent ("25" or "25,5"); empty = direction only. */
  targetPercent?: string;
  label?: string;
}

/**
 * Adds an outcome indicator to a focus area of the kommun's document, with its baseline computed now from the
 * chosen survey (and stored). Invalid (per field) when the item, filter or survey does not fit, or when the
 * baseline group is below the minimum base (no figure may be stored from a suppressed group).
 */
export async function createOutcomeIndicator({
  db,
  kommunId,
  documentId,
  accountId,
  input,
}: DocumentScope & {
  accountId: number | null;
  input: OutcomeIndicatorInput;
}): Promise<number> {
  const doc = await documentOfKommun({ db, kommunId, documentId });
  const errors: FieldError[] = [];
  const focusArea = doc.focusAreas.find((f) => String(f.id) === String(input.focusAreaId).trim());
  if (!focusArea) errors.push(fieldError("focusAreaId", "followup.error.focusArea"));
  const direction = input.direction === "decrease" || input.direction === "increase" ? input.direction : null;
  if (!direction) errors.push(fieldError("direction", "followup.error.direction"));
  let targetShare: number | null = null;
  const rawTarget = String(input.targetPercent ?? "")
    .trim()
    .replace(",", ".");
  if (rawTarget !== "") {
    const t = Number(rawTarget);
    if (!/^\d+(\.\d+)?$/.test(rawTarget) || !Number.isFinite(t) || t < 0 || t > 100)
      errors.push(fieldError("targetPercent", "followup.error.targetPercent"));
    else targetShare = t / 100;
  }
  const label = String(input.label ?? "").trim();
  if (label.length > 300) errors.push(fieldError("label", "followup.error.labelMax"));
  const survey = await citizenSurveyOfKommun(db, kommunId, String(input.surveySlug ?? ""));
  if (!survey) {
    errors.push(fieldError("surveySlug", "followup.error.survey"));
    throw new Invalid(errors, "followup.error.indicatorInvalid");
  }
  const filter = String(input.filter ?? "").trim();
  const results = await resultsFor(db, new Map(), survey.id, filter);
  if (!results) {
    errors.push(fieldError("filter", "followup.error.filterUnknown", { filter, survey: survey.title }));
    throw new Invalid(errors, "followup.error.indicatorInvalid");
  }
  const question = String(input.question ?? "");
  const figure = figureOf(results, question);
  if (figure === "not_asked") errors.push(fieldError("question", "followup.error.question"));
  else if (figure.suppressed)
    errors.push(fieldError("filter", "followup.error.filterTooSmall", { min: results.minBase }));
  if (direction && targetShare !== null && figure !== "not_asked" && !figure.suppressed) {
    const wrongWay = direction === "decrease" ? targetShare >= figure.share! : targetShare <= figure.share!;
    if (wrongWay)
      errors.push(
        fieldError(
          "targetPercent",
          direction === "decrease" ? "followup.error.targetBelow" : "followup.error.targetAbove",
          { baseline: (figure.share! * 100).toFixed(0) },
        ),
      );
  }
  if (errors.length) throw new Invalid(errors, "followup.error.indicatorInvalid");
  const f = figure as IndicatorFigure;
  const kind = results.indicators.find((i) => i.question === question)!.kind;
  const q = results.questions.find((x) => x.name === question);
  const filterLabel = filter
    ? (results.questions
        .find((x) => x.name === filter.split(":")[0])
        ?.options.find((o) => `${filter.split(":")[0]}:${o.value}` === filter)?.label ?? filter)
    : "";
  // A matrix row's own text names the item ("Buskörning med moped ..."); the matrix title is the same for all rows.
  const defaultLabel = `${q?.title ?? question}${filterLabel ? ` (${filterLabel})` : ""}`;
  const row = await db
    .insertInto("outcome_indicator")
    .values({
      focus_area_id: focusArea!.id,
      survey_id: survey.id,
      question,
      kind,
      filter,
      label: label || defaultLabel,
      direction: direction!,
      target_share: targetShare,
      baseline_k: f.k!,
      baseline_base: f.base!,
      baseline_share: f.share!,
      baseline_low: f.low!,
      baseline_high: f.high!,
      created_by: accountId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Removes an outcome indicator of the kommun's document. */
export async function deleteOutcomeIndicator({
  db,
  kommunId,
  documentId,
  indicatorId,
}: DocumentScope & {
  indicatorId: number;
}) {
  const doc = await documentOfKommun({ db, kommunId, documentId });
  const areaIds = doc.focusAreas.map((f) => f.id);
  const res =
    areaIds.length && isRowId(indicatorId)
      ? await db
          .deleteFrom("outcome_indicator")
          .where("id", "=", indicatorId)
          .where("focus_area_id", "in", areaIds)
          .executeTakeFirst()
      : null;
  if (!res || Number(res.numDeletedRows) === 0) throw new NotFound("followup.error.indicatorNotFound");
}
