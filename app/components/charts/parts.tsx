/** SVG pieces shared by the charts. Presentation is in attributes, not CSS, so downloaded files look the same. */
import { useId, type ReactNode } from "react";
import { formatPercent } from "~/features/results/index";
import type { Locale } from "~/i18n/i18n";
import { estimateTextWidth } from "./layout";
import { BACKGROUND, HATCH, INK, MUTED_INK } from "./palette";

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const FONT_SIZE = 13;
export const SMALL_FONT_SIZE = 11;
export const LINE_HEIGHT = 16;

/** "62 %" (sv, no-break space) / "62%" (en). */
export const pct = (p: number, locale: Locale) => formatPercent(p, locale);

/** "1 234" (sv) / "1,234" (en). */
export const formatCount = (n: number, locale: Locale) => new Intl.NumberFormat(locale).format(n);

/**
 * An id usable inside SVG references (`url(#…)`) and aria attributes: React's useId (stable between the server
 * render and hydration) without the colons it contains.
 */
export function useSvgId(): string {
  return `chart${useId().replace(/[^A-Za-z0-9_-]/g, "")}`;
}

/** Diagonal hatching: the second channel (besides the text) that marks a suppressed figure. */
export function HatchPattern({ id }: { id: string }) {
  return (
    <pattern id={id} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width={6} height={6} fill={BACKGROUND} />
      <line x1={0} y1={0} x2={0} y2={6} stroke={HATCH} strokeWidth={2} />
    </pattern>
  );
}

/**
 * A suppressed figure: a hatched band over the whole value area (so it cannot be read as a length) with the
 * reason written on it (unless `text` is empty, for a cell too small to hold it), and the reason again as a
 * tooltip. Never a zero-length bar, never a gap.
 */
export function SuppressedBand(props: {
  x: number;
  y: number;
  width: number;
  height: number;
  hatchId: string;
  text: string;
  tooltip: string;
  fontSize?: number;
}) {
  const { x, y, width, height, hatchId, text, tooltip, fontSize = SMALL_FONT_SIZE } = props;
  const textWidth = estimateTextWidth(text, fontSize);
  const chipWidth = textWidth + 8;
  const chipHeight = Math.min(height, fontSize + 6);
  // Centred on the band; if the band is narrower than the text, start at the band's left edge.
  const chipX = chipWidth <= width ? x + (width - chipWidth) / 2 : x;
  return (
    <g data-part="suppressed">
      <title>{tooltip}</title>
      <rect
        x={x}
        y={y}
        width={width}
        height={height}
        fill={`url(#${hatchId})`}
        stroke={HATCH}
        strokeDasharray="3 2"
        data-part="hatch"
      />
      {text ? (
        <>
          <rect x={chipX} y={y + (height - chipHeight) / 2} width={chipWidth} height={chipHeight} fill={BACKGROUND} />
          <text x={chipX + 4} y={y + height / 2} dy="0.35em" fontSize={fontSize} fill={INK}>
            {text}
          </text>
        </>
      ) : null}
    </g>
  );
}

/**
 * The row of an item whose bar cannot be drawn: its label and, from `x0` to `x1`, a suppressed band a little
 * taller than a bar of `barHeight`, centred on `cy`.
 */
export function SuppressedBarRow(props: {
  itemKey: string;
  label: ReactNode;
  x0: number;
  x1: number;
  cy: number;
  barHeight: number;
  hatchId: string;
  text: string;
  tooltip: string;
  fontSize?: number;
}) {
  const { itemKey, label, x0, x1, cy, barHeight, hatchId, text, tooltip, fontSize } = props;
  return (
    <g data-part="bar-row" data-item={itemKey}>
      {label}
      <SuppressedBand
        x={x0}
        y={cy - barHeight / 2 - 2}
        width={x1 - x0}
        height={barHeight + 4}
        hatchId={hatchId}
        text={text}
        tooltip={tooltip}
        fontSize={fontSize}
      />
    </g>
  );
}

/** Lines of text centred vertically on `y` (one <tspan> per line). */
export function TextLines(props: {
  lines: readonly string[];
  x: number;
  y: number;
  anchor?: "start" | "middle" | "end";
  fontSize?: number;
  lineHeight?: number;
  fill?: string;
  fontWeight?: number;
}) {
  const {
    lines,
    x,
    y,
    anchor = "start",
    fontSize = FONT_SIZE,
    lineHeight = LINE_HEIGHT,
    fill = INK,
    fontWeight,
  } = props;
  const first = y - ((lines.length - 1) * lineHeight) / 2;
  return (
    <text x={x} textAnchor={anchor} fontSize={fontSize} fill={fill} fontWeight={fontWeight}>
      {lines.map((line, i) => (
        <tspan key={i} x={x} y={first + i * lineHeight} dy="0.35em">
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** A note under a chart (what the whiskers mean, what the hatching means). */
export function Note({ x, y, children }: { x: number; y: number; children: string }) {
  return (
    <text x={x} y={y} dy="0.35em" fontSize={SMALL_FONT_SIZE} fill={MUTED_INK}>
      {children}
    </text>
  );
}
