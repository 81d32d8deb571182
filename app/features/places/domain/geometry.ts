/**
 * Pure geometry rules for zones (docs/domain/places.md): rings, winding, simplification and self-intersection,
 * on GeoJSON longitude/latitude positions (WGS84). Distances are measured in metres on a local equirectangular
 * plane, which is exact enough at a kommun's scale.
 */

export type Position = [number, number];
export type Ring = Position[];

/** A GeoJSON Polygon or MultiPolygon, longitude/latitude (WGS84), as stored in `zone.geometry`. */
export type ZoneGeometry = { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };

/** The simplification tolerance in metres (Douglas–Peucker): below what a kommun's map at any screen size shows. */
export const SIMPLIFY_TOLERANCE_M = 10;

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Metres per degree of longitude and latitude around a latitude. */
function scale(lat: number): [number, number] {
  const m = EARTH_RADIUS_M * RAD;
  return [m * Math.cos(lat * RAD), m];
}

/** The polygons of a geometry, each a list of rings (exterior first). */
export function polygonsOf(g: ZoneGeometry): Ring[][] {
  return g.type === "Polygon" ? [g.coordinates] : g.coordinates;
}

/** Twice the signed planar area of a ring in degrees² (positive = counterclockwise). */
export function signedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

/** The ring wound as RFC 7946 asks: exterior rings counterclockwise, holes clockwise. */
export function wound(ring: Ring, exterior: boolean): Ring {
  const ccw = signedArea(ring) > 0;
  return ccw === exterior ? ring : [...ring].reverse();
}

/** Douglas–Peucker on an open polyline in a metric plane; keeps the end points. */
function douglasPeucker(points: Position[], toleranceM: number, [kx, ky]: [number, number]): Position[] {
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  const t2 = toleranceM * toleranceM;
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const ax = points[a][0] * kx;
    const ay = points[a][1] * ky;
    const dx = points[b][0] * kx - ax;
    const dy = points[b][1] * ky - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = t2;
    for (let i = a + 1; i < b; i++) {
      const px = points[i][0] * kx - ax;
      const py = points[i][1] * ky - ay;
      const u = len2 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
      const ex = px - u * dx;
      const ey = py - u * dy;
      const d = ex * ex + ey * ey;
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst > 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * A closed ring simplified with Douglas–Peucker at `toleranceM` metres: the ring is split at its first point and
 * the point farthest from it, so that a closed ring cannot collapse to its start. Keeps at least a triangle.
 */
export function simplifyRing(ring: Ring, toleranceM = SIMPLIFY_TOLERANCE_M): Ring {
  const open = ring.slice(0, -1).map(([x, y]) => [round6(x), round6(y)] as Position);
  if (open.length <= 3) return [...open, open[0]];
  const k = scale(open[0][1]);
  let far = 1;
  let farD = -1;
  for (let i = 1; i < open.length; i++) {
    const d = ((open[i][0] - open[0][0]) * k[0]) ** 2 + ((open[i][1] - open[0][1]) * k[1]) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const first = douglasPeucker(open.slice(0, far + 1), toleranceM, k);
  const second = douglasPeucker([...open.slice(far), open[0]], toleranceM, k);
  const out = [...first, ...second.slice(1, -1)];
  if (out.length < 3) return [...open, open[0]];
  return [...out, out[0]];
}

/** True when the segments p1–p2 and p3–p4 cross or touch (collinear overlaps count). */
function segmentsMeet(p1: Position, p2: Position, p3: Position, p4: Position): boolean {
  const o = (a: Position, b: Position, c: Position) =>
    Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const on = (a: Position, b: Position, c: Position) =>
    Math.min(a[0], b[0]) <= c[0] &&
    c[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= c[1] &&
    c[1] <= Math.max(a[1], b[1]);
  const d1 = o(p3, p4, p1);
  const d2 = o(p3, p4, p2);
  const d3 = o(p1, p2, p3);
  const d4 = o(p1, p2, p4);
  if (d1 !== d2 && d3 !== d4 && d1 && d2 && d3 && d4) return true;
  return (!d1 && on(p3, p4, p1)) || (!d2 && on(p3, p4, p2)) || (!d3 && on(p1, p2, p3)) || (!d4 && on(p1, p2, p4));
}

/** Rings above this many points are not checked for self-intersection (the check is quadratic). */
export const MAX_CHECKED_RING = 4000;

/**
 * True when a closed ring crosses itself (a bow tie) or touches itself away from neighbouring segments. Quadratic,
 * with a bounding-box test first; rings above MAX_CHECKED_RING points are not checked.
 */
export function selfIntersects(ring: Ring): boolean {
  const n = ring.length - 1;
  if (n < 4 || n > MAX_CHECKED_RING) return false;
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    const minX = Math.min(a[0], b[0]);
    const maxX = Math.max(a[0], b[0]);
    const minY = Math.min(a[1], b[1]);
    const maxY = Math.max(a[1], b[1]);
    for (let j = i + 2; j < n; j++) {
      // The last segment meets the first at the closing point.
      if (i === 0 && j === n - 1) continue;
      const c = ring[j];
      const d = ring[j + 1];
      if (Math.max(c[0], d[0]) < minX || Math.min(c[0], d[0]) > maxX) continue;
      if (Math.max(c[1], d[1]) < minY || Math.min(c[1], d[1]) > maxY) continue;
      if (segmentsMeet(a, b, c, d)) return true;
    }
  }
  return false;
}

/** The number of positions in a geometry. */
export function pointCount(g: ZoneGeometry): number {
  return polygonsOf(g).reduce((s, p) => s + p.reduce((t, r) => t + r.length, 0), 0);
}
