import { sql, type Kysely } from "kysely";

// The theme of a kommun's own EST category (docs/domain/est.md, "EST in the theme ranking"): the standard theme of
// the taxonomy (docs/domain/themes.md) the coordinator says the category informs, so that its reports count in the
// theme ranking. Null: the category informs no theme and stays out of the ranking. The standard categories' themes
// live in code. The key is checked against the taxonomy by the app (which may grow); here only its form.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("est_category")
    .addColumn("theme", "text", (c) => c.check(sql`theme ~ '^[a-z0-9_]{1,40}$'`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("est_category").dropColumn("theme").execute();
}
