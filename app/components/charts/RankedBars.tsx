/**
 * Ranked horizontal bars of shares (problem shares, unsafe shares) with their 95% intervals as whiskers,
 * highest first. A suppressed item keeps its row, drawn as a hatched band saying "färre än 5 svar", ranked last.
 * After hydration the rows can be sorted alphabetically and back (a button; the server renders the ranking).
 */
import { useState } from "react";
import { HatchedChartFrame, itemTable } from "./frame";
import { isShown, labelColumnWidth, rankOrder, stackRows, wrapText } from "./layout";
import { FONT_SIZE, LINE_HEIGHT, Note, useSvgId } from "./parts";
import { ShareAxis, ShareBarRows, shareCells, shareScale, type ShareChartProps } from "./share-bars";
import type { ShareItem } from "./types";

export type RankedBarsProps = ShareChartProps & {
  items: readonly ShareItem[];
};

const ROW = { minHeight: 30, lineHeight: LINE_HEIGHT, padding: 12 };
const BAR_HEIGHT = 14;
const VALUE_WIDTH = 52;

export function RankedBars(props: RankedBarsProps) {
  const { items, labels, width = 640, max, itemHeader } = props;
  const locale = props.locale ?? labels.locale;
  const hatchId = `${useSvgId()}-hatch`;

  const [byName, setByName] = useState(false);
  const byShare = rankOrder(items, (item) => (isShown(item) ? item.share : null)).map((i) => items[i] as ShareItem);
  const ranked = byName ? [...byShare].sort((a, b) => a.label.localeCompare(b.label, locale)) : byShare;
  const labelWidth = labelColumnWidth(
    ranked.map((i) => i.label),
    FONT_SIZE,
    width * 0.38,
    80,
  );
  const lines = ranked.map((item) => wrapText(item.label, labelWidth, FONT_SIZE));
  const rows = stackRows(
    lines.map((l) => l.length),
    { top: 8, ...ROW },
  );
  const last = rows.at(-1);
  const rowsBottom = last ? last.y + last.height : 8;
  const plotLeft = labelWidth + 12;
  const plotRight = width - VALUE_WIDTH - 8;
  const x = shareScale(items, [plotLeft, plotRight], max);
  const height = rowsBottom + 48;

  const withBase = items.some((i) => i.base != null);
  const table = itemTable(
    itemHeader ?? labels.colItem,
    [
      { label: labels.colShare, numeric: true },
      { label: labels.colInterval, numeric: true },
      ...(withBase ? [{ label: labels.colBase, numeric: true }] : []),
    ],
    ranked,
    (item) => shareCells(item, labels, locale, withBase),
  );

  const controls =
    items.length > 1 ? (
      <button type="button" className="secondary" onClick={() => setByName((v) => !v)}>
        {byName ? labels.sortByShare : labels.sortByName}
      </button>
    ) : undefined;

  return (
    <HatchedChartFrame chart={props} width={width} height={height} table={table} hatchId={hatchId} controls={controls}>
      <ShareAxis x={x} top={4} bottom={rowsBottom + 4} locale={locale} />
      <ShareBarRows
        rows={ranked.map((item, i) => ({
          key: item.key,
          label: item.label,
          lines: lines[i] as string[],
          value: item,
          ...(rows[i] as { y: number; height: number }),
        }))}
        x={x}
        labelRight={plotLeft - 8}
        valueRight={width - 4}
        hatchId={hatchId}
        labels={labels}
        locale={locale}
        fontSize={FONT_SIZE}
        lineHeight={LINE_HEIGHT}
        barHeight={BAR_HEIGHT}
      />
      <Note x={plotLeft} y={height - 12}>
        {labels.whiskerNote}
      </Note>
    </HatchedChartFrame>
  );
}
