import { sql, type Kysely } from "kysely";

// Updates for residents (docs/domain/feedback-to-citizens.md): an editor marks a follow-up entry as public and
// writes one or two plain sentences for residents; the public promise page and the Atom feeds show those, dated.
// The entry's own note stays internal.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("follow_up_entry")
    .addColumn("public", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("public_note", "text", (c) =>
      c
        .notNull()
        .defaultTo("")
        .check(sql`length(public_note) <= 600`),
    )
    .execute();
  await sql`alter table follow_up_entry add constraint follow_up_entry_public_note_check2
    check (not public or length(trim(public_note)) > 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("follow_up_entry").dropColumn("public_note").dropColumn("public").execute();
}
