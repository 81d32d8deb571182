import { describe, expect, it } from "vitest";
import { aboutShare, questionSentence } from "./plain-language";

describe("plain-language shares", () => {
  it("says a share as the nearest tenth, half, or the ends", () => {
    expect(aboutShare(0.41)).toEqual({ key: "public.about.tenths", k: 4 });
    expect(aboutShare(0.46)).toEqual({ key: "public.about.half" });
    expect(aboutShare(0.06)).toEqual({ key: "public.about.tenths", k: 1 });
    expect(aboutShare(0.049)).toEqual({ key: "public.about.fewer" });
    expect(aboutShare(0.94)).toEqual({ key: "public.about.tenths", k: 9 });
    expect(aboutShare(0.95)).toEqual({ key: "public.about.almostAll" });
    expect(aboutShare(0)).toEqual({ key: "public.about.almostNone" });
    expect(aboutShare(1)).toEqual({ key: "public.about.all" });
  });

  it("uses the indicator when shown, else the most common shown answer, else says too few", () => {
    const options = [
      { label: "Trygg", share: 0.54, suppressed: false },
      { label: "Otrygg", share: null, suppressed: true },
      { label: "Vet ej", share: 0.1, suppressed: false },
    ];
    expect(questionSentence({ indicator: { kind: "problem", share: 0.41, suppressed: false }, options })).toEqual({
      key: "public.sentence.problem",
      share: 0.41,
    });
    expect(questionSentence({ indicator: { kind: "safety", share: null, suppressed: true }, options })).toEqual({
      key: "public.sentence.top",
      share: 0.54,
      option: "Trygg",
    });
    expect(
      questionSentence({ indicator: null, options: options.map((o) => ({ ...o, share: null, suppressed: true })) }),
    ).toEqual({ key: "public.sentence.hidden" });
  });
});
