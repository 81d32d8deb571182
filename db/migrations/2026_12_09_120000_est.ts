import { sql, type Kysely } from "kysely";

// EST weekly reports (docs/domain/est.md, docs/decisions/019-est-weekly-reports.md).
//
// - The role `reporter` joins the membership roles: a named person of a partner organisation whom the kommun lets
//   file weekly reports, and nothing else.
// - `est_reporter`: the reporter's standing in one kommun (which kind of organisation they report for, its name) and
//   `est_reporter_zone` the zones (areas) they report on.
// - `est_category`: the kommun's own checklist categories beside the standard ones (which live in code).
// - `est_report`: one report per reporter, zone and ISO week (`2026-W05`); filing again updates it. A coordinator's
//   review is `reviewed_at`/`reviewed_by`; only reviewed reports count in the picture.
// - `est_report_item`: one row per category observed: a count, or a level 0–3, never both; an optional place and note.
// - `est_report_revision`: every filing, correction and review, with a snapshot of the items, so a correction is
//   never silent.
const PARTNER_KINDS = sql`('kommun', 'bostadsbolag', 'polis', 'vaktbolag', 'forening', 'annat')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table membership drop constraint membership_role_check`.execute(db);
  await sql`alter table membership add constraint membership_role_check
    check (role in ('admin', 'analyst', 'editor', 'viewer', 'reporter'))`.execute(db);

  await db.schema
    .createTable("est_reporter")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("account_id", "integer", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("partner_kind", "text", (c) => c.notNull().check(sql`partner_kind in ${PARTNER_KINDS}`))
    .addColumn("partner_name", "text", (c) => c.notNull().check(sql`length(partner_name) between 1 and 120`))
    .addColumn("demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("est_reporter_account_kommun_key", ["account_id", "kommun_id"])
    .execute();

  await db.schema
    .createTable("est_reporter_zone")
    .addColumn("reporter_id", "integer", (c) => c.notNull().references("est_reporter.id").onDelete("cascade"))
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zone.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("est_reporter_zone_pkey", ["reporter_id", "zone_id"])
    .execute();

  await db.schema
    .createTable("est_category")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull().check(sql`key ~ '^[a-z0-9_]{1,40}$'`))
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(name) between 1 and 80`))
    .addColumn("measure", "text", (c) => c.notNull().check(sql`measure in ('count', 'level')`))
    .addColumn("retired_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("est_category_kommun_key_key", ["kommun_id", "key"])
    .execute();

  await db.schema
    .createTable("est_report")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    // Restrict: a zone's EST history must not vanish with a zone import; imports update zones by (kommun, code).
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zone.id").onDelete("restrict"))
    .addColumn("reporter_id", "integer", (c) => c.notNull().references("est_reporter.id").onDelete("cascade"))
    .addColumn("week", "text", (c) => c.notNull().check(sql`week ~ '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$'`))
    .addColumn("nothing_to_report", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("note", "text", (c) => c.check(sql`length(note) <= 1000`))
    .addColumn("submitted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("reviewed_at", "timestamptz")
    .addColumn("reviewed_by", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint("est_report_reporter_zone_week_key", ["reporter_id", "zone_id", "week"])
    .execute();
  await db.schema.createIndex("est_report_kommun_week").on("est_report").columns(["kommun_id", "week"]).execute();

  await db.schema
    .createTable("est_report_item")
    .addColumn("report_id", "integer", (c) => c.notNull().references("est_report.id").onDelete("cascade"))
    .addColumn("category", "text", (c) => c.notNull().check(sql`category ~ '^[a-z0-9_]{1,40}$'`))
    .addColumn("count", "integer", (c) => c.check(sql`count between 1 and 999`))
    .addColumn("level", "smallint", (c) => c.check(sql`level between 1 and 3`))
    .addColumn("place", "text", (c) => c.check(sql`length(place) <= 120`))
    .addColumn("note", "text", (c) => c.check(sql`length(note) <= 500`))
    .addPrimaryKeyConstraint("est_report_item_pkey", ["report_id", "category"])
    .addCheckConstraint("est_report_item_one_measure", sql`(count is null) <> (level is null)`)
    .execute();

  await db.schema
    .createTable("est_report_revision")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("report_id", "integer", (c) => c.notNull().references("est_report.id").onDelete("cascade"))
    .addColumn("account_id", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('submitted', 'resubmitted', 'corrected', 'reviewed')`),
    )
    .addColumn("snapshot", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["est_report_revision", "est_report_item", "est_report", "est_category", "est_reporter_zone"])
    await db.schema.dropTable(t).execute();
  await db.schema.dropTable("est_reporter").execute();
  await sql`delete from membership where role = 'reporter'`.execute(db);
  await sql`alter table membership drop constraint membership_role_check`.execute(db);
  await sql`alter table membership add constraint membership_role_check
    check (role in ('admin', 'analyst', 'editor', 'viewer'))`.execute(db);
}
