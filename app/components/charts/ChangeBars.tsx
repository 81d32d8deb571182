/**
 * Change per item between two periods, in percentage points: bars from a zero line (right = rise, left = fall)
 * with the 95% interval of the change as whiskers. A significant change (|z| ≥ 1.96) has a filled bar and a
 * "*" after its value; a change that is not significant is drawn as an outline only (shape, not colour alone).
 * An item without a change (an end suppressed or not asked) keeps its row as a hatched band with the reason.
 */
import { scaleLinear } from "d3";
import type { Locale } from "~/i18n/i18n";
import { HatchedChartFrame, VerticalGrid, itemTable } from "./frame";
import type { ChartLabels } from "./labels";
import { labelColumnWidth, stackRows, wrapText } from "./layout";
import { BAR, INK } from "./palette";
import { FONT_SIZE, LINE_HEIGHT, Note, SMALL_FONT_SIZE, SuppressedBarRow, TextLines, useSvgId } from "./parts";

export type ChangeItem = {
  key: string;
  label: string;
  /** Proportions (0.041 = +4,1 pp); null: no change can be shown. */
  change: { diff: number; low: number; high: number; significant: boolean } | null;
  /** Why there is no change ("färre än 5 svar", "ingen tidigare mätning"); default the labels' noChange. */
  reason?: string;
};

export type ChangeBarsProps = {
  title: string;
  summary: string;
  items: readonly ChangeItem[];
  labels: ChartLabels;
  width?: number;
  locale?: Locale;
  itemHeader?: string;
  fileName?: string;
};

const BAR_HEIGHT = 14;
const VALUE_WIDTH = 64;

export function ChangeBars(props: ChangeBarsProps) {
  const { items, labels, width = 640, itemHeader } = props;
  const locale = props.locale ?? labels.locale;
  const hatchId = `${useSvgId()}-hatch`;
  const pp = (v: number, decimals = 1) =>
    new Intl.NumberFormat(locale === "en" ? "en-GB" : `${locale}-SE`, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: "exceptZero",
    }).format(v * 100);
  const labelWidth = labelColumnWidth(
    items.map((i) => i.label),
    FONT_SIZE,
    width * 0.34,
    80,
  );
  const lines = items.map((i) => wrapText(i.label, labelWidth, FONT_SIZE));
  const rows = stackRows(
    lines.map((l) => l.length),
    { top: 8, minHeight: 30, lineHeight: LINE_HEIGHT, padding: 12 },
  );
  const rowsBottom = (rows.at(-1)?.y ?? 8) + (rows.at(-1)?.height ?? 0);
  const plotLeft = labelWidth + 12;
  const plotRight = width - VALUE_WIDTH - 8;
  const extent = Math.max(
    0.05,
    ...items.flatMap((i) => (i.change ? [Math.abs(i.change.low), Math.abs(i.change.high)] : [])),
  );
  const x = scaleLinear().domain([-extent, extent]).nice().range([plotLeft, plotRight]).clamp(true);
  const height = rowsBottom + 64;
  const table = itemTable(
    itemHeader ?? labels.colItem,
    [
      { label: labels.colChange, numeric: true },
      { label: labels.colInterval, numeric: true },
      { label: labels.colSignificant },
    ],
    items,
    (i) =>
      i.change
        ? [
            pp(i.change.diff),
            labels.range(pp(i.change.low), pp(i.change.high)),
            i.change.significant ? labels.significant : labels.notSignificant,
          ]
        : [{ text: i.reason ?? labels.noChange, colSpan: 3 }],
  );
  return (
    <HatchedChartFrame chart={props} width={width} height={height} table={table} hatchId={hatchId}>
      <g data-part="axis" aria-hidden="true">
        <VerticalGrid
          x={x}
          ticks={x.ticks(5)}
          top={4}
          bottom={rowsBottom + 4}
          labelY={rowsBottom + 4 + SMALL_FONT_SIZE}
          format={(t) => pp(t, 0)}
          zeroWidth={1.5}
        />
      </g>
      {items.map((item, i) => {
        const row = rows[i]!;
        const cy = row.y + row.height / 2;
        const label = <TextLines lines={lines[i]!} x={plotLeft - 8} y={cy} anchor="end" />;
        if (!item.change) {
          const reason = item.reason ?? labels.noChange;
          return (
            <SuppressedBarRow
              key={item.key}
              itemKey={item.key}
              label={label}
              x0={plotLeft}
              x1={plotRight}
              cy={cy}
              barHeight={BAR_HEIGHT}
              hatchId={hatchId}
              text={reason}
              tooltip={`${item.label}: ${reason}`}
            />
          );
        }
        const c = item.change;
        const [a, b] = [x(Math.min(0, c.diff)), x(Math.max(0, c.diff))];
        return (
          <g
            key={item.key}
            data-part="bar-row"
            data-item={item.key}
            data-significant={c.significant ? "true" : "false"}
          >
            <title>{labels.changeTooltip(item.label, pp(c.diff), pp(c.low), pp(c.high), c.significant)}</title>
            {label}
            <rect
              data-part="bar"
              x={a}
              y={cy - BAR_HEIGHT / 2}
              width={Math.max(1, b - a)}
              height={BAR_HEIGHT}
              fill={c.significant ? BAR : "#ffffff"}
              stroke={BAR}
              strokeWidth={2}
            />
            <g data-part="whisker" stroke={INK} strokeWidth={1.5}>
              <line x1={x(c.low)} x2={x(c.high)} y1={cy} y2={cy} />
              <line x1={x(c.low)} x2={x(c.low)} y1={cy - BAR_HEIGHT / 3} y2={cy + BAR_HEIGHT / 3} />
              <line x1={x(c.high)} x2={x(c.high)} y1={cy - BAR_HEIGHT / 3} y2={cy + BAR_HEIGHT / 3} />
            </g>
            <text x={width - 4} y={cy} dy="0.35em" textAnchor="end" fontSize={FONT_SIZE} fill={INK}>
              {pp(c.diff)}
              {c.significant ? " *" : ""}
            </text>
          </g>
        );
      })}
      <Note x={8} y={height - 28}>
        {labels.whiskerChangeNote}
      </Note>
      <Note x={8} y={height - 12}>
        {labels.changeNote}
      </Note>
    </HatchedChartFrame>
  );
}
