import { sql, type Kysely } from "kysely";

// The results cube (ADR 003): counts of answers per survey and cell (day, area, age band, gender, channel), folded
// in from committed responses at read time, so the problembild reads a few thousand cells instead of every answer.
export async function up(db: Kysely<any>): Promise<void> {
  // Which responses are folded: the inserting transaction's id rounded UP to a multiple of 256. A row whose bucket
  // is at or below a snapshot's xmin was written by a finished transaction, so a fold under that snapshot sees it
  // or never will. Rounding keeps only coarse order (256 transactions: hours in a quiet kommun), not the order of
  // answers within a day. Existing rows get 0 (folded at the first fold) without rewriting the table.
  await db.schema
    .alterTable("response")
    .addColumn("fold_bucket", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`alter table response alter column fold_bucket set default (((pg_current_xact_id()::text::bigint >> 8) + 1) << 8)`.execute(
    db,
  );
  await db.schema.createIndex("response_fold_idx").on("response").columns(["survey_id", "fold_bucket"]).execute();

  // One row per survey: how far the cube is folded and what its arrays mean.
  await db.schema
    .createTable("response_cube_state")
    .addColumn("survey_id", "integer", (c) => c.primaryKey().references("survey.id").onDelete("cascade"))
    // Rows with fold_bucket <= watermark are in the cube; the others are read from `response` (the tail).
    .addColumn("watermark", "bigint", (c) => c.notNull().defaultTo(0))
    // holders[i] of a cell: respondents holding any code of the multi-answer question holder_questions[i].
    .addColumn("holder_questions", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("folded_at", "timestamptz")
    .execute();

  // A cell: day null = all days (the coarse grain read without a date filter), else one day (date filters).
  await db.schema
    .createTable("response_cube")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("day", "date")
    .addColumn("area", "text")
    .addColumn("age_band", "text")
    .addColumn("gender", "text")
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("respondents", "integer", (c) => c.notNull())
    // counts[i]: the cell's respondents holding choice code codes[i] (codes ascending, only codes held).
    .addColumn("codes", sql`integer[]`, (c) => c.notNull())
    .addColumn("counts", sql`integer[]`, (c) => c.notNull())
    .addColumn("holders", sql`integer[]`, (c) => c.notNull())
    .execute();
  await sql`create unique index response_cube_cell_idx on response_cube (survey_id, day, area, age_band, gender, channel) nulls not distinct`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("response_cube").execute();
  await db.schema.dropTable("response_cube_state").execute();
  await db.schema.dropIndex("response_fold_idx").execute();
  await db.schema.alterTable("response").dropColumn("fold_bucket").execute();
}
