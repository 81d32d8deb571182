/**
 * Review of a promise document: utkast → granskning and back, and the approvals of the two sides. A document becomes
 * fastställt when it holds a standing approval from a `polis` editor and one from a `kommun` editor. The caller states
 * the side; the route derives it from the editor's own memberships (admin has none).
 */
import type { PromiseStatus, Side } from "../../../db/schema";
import type { Database } from "~/platform/db.server";
import { Conflict, Invalid, fieldError } from "~/platform/errors.server";
import { fullySigned } from "./domain/workflow";
import { SIDES } from "~/features/accounts/index";
import { record, withdrawApprovals, type Tx } from "./revision-log.server";
import { inTransition, type TransitionTarget } from "./workflow.server";

/** Standing approvals of a document, with who gave them. */
export async function listApprovals({ db, documentId }: { db: Database; documentId: number }) {
  return db
    .selectFrom("promise_approval as a")
    .leftJoin("account as u", "u.id", "a.account_id")
    .select(["a.id", "a.side", "a.created_at as createdAt", "u.display_name as by"])
    .where("a.document_id", "=", documentId)
    .where("a.withdrawn_at", "is", null)
    .orderBy("a.id")
    .execute();
}

/** Sets the document's status and writes the move to its history (every status move of the review goes this way). */
async function moveTo(trx: Tx, documentId: number, status: PromiseStatus, accountId: number, note: string) {
  await trx
    .updateTable("promise_document")
    .set({ status, updated_at: new Date() })
    .where("id", "=", documentId)
    .execute();
  await record(trx, documentId, "status", accountId, note);
}

/** Who takes a review step, on which document of which kommun. */
type Step = TransitionTarget & { accountId: number };

/** utkast → granskning: the draft is put up for both sides to review. */
export async function submitForReview({ accountId, ...target }: Step) {
  await inTransition(target, "submit", "loften.error.submitNotDraft", async (trx) => {
    await moveTo(trx, target.documentId, "granskning", accountId, "Utkast → granskning");
  });
}

/** granskning or fastställt → utkast: back to drafting; standing approvals are withdrawn. */
export async function returnToDraft({ accountId, ...target }: Step) {
  const { documentId } = target;
  await inTransition(target, "toDraft", "loften.error.notInReview", async (trx, doc) => {
    await withdrawApprovals(trx, documentId, accountId, "tillbaka till utkast");
    await moveTo(
      trx,
      documentId,
      "utkast",
      accountId,
      `${doc.status === "faststallt" ? "Fastställt" : "Granskning"} → utkast`,
    );
  });
}

/**
 * An editor approves the document under review for their side. With standing approvals from both sides the
 * document is fastställt. Returns the status after.
 */
export async function approve({ accountId, side, ...target }: Step & { side: Side }) {
  const { documentId } = target;
  if (!SIDES.includes(side)) throw new Invalid([fieldError("side", "loften.error.side")]);
  return inTransition(target, "approve", "loften.error.approveNotInReview", async (trx) => {
    const standing = await trx
      .selectFrom("promise_approval")
      .select(["side", "account_id"])
      .where("document_id", "=", documentId)
      .where("withdrawn_at", "is", null)
      .execute();
    if (standing.some((s) => s.side === side))
      throw new Conflict(side === "polis" ? "loften.error.alreadyApprovedPolis" : "loften.error.alreadyApprovedKommun");
    // Two organisations sign: one person holding both sides cannot stand for both.
    if (standing.some((s) => s.account_id === accountId)) throw new Conflict("loften.error.samePersonBothSides");
    await trx.insertInto("promise_approval").values({ document_id: documentId, side, account_id: accountId }).execute();
    await record(trx, documentId, "approval", accountId, `Godkänt för ${side === "polis" ? "polisen" : "kommunen"}`);
    const sides = new Set([...standing.map((s) => s.side), side]);
    if (fullySigned(sides)) {
      await moveTo(
        trx,
        documentId,
        "faststallt",
        accountId,
        "Granskning → fastställt (godkänt av polisen och kommunen)",
      );
      return "faststallt" as const;
    }
    return "granskning" as const;
  });
}

/** An editor takes back their own side's approval (the document goes back to granskning if it was fastställt). */
export async function withdrawApproval({ accountId, side, ...target }: Step & { side: Side }) {
  const { documentId } = target;
  await inTransition(target, "withdrawApproval", "loften.error.noApprovals", async (trx, doc) => {
    const n = await trx
      .updateTable("promise_approval")
      .set({ withdrawn_at: new Date() })
      .where("document_id", "=", documentId)
      .where("side", "=", side)
      .where("withdrawn_at", "is", null)
      .executeTakeFirst();
    if (!Number(n.numUpdatedRows)) throw new Conflict("loften.error.noOwnApproval");
    await record(
      trx,
      documentId,
      "withdrawal",
      accountId,
      `Godkännandet för ${side === "polis" ? "polisen" : "kommunen"} togs tillbaka`,
    );
    if (doc.status === "faststallt") {
      await moveTo(trx, documentId, "granskning", accountId, "Fastställt → granskning");
    }
  });
}
