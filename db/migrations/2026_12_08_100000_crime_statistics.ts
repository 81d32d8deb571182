import { sql, type Kysely } from "kysely";

// Reported crime as a source for the lägesbild (docs/domain/crime-statistics.md): a kommun's figures per year and
// crime category (and per area of the kommun where the police give one), with the population for rates per
// 100,000, and the reference series the kommun compares itself with (the county, "län", and the country, "riket"),
// all imported by the kommun from a CSV file. Public statistics, no personal data: the import record names the
// staff account that imported, the file name and the row counts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("crime_import")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("imported_by", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("imported_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("file_name", "text", (c) => c.notNull().defaultTo(""))
    // "stored": every row was accepted and stored; "rejected": a row had a problem and nothing was stored.
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('stored', 'rejected')`))
    .addColumn("rows_accepted", "integer", (c) => c.notNull().check(sql`rows_accepted >= 0`))
    .addColumn("rows_rejected", "integer", (c) => c.notNull().check(sql`rows_rejected >= 0`))
    .addColumn("from_year", "integer")
    .addColumn("to_year", "integer")
    .execute();
  await db.schema.createIndex("crime_import_kommun_idx").on("crime_import").columns(["kommun_id", "id"]).execute();

  await db.schema
    .createTable("crime_figure")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull())
    // kommun: the whole kommun; area: a part of it (area names it); lan, riket: reference series (area names it).
    .addColumn("level", "text", (c) => c.notNull().check(sql`level in ('kommun', 'area', 'lan', 'riket')`))
    .addColumn("area", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.check(sql`count >= 0`))
    .addColumn("population", "integer", (c) => c.check(sql`population > 0`))
    // Per 100,000 residents, as given for a reference series that comes as a rate only.
    .addColumn("rate", "double precision", (c) => c.check(sql`rate >= 0`))
    // Invented figures for the demo ("Påhittade demosiffror"): every page and figure built on them says so.
    .addColumn("demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("import_id", "integer", (c) => c.references("crime_import.id").onDelete("set null"))
    .addUniqueConstraint("crime_figure_key", ["kommun_id", "year", "level", "area", "category"])
    .addCheckConstraint("crime_figure_own_count", sql`level not in ('kommun', 'area') or count is not null`)
    .addCheckConstraint(
      "crime_figure_reference_rate",
      sql`level not in ('lan', 'riket') or rate is not null or (count is not null and population is not null)`,
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("crime_figure").execute();
  await db.schema.dropTable("crime_import").execute();
}
