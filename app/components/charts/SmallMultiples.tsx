/**
 * Small multiples for a breakdown (by area, age band, gender): one panel of share bars with whiskers per group,
 * all on the same scale and with the items in the same order, so panels compare row by row. Suppressed cells
 * (a group with fewer than 5 answers to an item) are drawn as hatched bands with the reason. With `toggleable`,
 * checkboxes (after hydration) show or hide each group's panel, in the chart, its table and its downloads.
 */
import { useState } from "react";
import { HatchedChartFrame, itemTable } from "./frame";
import { gridColumns, labelColumnWidth, stackRows, wrapText } from "./layout";
import { Note, TextLines, useSvgId } from "./parts";
import { ShareAxis, ShareBarRows, shareRangeText, shareScale, type ShareChartProps } from "./share-bars";
import type { ShareValue } from "./types";

export type SmallMultiplesGroup = {
  key: string;
  /** Already localised ("Centrum", "16–24 år"). */
  label: string;
  /** Share per item key; a missing item counts as suppressed (no answers is fewer than 5). */
  cells: Readonly<Record<string, ShareValue>>;
};

/** `max` is the upper end of the common axis of all panels. */
export type SmallMultiplesProps = ShareChartProps & {
  /** The rows of every panel, in this order (rank them by the overall share before passing them). */
  items: readonly { key: string; label: string }[];
  groups: readonly SmallMultiplesGroup[];
  /** Panels per row; default as many of at least 280 px as fit. */
  columns?: number;
  /** Offer checkboxes to show or hide groups (client only; the server renders every group). */
  toggleable?: boolean;
};

const FONT = 12;
const LINE = 15;
const BAR_HEIGHT = 12;
const GAP = 24;
const HEADER = 24;
const AXIS_SPACE = 20;
const VALUE_WIDTH = 40;

export function SmallMultiples(props: SmallMultiplesProps) {
  const { items, groups: allGroups, labels, width = 640, max, itemHeader, toggleable } = props;
  const locale = props.locale ?? labels.locale;
  const svgId = useSvgId();
  const hatchId = `${svgId}-hatch`;
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const groups = allGroups.filter((g) => !hidden.has(g.key));
  const toggles =
    toggleable && allGroups.length > 1 ? (
      <fieldset className="group-toggles">
        <legend>{labels.groupsLegend}</legend>
        {allGroups.map((g) => (
          <label key={g.key} className="toggle">
            <input
              type="checkbox"
              checked={!hidden.has(g.key)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setHidden((prev) => {
                  const next = new Set(prev);
                  if (on) next.delete(g.key);
                  else next.add(g.key);
                  return next;
                });
              }}
            />{" "}
            {g.label}
          </label>
        ))}
      </fieldset>
    ) : undefined;

  const columns = Math.max(
    1,
    Math.min(props.columns ?? gridColumns(width, 280, groups.length), Math.max(1, groups.length)),
  );
  const panelWidth = (width - GAP * (columns - 1)) / columns;
  const labelWidth = labelColumnWidth(
    items.map((i) => i.label),
    FONT,
    panelWidth * 0.4,
    50,
  );
  const lines = items.map((item) => wrapText(item.label, labelWidth, FONT));
  const geometry = stackRows(
    lines.map((l) => l.length),
    { top: HEADER, minHeight: 24, lineHeight: LINE, padding: 8 },
  );
  const last = geometry.at(-1);
  const rowsBottom = last ? last.y + last.height : HEADER;
  const panelHeight = rowsBottom + AXIS_SPACE;
  const gridRows = Math.ceil(groups.length / columns);
  const height = Math.max(1, gridRows) * panelHeight + Math.max(0, gridRows - 1) * 16 + 24;

  const plotLeft = labelWidth + 8;
  const plotRight = panelWidth - VALUE_WIDTH - 4;
  const x = shareScale(
    groups.flatMap((g) => items.map((i) => g.cells[i.key])),
    [plotLeft, plotRight],
    max,
  );

  const table = itemTable(
    itemHeader ?? labels.colItem,
    groups.map((g) => ({ label: g.label, numeric: true })),
    items,
    (item) =>
      groups.map((g) => {
        const cell = g.cells[item.key];
        const hidden = cell?.reason === "complementary" ? labels.suppressedComplement : labels.suppressed;
        return { text: shareRangeText(cell, labels, locale, hidden), numeric: true };
      }),
  );

  return (
    <HatchedChartFrame chart={props} width={width} height={height} table={table} hatchId={hatchId} controls={toggles}>
      {groups.map((group, g) => {
        const px = (g % columns) * (panelWidth + GAP);
        const py = Math.floor(g / columns) * (panelHeight + 16);
        const heading = wrapText(group.label, panelWidth, 13, 1, true);
        return (
          <g key={group.key} data-part="panel" data-group={group.key} transform={`translate(${px},${py})`}>
            <TextLines lines={heading} x={0} y={HEADER / 2} fontWeight={600} />
            <ShareAxis x={x} top={HEADER - 2} bottom={rowsBottom + 2} locale={locale} ticks={3} />
            <ShareBarRows
              rows={items.map((item, i) => ({
                key: item.key,
                label: labels.groupItem(group.label, item.label),
                lines: lines[i] as string[],
                value: group.cells[item.key],
                ...(geometry[i] as { y: number; height: number }),
              }))}
              x={x}
              labelRight={plotLeft - 6}
              valueRight={panelWidth - 2}
              hatchId={hatchId}
              labels={labels}
              locale={locale}
              fontSize={FONT}
              lineHeight={LINE}
              barHeight={BAR_HEIGHT}
            />
          </g>
        );
      })}
      <Note x={0} y={height - 10}>
        {labels.whiskerNote}
      </Note>
    </HatchedChartFrame>
  );
}
