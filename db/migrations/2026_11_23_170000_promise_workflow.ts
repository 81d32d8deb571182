import { sql, type Kysely } from "kysely";

// Joint editing of promise documents: comments per section and per promise, sign-off by each side, a history of
// every change (with a snapshot of the document after it, for readable diffs) and the figures a drafted focus
// area background was built from, stored apart from the text so that editors can rewrite it and keep the links.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("promise_comment")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("document_id", "integer", (c) => c.notNull().references("promise_document.id").onDelete("cascade"))
    // Exactly one of section (a section key, or "dokument" for the whole document) and promise_id.
    .addColumn("section", "text")
    .addColumn("promise_id", "integer", (c) => c.references("promise.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("promise_comment_target", sql`(section is null) <> (promise_id is null)`)
    .execute();
  await db.schema
    .createIndex("promise_comment_document_idx")
    .on("promise_comment")
    .columns(["document_id", "created_at"])
    .execute();

  await db.schema
    .createTable("promise_approval")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("document_id", "integer", (c) => c.notNull().references("promise_document.id").onDelete("cascade"))
    .addColumn("side", "text", (c) => c.notNull().check(sql`side in ('polis', 'kommun')`))
    .addColumn("account_id", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("withdrawn_at", "timestamptz")
    .execute();
  // At most one standing approval per side.
  await sql`create unique index promise_approval_standing on promise_approval (document_id, side) where withdrawn_at is null`.execute(
    db,
  );

  await db.schema
    .createTable("promise_revision")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("document_id", "integer", (c) => c.notNull().references("promise_document.id").onDelete("cascade"))
    // created, edit, status, approval, withdrawal, revision (a new version was started from this one)
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    // The whole document after the change (edits and creation only): diffs are computed between snapshots.
    .addColumn("snapshot", "jsonb")
    .addColumn("account_id", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("promise_revision_document_idx")
    .on("promise_revision")
    .columns(["document_id", "id"])
    .execute();

  await db.schema
    .createTable("figure_link")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("focus_area_id", "integer", (c) => c.notNull().references("focus_area.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("href", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("figure_link_focus_area_idx").on("figure_link").column("focus_area_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["figure_link", "promise_revision", "promise_approval", "promise_comment"])
    await db.schema.dropTable(t).execute();
}
