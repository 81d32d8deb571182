import { sql, type Kysely } from "kysely";

// Zones (docs/domain/places.md): a kommun's areas as polygons, from Statistics Sweden's DeSO or RegSO boundaries
// or drawn by the kommun itself. Places in surveys, walks and EST weekly reports are counted per zone; public maps
// only ever show zone aggregates. The geometry is GeoJSON (WGS84 longitude/latitude), validated and simplified on
// import; the demo zones are rough drawings, marked as demo data.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("zone")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("kommun_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    // The zone's code: a DeSO/RegSO code (e.g. 2514A0010) or the kommun's own short code.
    .addColumn("code", "text", (c) => c.notNull().check(sql`length(code) between 1 and 40`))
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(name) between 1 and 120`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('deso', 'regso', 'own')`))
    // A GeoJSON Polygon or MultiPolygon geometry object.
    .addColumn("geometry", "jsonb", (c) => c.notNull())
    .addColumn("demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("zone_kommun_code_key", ["kommun_id", "code"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("zone").execute();
}
