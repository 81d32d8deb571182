/**
 * The links between åtgärdsplan measures and medborgarlöften, both ways (docs/domain/lagesbild-atgardsplan.md): a
 * measure's promises with their own follow-up, the promises a plan may link, the measures a promise document's
 * promises belong to, the plan's roll-up, and the measures per zone for the places page.
 */
import type { Database } from "~/platform/db.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { countByStatus, type FollowUpStatus, type PromiseProgress } from "~/features/promises/index";
import { getFollowUp } from "~/features/promises/index.server";
import { MEASURE_STATUSES, type MeasureStatus } from "./domain/documents";
import { planOfKommun } from "./action-plans.server";
import { measureOfPlan } from "./measures.server";

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
