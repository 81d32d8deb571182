/**
 * Counts as columns (responses per day, per channel): a d3 band scale across, a linear scale up. A suppressed
 * count is drawn as a hatched column over the whole height with the reason as tooltip, never as zero. Every
 * column has its value as a tooltip (hover); the table alternative lists them all.
 */
import { scaleBand, scaleLinear } from "d3";
import type { Locale } from "~/i18n/i18n";
import { AxisLabel, HatchedChartFrame, HorizontalGrid, itemTable } from "./frame";
import type { ChartLabels } from "./labels";
import { BAR, INK, HATCH } from "./palette";
import { SMALL_FONT_SIZE, formatCount, useSvgId } from "./parts";

export type CountItem = { key: string; label: string; n: number | null; suppressed: boolean };

export type CountColumnsProps = {
  title: string;
  summary: string;
  items: readonly CountItem[];
  labels: ChartLabels;
  /** Header of the first table column ("Dag", "Kanal"). */
  itemHeader: string;
  /** Header of the count column ("Antal svar"). */
  countHeader: string;
  width?: number;
  locale?: Locale;
  /** Show every n-th label under the axis (days); default: every label that fits. */
  labelEvery?: number;
  fileName?: string;
};

const TOP = 12;
const PLOT = 180;
const LEFT = 48;

export function CountColumns(props: CountColumnsProps) {
  const { items, labels, itemHeader, countHeader, width = 640 } = props;
  const locale = props.locale ?? labels.locale;
  const hatchId = `${useSvgId()}-hatch`;
  const x = scaleBand<string>()
    .domain(items.map((i) => i.key))
    .range([LEFT, width - 8])
    .padding(0.2);
  const max = Math.max(1, ...items.map((i) => (i.suppressed || i.n === null ? 0 : i.n)));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([TOP + PLOT, TOP]);
  const every = props.labelEvery ?? Math.max(1, Math.ceil((items.length * 64) / (width - LEFT)));
  const bottom = TOP + PLOT;
  const height = bottom + 40;
  const table = itemTable(itemHeader, [{ label: countHeader, numeric: true }], items, (i) => [
    i.suppressed || i.n === null ? labels.suppressed : formatCount(i.n, locale),
  ]);
  return (
    <HatchedChartFrame chart={props} width={width} height={height} table={table} hatchId={hatchId}>
      <g data-part="axis" aria-hidden="true">
        <HorizontalGrid y={y} ticks={y.ticks(4)} left={LEFT} right={width - 8} format={(t) => formatCount(t, locale)} />
        {items.map((i, k) =>
          k % every === 0 ? (
            <AxisLabel key={i.key} x={(x(i.key) ?? 0) + x.bandwidth() / 2} y={bottom + 16}>
              {i.label}
            </AxisLabel>
          ) : null,
        )}
      </g>
      {items.map((i) => {
        const x0 = x(i.key) ?? 0;
        if (i.suppressed || i.n === null) {
          return (
            <g key={i.key} data-part="suppressed">
              <title>{labels.suppressedTooltip(i.label)}</title>
              <rect
                x={x0}
                y={TOP}
                width={x.bandwidth()}
                height={PLOT}
                fill={`url(#${hatchId})`}
                stroke={HATCH}
                strokeDasharray="3 2"
              />
            </g>
          );
        }
        return (
          <g key={i.key} data-part="column" className="chart-hover">
            <title>{`${i.label}: ${formatCount(i.n, locale)}`}</title>
            {/* A transparent full-height target, so that hovering anywhere over the column shows its value. */}
            <rect x={x0} y={TOP} width={x.bandwidth()} height={PLOT} fill="transparent" />
            <rect
              data-part="bar"
              x={x0}
              y={y(i.n)}
              width={x.bandwidth()}
              height={Math.max(0, bottom - y(i.n))}
              fill={BAR}
            />
            {items.length <= 12 ? (
              <text x={x0 + x.bandwidth() / 2} y={y(i.n) - 4} textAnchor="middle" fontSize={SMALL_FONT_SIZE} fill={INK}>
                {formatCount(i.n, locale)}
              </text>
            ) : null}
          </g>
        );
      })}
    </HatchedChartFrame>
  );
}
