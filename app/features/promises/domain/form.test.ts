import { describe, expect, it } from "vitest";
import { parsePromiseForm } from "./form";
import { isMeasurable } from "./progress";
import { renderPromiseSv } from "./wording";

const lookup = (o: Record<string, string>) => (k: string) => o[k];

describe("parsePromiseForm", () => {
  it("reads a quantity target and renders it in the documents' style", () => {
    const r = parsePromiseForm(
      lookup({
        responsible: "polis",
        activityType: "riktad_insats",
        activityText: "mot narkotika",
        targetKind: "quantity",
        quantity: "4",
        per: "year",
        atLeast: "on",
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.target).toEqual({ kind: "quantity", quantity: 4, per: "year", comparator: "at_least" });
    expect(renderPromiseSv(r.value)).toBe("Genomföra minst fyra (4) riktade insatser mot narkotika per år.");
    expect(isMeasurable(r.value.target)).toBe(true);
  });

  it("reads a milestone, a named partner, places and partners", () => {
    const r = parsePromiseForm(
      lookup({
        responsible: "partner",
        partnerName: "Region Norrbotten",
        partners: "skolan, socialtjänsten",
        activityType: "kartlaggning",
        places: "Centrum\nHamnen",
        targetKind: "milestone",
        due: "2027-06-30",
        deliverable: "kartläggningen är redovisad för BRÅ",
      }),
    );
    expect(r.ok && r.value).toMatchObject({
      responsible: { partner: "Region Norrbotten" },
      partners: ["skolan", "socialtjänsten"],
      places: ["Centrum", "Hamnen"],
      target: { kind: "milestone", due: "2027-06-30" },
    });
  });

  it("reports every bad field, named with the prefix, and accepts nothing", () => {
    const r = parsePromiseForm(
      lookup({ responsible: "someone", activityType: "nope", targetKind: "quantity", quantity: "-2", per: "decade" }),
      "p7-",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field).sort()).toEqual(["p7-activityType", "p7-per", "p7-quantity", "p7-responsible"]);
    const m = parsePromiseForm(
      lookup({
        responsible: "bada",
        activityType: "annat",
        targetKind: "milestone",
        due: "2027-02-30",
        deliverable: "",
      }),
    );
    expect(!m.ok && m.errors.map((e) => e.field).sort()).toEqual(["activityText", "deliverable", "due"]);
  });

  it("keeps a promise without a target as not measurable", () => {
    const r = parsePromiseForm(lookup({ responsible: "kommun", activityType: "grannsamverkan", targetKind: "none" }));
    expect(r.ok && isMeasurable(r.value.target)).toBe(false);
  });

  it("reads the zone: none without the field, null for the empty choice, the id, or a message on the field", () => {
    const base = { responsible: "kommun", activityType: "grannsamverkan", targetKind: "none" };
    const none = parsePromiseForm(lookup(base));
    expect(none.ok && "zoneId" in none.value).toBe(false);
    const empty = parsePromiseForm(lookup({ ...base, zoneId: "" }));
    expect(empty.ok && empty.value.zoneId).toBeNull();
    const chosen = parsePromiseForm(lookup({ ...base, zoneId: "42" }));
    expect(chosen.ok && chosen.value.zoneId).toBe(42);
    const bad = parsePromiseForm(lookup({ ...base, zoneId: "x" }), "p3-");
    expect(!bad.ok && bad.errors.map((e) => e.field)).toEqual(["p3-zoneId"]);
  });
});
