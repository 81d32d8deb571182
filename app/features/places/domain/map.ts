/**
 * Drawing zones as SVG paths with d3-geo (docs/decisions/018-places-and-zones.md): a Mercator projection fitted to
 * the zones and the box, computed where the page is rendered (on the server; the same in the browser). No tiles.
 */
import { geoMercator, geoPath } from "d3";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { polygonsOf, type ZoneGeometry } from "./geometry";

/** A zone as the map needs it. */
export interface MapZone {
  code: string;
  name: string;
  geometry: ZoneGeometry;
}

export interface ZoneShape {
  code: string;
  name: string;
  /** The SVG path data. */
  d: string;
  /** Where the zone's label goes (its centroid on the map). */
  label: [number, number];
}

/**
 * The geometry as d3-geo reads it: d3-geo works on the sphere and takes a ring's winding to say which side is inside
 * (exterior rings clockwise), the opposite of RFC 7946, in which zones are stored; so every ring is reversed.
 */
function forD3(g: ZoneGeometry): Geometry {
  const polygons = polygonsOf(g).map((p) => p.map((r) => [...r].reverse()));
  return g.type === "Polygon"
    ? { type: "Polygon", coordinates: polygons[0] }
    : { type: "MultiPolygon", coordinates: polygons };
}

/** The zones' paths in a width × height box with `margin` pixels around them. */
export function zoneShapes(zones: readonly MapZone[], width: number, height: number, margin = 8): ZoneShape[] {
  if (!zones.length) return [];
  const features: Feature[] = zones.map((z) => ({ type: "Feature", properties: {}, geometry: forD3(z.geometry) }));
  const all: FeatureCollection = { type: "FeatureCollection", features };
  const projection = geoMercator().fitExtent(
    [
      [margin, margin],
      [width - margin, height - margin],
    ],
    all,
  );
  // Tenths of a pixel: enough for the eye, and a smaller page.
  const path = geoPath(projection).digits(1);
  const round = (n: number) => Math.round(n * 10) / 10;
  return zones.map((z, i) => {
    const [x, y] = path.centroid(features[i]);
    return {
      code: z.code,
      name: z.name,
      d: path(features[i]) ?? "",
      label: [round(Number.isFinite(x) ? x : 0), round(Number.isFinite(y) ? y : 0)],
    };
  });
}

/** Roughly how wide a name is at the chart's font size (for keeping names apart; no text measuring on the server). */
const textWidth = (text: string) => text.length * 6.6;

/**
 * Where each zone's name goes: above its centre, else below it when that would overlap a name already placed;
 * names near the left or right edge are anchored inward.
 */
export function placeLabels(shapes: readonly { name: string; label: [number, number] }[], width: number) {
  const boxes: { x0: number; x1: number; y0: number; y1: number }[] = [];
  return shapes.map((s) => {
    const [cx, cy] = s.label;
    const anchor: "start" | "end" | "middle" = cx < width * 0.15 ? "start" : cx > width * 0.85 ? "end" : "middle";
    const w = textWidth(s.name);
    const x0 = anchor === "start" ? cx : anchor === "end" ? cx - w : cx - w / 2;
    const boxAt = (y: number) => ({ x0, x1: x0 + w, y0: y - 11, y1: y + 3 });
    const free = (b: (typeof boxes)[number]) =>
      boxes.every((o) => b.x1 < o.x0 || b.x0 > o.x1 || b.y1 < o.y0 || b.y0 > o.y1);
    const y = [cy - 6, cy + 16, cy - 20].find((c) => free(boxAt(c))) ?? cy - 6;
    boxes.push(boxAt(y));
    return { x: cx, y, anchor };
  });
}
