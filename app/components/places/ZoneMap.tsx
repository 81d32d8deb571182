/**
 * A kommun's zones drawn as server-rendered SVG (d3-geo paths computed where the page renders; no tiles), in the
 * chart frame every chart uses: a title, a one-sentence summary, the zones as a table behind "Visa tabell", and
 * downloads. Each zone carries its name as an SVG <title>; demo zones say so in the title and in the table. With
 * `counts` (by zone code), a zone with something linked to it gets a marker with the number at its label's anchor
 * (what the places page lists per zone; the marker only repeats that list for the eye).
 */
import { placeLabels, zoneShapes, type MapZone } from "~/features/places/index";
import { ChartFrame, type ChartTable } from "~/components/charts/ChartFrame";
import { useChartLabels } from "~/components/charts/labels";
import { BACKGROUND, DIVERGING, INK } from "~/components/charts/palette";
import { useT } from "~/i18n/use-t";

export type ZoneMapZone = MapZone & { kind: "own" | "deso" | "regso"; demo: boolean };

const WIDTH = 640;
const HEIGHT = 520;
/** Zone fill: a light blue with a dark outline, so the outline (INK, 16:1) bounds the shape. */
const FILL = "#dbe7f5";

export function ZoneMap({
  zones,
  title,
  counts,
}: {
  zones: readonly ZoneMapZone[];
  title: string;
  counts?: Readonly<Record<string, number>>;
}) {
  const t = useT();
  const labels = useChartLabels();
  // A wider margin than the paths need, so that the names of zones at the edges fit.
  const shapes = zoneShapes(zones, WIDTH, HEIGHT, 40);
  const placed = placeLabels(shapes, WIDTH);
  const name = (z: ZoneMapZone) => (z.demo ? `${z.name} (${t("places.demoMark")})` : z.name);
  const names = zones.map((z) => z.name).join(", ");
  const summary = t.plural("places.map.summary", zones.length, { names });
  const table: ChartTable = {
    columns: [
      { label: t("places.col.name") },
      { label: t("places.col.code") },
      { label: t("places.col.kind") },
      { label: t("places.col.source") },
    ],
    rows: zones.map((z) => ({
      key: z.code,
      header: z.name,
      cells: [z.code, t(`places.kind.${z.kind}`), t(z.demo ? "places.source.demo" : "places.source.imported")],
    })),
  };
  return (
    <ChartFrame title={title} summary={summary} labels={labels} width={WIDTH} height={HEIGHT} table={table}>
      {shapes.map((s, i) => (
        <path
          key={s.code}
          d={s.d}
          fill={FILL}
          stroke={INK}
          strokeWidth={1}
          strokeDasharray={zones[i].demo ? "4 2" : undefined}
        >
          <title>{name(zones[i])}</title>
        </path>
      ))}
      {shapes.map((s, i) => (
        <text
          key={s.code}
          x={placed[i].x}
          y={placed[i].y}
          textAnchor={placed[i].anchor}
          fill={INK}
          stroke={BACKGROUND}
          strokeWidth={3}
          paintOrder="stroke"
          aria-hidden="true"
        >
          {s.name}
        </text>
      ))}
      {/* A dot at each label's anchor, so a small zone is still seen. */}
      {shapes.map((s) => {
        const n = counts?.[s.code] ?? 0;
        if (!n)
          return (
            <circle
              key={s.code}
              cx={s.label[0]}
              cy={s.label[1]}
              r={2}
              fill={DIVERGING.strongRight}
              aria-hidden="true"
            />
          );
        return (
          <g key={s.code} aria-hidden="true">
            <circle
              cx={s.label[0]}
              cy={s.label[1]}
              r={10}
              fill={DIVERGING.strongRight}
              stroke={BACKGROUND}
              strokeWidth={2}
            />
            <text x={s.label[0]} y={s.label[1]} dy="0.35em" textAnchor="middle" fontSize={11} fill={BACKGROUND}>
              {n}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
