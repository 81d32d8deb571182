import type { Database } from "~/platform/db.server";
import type { PromiseStatus } from "../../../db/schema";
import { NotFound } from "~/platform/errors.server";
import { documentParts } from "./document-parts.server";
import { isMeasurable } from "./domain/progress";
import { measurabilitySuggestion, renderPromiseSv } from "./domain/wording";
import type { CitizenPromise, Responsible, Target, ActivityTypeKey } from "./domain/target";

import type { SectionKey } from "./domain/sections";

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
        .values({
          document_id: doc.id,
          position: i + 1,
          title: fa.title,
          themes: fa.themes,
          background: fa.background,
          lead: fa.lead ?? "",
        })
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

/** What deciding which published documents are in force needs of each row. */
export interface PublishedRow {
  id: number;
  supersedes_id: number | null;
  period_start: string;
  period_end: string;
  published_at: Date | string | null;
  version: number;
}

const overlaps = (a: { period_start: string; period_end: string }, b: { period_start: string; period_end: string }) =>
  a.period_start <= b.period_end && b.period_start <= a.period_end;

/**
 * The published documents that are in force for their period (docs/decisions/012-one-document-in-force.md): those
 * no later published document supersedes. The database lets only one of them cover any day; rows published before
 * it enforced that may still overlap, and then the latest published wins (then the higher version, then the higher
 * id), so the answer never depends on the order rows come back in.
 */
export function documentsInForce<R extends PublishedRow>(rows: R[]): Set<number> {
  const superseded = new Set(rows.map((r) => r.supersedes_id).filter((id): id is number => id !== null));
  const time = (r: R) => (r.published_at ? new Date(r.published_at).getTime() : 0);
  const candidates = rows
    .filter((r) => !superseded.has(r.id))
    .sort((a, b) => time(b) - time(a) || b.version - a.version || b.id - a.id);
  const kept: R[] = [];
  for (const r of candidates) if (!kept.some((k) => overlaps(k, r))) kept.push(r);
  return new Set(kept.map((k) => k.id));
}

async function publishedRows(db: Database, kommunId: number) {
  return db
    .selectFrom("promise_document")
    .select([
      "id",
      "title",
      "period_label",
      "period_start",
      "period_end",
      "version",
      "supersedes_id",
      "published_at",
      "follow_up_due",
    ])
    .where("kommun_id", "=", kommunId)
    .where("status", "=", "publicerat")
    .orderBy("period_start", "desc")
    .orderBy("version", "desc")
    .orderBy("published_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** The published documents of a kommun, newest period first, with the one in force today marked. */
export async function listPublishedDocuments({
  db,
  kommunSlug,
  today = new Date().toISOString().slice(0, 10),
}: {
  db: Database;
  kommunSlug: string;
  today?: string;
}) {
  const kommun = await db
    .selectFrom("organisation")
    .select(["id", "slug", "name"])
    .where("slug", "=", kommunSlug)
    .where("kind", "=", "kommun")
    .executeTakeFirst();
  if (!kommun) throw new NotFound("account.error.kommunNotFound");
  const rows = await publishedRows(db, kommun.id);
  // Per period only the document no later one supersedes is current; earlier ones stay readable as history.
  const current = documentsInForce(rows);
  return {
    kommun,
    documents: rows.map((r) => ({
      ...r,
      current: current.has(r.id),
      inForce: current.has(r.id) && r.period_start <= today && today <= r.period_end,
      upcoming: current.has(r.id) && r.period_start > today,
    })),
  };
}

/** A stored promise row as the rules see it (wording, measurability). */
export function citizenPromiseOf(p: {
  responsible: unknown;
  activity_type: string;
  activity_text: string;
  places: string[];
  target: unknown;
  description: string;
}): CitizenPromise {
  return {
    responsible: p.responsible as Responsible,
    activityType: p.activity_type as ActivityTypeKey,
    activityText: p.activity_text || undefined,
    places: p.places.length ? p.places : undefined,
    target: p.target as Target,
    description: p.description || undefined,
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
  /** The zone the promise is carried out in, by name only (public pages show no more of a place). */
  zone: { id: number; name: string } | null;
}

/** A document with its focus areas and promises, each promise rendered in the documents' own style. */
export async function getPromiseDocument({
  db,
  id,
  publishedOnly,
}: {
  db: Database;
  id: number;
  publishedOnly: boolean;
}) {
  let q = db
    .selectFrom("promise_document as d")
    .innerJoin("organisation as k", "k.id", "d.kommun_id")
    .leftJoin("organisation as l", "l.id", "d.lpo_id")
    .selectAll("d")
    .select(["k.slug as kommunSlug", "k.name as kommunName", "l.name as lpoName"])
    .where("d.id", "=", id);
  if (publishedOnly) q = q.where("d.status", "=", "publicerat");
  const doc = await q.executeTakeFirst();
  if (!doc) throw new NotFound("problem.documentNotFound");
  const { areas, promises } = await documentParts(db, id);
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
        const cp = citizenPromiseOf(p);
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
          zone: p.zone_id === null ? null : { id: p.zone_id, name: p.zone_name ?? "" },
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
/**
 * Who carries out a promise as API v1 names it (docs/api.md): the stored values became `polis` and `kommun`
 * (docs/domain/glossary.md, "Stored values"), the published API keeps the names its clients know.
 */
const API_V1_RESPONSIBLE = { polis: "polisen", kommun: "kommunen", bada: "bada" } as const;
const apiResponsible = (r: Responsible) => (typeof r === "string" ? API_V1_RESPONSIBLE[r] : r);
/** The activity type as API v1 names it: the free activity is stored as `annat` and answered as `other`, as before. */
const apiActivityType = (a: ActivityTypeKey) => (a === "annat" ? "other" : a);

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
        responsible: apiResponsible(p.responsible),
        partners: p.partners,
        activityType: apiActivityType(p.activityType),
        activityText: p.activityText,
        places: p.places,
        target: p.target,
        measurable: p.measurable,
        suggestion: p.suggestion,
      })),
    })),
  };
}

/**
 * Where a published document stands among the published documents of its kommun: whether it is the one in force
 * for its period, and if not, which one replaced it (following the chain of documents that superseded it).
 */
export async function versionInForce({ db, documentId }: { db: Database; documentId: number }) {
  const doc = await db
    .selectFrom("promise_document")
    .select(["kommun_id"])
    .where("id", "=", documentId)
    .executeTakeFirst();
  if (!doc) throw new NotFound("problem.documentNotFound");
  const rows = await publishedRows(db, doc.kommun_id);
  const current = documentsInForce(rows);
  if (current.has(documentId))
    return {
      current: true,
      currentId: documentId,
      currentVersion: rows.find((r) => r.id === documentId)?.version ?? null,
    };
  let at = rows.find((r) => r.id === documentId);
  const seen = new Set<number>();
  while (at && !current.has(at.id) && !seen.has(at.id)) {
    seen.add(at.id);
    const from = at.id;
    at = rows.find((r) => r.supersedes_id === from);
  }
  const self = rows.find((r) => r.id === documentId);
  const newest =
    at && current.has(at.id) ? at : self ? rows.find((r) => current.has(r.id) && overlaps(r, self)) : undefined;
  return { current: false, currentId: newest?.id ?? null, currentVersion: newest?.version ?? null };
}
