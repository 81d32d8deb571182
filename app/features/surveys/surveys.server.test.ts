import { describe, expect, it } from "vitest";
import { definitionLocales, effectiveStatus } from "./survey-queries.server";
import { normalisePeriod } from "./surveys.server";

const at = (iso: string) => new Date(iso);

describe("effectiveStatus: open and close dates act on their own", () => {
  const now = at("2026-05-10T12:00:00Z");
  it("keeps a draft without dates a draft", () => {
    expect(effectiveStatus({ status: "draft", opens_at: null, closes_at: null }, now)).toBe("draft");
  });
  it("opens a draft when its opening date has come", () => {
    expect(effectiveStatus({ status: "draft", opens_at: at("2026-05-01T00:00:00Z"), closes_at: null }, now)).toBe(
      "open",
    );
    expect(effectiveStatus({ status: "draft", opens_at: at("2026-06-01T00:00:00Z"), closes_at: null }, now)).toBe(
      "draft",
    );
  });
  it("closes an open survey when its closing date has passed", () => {
    expect(effectiveStatus({ status: "open", opens_at: null, closes_at: at("2026-05-09T23:59:59Z") }, now)).toBe(
      "closed",
    );
    expect(effectiveStatus({ status: "open", opens_at: null, closes_at: at("2026-05-11T00:00:00Z") }, now)).toBe(
      "open",
    );
  });
  it("a scheduled draft whose whole window has passed is closed", () => {
    expect(
      effectiveStatus(
        { status: "draft", opens_at: at("2026-04-01T00:00:00Z"), closes_at: at("2026-04-30T00:00:00Z") },
        now,
      ),
    ).toBe("closed");
  });
  it("a closed survey stays closed", () => {
    expect(effectiveStatus({ status: "closed", opens_at: at("2026-01-01T00:00:00Z"), closes_at: null }, now)).toBe(
      "closed",
    );
  });
});

describe("normalisePeriod", () => {
  it("accepts a year or a span of up to four years, with a hyphen or an en dash", () => {
    expect(normalisePeriod("2025")).toBe("2025");
    expect(normalisePeriod("2020–2022")).toBe("2020-2022");
    expect(normalisePeriod(" 2024-2027 ")).toBe("2024-2027");
  });
  it("refuses nonsense, reversed and too long periods", () => {
    for (const p of ["", "25", "2022-2020", "2020-2025", "abc", "2020/2021"]) expect(normalisePeriod(p)).toBeNull();
  });
});

describe("definitionLocales", () => {
  it("lists Swedish first, then every locale with texts", () => {
    expect(
      definitionLocales({ elements: [{ type: "text", name: "a", title: { default: "Hej", en: "Hi", fi: "Hei" } }] }),
    ).toEqual(["sv", "en", "fi"]);
  });
  it("honours a definition's own default locale", () => {
    expect(definitionLocales({ locale: "en", elements: [{ type: "text", name: "a", title: "Hi" }] })).toEqual(["en"]);
  });
});
