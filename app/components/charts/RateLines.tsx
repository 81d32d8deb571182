/**
 * Rates over years (reported crimes per 100,000 residents): one line per series (the kommun, its county, the
 * country), each with its own colour, dash pattern and marker shape and its name at the end of the line, on a
 * linear scale from zero. A year without a figure breaks the line and is marked under its year label with a
 * hatched square in the line's colour (never drawn as zero, never bridged). The table alternative has every value.
 */
import { line, scaleLinear, scalePoint } from "d3";
import type { Locale } from "~/i18n/i18n";
import { ChartNotes, GapMarkSquares, HatchedChartFrame, gapMarks, itemTable, type ChartTexts } from "./frame";
import { EndLabel, LineAxes, PointMarker, endLabelWidth, endLabels, markerOf } from "./line-ends";
import { seriesStyle } from "./palette";
import { useSvgId } from "./parts";

export type RateSeries = {
  key: string;
  /** Already localised; written at the end of the line. */
  label: string;
  /** One value per period, in the order of `periods`; null where there is no figure. */
  values: readonly (number | null)[];
};

export type RateLinesProps = ChartTexts & {
  periods: readonly string[];
  series: readonly RateSeries[];
  /** Header of the table's first column ("Serie"). */
  itemHeader: string;
  /** A value as text ("1 234,5"). */
  format: (value: number) => string;
  /** The tooltip of a point: "Haparanda 2024: 1 234,5 per 100 000". */
  pointTooltip: (series: string, period: string, value: string) => string;
  /** The tooltip of a missing figure's mark. */
  missingTooltip: (series: string, period: string) => string;
  /** A note under the chart (what a missing mark means, a source). */
  notes?: readonly string[];
  width?: number;
  locale?: Locale;
};

const TOP = 12;
const PLOT_HEIGHT = 240;
const LEFT = 56;

export function RateLines(props: RateLinesProps) {
  const { periods, series, width = 640, format, itemHeader, notes = [] } = props;
  const hatchId = `${useSvgId()}-hatch`;
  const endWidth = endLabelWidth(
    series.map((s) => s.label),
    width,
  );
  const plotRight = width - endWidth - 16;
  const bottom = TOP + PLOT_HEIGHT;
  const x = scalePoint<string>().domain(periods).range([LEFT, plotRight]).padding(0.3);
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const y = scaleLinear()
    .domain([0, Math.max(1, ...values)])
    .nice()
    .range([bottom, TOP]);

  type Point = { period: string; value: number | null };
  const pointsOf = (s: RateSeries): Point[] => periods.map((period, i) => ({ period, value: s.values[i] ?? null }));
  const lineOf = line<Point>()
    .defined((p) => p.value !== null)
    .x((p) => x(p.period) ?? LEFT)
    .y((p) => y(p.value ?? 0));

  const lasts = series.map((s) => [...pointsOf(s)].reverse().find((p) => p.value !== null));
  const ends = endLabels(
    series.map((s, i) => ({ name: s.label, y: lasts[i] ? y(lasts[i].value!) : bottom })),
    endWidth,
    TOP,
    bottom,
  );

  const missing = gapMarks(series, pointsOf, (p) => p.value === null);
  const marksTop = bottom + 24;
  const notesTop = marksTop + missing.rows * 14 + 10;
  const height = notesTop + notes.length * 16;

  const table = itemTable(
    itemHeader,
    periods.map((p) => ({ label: p, numeric: true })),
    series,
    (s) => periods.map((_, i) => ({ text: s.values[i] == null ? "–" : format(s.values[i]!), numeric: true })),
  );

  return (
    <HatchedChartFrame chart={props} width={width} height={height} table={table} hatchId={hatchId}>
      <LineAxes y={y} x={x} periods={periods} left={LEFT} right={plotRight} bottom={bottom} format={format} />
      {series.map((s, si) => {
        const { colour, dash } = seriesStyle(si);
        const d = lineOf(pointsOf(s));
        const marker = markerOf(si);
        const last = lasts[si];
        return (
          <g key={s.key} data-part="series" data-item={s.key}>
            {d ? (
              <path data-part="line" d={d} fill="none" stroke={colour} strokeWidth={2} strokeDasharray={dash} />
            ) : null}
            {pointsOf(s)
              .filter((p) => p.value !== null)
              .map((p) => (
                <PointMarker key={p.period} marker={marker} x={x(p.period)!} y={y(p.value!)} colour={colour}>
                  {props.pointTooltip(s.label, p.period, format(p.value!))}
                </PointMarker>
              ))}
            <EndLabel
              end={ends[si]!}
              pointX={last ? (x(last.period) ?? LEFT) : null}
              x={plotRight + 12}
              colour={colour}
            />
          </g>
        );
      })}
      <GapMarkSquares
        marks={missing.marks}
        x={(p) => x(p.period) ?? LEFT}
        top={marksTop}
        hatchId={hatchId}
        part="missing"
        tooltip={({ series: s, point: p }) => props.missingTooltip(s.label, p.period)}
      />
      <ChartNotes notes={notes} x={LEFT} top={notesTop} />
    </HatchedChartFrame>
  );
}
