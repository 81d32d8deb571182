/**
 * Drafting focus areas (fokusområden) from the problembild's theme ranking: pure, no I/O, usable on server and
 * client. The drafted background is plain Swedish text that editors rewrite freely; the figures it was built
 * from are returned apart from the text (`links`), each with the href of the view that produced it, so that the
 * links survive any rewriting.
 */
import { THEMES, type ThemeKey } from "~/features/surveys/index";
import type { RankedTheme, ThemeRanking } from "~/features/results/index";

export interface FigureLinkDraft {
  source: string;
  /** The figure as a Swedish sentence, as the ranking states it. */
  label: string;
  href: string;
}

export interface FocusAreaDraft {
  title: string;
  themes: string[];
  background: string;
  links: FigureLinkDraft[];
}

/** The Swedish label of a theme key: the ranking's own label, the standard taxonomy's, or the key itself. */
export function themeLabelSv(theme: string, ranked?: RankedTheme): string {
  if (ranked?.labelSv) return ranked.labelSv;
  return (THEMES as Record<string, { label: { sv: string } } | undefined>)[theme]?.label.sv ?? theme;
}

function sentence(s: string): string {
  const t = s.trim();
  return !t || /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * One focus area per chosen theme, in the order chosen (unknown and repeated keys are dropped; the ranking's
 * themes and the standard taxonomy are known). The background opens with where the theme stands in the ranking
 * and goes on with every figure behind it; each figure with an href becomes a link.
 */
export function draftFocusAreas(ranking: ThemeRanking | null, chosenThemes: readonly string[]): FocusAreaDraft[] {
  const byKey = new Map((ranking?.themes ?? []).map((t) => [t.theme, t]));
  const seen = new Set<string>();
  const drafts: FocusAreaDraft[] = [];
  for (const raw of chosenThemes) {
    const key = raw.trim();
    if (!key || seen.has(key)) continue;
    const ranked = byKey.get(key);
    if (!ranked && !(key in THEMES)) continue;
    seen.add(key);
    const title = themeLabelSv(key, ranked);
    const parts: string[] = [];
    if (ranked && ranked.score !== null && ranking) {
      parts.push(
        `${title} kommer på plats ${ranked.rank} av ${ranking.themes.length} teman i problembilden för ${ranking.kommunName}.`,
      );
    }
    const evidence = ranked?.evidence ?? [];
    for (const e of evidence) if (e.sentenceSv.trim()) parts.push(sentence(e.sentenceSv));
    drafts.push({
      title,
      themes: [key],
      background: parts.join(" "),
      links: evidence
        .filter((e) => e.href && e.sentenceSv.trim())
        .map((e) => ({ source: e.source, label: sentence(e.sentenceSv), href: e.href })),
    });
  }
  return drafts;
}

/** The theme keys a kommun can choose from: the ranking's in rank order, then the rest of the standard ones. */
export function choosableThemes(ranking: ThemeRanking | null): { key: string; labelSv: string; rank: number | null }[] {
  const ranked = [...(ranking?.themes ?? [])].sort((a, b) => a.rank - b.rank);
  const out = ranked.map((t) => ({ key: t.theme, labelSv: t.labelSv, rank: t.score === null ? null : t.rank }));
  for (const key of Object.keys(THEMES) as ThemeKey[]) {
    if (!out.some((o) => o.key === key)) out.push({ key, labelSv: THEMES[key].label.sv, rank: null });
  }
  return out;
}

/**
 * A first problembild section for the document: where the chosen themes stand in the ranking and what it rests
 * on. Empty without a ranking (the editors write it themselves then).
 */
export function draftProblemPicture(ranking: ThemeRanking | null, chosenThemes: readonly string[]): string {
  if (!ranking) return "";
  const ranked = new Map(ranking.themes.map((t) => [t.theme, t]));
  const chosen = [...new Set(chosenThemes.map((t) => t.trim()))].flatMap((k) => {
    const r = ranked.get(k);
    return r && r.score !== null ? [r] : [];
  });
  if (!chosen.length) return "";
  // "Trafiksäkerhet" → "trafiksäkerhet" inside the sentence; abbreviations ("ANDT", "EPA") stay as they are.
  const inSentence = (label: string) =>
    /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLocaleLowerCase("sv-SE") + label.slice(1) : label;
  const list = chosen.map((r) => `${inSentence(r.labelSv)} (plats ${r.rank})`);
  const joined = list.length === 1 ? list[0]! : `${list.slice(0, -1).join(", ")} och ${list[list.length - 1]}`;
  const base = ranking.surveySlug
    ? ` Rangordningen bygger på medborgarenkäten (${ranking.surveySlug}) tillsammans med medarbetardialog, möten och fritextsvar där sådana finns.`
    : "";
  return `Problembilden för ${ranking.kommunName} rangordnar ${ranking.themes.filter((t) => t.score !== null).length} teman. Löftena svarar mot ${joined}.${base}`;
}
