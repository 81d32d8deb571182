import { describe, expect, it } from "vitest";
import { alignByPosition, diffSnapshots, diffWords, type DocumentSnapshot } from "./diff";

const base: DocumentSnapshot = {
  title: "Medborgarlöften Haparanda 2027–2028",
  lead: "",
  periodLabel: "2027–2028",
  periodStart: "2027-01-01",
  periodEnd: "2028-12-31",
  sections: { inledning: "Polisen och kommunen lovar att arbeta tillsammans." },
  followUpDue: null,
  focusAreas: [
    {
      id: 10,
      title: "Trafiksäkerhet",
      themes: ["traffic_safety"],
      background: "Många upplever mopeder som ett problem.",
      promises: [
        {
          id: 100,
          text: "Genomföra minst fyra (4) trafikkontroller per år.",
          responsible: "polis",
          partners: [],
          activityType: "trafikkontroll",
          activityText: "",
          places: [],
          target: { kind: "quantity", quantity: 4, per: "year", comparator: "at_least" },
          description: "",
        },
      ],
    },
  ],
};

const join = (parts: { op: string; text: string }[], op: string) =>
  parts
    .filter((p) => p.op !== op)
    .map((p) => p.text)
    .join("");

describe("diffWords", () => {
  it("marks only the changed words and rebuilds both texts", () => {
    const a = "Polisen och kommunen lovar att arbeta tillsammans.";
    const b = "Polisen och kommunen lovar gärna att arbeta nära tillsammans.";
    const parts = diffWords(a, b);
    expect(join(parts, "add")).toBe(a);
    expect(join(parts, "del")).toBe(b);
    expect(parts.filter((p) => p.op === "add").map((p) => p.text.trim())).toEqual(["gärna", "nära"]);
    expect(parts.filter((p) => p.op === "del")).toEqual([]);
    const replaced = diffWords("minst fyra (4) per år", "minst sex (6) per år");
    expect(replaced).toEqual([
      { op: "same", text: "minst " },
      { op: "del", text: "fyra (4) " },
      { op: "add", text: "sex (6) " },
      { op: "same", text: "per år" },
    ]);
  });

  it("returns one unchanged part for equal texts, and handles empty texts", () => {
    expect(diffWords("samma text", "samma text")).toEqual([{ op: "same", text: "samma text" }]);
    expect(diffWords("", "ny")).toEqual([{ op: "add", text: "ny" }]);
    expect(diffWords("gammal", "")).toEqual([{ op: "del", text: "gammal" }]);
  });
});

describe("diffSnapshots", () => {
  it("reports nothing for the same document", () => {
    expect(diffSnapshots(base, structuredClone(base))).toEqual([]);
  });

  it("reports a section's text word by word and a target field by field", () => {
    const after = structuredClone(base);
    after.sections.inledning = "Polisen och kommunen lovar att arbeta nära tillsammans.";
    const p = after.focusAreas[0]!.promises[0]!;
    p.target = { kind: "quantity", quantity: 6, per: "year", comparator: "at_least" };
    p.text = "Genomföra minst sex (6) trafikkontroller per år.";
    const changes = diffSnapshots(base, after);
    const intro = changes.find((c) => c.label === "Inledning");
    expect(intro?.kind).toBe("text");
    expect(intro?.kind === "text" && intro.parts.filter((x) => x.op === "add").map((x) => x.text.trim())).toEqual([
      "nära",
    ]);
    const target = changes.find((c) => c.label.endsWith("mål"));
    expect(target).toEqual({
      kind: "field",
      label: "Fokusområde ”Trafiksäkerhet”: löfte 100, mål",
      before: "minst 4 per år",
      after: "minst 6 per år",
    });
    expect(changes.some((c) => c.label.endsWith("ansvarig"))).toBe(false);
  });

  it("reports added and removed focus areas and promises", () => {
    const after = structuredClone(base);
    after.focusAreas[0]!.promises = [];
    after.focusAreas.push({ id: 11, title: "Unga", themes: ["youth"], background: "", promises: [] });
    const changes = diffSnapshots(base, after);
    expect(changes.map((c) => [c.kind, c.label])).toEqual([
      ["removed", "Fokusområde ”Trafiksäkerhet”: löfte"],
      ["added", "Fokusområde ”Unga”"],
    ]);
  });
});

describe("alignByPosition", () => {
  it("compares two versions of a document by position, since a revision copies every row under new ids", () => {
    const v2 = structuredClone(base);
    v2.focusAreas[0]!.id = 20;
    v2.focusAreas[0]!.promises[0]!.id = 200;
    v2.focusAreas[0]!.promises[0]!.target = { kind: "quantity", quantity: 8, per: "year", comparator: "at_least" };
    expect(diffSnapshots(base, v2).map((c) => c.kind)).toEqual(["removed", "added"]);
    const changes = diffSnapshots(alignByPosition(base, v2), v2);
    expect(changes.map((c) => [c.kind, c.label])).toEqual([["field", "Fokusområde ”Trafiksäkerhet”: löfte 200, mål"]]);
  });
});
