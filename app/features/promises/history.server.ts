/**
 * Comments per section and per promise, and the history of a promise document: who changed what and when, with
 * a readable diff of every edit against the snapshot before it.
 */
import { z } from "zod";
import type { Database } from "~/platform/db.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { idField } from "~/platform/validation";
import { alignByPosition, diffSnapshots, type Change, type DocumentSnapshot } from "./domain/diff";
import { snapshotOf } from "./workflow.server";
import { SECTION_KEYS } from "./domain/sections";
import { checkDocumentOfKommun, type DocumentScope } from "./document-scope.server";
import { parseInput } from "~/platform/parse.server";

/** "dokument" is a comment on the document as a whole. */
export const COMMENT_SECTIONS = ["dokument", ...SECTION_KEYS] as const;

export const commentSchema = z
  .object({
    body: z.string().trim().min(1, "loften.error.comment").max(5000, "loften.error.max5000"),
    section: z.enum(COMMENT_SECTIONS).optional(),
    promiseId: idField.optional(),
  })
  .refine((c) => (c.section === undefined) !== (c.promiseId === undefined), {
    path: ["section"],
    message: "loften.error.commentTarget",
  });

export type CommentInput = z.infer<typeof commentSchema>;

/** Adds a comment to a section or a promise of the document. Comments do not change the document. */
export async function addComment({
  db,
  kommunId,
  documentId,
  accountId,
  input,
}: DocumentScope & {
  accountId: number;
  input: unknown;
}) {
  const r = parseInput(commentSchema, input);
  await checkDocumentOfKommun({ db, kommunId, documentId });
  if (r.promiseId !== undefined) {
    const p = await db
      .selectFrom("promise as p")
      .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
      .select("p.id")
      .where("p.id", "=", r.promiseId)
      .where("f.document_id", "=", documentId)
      .executeTakeFirst();
    if (!p) throw new Invalid([fieldError("promiseId", "loften.error.promiseNotFound")]);
  }
  const row = await db
    .insertInto("promise_comment")
    .values({
      document_id: documentId,
      section: r.section ?? null,
      promise_id: r.promiseId ?? null,
      body: r.body,
      author_id: accountId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface CommentView {
  id: number;
  section: string | null;
  promiseId: number | null;
  body: string;
  by: string | null;
  createdAt: string;
}

/** The document's comments, oldest first. */
export async function listComments({ db, documentId }: { db: Database; documentId: number }): Promise<CommentView[]> {
  const rows = await db
    .selectFrom("promise_comment as c")
    .leftJoin("account as a", "a.id", "c.author_id")
    .select([
      "c.id",
      "c.section",
      "c.promise_id as promiseId",
      "c.body",
      "a.display_name as by",
      "c.created_at as createdAt",
    ])
    .where("c.document_id", "=", documentId)
    .orderBy("c.id")
    .execute();
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

export interface HistoryEntry {
  id: number;
  kind: string;
  summary: string;
  by: string | null;
  at: string;
  changes: Change[] | null;
}

/** Every recorded event of the document, newest first; each edit with its changes against the snapshot before. */
export async function listHistory({ db, kommunId, documentId }: DocumentScope): Promise<HistoryEntry[]> {
  await checkDocumentOfKommun({ db, kommunId, documentId });
  const rows = await db
    .selectFrom("promise_revision as r")
    .leftJoin("account as a", "a.id", "r.account_id")
    .select(["r.id", "r.kind", "r.summary", "r.snapshot", "a.display_name as by", "r.created_at as at"])
    .where("r.document_id", "=", documentId)
    .orderBy("r.id")
    .execute();
  let previous: DocumentSnapshot | null = null;
  const out: HistoryEntry[] = [];
  for (const r of rows) {
    const snap = (r.snapshot ?? null) as DocumentSnapshot | null;
    out.push({
      id: r.id,
      kind: r.kind,
      summary: r.summary,
      by: r.by,
      at: new Date(r.at).toISOString(),
      changes: snap && previous && r.kind === "edit" ? diffSnapshots(previous, snap) : null,
    });
    if (snap) previous = snap;
  }
  return out.reverse();
}

/**
 * For a revision: what changed since the version it supersedes (that version as it stands against this one as it
 * stands), with focus areas and promises matched by position. Null for a first version.
 */
export async function changesSincePreviousVersion({ db, kommunId, documentId }: DocumentScope) {
  await checkDocumentOfKommun({ db, kommunId, documentId });
  const doc = await db
    .selectFrom("promise_document")
    .select(["supersedes_id"])
    .where("id", "=", documentId)
    .executeTakeFirstOrThrow();
  if (!doc.supersedes_id) return null;
  const prev = await db
    .selectFrom("promise_document")
    .select(["id", "version"])
    .where("id", "=", doc.supersedes_id)
    .executeTakeFirstOrThrow();
  const [before, after] = [await snapshotOf(db, prev.id), await snapshotOf(db, documentId)];
  return {
    previousId: prev.id,
    previousVersion: prev.version,
    changes: diffSnapshots(alignByPosition(before, after), after),
  };
}
