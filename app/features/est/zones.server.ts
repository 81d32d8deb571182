/**
 * The kommun's zones as EST reads them: id, code and name. The zone table belongs to places; EST only reads its
 * rows, here in one place, and never its geometry.
 */
import type { Database } from "~/platform/db.server";

export interface EstZone {
  id: number;
  code: string;
  name: string;
}

/** The kommun's zones, by name. */
export function kommunZones({ db, kommunId }: { db: Database; kommunId: number }): Promise<EstZone[]> {
  return db
    .selectFrom("zone")
    .select(["id", "code", "name"])
    .where("kommun_id", "=", kommunId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}
