import { describe, expect, it } from "vitest";
import { LONG_SENTENCE, readability } from "./readability";

describe("readability (LIX)", () => {
  it("computes LIX as words per sentence plus the share of long words, by hand", () => {
    // 2 sentences, 11 words, long words (> 6 letters): "polisen" (7), "kvällar" (7), "centrum" (7) → 3.
    const r = readability("Polisen går i Töre. Vi är där på kvällar i centrum.");
    expect(r).toMatchObject({ words: 11, sentences: 2, longWords: 3 });
    expect(r.lix).toBe(Math.round(11 / 2 + (100 * 3) / 11));
    expect(r.wordsPerSentence).toBe(5.5);
    expect(r.level).toBe("medium"); // 5.5 + 27.3: short sentences, but many long words
    expect(r.longSentences).toEqual([]);
  });

  it("rates official prose as hard and points out each sentence over the limit", () => {
    const long =
      "Kommunens brottsförebyggande samordningsfunktion genomför tillsammans med lokalpolisområdet kontinuerliga " +
      "trygghetsskapande insatser inom ramen för medborgarlöftesarbetet avseende ordningsstörningar, nedskräpning, " +
      "skadegörelse och upplevd otrygghet på offentliga platser under kvällstid och helger i centrala delar av kommunen.";
    const r = readability(`${long} Det blir bättre.`);
    expect(r.sentences).toBe(2);
    expect(r.longSentences).toHaveLength(1);
    expect(r.longSentences[0]!.words).toBeGreaterThan(LONG_SENTENCE);
    expect(r.longSentences[0]!.text.startsWith("Kommunens")).toBe(true);
    expect(r.level === "hard" || r.level === "very_hard").toBe(true);
  });

  it("counts a paragraph without a full stop as a sentence, and an empty text as nothing", () => {
    expect(readability("Vi lyssnar\n\nVi gör något").sentences).toBe(2);
    expect(readability("   ")).toMatchObject({ words: 0, lix: null, level: null, wordsPerSentence: null });
  });
});
