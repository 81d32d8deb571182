/**
 * Trend over periods (meant for three or more): one line per item with its 95% interval as a pale band, a
 * marker shape and dash pattern of its own, and its name written at the end of the line (no legend to look up).
 * A suppressed point breaks the line and is marked under its period label (outside the plot, so it cannot be
 * read as a value) with a hatched square in the line's colour and the reason as tooltip; it is never drawn as
 * zero and never bridged as if it were known.
 */
import { area, line, scalePoint } from "d3";
import { ChartNotes, GapMarkSquares, HatchedChartFrame, gapMarks, itemTable } from "./frame";
import { clampShare, isShown } from "./layout";
import { EndLabel, LineAxes, PointMarker, endLabelWidth, endLabels, markerOf } from "./line-ends";
import { seriesStyle } from "./palette";
import { pct, useSvgId } from "./parts";
import { shareRangeText, shareScale, shareTexts, type ShareChartProps } from "./share-bars";
import type { ShareValue } from "./types";

export type LineSeries = {
  key: string;
  /** Already localised; written at the end of the line. */
  label: string;
  /** One value per period, in the order of `periods`; a missing value counts as suppressed. */
  values: readonly ShareValue[];
};

export type LineChartProps = ShareChartProps & {
  /** Period labels in time order ("2022", "2023", "2024"). */
  periods: readonly string[];
  series: readonly LineSeries[];
};

const TOP = 12;
const PLOT_HEIGHT = 240;
const LEFT = 48;

type Point = { period: string; index: number; value: ShareValue | undefined };

export function LineChart(props: LineChartProps) {
  const { periods, series, labels, width = 640, max, itemHeader } = props;
  const locale = props.locale ?? labels.locale;
  const hatchId = `${useSvgId()}-hatch`;

  const endWidth = endLabelWidth(
    series.map((s) => s.label),
    width,
  );
  const plotLeft = LEFT;
  const plotRight = width - endWidth - 16;
  const bottom = TOP + PLOT_HEIGHT;
  const x = scalePoint<string>().domain(periods).range([plotLeft, plotRight]).padding(0.3);
  const px = (p: Point) => x(p.period) ?? plotLeft;
  const y = shareScale(
    series.flatMap((s) => s.values),
    [bottom, TOP],
    max,
  );

  const pointsOf = (s: LineSeries): Point[] =>
    periods.map((period, index) => ({ period, index, value: s.values[index] }));
  const shownValue = (p: Point) => p.value as ShareValue & { share: number; ciLow: number; ciHigh: number };
  const lineOf = line<Point>()
    .defined((p) => isShown(p.value))
    .x(px)
    .y((p) => y(clampShare(shownValue(p).share)));
  const bandOf = area<Point>()
    .defined((p) => isShown(p.value))
    .x(px)
    .y0((p) => y(clampShare(shownValue(p).ciLow)))
    .y1((p) => y(clampShare(shownValue(p).ciHigh)));

  // End labels: at the last shown point of each line, spread so they do not overlap.
  const lasts = series.map((s) => [...pointsOf(s)].reverse().find((p) => isShown(p.value)));
  const ends = endLabels(
    series.map((s, i) => {
      const last = lasts[i];
      return { name: s.label, y: last ? y(clampShare(shownValue(last).share)) : bottom };
    }),
    endWidth,
    TOP,
    bottom,
  );

  // Suppressed points: hatched squares in a row under the period labels, stacked when several share a period.
  const suppressed = gapMarks(series, pointsOf, (p) => !isShown(p.value));
  const marksTop = bottom + 24;
  const notesTop = marksTop + suppressed.rows * 14 + 10;
  const notes = [labels.bandNote, ...(suppressed.marks.length ? [labels.suppressedLegend] : [])];
  const height = notesTop + notes.length * 16;

  const table = itemTable(
    itemHeader ?? labels.colItem,
    periods.map((p) => ({ label: p, numeric: true })),
    series,
    (s) => periods.map((_, i) => ({ text: shareRangeText(s.values[i], labels, locale), numeric: true })),
  );

  return (
    <HatchedChartFrame chart={props} width={width} height={height} table={table} hatchId={hatchId}>
      <LineAxes
        y={y}
        x={x}
        periods={periods}
        left={plotLeft}
        right={plotRight}
        bottom={bottom}
        format={(t) => pct(t, locale)}
      />
      {series.map((s, si) => {
        const { colour } = seriesStyle(si);
        const d = bandOf(pointsOf(s));
        return d ? <path key={s.key} data-part="band" d={d} fill={colour} fillOpacity={0.14} stroke="none" /> : null;
      })}
      {series.map((s, si) => {
        const { colour, dash } = seriesStyle(si);
        const points = pointsOf(s);
        const d = lineOf(points);
        const marker = markerOf(si);
        const last = lasts[si];
        return (
          <g key={s.key} data-part="series" data-item={s.key}>
            {d ? (
              <path data-part="line" d={d} fill="none" stroke={colour} strokeWidth={2} strokeDasharray={dash} />
            ) : null}
            {points
              .filter((p) => isShown(p.value))
              .map((p) => {
                const texts = shareTexts(p.value as ShareValue, locale) as NonNullable<ReturnType<typeof shareTexts>>;
                return (
                  <PointMarker
                    key={p.period}
                    marker={marker}
                    x={px(p)}
                    y={y(clampShare(shownValue(p).share))}
                    colour={colour}
                  >
                    {labels.shareTooltip(labels.seriesPeriod(s.label, p.period), texts.value, texts.low, texts.high)}
                  </PointMarker>
                );
              })}
            <EndLabel end={ends[si]!} pointX={last ? px(last) : null} x={plotRight + 12} colour={colour} />
          </g>
        );
      })}
      <GapMarkSquares
        marks={suppressed.marks}
        x={px}
        top={marksTop}
        hatchId={hatchId}
        part="suppressed"
        hatchPart="hatch"
        tooltip={({ series: s, point }) => labels.suppressedTooltip(labels.seriesPeriod(s.label, point.period))}
      />
      <ChartNotes notes={notes} x={plotLeft} top={notesTop} />
    </HatchedChartFrame>
  );
}
