/**
 * The kommun's own EST categories beside the standard checklist (docs/domain/est.md, "The checklist"): added by a
 * coordinator with a name and a measure, keyed by the stored-value rule, retired rather than deleted so that the
 * reports that used them keep their meaning.
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { Invalid, NotFound, fieldError } from "~/platform/errors.server";
import { STANDARD_CATEGORIES, categoryKey, type EstMeasure } from "./domain/categories";

/** The kommun's own categories, retired ones included, oldest first. */
export function listOwnCategories({ db, kommunId }: { db: Database; kommunId: number }) {
  return db
    .selectFrom("est_category")
    .select(["id", "key", "name", "measure", "retired_at"])
    .where("kommun_id", "=", kommunId)
    .orderBy("id")
    .execute();
}

/** Adds an own category (or brings a retired one with the same key back, with the new name and measure). */
export async function addOwnCategory({
  db,
  kommunId,
  name,
  measure,
}: {
  db: Database;
  kommunId: number;
  name: string;
  measure: string;
}) {
  const n = name.trim();
  const key = categoryKey(n);
  const errors = [];
  if (n.length < 1 || n.length > 80 || !key) errors.push(fieldError("name", "est.err.categoryName"));
  if (measure !== "count" && measure !== "level") errors.push(fieldError("measure", "est.err.measure"));
  if (STANDARD_CATEGORIES.some((c) => c.key === key))
    errors.push(fieldError("name", "est.err.categoryStandard", { name: n }));
  const existing = key
    ? await db
        .selectFrom("est_category")
        .select(["id", "retired_at"])
        .where("kommun_id", "=", kommunId)
        .where("key", "=", key)
        .executeTakeFirst()
    : undefined;
  if (existing && existing.retired_at === null) errors.push(fieldError("name", "est.err.categoryExists", { name: n }));
  if (errors.length) throw new Invalid(errors);
  await db
    .insertInto("est_category")
    .values({ kommun_id: kommunId, key, name: n, measure: measure as EstMeasure })
    .onConflict((oc) =>
      oc.columns(["kommun_id", "key"]).doUpdateSet({ name: n, measure: measure as EstMeasure, retired_at: null }),
    )
    .execute();
  return key;
}

/** Retires an own category: it leaves the form and the picture; reports that used it keep their items. */
export async function retireOwnCategory({ db, kommunId, id }: { db: Database; kommunId: number; id: number }) {
  const r = await db
    .updateTable("est_category")
    .set({ retired_at: sql`now()` })
    .where("id", "=", id)
    .where("kommun_id", "=", kommunId)
    .returning("id")
    .executeTakeFirst();
  if (!r) throw new NotFound("est.err.categoryNotFound");
}
