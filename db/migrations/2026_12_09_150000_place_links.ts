import { type Kysely } from "kysely";

// Places linked to what happens there (docs/domain/places.md, "What happens in a zone"): a dialogue meeting or
// walk, each finding of a walk (findings are rows of their own, so each names its own zone), a promise within a
// promise document, and a measure of an åtgärdsplan may each name one zone of their kommun. The link is optional
// and zone-level only: no point is stored. Deleting a zone clears the links (on delete set null); the app never
// deletes zones (an import replaces by code, keeping the id).
//
// That the zone is the row's own kommun's is checked by the app, with a message per field (HTTP 422): the rows
// reach their kommun through their parents (a promise through its focus area and document), so a foreign key
// cannot say it.
//
// A published promise document stays immutable: its promises' zone_id is frozen with every other column by the
// published-document guard (migration 2026_11_23_191000). The guard also refuses the "set null" of a zone
// deletion on such a promise, so a zone named by a published promise cannot be deleted without an operator's
// deliberate override; that is the document's immutability winning, on purpose.
const TABLES = ["meeting", "walk_finding", "promise", "plan_measure"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) {
    await db.schema
      .alterTable(t)
      .addColumn("zone_id", "integer", (c) => c.references("zone.id").onDelete("set null"))
      .execute();
    // The per-zone lists of the places page, and the set-null of a zone deletion, look rows up by zone.
    await db.schema.createIndex(`${t}_zone_idx`).on(t).column("zone_id").where("zone_id", "is not", null).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [...TABLES].reverse()) {
    await db.schema.dropIndex(`${t}_zone_idx`).execute();
    await db.schema.alterTable(t).dropColumn("zone_id").execute();
  }
}
