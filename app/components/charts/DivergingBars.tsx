/**
 * Diverging stacked bars for Likert items: one row per item, the categories of concern (e.g. "mycket/ganska
 * stort problem") stacked to the left of a centre line, the others to the right, a neutral category across the
 * centre, and "vet ej" apart in its own column (it is not part of the base of the bar's shares). Every segment
 * has a tooltip (<title>, works without JavaScript); after hydration the rows can be sorted by the left side.
 *
 * Suppression: a row marked `suppressed` is drawn as a hatched band with the reason. A category share that is
 * null (suppressed on its own, n < 5) cannot be drawn as a length and would shift every segment beside it, so
 * such a row's bar is drawn as suppressed too; the table still shows the categories that may be shown.
 */
import { scaleLinear } from "d3";
import { useState } from "react";
import type { Locale } from "~/i18n/i18n";
import type { TableCell } from "./ChartFrame";
import { HatchedChartFrame, VerticalGrid, itemTable } from "./frame";
import type { ChartLabels } from "./labels";
import {
  divergingSegments,
  estimateTextWidth,
  flowBoxes,
  labelColumnWidth,
  rankOrder,
  stackRows,
  steps,
  symmetricExtent,
  wrapText,
  type LikertSide,
} from "./layout";
import { DIVERGING, BACKGROUND, sideColour, textOn } from "./palette";
import {
  FONT_SIZE,
  LINE_HEIGHT,
  SMALL_FONT_SIZE,
  SuppressedBand,
  TextLines,
  formatCount,
  pct,
  useSvgId,
} from "./parts";

export type LikertCategory = {
  /** The option value ("4", "dont_know"). */
  key: string;
  /** Already localised ("Ett mycket stort problem"). */
  label: string;
  /** Where it is drawn: left of the centre, right of it, across it, or apart ("vet ej"). */
  side: LikertSide;
};

export type LikertRow = {
  key: string;
  label: string;
  /** Share per category key, as proportions; null (or missing) = suppressed, never read as 0. */
  shares: Readonly<Record<string, number | null>>;
  /** The whole row is suppressed (its base is below the minimum). */
  suppressed: boolean;
  /** Respondents with an opinion (the base of the bar's shares); shown in the table when given. */
  base?: number | null;
};

export type DivergingBarsProps = {
  title: string;
  /** One sentence with the main finding, already localised. */
  summary: string;
  /** In reading order, left to right, e.g. 4, 3 (left), 2, 1 (right), vet ej (aside). */
  categories: readonly LikertCategory[];
  rows: readonly LikertRow[];
  /** Heading over the left half, e.g. "Stort problem"; also names the sort toggle. */
  leftLabel: string;
  /** Heading over the right half, e.g. "Litet eller inget problem". */
  rightLabel: string;
  labels: ChartLabels;
  width?: number;
  locale?: Locale;
  /** Row order before any client toggle: as given, or by the left side's share (largest first). */
  initialOrder?: "given" | "left";
  itemHeader?: string;
  fileName?: string;
};

const BAR_HEIGHT = 18;
const ASIDE_WIDTH = 76;
const ASIDE_BAR = 30;
const LEGEND_LINE = 20;

const shareOf = (row: LikertRow, key: string): number | null => {
  const v = row.shares[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
};

export function DivergingBars(props: DivergingBarsProps) {
  const { categories, rows, leftLabel, rightLabel, labels, width = 640, itemHeader } = props;
  const locale = props.locale ?? labels.locale;
  const hatchId = `${useSvgId()}-hatch`;
  const [byLeft, setByLeft] = useState(props.initialOrder === "left");

  const barCategories = categories.filter((c) => c.side !== "aside");
  const asideCategories = categories.filter((c) => c.side === "aside");
  const lefts = categories.filter((c) => c.side === "left");
  const rights = categories.filter((c) => c.side === "right");
  const colour = (c: LikertCategory): string =>
    c.side === "left"
      ? sideColour("left", lefts.length - 1 - lefts.indexOf(c), lefts.length)
      : c.side === "right"
        ? sideColour("right", rights.indexOf(c), rights.length)
        : c.side === "neutral"
          ? DIVERGING.neutral
          : DIVERGING.aside;

  const drawable = (row: LikertRow) => !row.suppressed && barCategories.every((c) => shareOf(row, c.key) !== null);
  const layouts = rows.map((row) => (drawable(row) ? divergingSegments(row.shares, categories) : null));
  const order = byLeft ? rankOrder(layouts, (l) => (l ? l.left : null)) : rows.map((_, i) => i);

  // Legend: one swatch per category, flowed over the full width.
  const legendWidths = categories.map((c) => 18 + estimateTextWidth(c.label, SMALL_FONT_SIZE));
  const legend = flowBoxes(legendWidths, width, 16);
  const legendHeight = ((legend.at(-1)?.line ?? 0) + 1) * LEGEND_LINE;

  const labelWidth = labelColumnWidth(
    rows.map((r) => r.label),
    FONT_SIZE,
    width * 0.3,
    80,
  );
  const asideWidth = asideCategories.length * ASIDE_WIDTH;
  const plotLeft = labelWidth + 12;
  const plotRight = width - asideWidth - (asideWidth ? 12 : 8);
  // Headings over each half (and over vet ej), wrapped so that they never run into each other.
  const centre = (plotLeft + plotRight) / 2;
  const headingFont = FONT_SIZE;
  const headings = {
    left: wrapText(leftLabel, centre - plotLeft - 6, headingFont, 2, true),
    right: wrapText(rightLabel, plotRight - centre - 6, headingFont, 2, true),
    aside: asideCategories.map((c) => wrapText(c.label, ASIDE_WIDTH - 6, headingFont, 2, true)),
  };
  const headingLines = Math.max(headings.left.length, headings.right.length, ...headings.aside.map((l) => l.length));
  const headingY = legendHeight + 6 + (headingLines * LINE_HEIGHT) / 2;
  const rowsTop = legendHeight + 6 + headingLines * LINE_HEIGHT + 6;
  const lines = order.map((i) => wrapText((rows[i] as LikertRow).label, labelWidth, FONT_SIZE));
  const geometry = stackRows(
    lines.map((l) => l.length),
    { top: rowsTop, minHeight: 32, lineHeight: LINE_HEIGHT, padding: 12 },
  );
  const last = geometry.at(-1);
  const rowsBottom = last ? last.y + last.height : rowsTop;
  const height = rowsBottom + 26;

  const extent = symmetricExtent(
    layouts.reduce((m, l) => (l ? Math.max(m, l.left + l.neutral / 2, l.right + l.neutral / 2) : m), 0),
  );
  const x = scaleLinear().domain([-extent.max, extent.max]).range([plotLeft, plotRight]).clamp(true);

  const withBase = rows.some((r) => r.base != null);
  const table = itemTable(
    itemHeader ?? labels.colItem,
    [
      ...categories.map((c) => ({ label: c.label, numeric: true })),
      ...(withBase ? [{ label: labels.colBase, numeric: true }] : []),
    ],
    order.map((i) => rows[i] as LikertRow),
    (row): TableCell[] =>
      row.suppressed
        ? [{ text: labels.suppressed, colSpan: categories.length + (withBase ? 1 : 0) }]
        : [
            ...categories.map((c) => {
              const v = shareOf(row, c.key);
              return { text: v === null ? labels.suppressed : pct(v, locale), numeric: true };
            }),
            ...(withBase ? [{ text: row.base != null ? formatCount(row.base, locale) : "", numeric: true }] : []),
          ],
  );

  const sortToggle = (
    <button type="button" className="secondary" aria-pressed={byLeft} onClick={() => setByLeft((v) => !v)}>
      {labels.sortBy(leftLabel)}
    </button>
  );

  const controls = rows.length > 1 ? sortToggle : undefined;

  return (
    <HatchedChartFrame chart={props} width={width} height={height} table={table} hatchId={hatchId} controls={controls}>
      <g data-part="legend">
        {categories.map((c, i) => {
          const box = legend[i] as { x: number; line: number };
          const y = 8 + box.line * LEGEND_LINE;
          return (
            <g key={c.key}>
              <rect x={box.x} y={y} width={12} height={12} fill={colour(c)} />
              <text x={box.x + 17} y={y + 6} dy="0.35em" fontSize={SMALL_FONT_SIZE}>
                {c.label}
              </text>
            </g>
          );
        })}
      </g>
      <TextLines lines={headings.left} x={centre - 6} y={headingY} anchor="end" fontWeight={600} />
      <TextLines lines={headings.right} x={centre + 6} y={headingY} fontWeight={600} />
      {asideCategories.map((c, i) => (
        <TextLines
          key={c.key}
          lines={headings.aside[i] as string[]}
          x={plotRight + 12 + i * ASIDE_WIDTH}
          y={headingY}
          fontWeight={600}
        />
      ))}
      <g data-part="axis" aria-hidden="true">
        <VerticalGrid
          x={x}
          ticks={steps(-extent.max, extent.max, extent.step)}
          top={rowsTop}
          bottom={rowsBottom}
          labelY={rowsBottom + SMALL_FONT_SIZE + 2}
          format={(t) => pct(Math.abs(t), locale)}
        />
      </g>
      {order.map((rowIndex, k) => {
        const row = rows[rowIndex] as LikertRow;
        const { y, height: rowHeight } = geometry[k] as { y: number; height: number };
        const cy = y + rowHeight / 2;
        const layout = layouts[rowIndex];
        const label = <TextLines lines={lines[k] as string[]} x={plotLeft - 8} y={cy} anchor="end" />;
        if (row.suppressed) {
          return (
            <g key={row.key} data-part="likert-row" data-item={row.key}>
              {label}
              <SuppressedBand
                x={plotLeft}
                y={cy - BAR_HEIGHT / 2}
                width={width - 4 - plotLeft}
                height={BAR_HEIGHT}
                hatchId={hatchId}
                text={labels.suppressed}
                tooltip={labels.suppressedTooltip(row.label)}
              />
            </g>
          );
        }
        return (
          <g key={row.key} data-part="likert-row" data-item={row.key}>
            {label}
            {layout ? (
              layout.segments.map((s) => {
                const category = categories.find((c) => c.key === s.key) as LikertCategory;
                const fill = colour(category);
                const x0 = x(s.x0);
                const w = Math.max(0, x(s.x1) - x0);
                const text = pct(s.share, locale);
                const ink = textOn(fill);
                const fits = ink !== null && estimateTextWidth(text, SMALL_FONT_SIZE) + 6 <= w;
                return (
                  <g key={s.key} data-part="segment" data-category={s.key}>
                    <title>{labels.categoryTooltip(row.label, category.label, text)}</title>
                    <rect
                      x={x0}
                      y={cy - BAR_HEIGHT / 2}
                      width={w}
                      height={BAR_HEIGHT}
                      fill={fill}
                      stroke={BACKGROUND}
                      strokeWidth={1}
                    />
                    {fits ? (
                      <text
                        x={x0 + w / 2}
                        y={cy}
                        dy="0.35em"
                        textAnchor="middle"
                        fontSize={SMALL_FONT_SIZE}
                        fill={ink ?? undefined}
                      >
                        {text}
                      </text>
                    ) : null}
                  </g>
                );
              })
            ) : (
              <SuppressedBand
                x={plotLeft}
                y={cy - BAR_HEIGHT / 2}
                width={plotRight - plotLeft}
                height={BAR_HEIGHT}
                hatchId={hatchId}
                text={labels.suppressed}
                tooltip={labels.suppressedTooltip(row.label)}
              />
            )}
            {asideCategories.map((c, i) => {
              const v = shareOf(row, c.key);
              const ax = plotRight + 12 + i * ASIDE_WIDTH;
              if (v === null) {
                return (
                  <SuppressedBand
                    key={c.key}
                    x={ax}
                    y={cy - BAR_HEIGHT / 2}
                    width={ASIDE_WIDTH - 8}
                    height={BAR_HEIGHT}
                    hatchId={hatchId}
                    text=""
                    tooltip={labels.categoryTooltip(row.label, c.label, labels.suppressed)}
                  />
                );
              }
              const text = pct(v, locale);
              return (
                <g key={c.key} data-part="aside" data-category={c.key}>
                  <title>{labels.categoryTooltip(row.label, c.label, text)}</title>
                  <rect
                    x={ax}
                    y={cy - BAR_HEIGHT / 2}
                    width={Math.max(0, Math.min(1, v)) * ASIDE_BAR}
                    height={BAR_HEIGHT}
                    fill={colour(c)}
                  />
                  <text x={ax + ASIDE_BAR + 4} y={cy} dy="0.35em" fontSize={SMALL_FONT_SIZE}>
                    {text}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </HatchedChartFrame>
  );
}
