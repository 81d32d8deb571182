import { sql, type Kysely } from "kysely";

// "Det här svarade ni" (docs/domain/feedback-to-citizens.md): per citizen survey, the questions an analyst chose to
// show the public, an optional short intro, and whether the page is published, by whom and when. Only the
// selection is stored: the figures are read from the results' protected figures each time the page is shown.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("result_publication")
    .addColumn("survey_id", "integer", (c) => c.primaryKey().references("survey.id").onDelete("cascade"))
    // Question names of the survey's current definition, in the order they are shown.
    .addColumn("questions", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("intro", "text", (c) =>
      c
        .notNull()
        .defaultTo("")
        .check(sql`length(intro) <= 1000`),
    )
    .addColumn("published", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("published_by", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("published_at", "timestamptz")
    .addColumn("updated_by", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("result_publication").execute();
}
