import { sql, type Kysely } from "kysely";

// The answer bitmaps' generation (docs/decisions/022-answer-bitmaps-in-memory.md): app servers keep a survey's bit
// strings in memory and refresh only what a fold appended, which is right only while positions are never handed out
// again. Emptying the bitmaps for a rebuild (or a new state row for a survey id seen before, as after a restore)
// gives a new generation, and a cache of another generation is read again whole.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("response_bits_state")
    .addColumn("generation", "uuid", (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("response_bits_state").dropColumn("generation").execute();
}
