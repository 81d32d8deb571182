/**
 * What the charts share around their marks: the table alternative built row by row from the items, the frame
 * with the hatching for suppressed figures defined once, the labelled gridlines of a value axis, the hatched
 * squares that mark a series' missing points under their period labels, and the notes under a chart.
 */
import type { ReactNode } from "react";
import { ChartFrame, type ChartFrameProps, type ChartTable, type TableCell } from "./ChartFrame";
import { AXIS, GRID, MUTED_INK, seriesStyle } from "./palette";
import { HatchPattern, Note, SMALL_FONT_SIZE } from "./parts";

/**
 * The table alternative of a chart: the first column, headed `itemHeader`, names each item (one row per item, in
 * the order given); `columns` follow with the cells `cells(item)` gives.
 */
export function itemTable<T extends { key: string; label: string }>(
  itemHeader: string,
  columns: ChartTable["columns"],
  items: readonly T[],
  cells: (item: T) => readonly TableCell[],
): ChartTable {
  return {
    columns: [{ label: itemHeader }, ...columns],
    rows: items.map((item) => ({ key: item.key, header: item.label, cells: cells(item) })),
  };
}

/** What a chart's own props give its frame: the texts and the download name. */
export type ChartTexts = Pick<ChartFrameProps, "title" | "summary" | "labels" | "fileName">;

/**
 * The chart frame for a chart with the props `chart`, with the diagonal hatching `hatchId` defined first in the
 * SVG, for the marks of suppressed figures.
 */
export function HatchedChartFrame(
  props: Omit<ChartFrameProps, keyof ChartTexts> & { chart: ChartTexts; hatchId: string },
) {
  const { chart, hatchId, width, height, table, controls, children } = props;
  const { title, summary, labels, fileName } = chart;
  return (
    <ChartFrame
      title={title}
      summary={summary}
      labels={labels}
      width={width}
      height={height}
      table={table}
      controls={controls}
      fileName={fileName}
    >
      <defs>
        <HatchPattern id={hatchId} />
      </defs>
      {children}
    </ChartFrame>
  );
}

/** Horizontal gridlines from `left` to `right` at the values `ticks` (zero darker), labelled to the left of `left`. */
export function HorizontalGrid(props: {
  y: (value: number) => number;
  ticks: readonly number[];
  left: number;
  right: number;
  format: (value: number) => string;
}) {
  const { y, ticks, left, right, format } = props;
  return (
    <>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke={t === 0 ? AXIS : GRID} />
          <text x={left - 6} y={y(t)} dy="0.35em" textAnchor="end" fontSize={SMALL_FONT_SIZE} fill={MUTED_INK}>
            {format(t)}
          </text>
        </g>
      ))}
    </>
  );
}

/**
 * Vertical gridlines from `top` to `bottom` at the values `ticks` (zero darker, and `zeroWidth` wide when given),
 * labelled under them at `labelY`.
 */
export function VerticalGrid(props: {
  x: (value: number) => number;
  ticks: readonly number[];
  top: number;
  bottom: number;
  labelY: number;
  format: (value: number) => string;
  zeroWidth?: number;
}) {
  const { x, ticks, top, bottom, labelY, format, zeroWidth } = props;
  return (
    <>
      {ticks.map((t) => (
        <g key={t}>
          <line
            x1={x(t)}
            x2={x(t)}
            y1={top}
            y2={bottom}
            stroke={t === 0 ? AXIS : GRID}
            strokeWidth={zeroWidth === undefined ? undefined : t === 0 ? zeroWidth : 1}
          />
          <text x={x(t)} y={labelY} textAnchor="middle" fontSize={SMALL_FONT_SIZE} fill={MUTED_INK}>
            {format(t)}
          </text>
        </g>
      ))}
    </>
  );
}

/** A label under a horizontal axis, centred on `x` (a day, a channel, a period). */
export function AxisLabel({ x, y, children }: { x: number | undefined; y: number; children: ReactNode }) {
  return (
    <text x={x} y={y} textAnchor="middle" fontSize={SMALL_FONT_SIZE} fill={MUTED_INK}>
      {children}
    </text>
  );
}

/** A point of a series without a figure: `k` counts the marks before it at the same period (its row). */
export type GapMark<S, P> = { series: S; si: number; point: P; k: number };

/**
 * The points of each series that `isGap` picks (a missing or suppressed figure), each with its row `k` among the
 * marks of its period, and how many rows the most crowded period needs.
 */
export function gapMarks<S, P extends { period: string }>(
  series: readonly S[],
  pointsOf: (s: S) => readonly P[],
  isGap: (p: P) => boolean,
): { marks: GapMark<S, P>[]; rows: number } {
  const at = new Map<string, number>();
  const marks = series.flatMap((s, si) =>
    pointsOf(s)
      .filter(isGap)
      .map((point) => {
        const k = at.get(point.period) ?? 0;
        at.set(point.period, k + 1);
        return { series: s, si, point, k };
      }),
  );
  return { marks, rows: Math.max(0, ...at.values()) };
}

/**
 * The marks of `gapMarks`: a 12-pixel square hatched with `hatchId` and edged in the series' colour, centred on
 * `x(point)`, one row of 14 pixels per `k` from `top`; `part` names each mark's group (and `hatchPart`, when given,
 * the square), `tooltip` gives its title.
 */
export function GapMarkSquares<S extends { key: string }, P extends { period: string }>(props: {
  marks: readonly GapMark<S, P>[];
  x: (point: P) => number;
  top: number;
  hatchId: string;
  part: string;
  hatchPart?: string;
  tooltip: (mark: GapMark<S, P>) => string;
}) {
  const { marks, x, top, hatchId, part, hatchPart, tooltip } = props;
  return (
    <>
      {marks.map((mark) => (
        <g key={`${mark.series.key}-${mark.point.period}`} data-part={part}>
          <title>{tooltip(mark)}</title>
          <rect
            data-part={hatchPart}
            x={x(mark.point) - 6}
            y={top + mark.k * 14}
            width={12}
            height={12}
            fill={`url(#${hatchId})`}
            stroke={seriesStyle(mark.si).colour}
          />
        </g>
      ))}
    </>
  );
}

/** The notes under a chart, one line of 16 pixels each from `top`, starting at `x`. */
export function ChartNotes({ notes, x, top }: { notes: readonly string[]; x: number; top: number }) {
  return (
    <>
      {notes.map((note, i) => (
        <Note key={i} x={x} y={top + i * 16}>
          {note}
        </Note>
      ))}
    </>
  );
}
