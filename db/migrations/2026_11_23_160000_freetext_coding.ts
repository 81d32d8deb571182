import { sql, type Kysely } from "kysely";

// Coding of free-text comments into themes, pinned quotes, and a kommun's saved weights for the theme ranking.
// A comment is addressed by (response, question): the text stays in `response.data` and is never copied here.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per decision on a theme for a comment: accepted (counts toward the free-text score) or rejected (a
  // lexicon suggestion the analyst turned down, kept so that it is not suggested again). No account is stored.
  await db.schema
    .createTable("freetext_code")
    .addColumn("response_id", "uuid", (c) => c.notNull().references("response.id").onDelete("cascade"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("theme", "text", (c) => c.notNull())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('accepted', 'rejected')`))
    .addColumn("origin", "text", (c) => c.notNull().check(sql`origin in ('suggested', 'manual')`))
    .addColumn("decided_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("freetext_code_pk", ["response_id", "question", "theme"])
    .execute();
  await db.schema
    .createIndex("freetext_code_survey_idx")
    .on("freetext_code")
    .columns(["survey_id", "status", "theme"])
    .execute();

  // Comments pinned as illustrations (quotes) of the problembild.
  await db.schema
    .createTable("freetext_quote")
    .addColumn("response_id", "uuid", (c) => c.notNull().references("response.id").onDelete("cascade"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("pinned_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("freetext_quote_pk", ["response_id", "question"])
    .execute();
  await db.schema.createIndex("freetext_quote_survey_idx").on("freetext_quote").column("survey_id").execute();

  // The weights of the theme ranking an analyst saved for the kommun ({"citizen": 0.5, ...}).
  await db.schema
    .createTable("ranking_weights")
    .addColumn("kommun_id", "integer", (c) => c.primaryKey().references("organisation.id").onDelete("cascade"))
    .addColumn("weights", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["ranking_weights", "freetext_quote", "freetext_code"]) await db.schema.dropTable(t).execute();
}
