/**
 * The promise document's state machine, as rules that the model (workflow.server.ts, review.server.ts,
 * publishing.server.ts, revising.server.ts), the loaders and the editor's buttons share: utkast → granskning →
 * fastställt → publicerat, and "revidera" from a published document to a new draft version (docs/roles.md;
 * docs/decisions/006-promise-sign-off-and-history.md).
 *
 * Pure: the model still checks the status under a row lock, the database still refuses changes to a published
 * document; these rules say what may be asked for, so that a button is shown exactly when its request can succeed.
 */
import type { PromiseStatus, Side } from "../../../../db/schema";
import { allows, SIDES, type Permission, type Permissions } from "~/features/accounts/index";

export const DOCUMENT_STATUSES: readonly PromiseStatus[] = ["utkast", "granskning", "faststallt", "publicerat"];

/** The moves a document's workflow offers (the editor's intents of the same names). */
export type Transition = "submit" | "toDraft" | "approve" | "withdrawApproval" | "publish" | "revise";

/** Each move: the statuses it starts from and the permission it takes. */
export const TRANSITIONS: Readonly<Record<Transition, { from: readonly PromiseStatus[]; permission: Permission }>> = {
  /** The draft is put up for both sides to review. */
  submit: { from: ["utkast"], permission: "promise:edit" },
  /** Back to drafting; standing approvals are withdrawn. */
  toDraft: { from: ["granskning", "faststallt"], permission: "promise:edit" },
  /** An editor approves for their own side; both sides' approvals make it fastställt. */
  approve: { from: ["granskning"], permission: "promise:sign" },
  /** An editor takes back their own side's approval (fastställt goes back to granskning). */
  withdrawApproval: { from: ["granskning", "faststallt"], permission: "promise:sign" },
  /** Public and frozen from now on. */
  publish: { from: ["faststallt"], permission: "promise:edit" },
  /** A new draft version of a published document. */
  revise: { from: ["publicerat"], permission: "promise:edit" },
};

/** A document is fastställt with a standing approval from each side. */
export const fullySigned = (approved: Iterable<Side>) => {
  const have = new Set(approved);
  return SIDES.every((s) => have.has(s));
};

export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as Transition[];

/** True when a document in `status` offers `transition` (to anyone). */
export const offers = (status: PromiseStatus, transition: Transition) => TRANSITIONS[transition].from.includes(status);

/** A document's content (text, focus areas, promises) can change until it is published; then only a revision can. */
export const contentEditable = (status: PromiseStatus) => status !== "publicerat";

/** Follow-up is logged against published promises only. */
export const followUpOpen = (status: PromiseStatus) => status === "publicerat";

/** True when the user may edit the document's content now. */
export const mayEditContent = (p: Permissions, status: PromiseStatus) =>
  allows(p, "promise:edit") && contentEditable(status);

/**
 * True when the user may take `transition` on a document in `status`. For approving and withdrawing, `side` is the
 * side signed for; without it, any of the user's sides will do.
 */
export function mayTake(p: Permissions, status: PromiseStatus, transition: Transition, side?: Side): boolean {
  return offers(status, transition) && allows(p, TRANSITIONS[transition].permission, side);
}

/**
 * The side an approval or withdrawal is for: the one asked for, or the user's only side. Undefined when the user
 * signs for no side, or for several and did not say which (an admin signs for none).
 */
export function signingSide(p: Permissions, asked?: Side): Side | undefined {
  const side = asked ?? (p.sides.length === 1 ? p.sides[0] : undefined);
  return side && p.sides.includes(side) ? side : undefined;
}

/** What the editor's page offers this user on this document: one flag or list of sides per button. */
export interface DocumentActions {
  editContent: boolean;
  comment: boolean;
  submit: boolean;
  toDraft: boolean;
  publish: boolean;
  revise: boolean;
  /** Sides the user may approve for now (theirs, not yet approved). */
  approve: Side[];
  /** Sides whose standing approval the user may withdraw (theirs, approved). */
  withdraw: Side[];
  /** The user edits the document but signs for no side (an admin): said beside the approvals. */
  editsWithoutSide: boolean;
}

export function documentActions(
  p: Permissions,
  doc: { status: PromiseStatus; approvedSides: readonly Side[]; superseded: boolean },
): DocumentActions {
  const { status, approvedSides } = doc;
  const approved = new Set(approvedSides);
  return {
    editContent: mayEditContent(p, status),
    comment: allows(p, "promise:comment"),
    submit: mayTake(p, status, "submit"),
    toDraft: mayTake(p, status, "toDraft"),
    publish: mayTake(p, status, "publish"),
    // A document already superseded by a newer version is revised through that one.
    revise: mayTake(p, status, "revise") && !doc.superseded,
    approve: offers(status, "approve") ? p.sides.filter((s) => !approved.has(s) && allows(p, "promise:sign", s)) : [],
    withdraw: offers(status, "withdrawApproval")
      ? p.sides.filter((s) => approved.has(s) && allows(p, "promise:sign", s))
      : [],
    editsWithoutSide: allows(p, "promise:edit") && p.sides.length === 0,
  };
}

/** True when the user may log follow-up on a document in `status`. */
export const mayLogFollowUp = (p: Permissions, status: PromiseStatus) =>
  allows(p, "followup:log") && followUpOpen(status);

/** True when the user may change or delete a follow-up entry: their own, or anyone's with "followup:manage". */
export const mayChangeFollowUpEntry = (p: Permissions, entry: { own: boolean }) =>
  allows(p, "followup:manage") || (entry.own && allows(p, "followup:log"));
