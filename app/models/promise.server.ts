import type { Database } from "~/utils/db.server";
import type { PromiseStatus } from "../../db/schema";
import { NotFound } from "~/utils/errors.server";
import { isMeasurable, measurabilitySuggestion, renderPromiseSv, type CitizenPromise, type Responsible, type Target, type ActivityTypeKey } from "./target";

import type { SectionKey } from "./promise-sections";

export interface PromiseInput extends CitizenPromise {
  partners?: string[];
  originalText?: string;
}

export interface FocusAreaInput {
  title: string;
  themes: string[];
  background: string;
  lead?: string;
  promises: PromiseInput[];
}

export interface DocumentInput {
  kommunId: number;
  lpoId: number | null;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  title: string;
  lead?: string;
  sections: Partial<Record<SectionKey, string>>;
  followUpText?: string;
  followUpDue?: string | null;
  focusAreas: FocusAreaInput[];
  status?: PromiseStatus;
  publishedAt?: Date | null;
}

/** Creates a promise document with its focus areas and promises in one transaction; returns its id. */
export async function createPromiseDocument({ db, input }: { db: Database; input: DocumentInput }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const doc = await trx
      .insertInto("promise_document")
      .values({
        kommun_id: input.kommunId,
        lpo_id: input.lpoId,
        period_label: input.periodLabel,
        period_start: input.periodStart,
        period_end: input.periodEnd,
        title: input.title,
        lead: input.lead ?? "",
        status: input.status ?? "utkast",
        sections: JSON.stringify(input.sections),
        follow_up_text: input.followUpText ?? "",
        follow_up_due: input.followUpDue ?? null,
        published_at: input.publishedAt ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, fa] of input.focusAreas.entries()) {
      const f = await trx
        .insertInto("focus_area")
        .values({ document_id: doc.id, position: i + 1, title: fa.title, themes: fa.themes, background: fa.background, lead: fa.lead ?? "" })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (fa.promises.length === 0) continue;
      await trx
        .insertInto("promise")
        .values(
          fa.promises.map((p, j) => ({
            focus_area_id: f.id,
            position: j + 1,
            responsible: JSON.stringify(p.responsible),
            partners: p.partners ?? [],
            activity_type: p.activityType,
            activity_text: p.activityText ?? "",
            places: p.places ?? [],
            target: JSON.stringify(p.target),
            description: p.description ?? "",
            original_text: p.originalText ?? "",
          })),
        )
        .execute();
    }
    return doc.id;
  });
}

/** The published documents of a kommun, newest period first, with the one in force today marked. */
export async function listPublishedDocuments({ db, kommunSlug, today = new Date().toISOString().slice(0, 10) }: { db: Database; kommunSlug: string; today?: string }) {
  const kommun = await db.selectFrom("organisation").select(["id", "slug", "name"]).where("slug", "=", kommunSlug).where("kind", "=", "kommun").executeTakeFirst();
  if (!kommun) throw new NotFound("Kommunen finns inte");
  const rows = await db
    .selectFrom("promise_document")
    .select(["id", "title", "period_label", "period_start", "period_end", "version", "supersedes_id", "published_at", "follow_up_due"])
    .where("kommun_id", "=", kommun.id)
    .where("status", "=", "publicerat")
    .orderBy("period_start", "desc")
    .orderBy("version", "desc")
    .execute();
  // Per period only the newest published version is in force; earlier versions stay readable as history.
  const newestPerPeriod = new Set<number>();
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.period_label)) continue;
    seen.add(r.period_label);
    newestPerPeriod.add(r.id);
  }
  return {
    kommun,
    documents: rows.map((r) => ({
      ...r,
      current: newestPerPeriod.has(r.id),
      inForce: newestPerPeriod.has(r.id) && r.period_start <= today && today <= r.period_end,
      upcoming: newestPerPeriod.has(r.id) && r.period_start > today,
    })),
  };
}

export interface PromiseView {
  id: number;
  position: number;
  responsible: Responsible;
  partners: string[];
  activityType: ActivityTypeKey;
  activityText: string;
  places: string[];
  target: Target;
  description: string;
  originalText: string;
  text: string;
  measurable: boolean;
  suggestion: string | null;
}

/** A document with its focus areas and promises, each promise rendered in the documents' own style. */
export async function getPromiseDocument({ db, id, publishedOnly }: { db: Database; id: number; publishedOnly: boolean }) {
  let q = db
    .selectFrom("promise_document as d")
    .innerJoin("organisation as k", "k.id", "d.kommun_id")
    .leftJoin("organisation as l", "l.id", "d.lpo_id")
    .selectAll("d")
    .select(["k.slug as kommunSlug", "k.name as kommunName", "l.name as lpoName"])
    .where("d.id", "=", id);
  if (publishedOnly) q = q.where("d.status", "=", "publicerat");
  const doc = await q.executeTakeFirst();
  if (!doc) throw new NotFound("Dokumentet finns inte");
  const areas = await db.selectFrom("focus_area").selectAll().where("document_id", "=", id).orderBy("position").execute();
  const promises = areas.length
    ? await db.selectFrom("promise").selectAll().where("focus_area_id", "in", areas.map((a) => a.id)).orderBy("position").execute()
    : [];
  const focusAreas = areas.map((a) => ({
    id: a.id,
    position: a.position,
    title: a.title,
    themes: a.themes,
    background: a.background,
    lead: a.lead,
    promises: promises
      .filter((p) => p.focus_area_id === a.id)
      .map((p): PromiseView => {
        const cp: CitizenPromise = {
          responsible: p.responsible as Responsible,
          activityType: p.activity_type as ActivityTypeKey,
          activityText: p.activity_text || undefined,
          places: p.places.length ? p.places : undefined,
          target: p.target as Target,
          description: p.description || undefined,
        };
        return {
          id: p.id,
          position: p.position,
          responsible: cp.responsible,
          partners: p.partners,
          activityType: cp.activityType,
          activityText: p.activity_text,
          places: p.places,
          target: cp.target,
          description: p.description,
          originalText: p.original_text,
          text: renderPromiseSv(cp),
          measurable: isMeasurable(cp.target),
          suggestion: measurabilitySuggestion(cp),
        };
      }),
  }));
  const all = focusAreas.flatMap((f) => f.promises);
  return {
    ...doc,
    focusAreas,
    promiseCount: all.length,
    measurableCount: all.filter((p) => p.measurable).length,
  };
}

export type PromiseDocumentView = Awaited<ReturnType<typeof getPromiseDocument>>;

/** The public JSON shape of a document (documented in docs/api.md). */
export function documentJson(d: PromiseDocumentView) {
  return {
    id: d.id,
    kommun: d.kommunSlug,
    kommunName: d.kommunName,
    lpo: d.lpoName,
    title: d.title,
    lead: d.lead,
    period: { label: d.period_label, start: d.period_start, end: d.period_end },
    status: d.status,
    version: d.version,
    supersedesId: d.supersedes_id,
    publishedAt: d.published_at,
    sections: d.sections,
    followUp: { text: d.follow_up_text, due: d.follow_up_due },
    promiseCount: d.promiseCount,
    measurableCount: d.measurableCount,
    focusAreas: d.focusAreas.map((f) => ({
      title: f.title,
      themes: f.themes,
      background: f.background,
      lead: f.lead,
      promises: f.promises.map((p) => ({
        id: p.id,
        text: p.text,
        originalText: p.originalText,
        responsible: p.responsible,
        partners: p.partners,
        activityType: p.activityType,
        activityText: p.activityText,
        places: p.places,
        target: p.target,
        measurable: p.measurable,
        suggestion: p.suggestion,
      })),
    })),
  };
}

/** Where a published document stands among the published versions of its kommun and period: the one in force. */
export async function versionInForce({ db, documentId }: { db: Database; documentId: number }) {
  const doc = await db.selectFrom("promise_document").select(["kommun_id", "period_label"]).where("id", "=", documentId).executeTakeFirst();
  if (!doc) throw new NotFound("Dokumentet finns inte");
  const newest = await db
    .selectFrom("promise_document")
    .select(["id", "version"])
    .where("kommun_id", "=", doc.kommun_id)
    .where("period_label", "=", doc.period_label)
    .where("status", "=", "publicerat")
    .orderBy("version", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return { current: newest?.id === documentId, currentId: newest?.id ?? null, currentVersion: newest?.version ?? null };
}
