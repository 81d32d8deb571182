import { sql, type Kysely } from "kysely";

// Demographic co-occurrence cells (ADR 010, "Demographics"): beside a question's cells per (code, day, channel) and
// (code, channel) over all days in `response_cooc`, which stay as they are, all-days cells per (code, area, age
// band, gender, channel), so a view filtered on an answer and on area / age band / gender, and breakdowns of a view
// filtered on an answer, read cells instead of scanning. They are folded in the same fold, under the same watermark
// (`response_cooc_state`), as the question's other cells.
export async function up(db: Kysely<any>): Promise<void> {
  // A cell: the respondents holding `code` (all days) in one (area, age band, gender, channel); null = not given.
  // `codes` ascending with `counts[i]` of them holding codes[i]; `holders` as in response_cooc.
  await db.schema
    .createTable("response_cooc_demographic")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("code", "integer", (c) => c.notNull())
    .addColumn("area", "text")
    .addColumn("age_band", "text")
    .addColumn("gender", "text")
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("respondents", "integer", (c) => c.notNull())
    .addColumn("codes", sql`integer[]`, (c) => c.notNull())
    .addColumn("counts", sql`integer[]`, (c) => c.notNull())
    .addColumn("holders", sql`integer[]`, (c) => c.notNull())
    .execute();
  await sql`create unique index response_cooc_demographic_cell_idx
    on response_cooc_demographic (survey_id, code, area, age_band, gender, channel) nulls not distinct`.execute(db);
  // Cells already folded have no demographic counterpart: empty them and their watermarks (derived data), so the
  // next view filtered on a question folds both kinds from every answer.
  await sql`delete from response_cooc`.execute(db);
  await sql`delete from response_cooc_state`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("response_cooc_demographic").execute();
}
