/**
 * The history log of a promise document (promise_revision) and the helpers every workflow step shares: recording an
 * entry, reading the last snapshot, withdrawing standing approvals, comparing snapshots. Internal to the feature: not
 * on its faces.
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import type { DocumentSnapshot } from "./domain/diff";

export type Tx = Database;

export async function record(
  trx: Tx,
  documentId: number,
  kind: "created" | "edit" | "status" | "approval" | "withdrawal" | "revision",
  accountId: number | null,
  summary: string,
  snapshot?: DocumentSnapshot,
) {
  await trx
    .insertInto("promise_revision")
    .values({
      document_id: documentId,
      kind,
      account_id: accountId,
      summary,
      snapshot: snapshot ? JSON.stringify(snapshot) : null,
    })
    .execute();
}

export async function lastSnapshot(trx: Tx, documentId: number): Promise<string | null> {
  const row = await trx
    .selectFrom("promise_revision")
    .select("snapshot")
    .where("document_id", "=", documentId)
    .where("snapshot", "is not", null)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? JSON.stringify(row.snapshot) : null;
}

/** Withdraws every standing approval of the document; returns how many there were. */
export async function withdrawApprovals(
  trx: Tx,
  documentId: number,
  accountId: number | null,
  why: string,
): Promise<number> {
  const withdrawn = await trx
    .updateTable("promise_approval")
    .set({ withdrawn_at: new Date() })
    .where("document_id", "=", documentId)
    .where("withdrawn_at", "is", null)
    .returning("side")
    .execute();
  if (withdrawn.length)
    await record(
      trx,
      documentId,
      "withdrawal",
      accountId,
      `Godkännanden återkallade (${withdrawn.map((w) => w.side).join(", ")}): ${why}`,
    );
  return withdrawn.length;
}

export async function jsonEqual(trx: Tx, a: string, b: string): Promise<boolean> {
  const r = await sql<{ same: boolean }>`select ${a}::jsonb = ${b}::jsonb as same`.execute(trx);
  return r.rows[0]!.same;
}
