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
import { countByStatus, type FollowUpStatus, type PromiseProgress } from "~/features/promises/index";
import { getFollowUp } from "~/features/promises/index.server";
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

const measureOfPlan = (db: Database, planId: number, measureId: number) =>
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

/**
 * Links a measure to a promise of one of the kommun's promise documents (any status: a plan is often decided
 * before the promise is published), or removes the link. Open in a decided plan too.
 */
export async function linkPromise({
  db,
  kommunId,
  planId,
  measureId,
  promiseId,
  linked = true,
}: {
  db: Database;
  kommunId: number;
  planId: number;
  measureId: number;
  promiseId: number;
  linked?: boolean;
}) {
  await planOfKommun(db, kommunId, planId);
  await measureOfPlan(db, planId, measureId);
  const p = await db
    .selectFrom("promise as p")
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .innerJoin("promise_document as d", "d.id", "f.document_id")
    .select("p.id")
    .where("p.id", "=", promiseId)
    .where("d.kommun_id", "=", kommunId)
    .executeTakeFirst();
  if (!p) throw new Invalid([fieldError("promiseId", "plans.error.promiseNotFound")]);
  if (linked)
    await db
      .insertInto("measure_promise")
      .values({ measure_id: measureId, promise_id: promiseId })
      .onConflict((oc) => oc.columns(["measure_id", "promise_id"]).doNothing())
      .execute();
  else
    await db
      .deleteFrom("measure_promise")
      .where("measure_id", "=", measureId)
      .where("promise_id", "=", promiseId)
      .execute();
}

export interface LinkedPromise {
  promiseId: number;
  documentId: number;
  documentTitle: string;
  documentStatus: string;
  text: string;
  progress: PromiseProgress | null;
}

/**
 * The promises linked to the measures, each with its follow-up progress as the promise's own follow-up page shows
 * it (the promises feature's getFollowUp, per document), by measure id.
 */
export async function linkedPromises(
  db: Database,
  kommunId: number,
  measureIds: readonly number[],
  today?: string,
): Promise<Map<number, LinkedPromise[]>> {
  const out = new Map<number, LinkedPromise[]>();
  if (!measureIds.length) return out;
  const rows = await db
    .selectFrom("measure_promise as mp")
    .innerJoin("promise as p", "p.id", "mp.promise_id")
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .innerJoin("promise_document as d", "d.id", "f.document_id")
    .select(["mp.measure_id as measureId", "p.id as promiseId", "d.id as documentId", "d.title", "d.status"])
    .where("mp.measure_id", "in", measureIds)
    .where("d.kommun_id", "=", kommunId)
    .orderBy("d.id")
    .orderBy("p.id")
    .execute();
  const followUps = new Map<number, Awaited<ReturnType<typeof getFollowUp>>>();
  for (const docId of new Set(rows.map((r) => r.documentId)))
    followUps.set(docId, await getFollowUp({ db, kommunId, documentId: docId, ...(today ? { today } : {}) }));
  for (const r of rows) {
    const fu = followUps.get(r.documentId)!;
    const p = fu.focusAreas.flatMap((a) => a.promises).find((x) => x.id === r.promiseId);
    const list = out.get(r.measureId) ?? [];
    list.push({
      promiseId: r.promiseId,
      documentId: r.documentId,
      documentTitle: r.title,
      documentStatus: r.status,
      text: p?.text ?? "",
      progress: p?.progress ?? null,
    });
    out.set(r.measureId, list);
  }
  return out;
}

/** The promises of the kommun's documents a measure can be linked to (latest version of each period first). */
export async function promiseChoices(db: Database, kommunId: number) {
  const docs = await db
    .selectFrom("promise_document")
    .select(["id", "title", "status", "version"])
    .where("kommun_id", "=", kommunId)
    .orderBy("period_start", "desc")
    .orderBy("version", "desc")
    .execute();
  const out: { promiseId: number; label: string }[] = [];
  for (const d of docs) {
    const fu = await getFollowUp({ db, kommunId, documentId: d.id });
    for (const a of fu.focusAreas)
      for (const p of a.promises)
        out.push({ promiseId: p.id, label: `${d.title} (v${d.version}, ${d.status}): ${p.text}` });
  }
  return out;
}

/** For a promise document's page: the measures (with their plan) each of the given promises belongs to. */
export async function measuresOfPromises({
  db,
  kommunId,
  promiseIds,
}: {
  db: Database;
  kommunId: number;
  promiseIds: readonly number[];
}) {
  if (!promiseIds.length) return [];
  return db
    .selectFrom("measure_promise as mp")
    .innerJoin("plan_measure as m", "m.id", "mp.measure_id")
    .innerJoin("action_plan as a", "a.id", "m.plan_id")
    .select([
      "mp.promise_id as promiseId",
      "m.id as measureId",
      "m.title",
      "m.status",
      "a.id as planId",
      "a.title as planTitle",
    ])
    .where("mp.promise_id", "in", promiseIds)
    .where("a.kommun_id", "=", kommunId)
    .orderBy("a.id")
    .orderBy("m.position")
    .execute();
}

/** The plan's follow-up rolled up: its measures by status, and their linked promises by follow-up status. */
export function rollUp(measures: readonly { status: MeasureStatus; promises: readonly LinkedPromise[] }[]): {
  measures: Record<MeasureStatus, number>;
  promises: Record<FollowUpStatus, number>;
} {
  const byStatus = Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Record<MeasureStatus, number>;
  for (const m of measures) byStatus[m.status]++;
  const seen = new Map<number, PromiseProgress>();
  for (const m of measures) for (const p of m.promises) if (p.progress) seen.set(p.promiseId, p.progress);
  return { measures: byStatus, promises: countByStatus([...seen.values()]) };
}

/** A measure at a zone, with its plan, for the places page. */
export interface MeasureAtZone {
  zoneId: number;
  measureId: number;
  title: string;
  status: MeasureStatus;
  planId: number;
  planTitle: string;
}

/**
 * Per zone of the kommun, the measures of its åtgärdsplaner carried out there: of each plan no later version
 * replaces, drafts included.
 */
export async function measuresByZone({ db, kommunId }: { db: Database; kommunId: number }): Promise<MeasureAtZone[]> {
  return db
    .selectFrom("plan_measure as m")
    .innerJoin("zone as z", (j) => j.onRef("z.id", "=", "m.zone_id").on("z.kommun_id", "=", kommunId))
    .innerJoin("action_plan as a", "a.id", "m.plan_id")
    .select(["z.id as zoneId", "m.id as measureId", "m.title", "m.status", "a.id as planId", "a.title as planTitle"])
    .where("a.kommun_id", "=", kommunId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("action_plan as n").select("n.id").whereRef("n.supersedes_id", "=", "a.id"))),
    )
    .orderBy("z.id")
    .orderBy("a.id", "desc")
    .orderBy("m.position")
    .execute();
}
