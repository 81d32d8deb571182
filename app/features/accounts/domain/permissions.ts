/**
 * Who may do what, as named permissions: the one table that loaders, actions, models and components share
 * (docs/roles.md is the same table in prose, and tests/integration/access.test.ts checks it over HTTP).
 *
 * A role grants a fixed set of permissions on the organisation its membership is held on and every kommun below
 * it. Signing a promise document for a side is the one permission bound to more than the role: it needs an editor
 * membership carrying that side, so an admin (who carries no side) may do everything else but never sign.
 */
import type { Role, Side } from "../../../../db/schema";

/** The two sides a promise document is signed for (and an editor membership carries). */
export const SIDES: readonly Side[] = ["polis", "kommun"];

export const PERMISSIONS = [
  /** Read everything of the kommun: surveys, results, meetings, promise documents, follow-up. */
  "kommun:read",
  /** Build, open and close surveys; enter paper and phone answers, import, one-time codes, staff invitations. */
  "survey:manage",
  /** Change what the results rest on: free-text coding, the population for weighting, the ranking's saved weights. */
  "results:analyse",
  /** Create, edit and delete meetings and walks, and their findings. */
  "meeting:write",
  /** Start a promise document from the ranking's themes. */
  "promise:draft",
  /** Comment on a section or a promise of a document. */
  "promise:comment",
  /** Edit a document's text, focus areas and promises, and move it along its workflow (not sign it). */
  "promise:edit",
  /** Approve a document under review, or withdraw the approval, for a side the user is an editor of. */
  "promise:sign",
  /** Log follow-up against a published promise, and change or delete one's own entries. */
  "followup:log",
  /** Change or delete anyone's follow-up entries. */
  "followup:manage",
  /** Tie outcome indicators to the survey items that measure a focus area. */
  "indicator:edit",
  /** Administer the kommun's accounts: see and lift sign-in lock-outs. */
  "account:admin",
  /**
   * Import the kommun's crime statistics (docs/domain/crime-statistics.md): analysts, admins and the kommun's own
   * editors (side "kommun"); the police side reads them like everyone with `kommun:read`.
   */
  "crime:import",
  /** Import the kommun's zones as GeoJSON (docs/domain/places.md): analysts and admins. */
  "zone:import",
  /**
   * File the EST weekly report for one's own zones (docs/domain/est.md): the reporter role only. A reporter holds
   * nothing else, so every other page of the kommun refuses them; an admin files no reports (a report is a named
   * person's observation of the zones the kommun gave them).
   */
  "est:report",
  /**
   * Coordinate EST: give and take the reporter role, choose each reporter's zones, the kommun's own categories,
   * read every report of the week and mark it reviewed or correct it. Analysts and admins.
   */
  "est:coordinate",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ANALYST: readonly Permission[] = [
  "kommun:read",
  "survey:manage",
  "results:analyse",
  "meeting:write",
  "promise:draft",
  "promise:comment",
  "indicator:edit",
  "crime:import",
  "zone:import",
  "est:coordinate",
];
const EDITOR: readonly Permission[] = [
  "kommun:read",
  "meeting:write",
  "promise:draft",
  "promise:comment",
  "promise:edit",
  "promise:sign",
  "followup:log",
  "indicator:edit",
  "crime:import",
];

/**
 * The role → permission table. Admin holds every permission but signing (it carries no side) and filing EST reports
 * (a reporter's own observation).
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ["kommun:read"],
  analyst: ANALYST,
  editor: EDITOR,
  admin: PERMISSIONS.filter((p) => p !== "promise:sign" && p !== "est:report"),
  reporter: ["est:report"],
};

/** A membership as far as permissions care: the role and, for editors, the side. */
export interface Grant {
  role: Role;
  side?: Side | null;
}

/** Everything the memberships that apply to one kommun allow, and the sides they may sign for. */
export interface Permissions {
  permissions: Permission[];
  /** Sides the user may sign for: the sides of their editor memberships (none for an admin). */
  sides: Side[];
}

/** The permissions that a set of memberships (those applying to one kommun) grants. */
export function permissionsOf(grants: readonly Grant[]): Permissions {
  const held = new Set(grants.flatMap((g) => ROLE_PERMISSIONS[g.role]));
  const sides = [...new Set(grants.filter((g) => g.role === "editor" && g.side).map((g) => g.side!))];
  if (!sides.length) held.delete("promise:sign");
  // An editor imports crime statistics only for the kommun side; a police editor reads them.
  if (!grants.some((g) => g.role === "analyst" || g.role === "admin" || (g.role === "editor" && g.side === "kommun")))
    held.delete("crime:import");
  return { permissions: PERMISSIONS.filter((p) => held.has(p)), sides };
}

/** True when the permissions allow `permission` (for "promise:sign", also with `side` when given). */
export function allows(p: Permissions, permission: Permission, side?: Side): boolean {
  if (!p.permissions.includes(permission)) return false;
  return permission !== "promise:sign" || side === undefined || p.sides.includes(side);
}

/** The same answers as booleans keyed by permission: what loaders hand to components. */
export function permissionFlags(p: Permissions): Record<Permission, boolean> {
  return Object.fromEntries(PERMISSIONS.map((x) => [x, p.permissions.includes(x)])) as Record<Permission, boolean>;
}
