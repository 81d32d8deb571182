import { sql, type Kysely } from "kysely";

// Promise documents (medborgarlöften): one per kommun, LPO and period and version, with focus areas, structured
// promises with targets, and follow-up entries logged against each promise.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("promise_document")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("lpo_id", "integer", (c) => c.references("organisation.id"))
    .addColumn("period_label", "text", (c) => c.notNull())
    .addColumn("period_start", "date", (c) => c.notNull())
    .addColumn("period_end", "date", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("lead", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("utkast")
        .check(sql`status in ('utkast', 'granskning', 'faststallt', 'publicerat')`),
    )
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("supersedes_id", "integer", (c) => c.references("promise_document.id"))
    .addColumn("sections", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("follow_up_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("follow_up_due", "date")
    .addColumn("published_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("promise_document_period", sql`period_end >= period_start`)
    .execute();
  await db.schema
    .createIndex("promise_document_kommun_idx")
    .on("promise_document")
    .columns(["kommun_id", "period_start"])
    .execute();

  await db.schema
    .createTable("focus_area")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("document_id", "integer", (c) => c.notNull().references("promise_document.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("themes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("background", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("lead", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  await db.schema
    .createTable("promise")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("focus_area_id", "integer", (c) => c.notNull().references("focus_area.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("responsible", "jsonb", (c) => c.notNull())
    .addColumn("partners", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("activity_type", "text", (c) => c.notNull())
    .addColumn("activity_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("places", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("target", "jsonb", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("original_text", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  await db.schema
    .createTable("follow_up_entry")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("promise_id", "integer", (c) => c.notNull().references("promise.id").onDelete("cascade"))
    .addColumn("done_on", "date", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity >= 0`))
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("follow_up_promise_idx")
    .on("follow_up_entry")
    .columns(["promise_id", "done_on"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["follow_up_entry", "promise", "focus_area", "promise_document"])
    await db.schema.dropTable(t).execute();
}
