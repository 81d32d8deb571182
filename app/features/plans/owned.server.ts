/**
 * Look-ups shared by the plans' documents and their parts: a row counts only where it belongs to the given owner
 * (a kommun's lägesbild or plan; a plan's measure; a lägesbild's problem), so an id of another owner names nothing.
 */
import type { Selectable } from "kysely";
import type { DB } from "../../../db/schema";
import type { Database } from "~/platform/db.server";
import { Conflict, NotFound } from "~/platform/errors.server";

/** The documents a kommun owns, with the message their absence reports. */
const DOCUMENTS = {
  action_plan: "plans.error.planNotFound",
  situation_picture: "plans.error.pictureNotFound",
} as const;

/** The parts of a document: their table, the column naming their document, and the message their absence reports. */
const PARTS = {
  plan_measure: { parent: "plan_id", missing: "plans.error.measureNotFound" },
  priority_problem: { parent: "picture_id", missing: "plans.error.problemNotFound" },
} as const;

export type Document = keyof typeof DOCUMENTS;

/** The row of a kommun's document (all its columns), locked FOR UPDATE when asked; NotFound otherwise. */
export async function documentOfKommun<T extends Document>(
  db: Database,
  table: T,
  kommunId: number,
  id: number,
  { lock = false } = {},
): Promise<Selectable<DB[T]>> {
  // Both tables have these columns; the cast only lets Kysely type the query for one of them.
  const row = await db
    .selectFrom(table as "action_plan")
    .selectAll()
    .where("id", "=", id)
    .where("kommun_id", "=", kommunId)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw new NotFound(DOCUMENTS[table]);
  return row as Selectable<DB[T]>;
}

/**
 * A kommun's document locked for a change of its content (in the caller's transaction): NotFound unless it is the
 * kommun's, Conflict unless it is still a draft (a decided version is revised, not edited).
 */
export async function lockDraft<T extends Document>(
  trx: Database,
  table: T,
  kommunId: number,
  id: number,
): Promise<Selectable<DB[T]>> {
  const row = await documentOfKommun(trx, table, kommunId, id, { lock: true });
  // Both tables have a status column; TypeScript cannot see a column common to a generic table's row.
  if ((row as { status: string }).status !== "utkast") throw new Conflict("plans.error.decided");
  return row;
}

/** Checks that the part (a measure, a problem) belongs to the document; NotFound otherwise. */
export async function checkPartOf(db: Database, table: keyof typeof PARTS, parentId: number, id: number) {
  const { parent, missing } = PARTS[table];
  // Both tables have an id and their parent column; the cast only lets Kysely type the query for one of them.
  const row = await db
    .selectFrom(table as "plan_measure")
    .select("id")
    .where("id", "=", id)
    .where(parent as "plan_id", "=", parentId)
    .executeTakeFirst();
  if (!row) throw new NotFound(missing);
}
