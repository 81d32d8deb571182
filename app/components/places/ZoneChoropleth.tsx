/**
 * A zone map coloured by a figure per zone (a choropleth), in the chart frame every chart uses, with the same
 * figures as a table. Used for the place question's answers in the problembild: each zone's count and share of
 * those who picked a zone, with its interval. A suppressed zone (fewer than the minimum, or hidden so that a small
 * one cannot be worked out) is hatched and says so; no zone shows a figure the results do not publish.
 *
 * With `values` instead of `figures` it colours a plain figure per zone (a count or a mean, such as the EST
 * picture's incidents per zone): four equal steps from 0 (whole numbers for counts, up to the scale's top), the
 * unit above the legend, and a zone without a figure hatched with the caller's reason, never coloured as 0.
 */
import type { ReactNode } from "react";
import { ChartFrame, type ChartFrameProps, type ChartTable } from "~/components/charts/ChartFrame";
import { useChartLabels } from "~/components/charts/labels";
import { HatchPattern, useSvgId } from "~/components/charts/parts";
import { BACKGROUND, INK } from "~/components/charts/palette";
import { placeLabels } from "~/features/places/index";
import { useT } from "~/i18n/use-t";

/** Light to dark blue: each step apart for the eye; the dark outline bounds every zone (WCAG 1.4.11). */
const CLASSES = ["#e8f0fa", "#b4cfec", "#6f9fd6", "#2f66a8"] as const;

export interface ZoneFigure {
  value: string;
  label: string;
  n: number | null;
  share: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  suppressed: boolean;
}

/** A plain figure of one zone (`figure` null: the zone has none, e.g. no report in the period). */
export interface ZoneValue {
  value: string;
  label: string;
  figure: number | null;
}

export interface ZoneValues {
  figures: readonly ZoneValue[];
  /** The figure's unit: the legend's heading and the table's column ("Incidents"). */
  unit: string;
  /** Why a zone has no figure: the legend, the zone's tooltip and its table row ("No reviewed report"). */
  missing: string;
  /** The one-sentence finding, already written by the caller. */
  summary: string;
  /** Counts: whole-number steps from 0 past the largest figure. Otherwise the steps divide 0..`top`. */
  integer: boolean;
  top?: number;
  format: (v: number) => string;
}

/**
 * Four equal classes from 0: for whole numbers, steps of floor(max / 4) + 1, so that every figure up to the largest
 * falls in one of them and each holds as many whole numbers (0–5, 6–11, 12–17, 18–23 for a largest of 20);
 * otherwise quarters of 0..top (the largest figure when no top is given).
 */
export function valueClasses(figures: readonly number[], integer: boolean, top?: number) {
  const max = Math.max(0, ...figures);
  const n = CLASSES.length;
  if (integer) {
    const step = Math.floor(max / n) + 1;
    return {
      classOf: (v: number) => Math.min(n - 1, Math.floor(v / step)),
      bounds: CLASSES.map((_, i) => [i * step, (i + 1) * step - 1] as const),
    };
  }
  const end = top ?? (max || 1);
  return {
    classOf: (v: number) => Math.min(n - 1, Math.floor((v / end) * n)),
    bounds: CLASSES.map((_, i) => [(end * i) / n, (end * (i + 1)) / n] as const),
  };
}

/** The zones' paths; with `name` and `label` (the zone's centre) a value map writes each zone's name on it. */
type ZoneMapShapes = {
  width: number;
  height: number;
  shapes: { value: string; d: string; name?: string; label?: [number, number] }[];
};

type ShareProps = {
  title: string;
  /** The one-sentence finding for the zone with the highest share (default: the place question's wording). */
  summaryFor?: (zone: string, share: string) => string;
  map: ZoneMapShapes;
  figures: readonly ZoneFigure[];
  minBase: number;
  fileName?: string;
};

type ValueProps = { title: string; map: ZoneMapShapes; fileName?: string; values: ZoneValues };

/** Shares with their intervals and suppression (`figures`), or a plain figure per zone (`values`). */
export function ZoneChoropleth(props: ShareProps | ValueProps) {
  return "values" in props ? <ValueChoropleth {...props} /> : <ShareChoropleth {...props} />;
}

function ValueChoropleth({ title, map, fileName, values }: ValueProps) {
  const t = useT();
  const labels = useChartLabels();
  const { figures, unit, missing, summary, format } = values;
  const byValue = new Map(figures.map((f) => [f.value, f]));
  const shown = figures.flatMap((f) => (f.figure === null ? [] : [f.figure]));
  const { classOf, bounds } = valueClasses(shown, values.integer, values.top);
  const range = ([lo, hi]: readonly [number, number]) => (lo === hi ? format(lo) : `${format(lo)}–${format(hi)}`);
  const table: ChartTable = {
    columns: [{ label: t("places.col.name") }, { label: unit, numeric: true }],
    rows: figures.map((f) => ({
      key: f.value,
      header: f.label,
      cells: [f.figure === null ? missing : { text: format(f.figure), numeric: true }],
    })),
  };
  const named = map.shapes.flatMap((s) => (s.name && s.label ? [{ name: s.name, label: s.label }] : []));
  const placed = placeLabels(named, map.width);
  const legendY = map.height + 14;
  return (
    <ZoneMap
      frame={{ title, summary, labels, width: map.width, height: map.height + 56, table, fileName }}
      shapes={map.shapes}
      zone={(value) => {
        const f = byValue.get(value);
        if (!f) return { fill: null, tip: value };
        if (f.figure === null) return { fill: null, tip: `${f.label}: ${missing}` };
        return { fill: CLASSES[classOf(f.figure)], tip: `${f.label}: ${format(f.figure)} (${unit})` };
      }}
      legend={{ y: legendY + 20, keys: bounds.map(range), hidden: missing }}
      legendHead={
        <text x={8} y={legendY + 11}>
          {unit}
        </text>
      }
    >
      {named.map((s, i) => (
        <text
          key={s.name}
          x={placed[i]!.x}
          y={placed[i]!.y}
          textAnchor={placed[i]!.anchor}
          fill={INK}
          stroke={BACKGROUND}
          strokeWidth={3}
          paintOrder="stroke"
          fontSize={12}
          aria-hidden="true"
        >
          {s.name}
        </text>
      ))}
    </ZoneMap>
  );
}

function ShareChoropleth({ title, map, figures, minBase, fileName, summaryFor }: ShareProps) {
  const t = useT();
  const labels = useChartLabels({ minBase });
  const pct = (x: number) => new Intl.NumberFormat(t.locale, { style: "percent", maximumFractionDigits: 0 }).format(x);
  const byValue = new Map(figures.map((f) => [f.value, f]));
  const shown = figures.filter((f) => !f.suppressed && f.share !== null);
  // Equal intervals from 0 to the largest share, rounded up to a tenth, in four classes.
  const top = Math.max(0.1, Math.ceil(Math.max(0, ...shown.map((f) => f.share!)) * 10) / 10);
  const classOf = (share: number) => Math.min(CLASSES.length - 1, Math.floor((share / top) * CLASSES.length));
  const bounds = CLASSES.map((_, i) => [(top * i) / CLASSES.length, (top * (i + 1)) / CLASSES.length]);
  const most = [...shown].sort((a, b) => b.share! - a.share!)[0];
  const summary = most
    ? (summaryFor?.(most.label, pct(most.share!)) ??
      t("places.choropleth.summary", { zone: most.label, share: pct(most.share!) }))
    : t("places.choropleth.summaryNone", { min: minBase });
  const hidden = t("places.choropleth.hidden", { min: minBase });
  const table: ChartTable = {
    columns: [
      { label: t("places.col.name") },
      { label: t("places.choropleth.col.n"), numeric: true },
      { label: t("places.choropleth.col.share"), numeric: true },
      { label: t("places.choropleth.col.ci") },
    ],
    rows: figures.map((f) => ({
      key: f.value,
      header: f.label,
      cells:
        f.suppressed || f.n === null
          ? [{ text: hidden, colSpan: 3 }]
          : [
              String(f.n),
              f.share !== null ? pct(f.share) : "–",
              f.ciLow !== null && f.ciHigh !== null ? `${pct(f.ciLow)}–${pct(f.ciHigh)}` : "–",
            ],
    })),
  };
  return (
    <ZoneMap
      frame={{ title, summary, labels, width: map.width, height: map.height + 44, table, fileName }}
      shapes={map.shapes}
      zone={(value) => {
        const f = byValue.get(value);
        if (!f) return { fill: null, tip: value };
        if (f.suppressed || f.share === null) return { fill: null, tip: `${f.label}: ${hidden}` };
        return { fill: CLASSES[classOf(f.share)], tip: `${f.label}: ${f.n} (${pct(f.share)})` };
      }}
      legend={{
        y: map.height + 16,
        keys: bounds.map(([lo, hi]) => `${pct(lo)}–${pct(hi)}`),
        hidden: t("places.choropleth.legendHidden", { min: minBase }),
      }}
    />
  );
}

/**
 * The map both modes draw: the chart frame, each zone's outline filled with its class's colour (hatched when it
 * has none) and its tooltip, what the mode adds on top (the zones' names), and the legend: the classes' colours
 * with their ranges in a row, then the hatching with what it means, under an optional heading.
 */
function ZoneMap(props: {
  frame: Omit<ChartFrameProps, "children" | "controls">;
  shapes: ZoneMapShapes["shapes"];
  /** A zone's fill (null: hatched) and tooltip, by its value. */
  zone: (value: string) => { fill: string | null; tip: string };
  legend: { y: number; keys: readonly string[]; hidden: string };
  legendHead?: ReactNode;
  children?: ReactNode;
}) {
  const hatchId = `${useSvgId()}-hatch`;
  const { legend } = props;
  return (
    <ChartFrame {...props.frame}>
      <defs>
        <HatchPattern id={hatchId} />
      </defs>
      {props.shapes.map((s) => {
        const { fill, tip } = props.zone(s.value);
        return (
          <path key={s.value} d={s.d} fill={fill ?? `url(#${hatchId})`} stroke={INK} strokeWidth={1}>
            <title>{tip}</title>
          </path>
        );
      })}
      {props.children}
      <g aria-hidden="true" fontSize={11}>
        {props.legendHead}
        {[...legend.keys, legend.hidden].map((text, i) => (
          <g key={i} transform={`translate(${8 + i * 92},${legend.y})`}>
            <rect width={14} height={14} fill={i < legend.keys.length ? CLASSES[i] : `url(#${hatchId})`} stroke={INK} />
            <text x={18} y={11}>
              {text}
            </text>
          </g>
        ))}
      </g>
    </ChartFrame>
  );
}
