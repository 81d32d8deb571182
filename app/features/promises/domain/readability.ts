/**
 * A plain-language check for what residents read (docs/domain/feedback-to-citizens.md#a-promise-page-for-residents):
 * LIX (läsbarhetsindex, Björnsson 1968), the Swedish readability measure: words per sentence plus the percentage of
 * long words (more than six letters). Under 30 reads easily, 30–40 like a newspaper, 40–50 like an official
 * text, above 50 is hard. Sentences longer than LONG_SENTENCE words are pointed out one by one. Pure.
 */
export const LONG_SENTENCE = 25;
/** The public texts aim at a newspaper's level or easier. */
export const LIX_TARGET = 40;

export interface Readability {
  words: number;
  sentences: number;
  longWords: number;
  /** null for an empty text. */
  lix: number | null;
  wordsPerSentence: number | null;
  level: "easy" | "medium" | "hard" | "very_hard" | null;
  /** Sentences over LONG_SENTENCE words, as written, with their length. */
  longSentences: { text: string; words: number }[];
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** Sentences: ended by . ! ? or : followed by space or end, or by a blank line; a bare number like "1." is kept. */
function sentencesOf(text: string): string[] {
  return text
    .replace(/\s*\n\s*\n\s*/g, "\n\n")
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"”(–-])|\n\n|\n(?=\s*[-•*–]\s)/u)
    .map((s) => s.trim())
    .filter((s) => WORD.test(s) && ((WORD.lastIndex = 0), true));
}

export function readability(text: string): Readability {
  const sentences = sentencesOf(text);
  const words = text.match(WORD) ?? [];
  const longWords = words.filter((w) => w.replace(/[-'’]/g, "").length > 6).length;
  const n = words.length;
  const s = Math.max(sentences.length, n ? 1 : 0);
  const lix = n ? n / s + (100 * longWords) / n : null;
  return {
    words: n,
    sentences: s,
    longWords,
    lix: lix === null ? null : Math.round(lix),
    wordsPerSentence: n ? Math.round((n / s) * 10) / 10 : null,
    level: lix === null ? null : lix < 30 ? "easy" : lix < 40 ? "medium" : lix < 50 ? "hard" : "very_hard",
    longSentences: sentences
      .map((t) => ({ text: t, words: (t.match(WORD) ?? []).length }))
      .filter((x) => x.words > LONG_SENTENCE),
  };
}
