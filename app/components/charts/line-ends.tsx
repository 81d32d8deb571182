/**
 * What the line charts (LineChart for shares, RateLines for rates) share: the axes (value grid, period labels), each
 * series' points drawn as its marker shape, and its name at the right of the plot, at the height of its last point
 * (spread so that names do not overlap), with a leader from that point.
 */
import type { ReactNode } from "react";
import { symbol, symbolsFill } from "d3";
import { estimateTextWidth, spreadLabels, wrapText } from "./layout";
import { AxisLabel, HorizontalGrid } from "./frame";
import { TextLines } from "./parts";

const END_FONT = 12;
const END_LINE = 14;
/** The size of a point's marker (px across). */
export const MARKER = 7;

/** The width the end labels take at the right of the plot: the longest name, at least 60 px, at most 30 %. */
export function endLabelWidth(names: readonly string[], width: number): number {
  return Math.min(width * 0.3, Math.max(60, ...names.map((n) => estimateTextWidth(n, END_FONT, true))));
}

/**
 * The end labels of the lines, in their order: each name wrapped to two lines at most, wanted at `y` (its last
 * point's height) and placed between `top` and `bottom` so that none overlaps another (`labelY`).
 */
export function endLabels(
  ends: readonly { name: string; y: number }[],
  endWidth: number,
  top: number,
  bottom: number,
): { lines: string[]; y: number; labelY: number }[] {
  const wrapped = ends.map(({ name, y }) => {
    const lines = wrapText(name, endWidth, END_FONT, 2, true);
    return { lines, y, height: lines.length * END_LINE };
  });
  const ys = spreadLabels(wrapped, top - 6, bottom + 6);
  return wrapped.map((e, i) => ({ lines: e.lines, y: e.y, labelY: ys[i]! }));
}

/** The path of the marker shape of the `index`-th series (a circle, a cross, a diamond ...). */
export const markerOf = (index: number): string =>
  symbol(symbolsFill[index % symbolsFill.length]!, MARKER * MARKER)() ?? "";

/** One point of a line: its series' marker at (x, y), with its tooltip. */
export function PointMarker(props: { marker: string; x: number; y: number; colour: string; children: ReactNode }) {
  return (
    <path
      data-part="point"
      d={props.marker}
      transform={`translate(${props.x},${props.y})`}
      fill={props.colour}
      stroke="#ffffff"
      strokeWidth={1}
    >
      <title>{props.children}</title>
    </path>
  );
}

/** A line's name at the right of the plot (x, labelY), with a leader from its last point (pointX, y) if it has one. */
export function EndLabel(props: {
  end: { lines: readonly string[]; y: number; labelY: number };
  pointX: number | null;
  x: number;
  colour: string;
}) {
  const { end, pointX, x, colour } = props;
  return (
    <>
      {pointX !== null ? (
        <line x1={pointX + MARKER} y1={end.y} x2={x - 3} y2={end.labelY} stroke={colour} strokeWidth={1} />
      ) : null}
      <TextLines
        lines={end.lines}
        x={x}
        y={end.labelY}
        fontSize={END_FONT}
        lineHeight={END_LINE}
        fill={colour}
        fontWeight={600}
      />
    </>
  );
}

/** The axes of a line chart: the value grid (about five ticks) and each period's label under the plot. */
export function LineAxes(props: {
  y: ((value: number) => number) & { ticks: (count: number) => number[] };
  x: (period: string) => number | undefined;
  periods: readonly string[];
  left: number;
  right: number;
  bottom: number;
  format: (value: number) => string;
}) {
  const { y, x, periods, left, right, bottom, format } = props;
  return (
    <g data-part="axis" aria-hidden="true">
      <HorizontalGrid y={y} ticks={y.ticks(5)} left={left} right={right} format={format} />
      {periods.map((p) => (
        <AxisLabel key={p} x={x(p)} y={bottom + 16}>
          {p}
        </AxisLabel>
      ))}
    </g>
  );
}
