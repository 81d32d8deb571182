/**
 * The colours of every chart. Chosen so that:
 * - each colour that carries data has at least 3:1 contrast against the white background (WCAG 1.4.11,
 *   graphical objects), and segments are separated by white gaps, so each shape is bounded by that contrast;
 * - text has at least 4.5:1 against what it is drawn on (`textOn` picks dark or white text per fill);
 * - the colours stay apart for deuteranopia, protanopia and tritanopia (orange against blue, lightness steps
 *   within a hue; checked with the Machado 2009 simulation in layout.test.ts);
 * - colour is never the only channel: bars carry labels, lines are labelled at their ends and have their own
 *   marker shape and dash pattern, and suppressed figures are hatched (a pattern, not a colour).
 * Exported SVG and PNG files carry the colours as attributes, so nothing here may depend on CSS.
 */
import { color, interpolateLab } from "d3";

export const INK = "#1b1b1f"; // --fg of app.css: text, whiskers, axes
export const MUTED_INK = "#4a4a55"; // --muted: tick labels, notes (8.6:1 on white)
export const BACKGROUND = "#ffffff";
export const GRID = "#d6d6dc"; // decorative gridlines, deliberately faint
export const AXIS = "#8a8a96"; // --border: the zero line (3.4:1)

/**
 * Diverging scale for Likert items, ColorBrewer-like orange (the side of concern) against blue. Keys say where a
 * category sits: `strong`/`weak` on the left (e.g. "mycket/ganska stort problem"), `weakRight`/`strongRight` on
 * the right ("ganska litet / inget problem"), `neutral` for a middle category, `aside` for "vet ej".
 */
export const DIVERGING = {
  strongLeft: "#a33f00",
  weakLeft: "#d86b1e",
  neutral: "#8c8c8c",
  weakRight: "#5b8fcc",
  strongRight: "#1d4c8a",
  aside: "#6b6b6b",
} as const;

/** Fill of a share bar (ranked bars, small multiples); the whisker is drawn in INK on top of it (5.1:1). */
export const BAR = DIVERGING.weakRight;

/**
 * Series colours for lines, after Okabe & Ito, darkened so that each is also readable as text on white
 * (≥ 4.5:1), since a line's end label is written in its colour. After five series the colours repeat with
 * another dash pattern and marker shape.
 */
export const SERIES = ["#0072b2", "#b34700", "#007a5e", "#a3487e", INK] as const;
export const SERIES_DASHES = [undefined, "6 3", "2 3", "8 3 2 3"] as const;

/** The hatching of a suppressed figure: dark grey stripes on white (5.3:1), a pattern rather than a colour. */
export const HATCH = DIVERGING.aside;

/**
 * The diverging colour of the category `indexFromCentre` places from the centre among `count` on one side: the
 * weak shade next to the centre, the strong one outermost, steps in between interpolated in Lab (so their
 * lightness, and with it their contrast against white, lies between the two ends).
 */
export function sideColour(side: "left" | "right", indexFromCentre: number, count: number): string {
  const [weak, strong] =
    side === "left" ? [DIVERGING.weakLeft, DIVERGING.strongLeft] : [DIVERGING.weakRight, DIVERGING.strongRight];
  if (count <= 1) return strong;
  const t = Math.min(1, Math.max(0, indexFromCentre / (count - 1)));
  return t === 0 ? weak : t === 1 ? strong : (color(interpolateLab(weak, strong)(t))?.formatHex() ?? strong);
}

export function seriesStyle(index: number): { colour: string; dash: string | undefined } {
  const colour = SERIES[index % SERIES.length] as string;
  const dash = SERIES_DASHES[Math.floor(index / SERIES.length) % SERIES_DASHES.length];
  return { colour, dash };
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => channel(parseInt(h as string, 16))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two #rrggbb colours (1..21). */
export function contrastRatio(a: string, b: string): number {
  const [x, y] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/**
 * INK or white, whichever reads better on `fill`, or null when neither reaches 4.5:1 (then no text may be drawn
 * on that fill; the value is still in the tooltip and the table). Every named palette fill has one that does.
 */
export function textOn(fill: string): string | null {
  const [onInk, onWhite] = [contrastRatio(fill, INK), contrastRatio(fill, BACKGROUND)];
  const best = onInk >= onWhite ? INK : BACKGROUND;
  return Math.max(onInk, onWhite) >= 4.5 ? best : null;
}
