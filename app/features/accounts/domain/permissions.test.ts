import { describe, expect, it } from "vitest";
import { allows, PERMISSIONS, permissionFlags, permissionsOf, type Permission } from "./permissions";

// docs/roles.md's matrix, by permission: which roles hold it.
const holders: Record<Permission, string[]> = {
  "kommun:read": ["viewer", "analyst", "editor", "admin"],
  // A reporter holds this one permission and nothing else (docs/domain/est.md).
  "est:report": ["reporter"],
  "est:coordinate": ["analyst", "admin"],
  "survey:manage": ["analyst", "admin"],
  "results:analyse": ["analyst", "admin"],
  "meeting:write": ["analyst", "editor", "admin"],
  "promise:draft": ["analyst", "editor", "admin"],
  "promise:comment": ["analyst", "editor", "admin"],
  "promise:edit": ["editor", "admin"],
  "promise:sign": ["editor"],
  "followup:log": ["editor", "admin"],
  "followup:manage": ["admin"],
  "indicator:edit": ["analyst", "editor", "admin"],
  "account:admin": ["admin"],
  // The editors in this table carry side "polis"; a "kommun" editor holds it too (below).
  "crime:import": ["analyst", "admin"],
  "zone:import": ["analyst", "admin"],
};

describe("permissions", () => {
  for (const role of ["viewer", "analyst", "editor", "admin", "reporter"] as const)
    for (const permission of PERMISSIONS)
      it(`${role} ${holders[permission].includes(role) ? "holds" : "lacks"} ${permission}`, () => {
        expect(allows(permissionsOf([{ role, side: role === "editor" ? "polis" : null }]), permission)).toBe(
          holders[permission].includes(role),
        );
      });

  it("signs only for the sides of editor memberships", () => {
    const p = permissionsOf([{ role: "editor", side: "kommun" }, { role: "admin" }]);
    expect(p.sides).toEqual(["kommun"]);
    expect(allows(p, "promise:sign", "kommun")).toBe(true);
    expect(allows(p, "promise:sign", "polis")).toBe(false);
    expect(allows(permissionsOf([{ role: "editor", side: null }]), "promise:sign")).toBe(false);
  });

  it("lets the kommun's editors import crime statistics, not the police's", () => {
    expect(allows(permissionsOf([{ role: "editor", side: "kommun" }]), "crime:import")).toBe(true);
    expect(allows(permissionsOf([{ role: "editor", side: "polis" }]), "crime:import")).toBe(false);
    expect(allows(permissionsOf([{ role: "editor", side: "polis" }, { role: "analyst" }]), "crime:import")).toBe(true);
  });

  it("adds up the permissions of several memberships, and none without one", () => {
    expect(permissionsOf([]).permissions).toEqual([]);
    const p = permissionsOf([{ role: "analyst" }, { role: "editor", side: "polis" }]);
    expect(allows(p, "survey:manage") && allows(p, "promise:edit") && allows(p, "promise:sign")).toBe(true);
    expect(permissionFlags(p)["followup:manage"]).toBe(false);
  });
});
