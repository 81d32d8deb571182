import { sql, type Kysely } from "kysely";

// The law's documents (SFS 2023:196, docs/domain/lagesbild-atgardsplan.md): the kommun's lägesbild (situation
// picture) with its drafted figures, the prioritised problems with a cause analysis each, the åtgärdsplan (action
// plan) with its decision and measures, the links from measures to problems and to promises, the revision interval
// per kommun, Brå's process checklist and comments on both documents.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("situation_picture")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("period_label", "text", (c) => c.notNull())
    .addColumn("period_start", "date", (c) => c.notNull())
    .addColumn("period_end", "date", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("utkast")
        .check(sql`status in ('utkast', 'beslutad')`),
    )
    .addColumn("version", "integer", (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`version >= 1`),
    )
    .addColumn("supersedes_id", "integer", (c) => c.references("situation_picture.id").onDelete("set null"))
    // Editable text per section: mapping, comparison, places_times, analysis, sources (keys in plans/domain).
    .addColumn("sections", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // The sources statement: [{ key, state: used | not_used | unavailable, note }], drafted then edited.
    .addColumn("sources", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // Invented demo content (the seed); pages say so.
    .addColumn("demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("decided_at", "timestamptz")
    .addColumn("created_by", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("situation_picture_period", sql`period_end >= period_start`)
    .addCheckConstraint("situation_picture_decided", sql`(status = 'beslutad') = (decided_at is not null)`)
    .addUniqueConstraint("situation_picture_version", ["kommun_id", "period_label", "version"])
    .execute();

  // A drafted figure: the sentence as drafted and the view that produced it, kept apart from the editable text.
  await db.schema
    .createTable("situation_figure")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("picture_id", "integer", (c) => c.notNull().references("situation_picture.id").onDelete("cascade"))
    .addColumn("section", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    // The evidence source (results' SourceKey, or a pluggable source such as crime statistics).
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("theme", "text")
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("href", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("situation_figure_picture_idx")
    .on("situation_figure")
    .columns(["picture_id", "section", "position"])
    .execute();

  await db.schema
    .createTable("priority_problem")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("picture_id", "integer", (c) => c.notNull().references("situation_picture.id").onDelete("cascade"))
    .addColumn("rank", "integer", (c) => c.notNull().check(sql`rank >= 1`))
    // The ranked theme it came from (a theme key); null for a problem written by hand.
    .addColumn("theme", "text")
    .addColumn("problem", "text", (c) => c.notNull())
    .addColumn("causes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("affected", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("where_when", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("already_done", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("priority_problem_picture_idx")
    .on("priority_problem")
    .columns(["picture_id", "rank"])
    .execute();

  // The revision interval per kommun (the law's rhythm is not hard-coded); no row = the default, 24 months.
  await db.schema
    .createTable("plan_setting")
    .addColumn("kommun_id", "integer", (c) => c.primaryKey().references("organisation.id").onDelete("cascade"))
    .addColumn("revision_months", "integer", (c) =>
      c
        .notNull()
        .defaultTo(24)
        .check(sql`revision_months between 1 and 120`),
    )
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("action_plan")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("picture_id", "integer", (c) => c.notNull().references("situation_picture.id").onDelete("restrict"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("period_label", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("utkast")
        .check(sql`status in ('utkast', 'beslutad')`),
    )
    .addColumn("version", "integer", (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`version >= 1`),
    )
    .addColumn("supersedes_id", "integer", (c) => c.references("action_plan.id").onDelete("set null"))
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    // The decision: which body, when (a calendar day in Europe/Stockholm), diarienummer and protocol paragraph.
    .addColumn("decision_body", "text")
    .addColumn("decided_on", "date")
    .addColumn("diarienummer", "text")
    .addColumn("protocol_paragraph", "text")
    .addColumn("demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "action_plan_decision",
      sql`status <> 'beslutad' or (decided_on is not null and coalesce(decision_body, '') <> '' and coalesce(diarienummer, '') <> '')`,
    )
    .addUniqueConstraint("action_plan_version", ["kommun_id", "period_label", "version"])
    .execute();

  // A measure (åtgärd) of a plan.
  await db.schema
    .createTable("plan_measure")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("plan_id", "integer", (c) => c.notNull().references("action_plan.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("owner_kind", "text", (c) =>
      c.notNull().check(sql`owner_kind in ('forvaltning', 'bolag', 'polis', 'forening', 'annat')`),
    )
    .addColumn("owner_name", "text", (c) => c.notNull())
    .addColumn("resources", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("starts_on", "date")
    .addColumn("ends_on", "date")
    // Output indicator: who does what, and the target in the promises' shape (promises/domain/target.ts).
    .addColumn("output_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("output_target", "jsonb", (c) => c.notNull().defaultTo(sql`'{"kind":"none"}'::jsonb`))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("planerad")
        .check(sql`status in ('planerad', 'pagar', 'genomford', 'avbruten')`),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("plan_measure_time_frame", sql`ends_on is null or starts_on is null or ends_on >= starts_on`)
    .execute();
  await db.schema.createIndex("plan_measure_plan_idx").on("plan_measure").columns(["plan_id", "position"]).execute();

  await db.schema
    .createTable("measure_problem")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("plan_measure.id").onDelete("cascade"))
    .addColumn("problem_id", "integer", (c) => c.notNull().references("priority_problem.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("measure_problem_pk", ["measure_id", "problem_id"])
    .execute();

  // A measure ↔ promise (a promise row of a promise document): the measure's output is followed up through it.
  await db.schema
    .createTable("measure_promise")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("plan_measure.id").onDelete("cascade"))
    .addColumn("promise_id", "integer", (c) => c.notNull().references("promise.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("measure_promise_pk", ["measure_id", "promise_id"])
    .execute();
  await db.schema.createIndex("measure_promise_promise_idx").on("measure_promise").column("promise_id").execute();

  // Outcome indicator of a measure: one of the survey-based indicators (ADR 005), reused, not copied.
  await db.schema
    .createTable("measure_outcome")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("plan_measure.id").onDelete("cascade"))
    .addColumn("indicator_id", "integer", (c) => c.notNull().references("outcome_indicator.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("measure_outcome_pk", ["measure_id", "indicator_id"])
    .execute();

  // Brå's process checklist: one row per ticked step of a kommun (steps and their criteria live in the code).
  await db.schema
    .createTable("process_step")
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("step", "text", (c) => c.notNull())
    .addColumn("done_by", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("done_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("process_step_pk", ["kommun_id", "step"])
    .execute();

  await db.schema
    .createTable("plan_comment")
    .addColumn("id", "serial", (c) => c.primaryKey())
    // Exactly one of the two documents.
    .addColumn("picture_id", "integer", (c) => c.references("situation_picture.id").onDelete("cascade"))
    .addColumn("plan_id", "integer", (c) => c.references("action_plan.id").onDelete("cascade"))
    .addColumn("section", "text", (c) => c.notNull().defaultTo("dokument"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("plan_comment_target", sql`(picture_id is null) <> (plan_id is null)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "plan_comment",
    "process_step",
    "measure_outcome",
    "measure_promise",
    "measure_problem",
    "plan_measure",
    "action_plan",
    "plan_setting",
    "priority_problem",
    "situation_figure",
    "situation_picture",
  ])
    await db.schema.dropTable(t).execute();
}
