/**
 * Rows of share bars with 95% whiskers, shared by RankedBars and the panels of SmallMultiples. Each row is a
 * <g data-part="bar-row"> (or a suppressed band) with its label, bar, whisker, value and a tooltip.
 */
import { scaleLinear, type ScaleLinear } from "d3";
import type { Locale } from "~/i18n/i18n";
import type { TableCell } from "./ChartFrame";
import type { ChartLabels } from "./labels";
import { clampShare, isShown, shareDomainMax } from "./layout";
import { AXIS, BAR, GRID, INK, MUTED_INK } from "./palette";
import { SMALL_FONT_SIZE, SuppressedBarRow, TextLines, formatCount, pct } from "./parts";
import type { ShareItem, ShareValue } from "./types";

/** The props every chart of shares takes besides its data. */
export type ShareChartProps = {
  title: string;
  /** One sentence with the main finding, already localised. */
  summary: string;
  labels: ChartLabels;
  width?: number;
  /** Number formatting; defaults to the labels' locale. */
  locale?: Locale;
  /** Upper end of the share axis (0..1); default: the largest interval end, rounded up to a tenth. */
  max?: number;
  /** Header of the label column in the table (default "Fråga"). */
  itemHeader?: string;
  fileName?: string;
};

/** The share axis from 0 to `max` (default from the largest interval end of the shown values), clamped to `range`. */
export function shareScale(
  values: readonly (ShareValue | undefined)[],
  range: readonly [number, number],
  max?: number,
): ScaleLinear<number, number> {
  const domainMax = max ?? shareDomainMax(values.filter(isShown).flatMap((v) => [v.share, v.ciHigh]));
  return scaleLinear().domain([0, domainMax]).range(range).clamp(true);
}

/** A table cell's text: the share with its interval, or `hidden` (default: the suppression note) when suppressed. */
export function shareRangeText(
  value: ShareValue | undefined,
  labels: ChartLabels,
  locale: Locale,
  hidden: string = labels.suppressed,
): string {
  const texts = value ? shareTexts(value, locale) : null;
  return texts ? labels.valueWithRange(texts.value, texts.low, texts.high) : hidden;
}

export type BarRow = {
  key: string;
  label: string;
  lines: string[];
  value: ShareValue | undefined;
  y: number;
  height: number;
};

/** The "62 %" and "58 %–66 %" of a shown share, for tooltips and tables. */
export function shareTexts(value: ShareValue, locale: Locale) {
  if (!isShown(value)) return null;
  return { value: pct(value.share, locale), low: pct(value.ciLow, locale), high: pct(value.ciHigh, locale) };
}

export function ShareBarRows(props: {
  rows: readonly BarRow[];
  x: ScaleLinear<number, number>;
  /** Right edge of the labels (they are right-aligned). */
  labelRight: number;
  /** Right edge of the value column. */
  valueRight: number;
  hatchId: string;
  labels: ChartLabels;
  locale: Locale;
  fontSize: number;
  lineHeight: number;
  barHeight: number;
}) {
  const { rows, x, labelRight, valueRight, hatchId, labels, locale, fontSize, lineHeight, barHeight } = props;
  const [x0, x1] = x.range() as [number, number];
  return (
    <>
      {rows.map((row) => {
        const cy = row.y + row.height / 2;
        const label = (
          <TextLines lines={row.lines} x={labelRight} y={cy} anchor="end" fontSize={fontSize} lineHeight={lineHeight} />
        );
        const value = row.value;
        if (!isShown(value)) {
          return (
            <SuppressedBarRow
              key={row.key}
              itemKey={row.key}
              label={label}
              x0={x0}
              x1={x1}
              cy={cy}
              barHeight={barHeight}
              hatchId={hatchId}
              text={value?.reason === "complementary" ? labels.suppressedComplement : labels.suppressed}
              tooltip={labels.suppressedTooltip(row.label)}
              fontSize={Math.min(fontSize, SMALL_FONT_SIZE)}
            />
          );
        }
        const texts = shareTexts(value, locale) as NonNullable<ReturnType<typeof shareTexts>>;
        const share = x(clampShare(value.share));
        const low = x(clampShare(Math.min(value.ciLow, value.share)));
        const high = x(clampShare(Math.max(value.ciHigh, value.share)));
        return (
          <g key={row.key} data-part="bar-row" data-item={row.key}>
            <title>{labels.shareTooltip(row.label, texts.value, texts.low, texts.high)}</title>
            {label}
            <rect
              data-part="bar"
              x={x0}
              y={cy - barHeight / 2}
              width={Math.max(0, share - x0)}
              height={barHeight}
              fill={BAR}
            />
            <g data-part="whisker" stroke={INK} strokeWidth={1.5}>
              <line x1={low} x2={high} y1={cy} y2={cy} />
              <line x1={low} x2={low} y1={cy - barHeight / 3} y2={cy + barHeight / 3} />
              <line x1={high} x2={high} y1={cy - barHeight / 3} y2={cy + barHeight / 3} />
            </g>
            <text data-part="value" x={valueRight} y={cy} dy="0.35em" textAnchor="end" fontSize={fontSize} fill={INK}>
              {texts.value}
            </text>
          </g>
        );
      })}
    </>
  );
}

/** Vertical gridlines with percent tick labels under them, and the zero line. */
export function ShareAxis(props: {
  x: ScaleLinear<number, number>;
  top: number;
  bottom: number;
  locale: Locale;
  ticks?: number;
  fontSize?: number;
}) {
  const { x, top, bottom, locale, ticks = 5, fontSize = SMALL_FONT_SIZE } = props;
  const [x0] = x.range() as [number, number];
  return (
    <g data-part="axis" aria-hidden="true">
      {x.ticks(ticks).map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={top} y2={bottom} stroke={GRID} />
          <text x={x(t)} y={bottom + fontSize} textAnchor="middle" fontSize={fontSize} fill={MUTED_INK}>
            {pct(t, locale)}
          </text>
        </g>
      ))}
      <line x1={x0} x2={x0} y1={top} y2={bottom} stroke={AXIS} />
    </g>
  );
}

/** The table cells of a share: share, interval and (when any item has one) base, or the suppression reason. */
export function shareCells(item: ShareItem, labels: ChartLabels, locale: Locale, withBase: boolean): TableCell[] {
  const texts = shareTexts(item, locale);
  return texts
    ? [
        texts.value,
        labels.range(texts.low, texts.high),
        ...(withBase ? [item.base != null ? formatCount(item.base, locale) : ""] : []),
      ]
    : [{ text: labels.suppressed, colSpan: withBase ? 3 : 2 }];
}
