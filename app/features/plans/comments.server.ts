/**
 * Comments on a kommun's lägesbild or action plan, by section: read and added the same way for both documents
 * (one plan_comment table, whose picture_id or plan_id names the document).
 */
import type { Database } from "~/platform/db.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { documentOfKommun, type Document } from "./owned.server";

/** The document's comments, oldest first, with their authors' names. */
export function commentsOf(db: Database, table: Document, id: number) {
  return db
    .selectFrom("plan_comment as c")
    .leftJoin("account as a", "a.id", "c.author_id")
    .select(["c.id", "c.section", "c.body", "c.created_at as createdAt", "a.display_name as author"])
    .where(table === "action_plan" ? "c.plan_id" : "c.picture_id", "=", id)
    .orderBy("c.created_at")
    .orderBy("c.id")
    .execute();
}

/**
 * Adds a comment on one of the document's `sections`: the text trimmed, not empty and at most 4,000 characters;
 * the document must be the kommun's (NotFound otherwise).
 */
export async function addComment({
  db,
  kommunId,
  table,
  id,
  accountId,
  section,
  body,
  sections,
}: {
  db: Database;
  kommunId: number;
  table: Document;
  id: number;
  accountId: number;
  section: string;
  body: string;
  sections: readonly string[];
}) {
  const text = body.trim();
  const errors = [];
  if (!text) errors.push(fieldError("body", "plans.error.commentEmpty"));
  if (text.length > 4000) errors.push(fieldError("body", "plans.error.maxText", { max: 4000 }));
  if (!sections.includes(section)) errors.push(fieldError("section", "plans.error.section"));
  if (errors.length) throw new Invalid(errors);
  await documentOfKommun(db, table, kommunId, id);
  await db
    .insertInto("plan_comment")
    .values({
      ...(table === "action_plan" ? { plan_id: id } : { picture_id: id }),
      section,
      body: text,
      author_id: accountId,
    })
    .execute();
}
