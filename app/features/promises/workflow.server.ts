/**
 * The life of a promise document: utkast → granskning → fastställt → publicerat, and "revidera" to a new version.
 * This file holds what every step shares (the transaction, the document lock, snapshots) and the gate for edits.
 * Status moves and approvals are in review.server.ts, publishing in publishing.server.ts, "revidera" in
 * revising.server.ts, the history log's helpers in revision-log.server.ts.
 *
 * Every edit goes through `withEdit`: it refuses published documents (they are immutable; a revision is a new
 * version), withdraws every standing approval when the document actually changed (a fastställt document goes back to
 * granskning), and records who changed what with a snapshot of the document after the change.
 */
import type { Database } from "~/platform/db.server";
import { Conflict, Invalid, NotFound, fieldError } from "~/platform/errors.server";
import type { DocumentSnapshot } from "./domain/diff";
import type { MessageKey } from "~/i18n/i18n";
import { contentEditable, offers, type Transition } from "./domain/workflow";
import { renderPromiseSv } from "./domain/wording";
import type { CitizenPromise, Responsible, Target, ActivityTypeKey } from "./domain/target";
import { documentParts } from "./document-parts.server";
import { jsonEqual, lastSnapshot, record, withdrawApprovals, type Tx } from "./revision-log.server";

/** Runs `fn` in a transaction, or inside the caller's when `db` already is one. */
export async function inTransaction<T>(db: Database, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** The document row, locked for the transaction, checked to belong to the kommun. */
export async function lockDocument(trx: Tx, { documentId, kommunId }: { documentId: number; kommunId: number }) {
  const doc = await trx
    .selectFrom("promise_document")
    .selectAll()
    .where("id", "=", documentId)
    .forUpdate()
    .executeTakeFirst();
  if (!doc || doc.kommun_id !== kommunId) throw new NotFound("problem.documentNotFound");
  return doc;
}

/** The document a status transition is for, and its kommun. */
export type TransitionTarget = { db: Database; kommunId: number; documentId: number };

/**
 * Runs one status transition of a document in a transaction: the document locked (404 outside the kommun) and the
 * transition refused with a conflict (`refusal`, a catalogue key) unless its status offers it; then `fn`.
 */
export async function inTransition<T>(
  { db, kommunId, documentId }: TransitionTarget,
  transition: Transition,
  refusal: MessageKey,
  fn: (trx: Tx, doc: Awaited<ReturnType<typeof lockDocument>>) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    const doc = await lockDocument(trx, { documentId, kommunId });
    if (!offers(doc.status, transition)) throw new Conflict(refusal);
    return fn(trx, doc);
  });
}

/** The whole document as it stands, in the shape that history diffs compare. */
export async function snapshotOf(db: Database, documentId: number): Promise<DocumentSnapshot> {
  const d = await db.selectFrom("promise_document").selectAll().where("id", "=", documentId).executeTakeFirstOrThrow();
  const { areas, promises } = await documentParts(db, documentId);
  return {
    title: d.title,
    lead: d.lead,
    periodLabel: d.period_label,
    periodStart: d.period_start,
    periodEnd: d.period_end,
    sections: (d.sections ?? {}) as Record<string, string>,
    followUpDue: d.follow_up_due,
    focusAreas: areas.map((a) => ({
      id: a.id,
      title: a.title,
      themes: a.themes,
      background: a.background,
      promises: promises
        .filter((p) => p.focus_area_id === a.id)
        .map((p) => {
          const cp: CitizenPromise = {
            responsible: p.responsible as Responsible,
            activityType: p.activity_type as ActivityTypeKey,
            activityText: p.activity_text || undefined,
            places: p.places,
            target: p.target as Target,
            description: p.description || undefined,
          };
          return {
            id: p.id,
            text: renderPromiseSv(cp),
            responsible: cp.responsible,
            partners: p.partners,
            activityType: p.activity_type,
            activityText: p.activity_text,
            places: p.places,
            target: cp.target,
            description: p.description,
            // Only when set, so that snapshots stored before zones existed still compare equal.
            ...(p.zone_id === null ? {} : { zone: { id: p.zone_id, name: p.zone_name ?? "" } }),
          };
        }),
    })),
  };
}
/** Records the first snapshot of a document (its creation, or the state before its first recorded edit). */
export async function recordCreated({
  db,
  documentId,
  accountId,
  summary,
}: {
  db: Database;
  documentId: number;
  accountId: number | null;
  summary: string;
}) {
  await record(db, documentId, "created", accountId, summary, await snapshotOf(db, documentId));
}

/**
 * Protects an edit made from a page loaded at `baseRevision` (the newest history entry then): if someone else has
 * since changed the part being edited (`part` picks it from a snapshot), the edit is refused with a message to
 * reload, instead of silently overwriting their change. Changes to other parts of the document do not block it.
 */
export interface EditGuard {
  baseRevision: number;
  part: (s: DocumentSnapshot) => unknown;
}

export class EditConflict extends Invalid {
  constructor() {
    super([fieldError("conflict", "loften.error.editConflict")], "loften.error.editConflictTitle");
  }
}

async function checkNotChangedSince(trx: Tx, documentId: number, guard: EditGuard) {
  const newer = await trx
    .selectFrom("promise_revision")
    .select("id")
    .where("document_id", "=", documentId)
    .where("id", ">", guard.baseRevision)
    .where("kind", "=", "edit")
    .limit(1)
    .executeTakeFirst();
  if (!newer) return;
  const base = await trx
    .selectFrom("promise_revision")
    .select("snapshot")
    .where("document_id", "=", documentId)
    .where("id", "<=", guard.baseRevision)
    .where("snapshot", "is not", null)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!base) return;
  const then = guard.part(base.snapshot as DocumentSnapshot) ?? null;
  const now = guard.part(await snapshotOf(trx, documentId)) ?? null;
  if (!(await jsonEqual(trx, JSON.stringify(then), JSON.stringify(now)))) throw new EditConflict();
}

/** The newest history entry of a document (0 if none): the base an editor's page was loaded at. */
export async function latestRevisionId({ db, documentId }: { db: Database; documentId: number }): Promise<number> {
  const row = await db
    .selectFrom("promise_revision")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("document_id", "=", documentId)
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export class Immutable extends Conflict {
  constructor() {
    super("loften.error.immutable");
  }
}

/**
 * Applies one edit to a document of the kommun. Published documents refuse (409). When the document changed, its
 * standing approvals are withdrawn (fastställt goes back to granskning) and the change is recorded with a snapshot.
 */
export async function withEdit<T>(
  {
    db,
    kommunId,
    documentId,
    accountId,
    summary,
    guard,
  }: {
    db: Database;
    kommunId: number;
    documentId: number;
    accountId: number | null;
    summary: string;
    guard?: EditGuard;
  },
  change: (trx: Tx) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    const doc = await lockDocument(trx, { documentId, kommunId });
    if (!contentEditable(doc.status)) throw new Immutable();
    if (guard) await checkNotChangedSince(trx, documentId, guard);
    let before = await lastSnapshot(trx, documentId);
    if (before === null) {
      const base = await snapshotOf(trx, documentId);
      await record(trx, documentId, "created", null, "Utgångsläge", base);
      before = JSON.stringify(base);
    }
    const result = await change(trx);
    const after = await snapshotOf(trx, documentId);
    // Compared through the database's own JSON rendering, so key order cannot fake a change.
    if (await jsonEqual(trx, before, JSON.stringify(after))) return result;
    await withdrawApprovals(trx, documentId, accountId, "dokumentet ändrades");
    await trx
      .updateTable("promise_document")
      .set({ updated_at: new Date(), ...(doc.status === "faststallt" ? { status: "granskning" as const } : {}) })
      .where("id", "=", documentId)
      .execute();
    if (doc.status === "faststallt")
      await record(trx, documentId, "status", accountId, "Fastställt → granskning (ändrat efter fastställande)");
    await record(trx, documentId, "edit", accountId, summary, after);
    return result;
  });
}
