import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translate } from "~/i18n/i18n";
import { findingSentence, lowerFirst } from "./report.server";
import type { ResultIndicator } from "./results.server";

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate("sv", key, params);
const indicator = (over: Partial<ResultIndicator>): ResultIndicator => ({
  question: "problems.drug_dealing",
  kind: "problem",
  base: 1760,
  share: 0.62,
  ci_low: 0.597,
  ci_high: 0.642,
  dont_know_share: 0.07,
  suppressed: false,
  reason: null,
  ...over,
});

describe("findingSentence", () => {
  it("writes a problem item as the seed documents would: share, margin, who, what", () => {
    expect(
      findingSentence(t, "sv", indicator({}), { title: "Försäljning av narkotika" }, "de svarande i Haparanda kommun"),
    ).toBe(
      "62\u00a0% (±2) av de svarande i Haparanda kommun anser att försäljning av narkotika är ett mycket eller ganska stort problem.",
    );
  });
  it("has its own wording for the bank's safety and trust items", () => {
    const s = findingSentence(
      t,
      "sv",
      indicator({ question: "safe_night_area", kind: "safety", share: 0.18, ci_low: 0.16, ci_high: 0.2 }),
      { title: "Hur trygg ...?" },
      "de svarande i urvalet",
    );
    expect(s).toBe(
      "18\u00a0% (±2) av de svarande i urvalet skulle känna sig ganska eller mycket otrygga om de gick ut ensamma sent en kväll i området där de bor.",
    );
  });
  it("gives no sentence for a suppressed indicator", () => {
    expect(
      findingSentence(
        t,
        "sv",
        indicator({ suppressed: true, share: null, ci_low: null, ci_high: null }),
        { title: "x" },
        "de svarande",
      ),
    ).toBeNull();
  });
});

describe("lowerFirst", () => {
  it("lower-cases the first letter unless the word is an acronym", () => {
    expect(lowerFirst("Nedskräpning")).toBe("nedskräpning");
    expect(lowerFirst("EPA-traktorer")).toBe("EPA-traktorer");
    expect(lowerFirst("Åkning")).toBe("åkning");
  });
});

describe("report catalogue", () => {
  it("has the same keys and placeholders in English as in Swedish", () => {
    const dir = path.resolve(__dirname, "../../i18n");
    const sv = JSON.parse(fs.readFileSync(path.join(dir, "report.sv.json"), "utf8")) as Record<string, string>;
    const en = JSON.parse(fs.readFileSync(path.join(dir, "report.en.json"), "utf8")) as Record<string, string>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(sv)) expect(ph(en[k]!), k).toEqual(ph(sv[k]!));
  });
});
