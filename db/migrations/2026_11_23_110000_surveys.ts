import { sql, type Kysely } from "kysely";

// Surveys, their frozen definition versions, responses (stored once per client-made id), the per-survey
// codebook of choice answers used for aggregation, one-time codes and submission rate counters.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('medborgarenkat', 'medarbetardialog')`))
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft', 'open', 'closed')`),
    )
    .addColumn("opens_at", "timestamptz")
    .addColumn("closes_at", "timestamptz")
    .addColumn("settings", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("current_version_id", "integer")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("survey_kommun_idx").on("survey").columns(["kommun_id", "kind"]).execute();

  await db.schema
    .createTable("survey_version")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("definition", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("frozen_at", "timestamptz")
    .addUniqueConstraint("survey_version_unique", ["survey_id", "version"])
    .execute();

  await db.schema
    .alterTable("survey")
    .addForeignKeyConstraint("survey_current_version_fk", ["current_version_id"], "survey_version", ["id"])
    .execute();

  // Codebook: every (question, value) a choice-like answer takes gets an integer, stable for the survey, so a
  // response's choice answers are one int[] that SQL can unnest and count (see ADR 002).
  await db.schema
    .createTable("choice_code")
    .addColumn("code", "serial", (c) => c.primaryKey())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addUniqueConstraint("choice_code_unique", ["survey_id", "question", "value"])
    .execute();

  // No address, user agent, account, cookie or time of day: the date only.
  await db.schema
    .createTable("response")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("version_id", "integer", (c) => c.notNull().references("survey_version.id"))
    .addColumn("channel", "text", (c) =>
      c.notNull().check(sql`channel in ('web', 'phone', 'paper', 'import', 'invitation')`),
    )
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("submitted_on", "date", (c) => c.notNull())
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addColumn("data_hash", "text", (c) => c.notNull())
    .addColumn("area", "text")
    .addColumn("age_band", "text")
    .addColumn("gender", "text")
    .addColumn("codes", sql`integer[]`, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("response_survey_idx").on("response").columns(["survey_id", "submitted_on"]).execute();

  // One-time codes for postal samples: only a hash and whether it was used; nothing links a code to an answer.
  await db.schema
    .createTable("access_code")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used", "boolean", (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint("access_code_pk", ["survey_id", "code_hash"])
    .execute();

  await db.schema
    .createTable("rate_counter")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("rate_counter_pk", ["key", "window_start"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["rate_counter", "access_code", "response", "choice_code"]) await db.schema.dropTable(t).execute();
  await db.schema.alterTable("survey").dropConstraint("survey_current_version_fk").execute();
  await db.schema.dropTable("survey_version").execute();
  await db.schema.dropTable("survey").execute();
}
