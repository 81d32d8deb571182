import { sql, type Kysely } from "kysely";

// Follow-up (uppföljning): outcome indicators of a focus area, tied to an indicator item of a citizen survey, with
// the baseline stored at creation (and recomputable), plus who last changed a follow-up entry and when.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("outcome_indicator")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("focus_area_id", "integer", (c) => c.notNull().references("focus_area.id").onDelete("cascade"))
    // The survey that motivated the promise (the baseline wave); later waves of the same kommun are found by period.
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    // Codebook name of the item: `safe_night_centre`, `problems.mopeds_atraktor`.
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('problem', 'safety', 'trust')`))
    // Optional group filter in the results' `where` form (`area:centrum`); empty = everyone.
    .addColumn("filter", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull().check(sql`direction in ('decrease', 'increase')`))
    // Target share as a proportion (0.25 = 25 %); null = direction only.
    .addColumn("target_share", "double precision", (c) =>
      c.check(sql`target_share is null or (target_share >= 0 and target_share <= 1)`),
    )
    // The baseline as computed at creation: numerator and base of the share, and the Wilson interval.
    .addColumn("baseline_k", "integer", (c) => c.notNull().check(sql`baseline_k >= 0`))
    .addColumn("baseline_base", "integer", (c) =>
      c.notNull().check(sql`baseline_base > 0 and baseline_k <= baseline_base`),
    )
    .addColumn("baseline_share", "double precision", (c) => c.notNull())
    .addColumn("baseline_low", "double precision", (c) => c.notNull())
    .addColumn("baseline_high", "double precision", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("outcome_indicator_focus_area_idx")
    .on("outcome_indicator")
    .column("focus_area_id")
    .execute();

  await db.schema.alterTable("follow_up_entry").addColumn("updated_at", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("follow_up_entry").dropColumn("updated_at").execute();
  await db.schema.dropTable("outcome_indicator").execute();
}
