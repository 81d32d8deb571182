/** "Revidera": a published promise document gets a new draft version. */
import { record } from "./revision-log.server";
import { inTransition, snapshotOf } from "./workflow.server";
import type { DocumentScope } from "./document-scope.server";

/**
 * "Revidera": copies a published document into a new draft version (version + 1, supersedes_id = the published
 * one), focus areas, promises (each linked to its original, so follow-up carries over), figure links and outcome
 * indicators included. The published version stays in force until the new one is published. One open revision per
 * document: a second call returns the existing draft.
 */
export async function revise({
  db,
  kommunId,
  documentId,
  accountId,
}: DocumentScope & {
  accountId: number;
}): Promise<number> {
  return inTransition({ db, kommunId, documentId }, "revise", "loften.error.reviseNotPublished", async (trx, doc) => {
    const open = await trx
      .selectFrom("promise_document")
      .select("id")
      .where("supersedes_id", "=", documentId)
      .executeTakeFirst();
    if (open) return open.id;
    const newest = await trx
      .selectFrom("promise_document")
      .select((eb) => eb.fn.max("version").as("v"))
      .where("kommun_id", "=", kommunId)
      .where("period_label", "=", doc.period_label)
      .executeTakeFirst();
    const copy = await trx
      .insertInto("promise_document")
      .values({
        kommun_id: doc.kommun_id,
        lpo_id: doc.lpo_id,
        period_label: doc.period_label,
        period_start: doc.period_start,
        period_end: doc.period_end,
        title: doc.title,
        lead: doc.lead,
        status: "utkast",
        version: Math.max(Number(newest?.v ?? doc.version), doc.version) + 1,
        supersedes_id: doc.id,
        sections: JSON.stringify(doc.sections ?? {}),
        follow_up_text: doc.follow_up_text,
        follow_up_due: doc.follow_up_due,
      })
      .returning(["id", "version"])
      .executeTakeFirstOrThrow();
    const areas = await trx
      .selectFrom("focus_area")
      .selectAll()
      .where("document_id", "=", documentId)
      .orderBy("position")
      .execute();
    for (const a of areas) {
      const fa = await trx
        .insertInto("focus_area")
        .values({
          document_id: copy.id,
          position: a.position,
          title: a.title,
          themes: a.themes,
          background: a.background,
          lead: a.lead,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const ps = await trx
        .selectFrom("promise")
        .selectAll()
        .where("focus_area_id", "=", a.id)
        .orderBy("position")
        .execute();
      if (ps.length)
        await trx
          .insertInto("promise")
          .values(
            ps.map((p) => ({
              focus_area_id: fa.id,
              position: p.position,
              responsible: JSON.stringify(p.responsible),
              partners: p.partners,
              activity_type: p.activity_type,
              activity_text: p.activity_text,
              places: p.places,
              target: JSON.stringify(p.target),
              description: p.description,
              original_text: p.original_text,
              revised_from_id: p.id,
              zone_id: p.zone_id,
            })),
          )
          .execute();
      // Outcome indicators measure the focus area across versions: copy them with their stored baseline.
      const indicators = await trx
        .selectFrom("outcome_indicator")
        .selectAll()
        .where("focus_area_id", "=", a.id)
        .orderBy("id")
        .execute();
      if (indicators.length)
        await trx
          .insertInto("outcome_indicator")
          .values(indicators.map(({ id: _id, created_at: _at, ...i }) => ({ ...i, focus_area_id: fa.id })))
          .execute();
      const links = await trx
        .selectFrom("figure_link")
        .selectAll()
        .where("focus_area_id", "=", a.id)
        .orderBy("position")
        .execute();
      if (links.length)
        await trx
          .insertInto("figure_link")
          .values(
            links.map((l) => ({
              focus_area_id: fa.id,
              position: l.position,
              source: l.source,
              label: l.label,
              href: l.href,
            })),
          )
          .execute();
    }
    await record(trx, documentId, "revision", accountId, `Revidering påbörjad: version ${copy.version}`);
    await record(
      trx,
      copy.id,
      "created",
      accountId,
      `Version ${copy.version}, revidering av version ${doc.version}`,
      await snapshotOf(trx, copy.id),
    );
    return copy.id;
  });
}
