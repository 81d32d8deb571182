/**
 * A kommun's promise document as the functions of this feature are called with it: the database, the kommun asking
 * and the document's id. A document of another kommun is reported as not found, like one that does not exist.
 */
import type { Database } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { MAX_ID } from "~/platform/validation";
import { getPromiseDocument } from "./documents.server";

/** The arguments that name one document of a kommun. */
export interface DocumentScope {
  db: Database;
  kommunId: number;
  documentId: number;
}

/** A value that can be a row id (a positive PostgreSQL `integer`); anything else names no row. */
export function isRowId(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && n <= MAX_ID;
}

/** The document (any status) if it belongs to the kommun; NotFound otherwise. */
export async function documentOfKommun({ db, kommunId, documentId }: DocumentScope) {
  if (!isRowId(documentId)) throw new NotFound("problem.documentNotFound");
  const doc = await getPromiseDocument({ db, id: documentId, publishedOnly: false });
  if (doc.kommun_id !== kommunId) throw new NotFound("problem.documentNotFound");
  return doc;
}

/** Checks only that the document is the kommun's (reading its id and kommun alone); NotFound otherwise. */
export async function checkDocumentOfKommun({ db, kommunId, documentId }: DocumentScope): Promise<void> {
  const d = isRowId(documentId)
    ? await db.selectFrom("promise_document").select("kommun_id").where("id", "=", documentId).executeTakeFirst()
    : undefined;
  if (!d || d.kommun_id !== kommunId) throw new NotFound("problem.documentNotFound");
}
