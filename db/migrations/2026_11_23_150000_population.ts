import { sql, type Kysely } from "kysely";

// Population by age band × gender (e.g. from SCB) for the optional post-stratification weighting of a kommun's
// citizen surveys: one set per kommun (survey_id null, the default for its surveys) or per survey, with its source.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("population_set")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("survey_id", "integer", (c) => c.references("survey.id").onDelete("cascade"))
    // "SCB, folkmängd 31 december 2025": stated next to weighted figures.
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One set per kommun and survey, and one kommun-wide set (survey_id null, which a plain unique index lets repeat).
  await sql`create unique index population_set_scope_idx on population_set (kommun_id, coalesce(survey_id, 0))`.execute(
    db,
  );

  await db.schema
    .createTable("population_cell")
    .addColumn("set_id", "integer", (c) => c.notNull().references("population_set.id").onDelete("cascade"))
    .addColumn("age_band", "text", (c) => c.notNull())
    .addColumn("gender", "text", (c) => c.notNull())
    .addColumn("population", "integer", (c) => c.notNull().check(sql`population >= 0`))
    .addPrimaryKeyConstraint("population_cell_pk", ["set_id", "age_band", "gender"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("population_cell").execute();
  await db.schema.dropTable("population_set").execute();
}
