import { sql, type Kysely } from "kysely";

// E-mail subscriptions to a kommun's updates (docs/domain/feedback-to-citizens.md): double opt-in, one-click
// unsubscribe, and an outbox of mails in the database that any app server may deliver. Only what a subscription
// needs is stored: the address, what it follows, its token and when it was confirmed. An unsubscribed address is
// deleted with its queued mails; an unconfirmed one is deleted after seven days; a sent mail is deleted.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("subscription")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    // Null: every update of the kommun; else one promise document's.
    .addColumn("document_id", "integer", (c) => c.references("promise_document.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull().check(sql`length(email) between 3 and 254`))
    // The link's secret (32 random bytes, base64url): confirms and unsubscribes this subscription only.
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("confirmed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index subscription_target_email_key
    on subscription (kommun_id, coalesce(document_id, 0), email)`.execute(db);
  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("subscription_id", "integer", (c) => c.references("subscription.id").onDelete("cascade"))
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("unsubscribe_url", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("mail_outbox_due_idx").on("mail_outbox").columns(["next_attempt_at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("mail_outbox").execute();
  await db.schema.dropTable("subscription").execute();
}
