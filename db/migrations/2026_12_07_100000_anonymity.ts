import { sql, type Kysely } from "kysely";

// Anonymity that survives a dump (docs/privacy.md):
// - the daily salt leaves the database: address keys are derived from a secret in the environment and the date;
// - a rate counter holds an opaque key (the minute is inside the keyed hash), its count and its day, no time;
// - a used one-time code is deleted in the answer's transaction instead of being flagged, so no visible row carries
//   that transaction's id; how many codes were made is kept per survey in `access_code_tally`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("daily_salt").execute();

  // Counters live for a day at most; the old ones (keyed by the stored salt) are useless after the change anyway.
  await db.schema.dropTable("rate_counter").execute();
  await db.schema
    .createTable("rate_counter")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("access_code_tally")
    .addColumn("survey_id", "integer", (c) => c.primaryKey().references("survey.id").onDelete("cascade"))
    .addColumn("issued", "integer", (c) => c.notNull())
    .execute();
  await sql`insert into access_code_tally (survey_id, issued) select survey_id, count(*)::int from access_code group by survey_id`.execute(
    db,
  );
  await sql`delete from access_code where used`.execute(db);
  await db.schema.alterTable("access_code").dropColumn("used").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // The shapes come back; the codes used meanwhile do not (only their absence recorded that they were used).
  await db.schema
    .alterTable("access_code")
    .addColumn("used", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.dropTable("access_code_tally").execute();
  await db.schema.dropTable("rate_counter").execute();
  await db.schema
    .createTable("rate_counter")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("rate_counter_pk", ["key", "window_start"])
    .execute();
  await db.schema
    .createTable("daily_salt")
    .addColumn("day", "date", (c) => c.primaryKey())
    .addColumn("salt", "text", (c) => c.notNull())
    .execute();
}
