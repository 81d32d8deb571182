import { sql, type Kysely } from "kysely";

// Co-occurrence cells (ADR 010): per survey and per question a view has been filtered on, per code of that question
// a respondent holds, per day and channel, the counts of every code the same respondents hold. Folded from
// committed responses at read time like the results cube (ADR 003), with a watermark per (survey, question);
// submissions never write here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("response_cooc_state")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    // The question (codebook name) whose codes the cells are conditioned on.
    .addColumn("question", "text", (c) => c.notNull())
    // Rows with fold_bucket <= watermark are in this question's cells; the others are read from `response` (the tail).
    .addColumn("watermark", "bigint", (c) => c.notNull().defaultTo(0))
    // holders[i] of a cell: its respondents holding any code of the multi-answer question holder_questions[i].
    .addColumn("holder_questions", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("folded_at", "timestamptz")
    .addPrimaryKeyConstraint("response_cooc_state_pkey", ["survey_id", "question"])
    .execute();

  // A cell: the respondents holding `code` (one day, or all days when day is null, and one channel); `codes`
  // ascending with `counts[i]` of them holding codes[i] (`code` itself included: counts there = respondents).
  await db.schema
    .createTable("response_cooc")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("code", "integer", (c) => c.notNull())
    .addColumn("day", "date")
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("respondents", "integer", (c) => c.notNull())
    .addColumn("codes", sql`integer[]`, (c) => c.notNull())
    .addColumn("counts", sql`integer[]`, (c) => c.notNull())
    .addColumn("holders", sql`integer[]`, (c) => c.notNull())
    .execute();
  await sql`create unique index response_cooc_cell_idx on response_cooc (survey_id, code, day, channel) nulls not distinct`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("response_cooc").execute();
  await db.schema.dropTable("response_cooc_state").execute();
}
