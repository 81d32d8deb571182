/**
 * The layout math of the charts, as pure functions (no DOM: the charts render on the server, where text cannot be
 * measured, so widths are estimated from character classes with a safety margin).
 */
import type { ShareValue, ShownShare } from "./types";

/** Whether a figure may be drawn: not suppressed and with all its numbers. Anything else is drawn as suppressed. */
export function isShown<T extends ShareValue>(value: T | undefined): value is T & ShownShare {
  return (
    value !== undefined &&
    !value.suppressed &&
    Number.isFinite(value.share) &&
    Number.isFinite(value.ciLow) &&
    Number.isFinite(value.ciHigh)
  );
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A proportion clamped to [0, 1], so that rounding noise cannot draw outside the plot. */
export const clampShare = (p: number) => clamp(p, 0, 1);

// ---------------------------------------------------------------------------------------------------------------
// Text

/**
 * Estimated width in px of `text` in the system sans-serif at `fontSize`. Calibrated on DejaVu Sans (the widest
 * common fallback of system-ui, on Linux) plus 5 %, so it errs on the wide side of Segoe UI, Roboto and San
 * Francisco, and estimated boxes hold the real text. Bold (600–700) runs about 18 % wider.
 */
export function estimateTextWidth(text: string, fontSize: number, bold: boolean = false): number {
  let em = 0;
  for (const ch of text) {
    if (" .,:;'!|iIjlft()[]".includes(ch)) em += 0.32;
    else if ("mwMW@%".includes(ch)) em += 0.9;
    else if (/[0-9]/.test(ch)) em += 0.58;
    else if (/[A-ZÅÄÖ]/.test(ch)) em += 0.68;
    else em += 0.56;
  }
  return em * fontSize * 1.05 * (bold ? 1.18 : 1);
}

/**
 * Greedy word wrap of `text` into lines no wider than `maxWidth` (estimated). A word wider than a line gets a
 * line of its own. Beyond `maxLines` the last line is cut with "…" (the full text stays in a <title>).
 */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  maxLines: number = 3,
  bold: boolean = false,
): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && estimateTextWidth(candidate, fontSize, bold) > maxWidth) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1]} ${lines[maxLines]}`;
  while (last.length > 1 && estimateTextWidth(`${last}…`, fontSize, bold) > maxWidth)
    last = last.slice(0, -1).trimEnd();
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

/**
 * Width of a label column: wide enough for the widest label on one line, but at most `cap`, and never narrower
 * than the longest single word (which cannot be wrapped) or `min`.
 */
export function labelColumnWidth(labels: readonly string[], fontSize: number, cap: number, min: number = 60): number {
  let widest = 0;
  let longestWord = 0;
  for (const label of labels) {
    widest = Math.max(widest, estimateTextWidth(label, fontSize));
    for (const word of label.split(/\s+/)) longestWord = Math.max(longestWord, estimateTextWidth(word, fontSize));
  }
  return Math.ceil(Math.max(min, Math.min(widest, Math.max(cap, longestWord))));
}

// ---------------------------------------------------------------------------------------------------------------
// Scales

/**
 * Upper end of a share axis that starts at 0: the largest value (share or interval end) rounded up to a tenth,
 * at least 0.1 and at most 1. All panels of one chart share it, so bars compare across panels.
 */
export function shareDomainMax(values: readonly number[]): number {
  const max = values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, v) : m), 0);
  return clamp(Math.ceil(clampShare(max) * 10 - 1e-9) / 10, 0.1, 1);
}

/** Half-width of a diverging axis centred on 0 and its tick step: quarters above one half, tenths below. */
export function symmetricExtent(maxAbs: number): { max: number; step: number } {
  const m = clampShare(maxAbs);
  if (m > 0.5) return { max: Math.ceil(m * 4 - 1e-9) / 4, step: 0.25 };
  return { max: Math.max(0.1, Math.ceil(m * 10 - 1e-9) / 10), step: 0.1 };
}

/** Ticks from `from` to `to` (inclusive) every `step`, without floating-point drift (0.30000000000000004). */
export function steps(from: number, to: number, step: number): number[] {
  const n = Math.round((to - from) / step);
  return Array.from({ length: n + 1 }, (_, i) => Number((from + i * step).toFixed(10)));
}

// ---------------------------------------------------------------------------------------------------------------
// Diverging stacked bars

export type LikertSide = "left" | "right" | "neutral" | "aside";
export type DivergingSegment = {
  key: string;
  side: Exclude<LikertSide, "aside">;
  share: number;
  x0: number;
  x1: number;
};

/**
 * The segments of one diverging bar, in share units (negative = left of the centre line). `categories` are in
 * reading order, left to right: the left categories stack outwards from the centre (so the last left category
 * touches it), the right ones outwards in order, and neutral categories straddle the centre. "Aside" categories
 * (vet ej) are not part of the bar. Missing or negative shares count 0; zero-width segments are left out.
 */
export function divergingSegments(
  shares: Readonly<Record<string, number | null | undefined>>,
  categories: readonly { key: string; side: LikertSide }[],
): { segments: DivergingSegment[]; left: number; right: number; neutral: number } {
  const value = (key: string) => {
    const v = shares[key];
    return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : 0;
  };
  const of = (side: LikertSide) => categories.filter((c) => c.side === side);
  const sum = (cs: readonly { key: string }[]) => cs.reduce((s, c) => s + value(c.key), 0);
  const neutral = sum(of("neutral"));
  const segments: DivergingSegment[] = [];

  const half = neutral / 2;
  let cursor = 0 - half; // not -half: -0 for no neutral category would leak into coordinates
  const lefts = of("left");
  for (let i = lefts.length - 1; i >= 0; i--) {
    const c = lefts[i] as { key: string };
    segments.push({ key: c.key, side: "left", share: value(c.key), x0: cursor - value(c.key), x1: cursor });
    cursor -= value(c.key);
  }
  cursor = 0 - half;
  for (const c of of("neutral")) {
    segments.push({ key: c.key, side: "neutral", share: value(c.key), x0: cursor, x1: cursor + value(c.key) });
    cursor += value(c.key);
  }
  for (const c of of("right")) {
    segments.push({ key: c.key, side: "right", share: value(c.key), x0: cursor, x1: cursor + value(c.key) });
    cursor += value(c.key);
  }
  const order = new Map(categories.map((c, i) => [c.key, i]));
  return {
    segments: segments.filter((s) => s.share > 0).sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0)),
    left: sum(lefts),
    right: sum(of("right")),
    neutral,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Ordering

/**
 * Indices of `items` ordered by `score`, highest first; items without a score (suppressed) last. Ties keep their
 * given order, so the ranking is stable and the same on server and client.
 */
export function rankOrder<T>(items: readonly T[], score: (item: T) => number | null): number[] {
  const scored = items.map((item, index) => ({ index, s: score(item) }));
  return scored
    .sort((a, b) => {
      if (a.s === null || b.s === null) return a.s === null ? (b.s === null ? a.index - b.index : 1) : -1;
      return b.s - a.s || a.index - b.index;
    })
    .map((x) => x.index);
}

// ---------------------------------------------------------------------------------------------------------------
// Placement

/** Stacked rows: each row as tall as its label needs (lines × lineHeight + padding), at least `minHeight`. */
export function stackRows(
  lineCounts: readonly number[],
  options: { top: number; minHeight: number; lineHeight: number; padding: number },
): { y: number; height: number }[] {
  let y = options.top;
  return lineCounts.map((lines) => {
    const height = Math.max(options.minHeight, lines * options.lineHeight + options.padding);
    const row = { y, height };
    y += height;
    return row;
  });
}

/**
 * End labels of a line chart: vertical centres as close as possible to the wanted `y`s without overlapping
 * (each label takes `height`, plus `gap`) and inside [top, bottom]. Returns centres in the input order.
 */
export function spreadLabels(
  labels: readonly { y: number; height: number }[],
  top: number,
  bottom: number,
  gap: number = 2,
): number[] {
  const order = labels.map((l, i) => ({ ...l, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const tops = order.map((l) => l.y - l.height / 2);
  // Push down past overlaps, then pull back up from the bottom edge, then clamp to the top edge.
  for (let k = 0; k < order.length; k++) {
    const min = k === 0 ? top : (tops[k - 1] as number) + (order[k - 1] as { height: number }).height + gap;
    tops[k] = Math.max(tops[k] as number, min);
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const max =
      k === order.length - 1
        ? bottom - (order[k] as { height: number }).height
        : (tops[k + 1] as number) - (order[k] as { height: number }).height - gap;
    tops[k] = Math.min(tops[k] as number, max);
  }
  for (let k = 0; k < order.length; k++) {
    const min = k === 0 ? top : (tops[k - 1] as number) + (order[k - 1] as { height: number }).height + gap;
    tops[k] = Math.max(tops[k] as number, min);
  }
  const result = new Array<number>(labels.length);
  order.forEach((l, k) => {
    result[l.i] = (tops[k] as number) + l.height / 2;
  });
  return result;
}

/** Left-to-right flow of boxes (legend entries) into lines no wider than `maxWidth`. */
export function flowBoxes(widths: readonly number[], maxWidth: number, gap: number): { x: number; line: number }[] {
  let x = 0;
  let line = 0;
  return widths.map((w) => {
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      line += 1;
    }
    const box = { x, line };
    x += w + gap;
    return box;
  });
}

/** Columns of a small-multiples grid: as many panels of at least `minPanelWidth` as fit, never more than panels. */
export function gridColumns(width: number, minPanelWidth: number, panels: number): number {
  return Math.max(1, Math.min(panels, Math.floor(width / minPanelWidth)));
}

/** A file name for a chart download: "Andel som ser problem" → "andel-som-ser-problem". */
export function fileNameFor(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "diagram";
}
