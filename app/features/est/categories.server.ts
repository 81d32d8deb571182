/**
 * The kommun's own EST categories beside the standard checklist (docs/domain/est.md, "The checklist"): added by a
 * coordinator with a name, a measure and optionally the standard theme it informs (docs/domain/est.md, "EST in the
 * theme ranking"), keyed by the stored-value rule, retired rather than deleted so that the reports that used them
 * keep their meaning.
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { Invalid, NotFound, fieldError } from "~/platform/errors.server";
import { STANDARD_CATEGORIES, categoryKey, isStandardTheme, type EstMeasure } from "./domain/categories";

/** The kommun's own categories, retired ones included, oldest first. */
export function listOwnCategories({ db, kommunId }: { db: Database; kommunId: number }) {
  return db
    .selectFrom("est_category")
    .select(["id", "key", "name", "measure", "theme", "retired_at"])
    .where("kommun_id", "=", kommunId)
    .orderBy("id")
    .execute();
}

/** A theme from a form: empty is none; anything else must be a standard theme of the taxonomy. */
function readTheme(raw: string | null | undefined): { theme: string | null; ok: boolean } {
  const v = (raw ?? "").trim();
  if (v === "") return { theme: null, ok: true };
  return isStandardTheme(v) ? { theme: v, ok: true } : { theme: null, ok: false };
}

/**
 * Adds an own category (or brings a retired one with the same key back, with the new name, measure and theme).
 * `theme` is the standard theme it informs in the theme ranking; empty or missing: none.
 */
export async function addOwnCategory({
  db,
  kommunId,
  name,
  measure,
  theme: rawTheme,
}: {
  db: Database;
  kommunId: number;
  name: string;
  measure: string;
  theme?: string | null;
}) {
  const n = name.trim();
  const key = categoryKey(n);
  const errors = [];
  if (n.length < 1 || n.length > 80 || !key) errors.push(fieldError("name", "est.err.categoryName"));
  if (measure !== "count" && measure !== "level") errors.push(fieldError("measure", "est.err.measure"));
  const { theme, ok } = readTheme(rawTheme);
  if (!ok) errors.push(fieldError("theme", "est.err.theme"));
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
    .values({ kommun_id: kommunId, key, name: n, measure: measure as EstMeasure, theme })
    .onConflict((oc) =>
      oc
        .columns(["kommun_id", "key"])
        .doUpdateSet({ name: n, measure: measure as EstMeasure, theme, retired_at: null }),
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

/**
 * Sets the standard theme an own category informs in the theme ranking (empty: none). It applies to every report
 * of the category, earlier ones too: the ranking reads the mapping as it is now.
 */
export async function setOwnCategoryTheme({
  db,
  kommunId,
  id,
  theme: rawTheme,
}: {
  db: Database;
  kommunId: number;
  id: number;
  theme: string | null | undefined;
}) {
  const { theme, ok } = readTheme(rawTheme);
  if (!ok) throw new Invalid([fieldError("theme", "est.err.theme")]);
  const r = await db
    .updateTable("est_category")
    .set({ theme })
    .where("id", "=", id)
    .where("kommun_id", "=", kommunId)
    .returning("id")
    .executeTakeFirst();
  if (!r) throw new NotFound("est.err.categoryNotFound");
}
