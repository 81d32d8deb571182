import { sql, type Kysely } from "kysely";
import { up as coocUp } from "./2026_11_23_200000_results_cooc";
import { up as coocDemographicsUp } from "./2026_11_23_210000_results_cooc_demographics";

// Answer bitmaps (ADR 011): per survey, every folded response gets a position; per choice code and per value of the
// response's own columns (area, age band, gender, channel, day), one bit string per segment of positions marks the
// responses holding it. Any filtered view is then an AND of ORs of bit strings and every count a bit count. Folded
// from committed responses at read time like the results cube (ADR 003); submissions never write here.
// They replace the co-occurrence cells of ADR 010 (derived data, dropped here).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("response_cooc_demographic").execute();
  await db.schema.dropTable("response_cooc").execute();
  await db.schema.dropTable("response_cooc_state").execute();

  await db.schema
    .createTable("response_bits_state")
    .addColumn("survey_id", "integer", (c) => c.primaryKey().references("survey.id").onDelete("cascade"))
    // Rows with fold_bucket <= watermark have a position; the others are read from `response` (the tail).
    .addColumn("watermark", "bigint", (c) => c.notNull().defaultTo(0))
    // Kept for the shared fold protocol (ADR 003); bit strings need no holders, so it stays empty.
    .addColumn("holder_questions", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("folded_at", "timestamptz")
    // Positions handed out so far: the next folded response gets position next_pos.
    .addColumn("next_pos", "integer", (c) => c.notNull().defaultTo(0))
    // Positions per segment (a multiple of 64); every bit string of the survey has this length.
    .addColumn("segment_bits", "integer", (c) =>
      c
        .notNull()
        .defaultTo(8192)
        .check(sql`segment_bits > 0 and segment_bits % 64 = 0`),
    )
    .execute();

  // Bit i of (code, seg) is set when the response at position seg * segment_bits + i holds the choice code.
  await db.schema
    .createTable("response_bits")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("seg", "integer", (c) => c.notNull())
    .addColumn("code", "integer", (c) => c.notNull())
    .addColumn("bits", sql`bit varying`, (c) => c.notNull())
    .addPrimaryKeyConstraint("response_bits_pkey", ["survey_id", "seg", "code"])
    .execute();

  // The same for the response's columns: dim is area, age_band, gender, channel or day (value YYYY-MM-DD); a null
  // column (not given) has its own bit string with value null.
  await db.schema
    .createTable("response_bits_dim")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("seg", "integer", (c) => c.notNull())
    .addColumn("dim", "text", (c) => c.notNull())
    .addColumn("value", "text")
    .addColumn("bits", sql`bit varying`, (c) => c.notNull())
    .execute();
  await sql`create unique index response_bits_dim_key on response_bits_dim (survey_id, dim, value, seg) nulls not distinct`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("response_bits_dim").execute();
  await db.schema.dropTable("response_bits").execute();
  await db.schema.dropTable("response_bits_state").execute();
  // The co-occurrence cells come back empty; the next view filtered on a question would refold them (ADR 010).
  await coocUp(db);
  await coocDemographicsUp(db);
}
