/**
 * Follow-up entries: what was done against a published promise (date, how many, where, a note), logged by editors;
 * an entry is changed or deleted only by its author or by someone who may manage every entry (docs/roles.md).
 * Scoped by kommun like follow-up.server.ts: another kommun's document, promise or entry is "not found".
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { Conflict, Forbidden, Invalid, NotFound, type FieldError, fieldError } from "~/platform/errors.server";
import { todayInSweden } from "./domain/follow-up-progress";
import { isIsoDate } from "./domain/progress";
import { followUpOpen } from "./domain/workflow";
import { entriesOfKommun, promiseLineage } from "./follow-up.server";
import { isRowId, type DocumentScope } from "./document-scope.server";
import { queueMailsForEntry } from "./subscriptions.server";
import { publicOrigin } from "~/platform/env.server";

export interface FollowUpEntryInput {
  doneOn: string;
  quantity: string | number;
  place?: string;
  note?: string;
  /** Shown to residents on the public promise page and in the feeds, with `publicNote` as its text. */
  public?: boolean | string;
  publicNote?: string;
}

export const MAX_QUANTITY = 100_000;
export const MAX_PLACE = 300;
export const MAX_NOTE = 4000;
export const MAX_PUBLIC_NOTE = 600;

/** Checks an entry against the document's period and today; one message per field. */
export function validateEntry(
  input: FollowUpEntryInput,
  { periodStart, periodEnd, today }: { periodStart: string; periodEnd: string; today: string },
): {
  errors: FieldError[];
  value: { doneOn: string; quantity: number; place: string; note: string; public: boolean; publicNote: string };
} {
  const errors: FieldError[] = [];
  const doneOn = String(input.doneOn ?? "").trim();
  if (!isIsoDate(doneOn)) errors.push(fieldError("doneOn", "followup.error.doneOnFormat"));
  else if (doneOn < periodStart || doneOn > periodEnd)
    errors.push(fieldError("doneOn", "followup.error.doneOnPeriod", { start: periodStart, end: periodEnd }));
  else if (doneOn > today) errors.push(fieldError("doneOn", "followup.error.doneOnFuture", { today }));
  const rawQ = String(input.quantity ?? "").trim();
  const quantity = Number(rawQ);
  if (rawQ === "" || !/^\d+$/.test(rawQ) || !Number.isSafeInteger(quantity))
    errors.push(fieldError("quantity", "followup.error.quantity"));
  else if (quantity > MAX_QUANTITY)
    errors.push(fieldError("quantity", "followup.error.quantityMax", { max: MAX_QUANTITY }));
  const place = String(input.place ?? "").trim();
  if (place.length > MAX_PLACE) errors.push(fieldError("place", "followup.error.placeMax", { max: MAX_PLACE }));
  const note = String(input.note ?? "").trim();
  if (note.length > MAX_NOTE) errors.push(fieldError("note", "followup.error.noteMax", { max: MAX_NOTE }));
  const shown = input.public === true || input.public === "on" || input.public === "true";
  const publicNote = String(input.publicNote ?? "").trim();
  if (publicNote.length > MAX_PUBLIC_NOTE)
    errors.push(fieldError("publicNote", "followup.error.publicNoteMax", { max: MAX_PUBLIC_NOTE }));
  else if (shown && !publicNote) errors.push(fieldError("publicNote", "followup.error.publicNoteRequired"));
  return { errors, value: { doneOn, quantity, place, note, public: shown, publicNote } };
}

async function publishedDocument({ db, kommunId, documentId }: { db: Database; kommunId: number; documentId: number }) {
  if (!isRowId(documentId)) throw new NotFound("problem.documentNotFound");
  const doc = await db
    .selectFrom("promise_document")
    .select(["id", "kommun_id", "status", "period_start", "period_end"])
    .where("id", "=", documentId)
    .executeTakeFirst();
  if (!doc || doc.kommun_id !== kommunId) throw new NotFound("problem.documentNotFound");
  if (!followUpOpen(doc.status)) throw new Conflict("followup.error.notPublished");
  return doc;
}

async function promiseOfDocument({
  db,
  documentId,
  promiseId,
}: {
  db: Database;
  documentId: number;
  promiseId: number;
}) {
  if (!isRowId(promiseId)) return undefined;
  return db
    .selectFrom("promise as p")
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .select(["p.id"])
    .where("p.id", "=", promiseId)
    .where("f.document_id", "=", documentId)
    .executeTakeFirst();
}

/** Logs what was done against a promise of a published document; returns the new entry's id. */
export async function addFollowUpEntry({
  db,
  kommunId,
  documentId,
  promiseId,
  accountId,
  input,
  today = todayInSweden(),
}: DocumentScope & {
  promiseId: number;
  accountId: number;
  input: FollowUpEntryInput;
  today?: string;
}): Promise<number> {
  const doc = await publishedDocument({ db, kommunId, documentId });
  const promise = await promiseOfDocument({ db, documentId, promiseId });
  const { errors, value } = validateEntry(input, { periodStart: doc.period_start, periodEnd: doc.period_end, today });
  if (!promise) errors.unshift(fieldError("promiseId", "followup.error.promise"));
  if (errors.length) throw new Invalid(errors, "followup.error.entryInvalid");
  // The entry and, when it is public, the subscribers' mails about it: both or neither.
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("follow_up_entry")
      .values({
        promise_id: promiseId,
        done_on: value.doneOn,
        quantity: value.quantity,
        place: value.place,
        note: value.note,
        public: value.public,
        public_note: value.publicNote,
        created_by: accountId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (value.public) await queueMailsForEntry({ db: trx, entryId: row.id, origin: publicOrigin() });
    return row.id;
  });
}

/**
 * The entry, if it was logged against a promise of the (published) document of the kommun or against an earlier
 * version of one (the lineage that the document's page lists and counts), and may be changed by the user.
 */
async function ownEntry({
  db,
  kommunId,
  documentId,
  entryId,
  accountId,
  isAdmin,
}: DocumentScope & {
  entryId: number;
  accountId: number;
  isAdmin: boolean;
}) {
  const doc = await publishedDocument({ db, kommunId, documentId });
  const entry = isRowId(entryId)
    ? await entriesOfKommun(db, kommunId)
        .select(["e.id", "e.created_by", "e.promise_id"])
        .where("e.id", "=", entryId)
        .executeTakeFirst()
    : undefined;
  const promises = entry
    ? await db
        .selectFrom("promise as p")
        .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
        .select("p.id")
        .where("f.document_id", "=", documentId)
        .execute()
    : [];
  if (
    !entry ||
    !(
      await promiseLineage(
        db,
        promises.map((p) => p.id),
      )
    ).has(entry.promise_id)
  )
    throw new NotFound("followup.error.entryNotFound");
  if (entry.created_by !== accountId && !isAdmin) throw new Forbidden("followup.error.notOwnEntry");
  return { doc, entry };
}

/** Changes an entry the user logged (an admin may change any); validated like a new one. */
export async function updateFollowUpEntry({
  db,
  kommunId,
  documentId,
  entryId,
  accountId,
  isAdmin = false,
  input,
  today = todayInSweden(),
}: DocumentScope & {
  entryId: number;
  accountId: number;
  isAdmin?: boolean;
  input: FollowUpEntryInput;
  today?: string;
}): Promise<void> {
  const { doc } = await ownEntry({ db, kommunId, documentId, entryId, accountId, isAdmin });
  const { errors, value } = validateEntry(input, { periodStart: doc.period_start, periodEnd: doc.period_end, today });
  if (errors.length) throw new Invalid(errors, "followup.error.entryInvalid");
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .updateTable("follow_up_entry")
      .set({
        done_on: value.doneOn,
        quantity: value.quantity,
        place: value.place,
        note: value.note,
        public: value.public,
        public_note: value.publicNote,
        updated_at: new Date(),
      })
      .where("id", "=", entryId)
      .returning(sql<boolean>`(select public from follow_up_entry where id = ${entryId})`.as("was_public"))
      .executeTakeFirst();
    // Subscribers hear of an entry when it becomes public, not again at every later edit.
    if (value.public && before && !before.was_public)
      await queueMailsForEntry({ db: trx, entryId, origin: publicOrigin() });
  });
}

/** Deletes an entry the user logged (an admin may delete any). */
export async function deleteFollowUpEntry({
  db,
  kommunId,
  documentId,
  entryId,
  accountId,
  isAdmin = false,
}: DocumentScope & {
  entryId: number;
  accountId: number;
  isAdmin?: boolean;
}): Promise<void> {
  await ownEntry({ db, kommunId, documentId, entryId, accountId, isAdmin });
  await db.deleteFrom("follow_up_entry").where("id", "=", entryId).execute();
}
