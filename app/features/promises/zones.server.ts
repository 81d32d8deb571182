/**
 * The kommun's promises by zone, for the places page (docs/domain/places.md, "What happens in a zone"): the
 * promises of each document that no later version replaces (a revision copies its promises with their zones, so
 * earlier versions would count them twice), drafts included, as staff see them.
 */
import type { Database } from "~/platform/db.server";
import type { PromiseStatus } from "../../../db/schema";
import { citizenPromiseOf } from "./documents.server";
import { renderPromiseSv } from "./domain/wording";

/** A promise at a zone, with its document. */
export interface PromiseAtZone {
  zoneId: number;
  promiseId: number;
  documentId: number;
  documentTitle: string;
  status: PromiseStatus;
  version: number;
  text: string;
}

export async function promisesByZone({ db, kommunId }: { db: Database; kommunId: number }): Promise<PromiseAtZone[]> {
  const rows = await db
    .selectFrom("promise as p")
    .innerJoin("zone as z", (j) => j.onRef("z.id", "=", "p.zone_id").on("z.kommun_id", "=", kommunId))
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .innerJoin("promise_document as d", "d.id", "f.document_id")
    .selectAll("p")
    .select(["z.id as zoneId", "d.id as documentId", "d.title as documentTitle", "d.status", "d.version"])
    .where("d.kommun_id", "=", kommunId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("promise_document as n").select("n.id").whereRef("n.supersedes_id", "=", "d.id"))),
    )
    .orderBy("z.id")
    .orderBy("d.period_start", "desc")
    .orderBy("f.position")
    .orderBy("p.position")
    .orderBy("p.id")
    .execute();
  return rows.map((r) => ({
    zoneId: r.zoneId,
    promiseId: r.id,
    documentId: r.documentId,
    documentTitle: r.documentTitle,
    status: r.status,
    version: r.version,
    text: r.original_text || renderPromiseSv(citizenPromiseOf(r)),
  }));
}
