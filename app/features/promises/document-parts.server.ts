import type { Database } from "~/platform/db.server";

/**
 * A document's focus areas and their promises, each in document order (position, then id): what the document's
 * page and its history snapshots are both built from. Each promise carries its zone's name (`zone_name`, null
 * without a zone).
 */
export async function documentParts(db: Database, documentId: number) {
  const areas = await db
    .selectFrom("focus_area")
    .selectAll()
    .where("document_id", "=", documentId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  const promises = areas.length
    ? await db
        .selectFrom("promise as p")
        .leftJoin("zone as z", "z.id", "p.zone_id")
        .selectAll("p")
        .select("z.name as zone_name")
        .where(
          "p.focus_area_id",
          "in",
          areas.map((a) => a.id),
        )
        .orderBy("p.position")
        .orderBy("p.id")
        .execute()
    : [];
  return { areas, promises };
}
