import { sql, type Kysely } from "kysely";

// Staff-survey invitations, dialogue meetings with the themes raised, and the places found on a trygghetsvandring.
export async function up(db: Kysely<any>): Promise<void> {
  // Single-use invitation links. Deliberately no id, no timestamp and nothing shared with `response` but the
  // survey: the key is the hash of the token in the link, and redeeming rewrites every row of the survey in one
  // statement, so neither the rows' physical order nor their xmin tells which link was used last (docs/sources.md).
  await db.schema
    .createTable("invitation")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("used", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("revoked", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex("invitation_survey_idx").on("invitation").column("survey_id").execute();

  await db.schema
    .createTable("meeting")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('medborgardialog', 'bra_mote', 'trygghetsvandring', 'samverkansmote', 'skolbesok', 'other')`,
        ),
    )
    .addColumn("held_on", "date", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    // Counts by category ({"residents": 12, "police": 2}); never names.
    .addColumn("participants", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("meeting_kommun_idx").on("meeting").columns(["kommun_id", "held_on"]).execute();

  await db.schema
    .createTable("meeting_theme")
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("theme", "text", (c) => c.notNull())
    .addColumn("raised_by", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`raised_by >= 0`),
    )
    .addColumn("votes", "integer", (c) => c.check(sql`votes >= 0`))
    .addPrimaryKeyConstraint("meeting_theme_pk", ["meeting_id", "theme"])
    .execute();

  await db.schema
    .createTable("walk_finding")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("problems", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("proposed_fix", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(sql`status in ('open', 'fixed', 'wont_fix')`),
    )
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("walk_finding_meeting_idx").on("walk_finding").column("meeting_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["walk_finding", "meeting_theme", "meeting", "invitation"]) await db.schema.dropTable(t).execute();
}
