import type { Kysely } from "kysely";
import type { DB } from "../schema";
import { createPromiseDocument } from "../../app/features/promises/documents.server";
import { SEED_DOCUMENTS } from "./promise-documents";

/** The five real documents as published documents of their periods, every promise as structured data. */
export async function seedPromiseDocuments({ db }: { db: Kysely<DB> }) {
  let created = 0;
  for (const doc of SEED_DOCUMENTS) {
    const kommun = await db.selectFrom("organisation").select("id").where("slug", "=", doc.kommun).executeTakeFirst();
    if (!kommun) continue;
    const exists = await db
      .selectFrom("promise_document")
      .select("id")
      .where("kommun_id", "=", kommun.id)
      .where("period_label", "=", doc.periodLabel)
      .executeTakeFirst();
    if (exists) continue;
    const lpo = doc.lpo
      ? await db.selectFrom("organisation").select("id").where("slug", "=", doc.lpo).executeTakeFirst()
      : null;
    await createPromiseDocument({
      db,
      input: {
        kommunId: kommun.id,
        lpoId: lpo?.id ?? null,
        periodLabel: doc.periodLabel,
        periodStart: doc.periodStart,
        periodEnd: doc.periodEnd,
        title: doc.title,
        lead: doc.lead,
        sections: doc.sections,
        followUpText: doc.followUpText,
        followUpDue: doc.followUpDue,
        status: "publicerat",
        publishedAt: new Date(`${doc.periodStart}T12:00:00Z`),
        focusAreas: doc.focusAreas.map((f) => ({
          title: f.title,
          themes: f.themes,
          background: f.background,
          lead: f.lead,
          promises: f.promises.map((p) => ({ ...p, partners: p.partners ?? [] })),
        })),
      },
    });
    created++;
  }
  return created;
}
