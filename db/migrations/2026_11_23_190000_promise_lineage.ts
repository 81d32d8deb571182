import type { Kysely } from "kysely";

// A revision copies a published document's promises into a new version. `revised_from_id` links each copy to the
// promise it was copied from, so follow-up logged against the earlier version keeps counting for the same promise
// in the version that replaces it (the period is the same).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("promise")
    .addColumn("revised_from_id", "integer", (c) => c.references("promise.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("promise_revised_from_idx").on("promise").column("revised_from_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("promise_revised_from_idx").execute();
  await db.schema.alterTable("promise").dropColumn("revised_from_id").execute();
}
