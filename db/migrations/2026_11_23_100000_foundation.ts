import { sql, type Kysely } from "kysely";

// Organisations, accounts, memberships (roles), sessions, API tokens and sign-in throttling.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisation")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('region', 'lpo', 'kommun')`))
    .addColumn("parent_id", "integer", (c) => c.references("organisation.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("account")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("sv"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("password_changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("disabled_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("membership")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("account_id", "integer", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('admin', 'analyst', 'editor', 'viewer')`))
    .addColumn("side", "text", (c) => c.check(sql`side in ('polis', 'kommun')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("membership_editor_side", sql`(role = 'editor') = (side is not null)`)
    .addUniqueConstraint("membership_unique", ["account_id", "organisation_id", "role"])
    .execute();

  await db.schema
    .createTable("session")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("account_id", "integer", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_account_idx").on("session").column("account_id").execute();

  await db.schema
    .createTable("api_token")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("account_id", "integer", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("revoked_at", "timestamptz")
    .execute();

  // One row per throttling key (a hashed account email or a hashed, daily-salted address).
  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("locked_until", "timestamptz")
    .execute();

  // Daily-rotating salts for hashing source addresses (rate limits); old days are deleted.
  await db.schema
    .createTable("daily_salt")
    .addColumn("day", "date", (c) => c.primaryKey())
    .addColumn("salt", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["daily_salt", "login_throttle", "api_token", "session", "membership", "account", "organisation"]) {
    await db.schema.dropTable(t).execute();
  }
}
