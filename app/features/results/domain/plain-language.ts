/**
 * Plain-language sentences for the public results page (docs/domain/feedback-to-citizens.md): a share said as
 * "ungefär 4 av 10", with the percentage beside it, and no margin jargon (the interval stays in the table). Pure:
 * returns catalogue keys and their values, which the page translates.
 */

/** How a share is said in words: the catalogue key (public.about.*) and its values. */
export type AboutPhrase =
  | { key: "public.about.almostNone" }
  | { key: "public.about.fewer" }
  | { key: "public.about.tenths"; k: number }
  | { key: "public.about.half" }
  | { key: "public.about.almostAll" }
  | { key: "public.about.all" };

/**
 * A share (0..1) in words: below 5 % "färre än 1 av 20", 95 % and up "nästan alla", exactly 0 "ingen" and 1
 * "alla", else the nearest tenth ("ungefär 4 av 10"; 5 of 10 is "ungefär hälften").
 */
export function aboutShare(share: number): AboutPhrase {
  if (share <= 0) return { key: "public.about.almostNone" };
  if (share >= 1) return { key: "public.about.all" };
  if (share < 0.05) return { key: "public.about.fewer" };
  if (share >= 0.95) return { key: "public.about.almostAll" };
  const k = Math.min(9, Math.max(1, Math.round(share * 10)));
  return k === 5 ? { key: "public.about.half" } : { key: "public.about.tenths", k };
}

/** The figures a question's sentence is made from (the results' published figures, suppressed ones null). */
export interface SentenceInput {
  indicator: { kind: "problem" | "safety" | "trust"; share: number | null; suppressed: boolean } | null;
  options: readonly { label: string; share: number | null; suppressed: boolean }[];
}

/** Which sentence a question gets: its indicator's, else its most common shown answer's, else "too few answers". */
export type Sentence =
  | { key: "public.sentence.problem" | "public.sentence.safety" | "public.sentence.trust"; share: number }
  | { key: "public.sentence.top"; share: number; option: string }
  | { key: "public.sentence.hidden" };

export function questionSentence(q: SentenceInput): Sentence {
  const i = q.indicator;
  if (i && !i.suppressed && i.share !== null) return { key: `public.sentence.${i.kind}`, share: i.share };
  const shown = q.options.filter((o) => !o.suppressed && o.share !== null);
  const top = [...shown].sort((a, b) => b.share! - a.share!)[0];
  if (!top) return { key: "public.sentence.hidden" };
  return { key: "public.sentence.top", share: top.share!, option: top.label };
}
