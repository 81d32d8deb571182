/**
 * The measures (åtgärder) of an åtgärdsplan: each linked to the problems it answers (of the plan's lägesbild),
 * with owner, resources, time frame, an output indicator in the promises' target shape, outcome indicators reused
 * from the survey-based ones (ADR 005), a status, and links to the promises that carry it out, whose follow-up is
 * the measure's (read through the promises' face).
 */
import type { Database } from "~/platform/db.server";
import { Invalid, fieldError, type FieldError } from "~/platform/errors.server";
import { checkPartOf, lockDraft } from "./owned.server";
import { parseId } from "~/platform/validation";
import type { Target } from "~/features/promises/index";
import { readZoneField, ZONE_FIELD, type ZoneField } from "~/features/places/index";
import { zoneLinkErrors } from "~/features/places/index.server";
import {
  MEASURE_STATUSES,
  OWNER_KINDS,
  type MeasureFields,
  type MeasureOwnerKind,
  type MeasureStatus,
} from "./domain/documents";
import { isCalendarDay } from "./domain/revision";
import { inTransaction } from "./pictures.server";
import { planOfKommun } from "./action-plans.server";

const PERS = ["week", "month", "year", "period"] as const;

/** A measure as entered: its fields and the outcome indicators it reuses. */
export interface MeasureInput extends MeasureFields {
  indicatorIds: number[];
  /** The kommun's zone the measure is carried out in (checked against the kommun when saved); none when absent. */
  zoneId?: ZoneField;
}

/** Reads a measure form: 422 with a message per field. */
export function parseMeasure(get: (k: string) => string, getAll: (k: string) => string[]): MeasureInput {
  const errors: FieldError[] = [];
  const text = (k: string, max: number, required?: Parameters<typeof fieldError>[1]) => {
    const v = get(k).trim();
    if (required && !v) errors.push(fieldError(k, required));
    if (v.length > max) errors.push(fieldError(k, "plans.error.tooLong"));
    return v;
  };
  const title = text("title", 300, "plans.error.measureName");
  const description = text("description", 8000);
  const ownerKind = get("ownerKind") as MeasureOwnerKind;
  if (!OWNER_KINDS.includes(ownerKind)) errors.push(fieldError("ownerKind", "plans.error.ownerKind"));
  const ownerName = text("ownerName", 200, "plans.error.ownerName");
  const resources = text("resources", 4000);
  const day = (k: string) => {
    const v = get(k).trim();
    if (!v) return null;
    if (!isCalendarDay(v)) errors.push(fieldError(k, "plans.error.date"));
    return v;
  };
  const startsOn = day("startsOn");
  const endsOn = day("endsOn");
  if (startsOn && endsOn && isCalendarDay(startsOn) && isCalendarDay(endsOn) && endsOn < startsOn)
    errors.push(fieldError("endsOn", "plans.error.timeOrder"));
  const outputText = text("outputText", 2000);
  let outputTarget: Target = { kind: "none" };
  const q = get("quantity").trim().replace(",", ".");
  if (q) {
    const quantity = Number(q);
    if (!Number.isFinite(quantity) || quantity <= 0 || quantity > 100000)
      errors.push(fieldError("quantity", "plans.error.quantity"));
    const per = get("per");
    if (!(PERS as readonly string[]).includes(per)) errors.push(fieldError("per", "plans.error.per"));
    outputTarget = { kind: "quantity", quantity, per: per as (typeof PERS)[number], comparator: "at_least" };
  }
  const status = (get("status") || "planerad") as MeasureStatus;
  if (!MEASURE_STATUSES.includes(status)) errors.push(fieldError("status", "plans.error.status"));
  const ids = (k: string, msg: Parameters<typeof fieldError>[1]) => {
    const out = getAll(k).map((v) => parseId(v.trim()));
    if (out.some((v) => v === null)) errors.push(fieldError(k, msg));
    return [...new Set(out.filter((v): v is number => v !== null))];
  };
  const problemIds = ids("problemIds", "plans.error.problemIds");
  const indicatorIds = ids("indicatorIds", "plans.error.indicator");
  const zoneId = readZoneField(get(ZONE_FIELD));
  if (zoneId === "invalid") errors.push(fieldError(ZONE_FIELD, "places.err.zoneNotOfKommun"));
  if (errors.length) throw new Invalid(errors);
  return {
    title,
    description,
    ownerKind,
    ownerName,
    resources,
    startsOn,
    endsOn,
    outputText,
    outputTarget,
    status,
    problemIds,
    indicatorIds,
    zoneId,
  };
}

/** The kommun's outcome indicators (on any of its promise documents' focus areas) a measure may reuse. */
export async function indicatorChoicesOfKommun(db: Database, kommunId: number) {
  return db
    .selectFrom("outcome_indicator as o")
    .innerJoin("focus_area as f", "f.id", "o.focus_area_id")
    .innerJoin("promise_document as d", "d.id", "f.document_id")
    .select([
      "o.id",
      "o.label",
      "o.direction",
      "o.baseline_share as baselineShare",
      "o.target_share as targetShare",
      "d.id as documentId",
      "d.title as documentTitle",
    ])
    .where("d.kommun_id", "=", kommunId)
    .orderBy("d.id")
    .orderBy("o.id")
    .execute();
}

async function checkLinks(trx: Database, kommunId: number, pictureId: number, m: MeasureInput) {
  const errors: FieldError[] = [];
  if (m.problemIds.length) {
    const ok = await trx
      .selectFrom("priority_problem")
      .select("id")
      .where("picture_id", "=", pictureId)
      .where("id", "in", m.problemIds)
      .execute();
    if (ok.length !== m.problemIds.length) errors.push(fieldError("problemIds", "plans.error.problemIds"));
  }
  if (m.indicatorIds.length) {
    const ok = (await indicatorChoicesOfKommun(trx, kommunId)).filter((i) => m.indicatorIds.includes(i.id));
    if (ok.length !== m.indicatorIds.length) errors.push(fieldError("indicatorIds", "plans.error.indicator"));
  }
  errors.push(...(await zoneLinkErrors(trx, kommunId, [{ field: ZONE_FIELD, zoneId: m.zoneId }])));
  if (errors.length) throw new Invalid(errors);
}

async function writeLinks(trx: Database, measureId: number, m: MeasureInput) {
  await trx.deleteFrom("measure_problem").where("measure_id", "=", measureId).execute();
  await trx.deleteFrom("measure_outcome").where("measure_id", "=", measureId).execute();
  if (m.problemIds.length)
    await trx
      .insertInto("measure_problem")
      .values(m.problemIds.map((problem_id) => ({ measure_id: measureId, problem_id })))
      .execute();
  if (m.indicatorIds.length)
    await trx
      .insertInto("measure_outcome")
      .values(m.indicatorIds.map((indicator_id) => ({ measure_id: measureId, indicator_id })))
      .execute();
}

const columns = (m: MeasureInput) => ({
  title: m.title,
  description: m.description,
  owner_kind: m.ownerKind,
  owner_name: m.ownerName,
  resources: m.resources,
  starts_on: m.startsOn,
  ends_on: m.endsOn,
  output_text: m.outputText,
  output_target: JSON.stringify(m.outputTarget),
  status: m.status,
  zone_id: typeof m.zoneId === "number" ? m.zoneId : null,
});

/** Adds a measure to a draft plan; returns its id. */
export async function addMeasure({
  db,
  kommunId,
  planId,
  input,
}: {
  db: Database;
  kommunId: number;
  planId: number;
  input: MeasureInput;
}): Promise<number> {
  return inTransaction(db, async (trx) => {
    const plan = await lockDraft(trx, "action_plan", kommunId, planId);
    await checkLinks(trx, kommunId, plan.picture_id, input);
    const last = await trx
      .selectFrom("plan_measure")
      .select((e) => e.fn.max("position").as("p"))
      .where("plan_id", "=", planId)
      .executeTakeFirst();
    const row = await trx
      .insertInto("plan_measure")
      .values({ plan_id: planId, position: Number(last?.p ?? 0) + 1, ...columns(input) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeLinks(trx, row.id, input);
    return row.id;
  });
}

export const measureOfPlan = (db: Database, planId: number, measureId: number) =>
  checkPartOf(db, "plan_measure", planId, measureId);

/** Saves a measure of a draft plan (all its fields and links). */
export async function saveMeasure({
  db,
  kommunId,
  planId,
  measureId,
  input,
}: {
  db: Database;
  kommunId: number;
  planId: number;
  measureId: number;
  input: MeasureInput;
}) {
  await inTransaction(db, async (trx) => {
    const plan = await lockDraft(trx, "action_plan", kommunId, planId);
    await measureOfPlan(trx, planId, measureId);
    await checkLinks(trx, kommunId, plan.picture_id, input);
    await trx
      .updateTable("plan_measure")
      .set({ ...columns(input), updated_at: new Date() })
      .where("id", "=", measureId)
      .execute();
    await writeLinks(trx, measureId, input);
  });
}

/** Removes a measure from a draft plan. */
export async function deleteMeasure({
  db,
  kommunId,
  planId,
  measureId,
}: {
  db: Database;
  kommunId: number;
  planId: number;
  measureId: number;
}) {
  await inTransaction(db, async (trx) => {
    await lockDraft(trx, "action_plan", kommunId, planId);
    await measureOfPlan(trx, planId, measureId);
    await trx.deleteFrom("plan_measure").where("id", "=", measureId).execute();
  });
}

/** Sets a measure's status: open in a decided plan too, since it is how the plan is followed up. */
export async function setMeasureStatus({
  db,
  kommunId,
  planId,
  measureId,
  status,
}: {
  db: Database;
  kommunId: number;
  planId: number;
  measureId: number;
  status: string;
}) {
  if (!(MEASURE_STATUSES as readonly string[]).includes(status))
    throw new Invalid([fieldError("status", "plans.error.status")]);
  await planOfKommun(db, kommunId, planId);
  await measureOfPlan(db, planId, measureId);
  await db
    .updateTable("plan_measure")
    .set({ status: status as MeasureStatus, updated_at: new Date() })
    .where("id", "=", measureId)
    .execute();
}
