import { describe, expect, it } from "vitest";
import type { PromiseStatus, Role, Side } from "../../../../db/schema";
import { permissionsOf } from "~/features/accounts/index";
import {
  documentActions,
  DOCUMENT_STATUSES,
  mayChangeFollowUpEntry,
  mayLogFollowUp,
  mayTake,
  signingSide,
  TRANSITION_NAMES,
  type Transition,
} from "./workflow";

// The table of docs/roles.md, written out by hand: for each user, status → the moves they may take there.
// "approve:polis" means approving for side polis. A document here holds no approval yet unless the test says so.
const who: Record<string, { role: Role; side?: Side }[]> = {
  viewer: [{ role: "viewer" }],
  analyst: [{ role: "analyst" }],
  "editor polis": [{ role: "editor", side: "polis" }],
  "editor kommun": [{ role: "editor", side: "kommun" }],
  admin: [{ role: "admin" }],
};
const editorMoves = (side: Side): Record<PromiseStatus, string[]> => ({
  utkast: ["edit", "comment", "submit"],
  granskning: ["edit", "comment", "toDraft", `approve:${side}`, `withdrawApproval:${side}`],
  faststallt: ["edit", "comment", "toDraft", "publish", `withdrawApproval:${side}`],
  publicerat: ["comment", "revise"],
});
const expected: Record<string, Record<PromiseStatus, string[]>> = {
  viewer: { utkast: [], granskning: [], faststallt: [], publicerat: [] },
  analyst: { utkast: ["comment"], granskning: ["comment"], faststallt: ["comment"], publicerat: ["comment"] },
  "editor polis": editorMoves("polis"),
  "editor kommun": editorMoves("kommun"),
  admin: {
    utkast: ["edit", "comment", "submit"],
    granskning: ["edit", "comment", "toDraft"],
    faststallt: ["edit", "comment", "toDraft", "publish"],
    publicerat: ["comment", "revise"],
  },
};

/** Everything the rules allow one user on a document in one status, in the notation of the table above. */
function allowed(grants: { role: Role; side?: Side }[], status: PromiseStatus): string[] {
  const p = permissionsOf(grants);
  const out: string[] = [];
  const a = documentActions(p, { status, approvedSides: [], superseded: false });
  if (a.editContent) out.push("edit");
  if (a.comment) out.push("comment");
  for (const t of TRANSITION_NAMES as Transition[]) {
    if (t === "approve" || t === "withdrawApproval") {
      for (const side of ["polis", "kommun"] as const) if (mayTake(p, status, t, side)) out.push(`${t}:${side}`);
    } else if (mayTake(p, status, t)) out.push(t);
  }
  return out;
}

describe("the promise document's workflow rules (every role × status × action)", () => {
  for (const [name, grants] of Object.entries(who))
    for (const status of DOCUMENT_STATUSES)
      it(`${name} on a document in ${status}`, () => {
        expect(allowed(grants, status).sort()).toEqual([...expected[name]![status]].sort());
      });

  it("offers approving only for the user's sides not yet approved, and withdrawing only those approved", () => {
    const both = permissionsOf([
      { role: "editor", side: "polis" },
      { role: "editor", side: "kommun" },
    ]);
    expect(documentActions(both, { status: "granskning", approvedSides: ["polis"], superseded: false })).toMatchObject({
      approve: ["kommun"],
      withdraw: ["polis"],
    });
    expect(
      documentActions(both, { status: "faststallt", approvedSides: ["polis", "kommun"], superseded: false }),
    ).toMatchObject({ approve: [], withdraw: ["polis", "kommun"] });
    expect(documentActions(both, { status: "utkast", approvedSides: [], superseded: false })).toMatchObject({
      approve: [],
      withdraw: [],
    });
  });

  it("revises a published document only while nothing supersedes it", () => {
    const p = permissionsOf([{ role: "editor", side: "kommun" }]);
    expect(documentActions(p, { status: "publicerat", approvedSides: [], superseded: true }).revise).toBe(false);
    expect(documentActions(p, { status: "publicerat", approvedSides: [], superseded: false }).revise).toBe(true);
  });

  it("says when someone edits but signs for no side (an admin)", () => {
    expect(
      documentActions(permissionsOf([{ role: "admin" }]), {
        status: "granskning",
        approvedSides: [],
        superseded: false,
      }).editsWithoutSide,
    ).toBe(true);
    expect(
      documentActions(permissionsOf([{ role: "editor", side: "polis" }]), {
        status: "granskning",
        approvedSides: [],
        superseded: false,
      }).editsWithoutSide,
    ).toBe(false);
  });

  it("signs for the side asked, or the user's only side; never for a side the user does not hold", () => {
    expect(signingSide(permissionsOf([{ role: "editor", side: "polis" }]))).toBe("polis");
    expect(signingSide(permissionsOf([{ role: "editor", side: "polis" }]), "kommun")).toBeUndefined();
    expect(
      signingSide(
        permissionsOf([
          { role: "editor", side: "polis" },
          { role: "editor", side: "kommun" },
        ]),
      ),
    ).toBeUndefined();
    expect(
      signingSide(
        permissionsOf([
          { role: "editor", side: "polis" },
          { role: "editor", side: "kommun" },
        ]),
        "kommun",
      ),
    ).toBe("kommun");
    expect(signingSide(permissionsOf([{ role: "admin" }]), "polis")).toBeUndefined();
    // An editor membership without a side signs for nothing.
    expect(signingSide(permissionsOf([{ role: "editor" }]))).toBeUndefined();
  });

  it("lets editors and admins log follow-up on published documents only; entries change by their author or an admin", () => {
    for (const [name, grants] of Object.entries(who))
      for (const status of DOCUMENT_STATUSES) {
        const p = permissionsOf(grants);
        const logs = (name.startsWith("editor") || name === "admin") && status === "publicerat";
        expect(mayLogFollowUp(p, status), `${name} ${status}`).toBe(logs);
        expect(mayChangeFollowUpEntry(p, { own: true }), name).toBe(name.startsWith("editor") || name === "admin");
        expect(mayChangeFollowUpEntry(p, { own: false }), name).toBe(name === "admin");
      }
  });
});
