import { sql, type Kysely } from "kysely";

// Sessions end after a time without use (idle timeout) as well as at their absolute expiry; sign-in throttling
// keeps its rows per kind of key (an account and address pair, an account, an address) and names the account,
// so admins can see who is locked out and since when, and locks grow longer with every repeat (docs/roles.md).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("session")
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Old rows were keyed by a different scheme; they expire within the window anyway.
  await db.deleteFrom("login_throttle").execute();
  await db.schema
    .alterTable("login_throttle")
    .addColumn("account_id", "integer", (c) => c.references("account.id").onDelete("cascade"))
    .addColumn("locked_at", "timestamptz")
    // How many times this key has been locked since its last successful sign-in: each lock lasts twice the last.
    .addColumn("lock_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("login_throttle_account_idx").on("login_throttle").column("account_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("login_throttle_account_idx").execute();
  await db.schema
    .alterTable("login_throttle")
    .dropColumn("lock_count")
    .dropColumn("locked_at")
    .dropColumn("account_id")
    .execute();
  await db.schema.alterTable("session").dropColumn("last_seen_at").execute();
}
