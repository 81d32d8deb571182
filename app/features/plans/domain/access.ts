/**
 * Who may do what with the law's documents. The lägesbild, the prioritised problems and the process checklist are
 * joint parts: the police side reads them. The åtgärdsplan is the kommun's own decided document. Only the kommun's
 * side writes any of them: its analysts and its editors of side `kommun` (and an admin); the police side (an editor
 * of side `polis`, or a role held on an LPO or polisregion) and viewers read.
 */
import type { Role, Side } from "../../../../db/schema";

export interface PlanGrant {
  organisationId: number;
  role: Role;
  side?: Side | null;
}

export interface PlanAccess {
  read: boolean;
  write: boolean;
}

/** The access that the memberships applying to a kommun (held on it or on an ancestor) give to its plans. */
export function planAccessOf(grants: readonly PlanGrant[], kommunId: number): PlanAccess {
  const write = grants.some(
    (g) =>
      g.role === "admin" ||
      (g.role === "analyst" && g.organisationId === kommunId) ||
      (g.role === "editor" && g.side === "kommun"),
  );
  // A reporter (EST weekly reports only, docs/domain/est.md) reads nothing of the plans.
  return { read: write || grants.some((g) => g.role !== "reporter"), write };
}
