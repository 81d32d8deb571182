/**
 * Publishing a fastställt promise document: fastställt → publicerat, with the rule of one document in force per period
 * (docs/decisions/012-one-document-in-force.md).
 */
import { Conflict, NotFound } from "~/platform/errors.server";
import { record } from "./revision-log.server";
import { inTransition } from "./workflow.server";
import type { DocumentScope } from "./document-scope.server";
import { queuePublishedMails } from "./subscriptions.server";
import { publicOrigin } from "~/platform/env.server";

/** A published document of the kommun in force for a period overlapping the given one. */
export interface DocumentInForce {
  id: number;
  title: string;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  version: number;
}

/**
 * The documents in force that publishing this one would leave beside it (docs/decisions/012-one-document-in-force.md):
 * published documents of the kommun whose period overlaps its own, that nothing has superseded, other than the one it
 * already supersedes (a revision). Publishing is allowed only when this is empty or names the one it replaces.
 */
export async function documentsInForceBeside({ db, kommunId, documentId }: DocumentScope): Promise<DocumentInForce[]> {
  const doc = await db
    .selectFrom("promise_document")
    .select(["id", "kommun_id", "period_start", "period_end", "supersedes_id"])
    .where("id", "=", documentId)
    .executeTakeFirst();
  if (!doc || doc.kommun_id !== kommunId) throw new NotFound("problem.documentNotFound");
  const rows = await db
    .selectFrom("promise_document as o")
    .select([
      "o.id",
      "o.title",
      "o.period_label as periodLabel",
      "o.period_start as periodStart",
      "o.period_end as periodEnd",
      "o.version",
    ])
    .where("o.kommun_id", "=", kommunId)
    .where("o.id", "<>", documentId)
    .where("o.status", "=", "publicerat")
    .where("o.period_start", "<=", doc.period_end)
    .where("o.period_end", ">=", doc.period_start)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("promise_document as s")
            .select("s.id")
            .whereRef("s.supersedes_id", "=", "o.id")
            .where("s.status", "=", "publicerat")
            .where("s.id", "<>", documentId),
        ),
      ),
    )
    .orderBy("o.period_start")
    .orderBy("o.id")
    .execute();
  return rows.filter((r) => r.id !== doc.supersedes_id);
}

/** Publishing would put two documents in force for one period: the editors must say it replaces the one in force. */
export class ReplaceNeeded extends Conflict {
  constructor(readonly inForce: DocumentInForce) {
    super("loften.error.replaceNeeded", {
      title: inForce.title,
      period: inForce.periodLabel,
      version: inForce.version,
    });
  }
}

/** The database refused a second document in force for a period (SQLSTATE 23P01 from its trigger). */
const isInForceClash = (err: unknown) =>
  typeof err === "object" && err !== null && (err as { code?: unknown }).code === "23P01";

/**
 * fastställt → publicerat: the version is public and frozen from now on. When another document is in force for an
 * overlapping period, `replace` must name it: the new one then supersedes it (as a revision would), the old one stays
 * readable as history. Without it (or naming another), ReplaceNeeded; with more than one in force, a Conflict.
 */
export async function publish({
  db,
  kommunId,
  documentId,
  accountId,
  replace,
}: DocumentScope & {
  accountId: number;
  replace?: number | null;
}) {
  try {
    await inTransition({ db, kommunId, documentId }, "publish", "loften.error.publishNotSigned", async (trx, doc) => {
      // Same lock as the database's trigger takes, so that two publishes for one kommun see each other here already.
      await trx.selectFrom("organisation").select("id").where("id", "=", kommunId).forNoKeyUpdate().execute();
      const beside = await documentsInForceBeside({ db: trx, kommunId, documentId });
      if (beside.length > 1)
        throw new Conflict("loften.error.periodOverlaps", {
          count: beside.length,
          periods: beside.map((b) => b.periodLabel).join(", "),
        });
      const old = beside[0];
      if (old && old.id !== replace) throw new ReplaceNeeded(old);
      await trx
        .updateTable("promise_document")
        .set({
          status: "publicerat",
          published_at: new Date(),
          updated_at: new Date(),
          ...(old ? { supersedes_id: old.id, version: Math.max(doc.version, old.version + 1) } : {}),
        })
        .where("id", "=", documentId)
        .execute();
      await record(
        trx,
        documentId,
        "status",
        accountId,
        old
          ? `Fastställt → publicerat, ersätter "${old.title}" (${old.periodLabel}, version ${old.version})`
          : "Fastställt → publicerat",
      );
      // Subscribers hear of it once, in the same transaction: the mails exist exactly when the publication does.
      await queuePublishedMails({ db: trx, documentId, origin: publicOrigin() });
    });
  } catch (err) {
    if (isInForceClash(err)) throw new Conflict("loften.error.publishedMeanwhile");
    throw err;
  }
}
