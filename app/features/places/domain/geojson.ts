/**
 * Reading a GeoJSON FeatureCollection of zones (docs/domain/places.md, "Import"): every feature is checked on its
 * own (its geometry type, closed rings, positions plausible for Sweden in WGS84, no self-crossing ring, a code and a
 * name, no code twice), and every problem is reported with the feature's number and code. Accepted geometries are
 * simplified (geometry.ts) and wound as RFC 7946 asks. Pure: the server stores the zones only when no feature has a
 * problem.
 */
import type { MessageKey } from "~/i18n/i18n";
import {
  pointCount,
  selfIntersects,
  simplifyRing,
  wound,
  type Position,
  type Ring,
  type ZoneGeometry,
} from "./geometry";

/** Longitude and latitude that a Swedish zone's positions lie within (Sweden with a margin, WGS84). */
export const SWEDEN_BOUNDS = { west: 10, east: 24.5, south: 55, north: 69.5 } as const;
/** At most this many features in one file: more zones than the largest kommun's DeSO areas. */
export const MAX_ZONE_FEATURES = 2000;
/** At most this many positions in one file (before simplification). */
export const MAX_ZONE_POSITIONS = 1_000_000;
export const MAX_CODE_LENGTH = 40;
/** The kinds of zone an import may be (docs/domain/places.md, "Zones"), the kommun's own first. */
export const ZONE_KINDS = ["own", "deso", "regso"] as const;
export const MAX_NAME_LENGTH = 120;

/** The property names read as a zone's code and name (Statistics Sweden's DeSO and RegSO files use the others). */
export const CODE_PROPERTIES = ["code", "kod", "deso", "desokod", "regsokod"] as const;
export const NAME_PROPERTIES = ["name", "namn", "regso", "regsonamn"] as const;

/** A zone read from a file, ready to store. */
export interface ZoneInput {
  code: string;
  name: string;
  geometry: ZoneGeometry;
  /** Positions before and after simplification. */
  points: { before: number; after: number };
}

/** One problem of one feature: its number in the file (from 1; 0 for the file as a whole) and its code if any. */
export interface FeatureProblem {
  feature: number;
  code: string;
  field: "file" | "type" | "geometry" | "code" | "name";
  messageKey: MessageKey;
  params?: Record<string, string | number>;
}

export interface ZoneReading {
  zones: ZoneInput[];
  problems: FeatureProblem[];
  featureCount: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const fileProblem = (messageKey: MessageKey, params?: FeatureProblem["params"]): ZoneReading => ({
  zones: [],
  problems: [{ feature: 0, code: "", field: "file", messageKey, params }],
  featureCount: 0,
});

/** Positions that look like SWEREF 99 TM metres (easting, northing) rather than degrees. */
const looksLikeSweref = ([x, y]: number[]) => x > 150_000 && x < 1_100_000 && y > 6_000_000 && y < 7_800_000;

type RingCheck = { ring: Ring } | { messageKey: MessageKey; params?: FeatureProblem["params"] };

function readRing(value: unknown): RingCheck {
  if (!Array.isArray(value)) return { messageKey: "places.err.coordinates" };
  const ring: Position[] = [];
  for (const p of value) {
    if (!Array.isArray(p) || p.length < 2 || !p.slice(0, 2).every((x) => typeof x === "number" && Number.isFinite(x)))
      return { messageKey: "places.err.coordinates" };
    ring.push([p[0] as number, p[1] as number]);
  }
  if (ring.length < 4) return { messageKey: "places.err.ringShort" };
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) return { messageKey: "places.err.ringOpen" };
  const outside = ring.find(
    ([x, y]) => x < SWEDEN_BOUNDS.west || x > SWEDEN_BOUNDS.east || y < SWEDEN_BOUNDS.south || y > SWEDEN_BOUNDS.north,
  );
  if (outside) {
    if (looksLikeSweref(outside)) return { messageKey: "places.err.sweref" };
    return { messageKey: "places.err.outsideSweden", params: { lon: outside[0], lat: outside[1] } };
  }
  return { ring };
}

/** The rings of one polygon, checked, simplified and wound; or the first problem. */
function readPolygon(
  value: unknown,
): { rings: Ring[] } | { messageKey: MessageKey; params?: FeatureProblem["params"] } {
  if (!Array.isArray(value) || value.length === 0) return { messageKey: "places.err.coordinates" };
  const rings: Ring[] = [];
  for (const [i, r] of value.entries()) {
    const read = readRing(r);
    if (!("ring" in read)) return read;
    let simple = simplifyRing(read.ring);
    // Simplifying can make a ring cross itself where the original did not: then the original is kept.
    if (selfIntersects(simple)) {
      if (selfIntersects(read.ring)) return { messageKey: "places.err.selfIntersecting", params: { ring: i + 1 } };
      simple = read.ring;
    }
    rings.push(wound(simple, i === 0));
  }
  return { rings };
}

function readGeometry(g: unknown): { geometry: ZoneGeometry } | Omit<FeatureProblem, "feature" | "code" | "field"> {
  if (!isObject(g)) return { messageKey: "places.err.noGeometry" };
  if (g.type !== "Polygon" && g.type !== "MultiPolygon")
    return { messageKey: "places.err.geometryType", params: { type: String(g.type ?? "–").slice(0, 40) } };
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return { messageKey: "places.err.coordinates" };
  if (g.type === "Polygon") {
    const p = readPolygon(g.coordinates);
    return "rings" in p ? { geometry: { type: "Polygon", coordinates: p.rings } } : p;
  }
  const polygons: Ring[][] = [];
  for (const c of g.coordinates) {
    const p = readPolygon(c);
    if (!("rings" in p)) return p;
    polygons.push(p.rings);
  }
  return { geometry: { type: "MultiPolygon", coordinates: polygons } };
}

const firstText = (props: Record<string, unknown>, names: readonly string[]) => {
  for (const n of names) {
    const v = props[n];
    if (typeof v === "string" && v.trim()) return v.trim();
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
  }
  return "";
};

/** Counts positions without trusting the structure (for the size limit, before any feature is read). */
function countPositions(v: unknown, depth = 0): number {
  if (!Array.isArray(v) || depth > 4) return 0;
  if (typeof v[0] === "number") return 1;
  return v.reduce((s: number, x) => s + countPositions(x, depth + 1), 0);
}

/** Reads and checks a parsed GeoJSON value as a kommun's zones; see the file comment. */
export function readZoneCollection(value: unknown): ZoneReading {
  if (!isObject(value) || value.type !== "FeatureCollection" || !Array.isArray(value.features))
    return fileProblem("places.err.notCollection");
  const crs = isObject(value.crs) && isObject(value.crs.properties) ? String(value.crs.properties.name ?? "") : "";
  if (/3006|3857|sweref/i.test(crs)) return fileProblem("places.err.sweref");
  const features = value.features as unknown[];
  if (features.length === 0) return fileProblem("places.err.empty");
  if (features.length > MAX_ZONE_FEATURES)
    return fileProblem("places.err.tooManyFeatures", { max: MAX_ZONE_FEATURES, n: features.length });
  const positions = features.reduce<number>(
    (s, f) => s + (isObject(f) && isObject(f.geometry) ? countPositions(f.geometry.coordinates) : 0),
    0,
  );
  if (positions > MAX_ZONE_POSITIONS) return fileProblem("places.err.tooManyPoints", { max: MAX_ZONE_POSITIONS });

  const zones: ZoneInput[] = [];
  const problems: FeatureProblem[] = [];
  const seen = new Map<string, number>();
  features.forEach((f, i) => {
    const feature = i + 1;
    if (!isObject(f) || f.type !== "Feature") {
      problems.push({ feature, code: "", field: "type", messageKey: "places.err.notFeature" });
      return;
    }
    const props = isObject(f.properties) ? f.properties : {};
    const code = firstText(props, CODE_PROPERTIES);
    // Statistics Sweden's DeSO files name no area: the code is then the name.
    const name = firstText(props, NAME_PROPERTIES) || (typeof props.deso === "string" ? code : "");
    const before = problems.length;
    const add = (field: FeatureProblem["field"], messageKey: MessageKey, params?: FeatureProblem["params"]) =>
      problems.push({ feature, code: code.slice(0, MAX_CODE_LENGTH), field, messageKey, params });
    if (!code) add("code", "places.err.noCode", { names: CODE_PROPERTIES.join(", ") });
    else if (code.length > MAX_CODE_LENGTH) add("code", "places.err.codeLong", { max: MAX_CODE_LENGTH });
    else if (!/^[\p{L}\p{N}_.-]+$/u.test(code)) add("code", "places.err.codeChars");
    else if (seen.has(code)) add("code", "places.err.duplicateCode", { first: seen.get(code)! });
    else seen.set(code, feature);
    if (!name) add("name", "places.err.noName", { names: NAME_PROPERTIES.join(", ") });
    else if (name.length > MAX_NAME_LENGTH) add("name", "places.err.nameLong", { max: MAX_NAME_LENGTH });
    const g = readGeometry(f.geometry);
    if (!("geometry" in g)) add("geometry", g.messageKey, g.params);
    else if (problems.length === before)
      zones.push({
        code,
        name,
        geometry: g.geometry,
        points: {
          before: countPositions(isObject(f.geometry) ? f.geometry.coordinates : []),
          after: pointCount(g.geometry),
        },
      });
  });
  return { zones: problems.length ? [] : zones, problems, featureCount: features.length };
}
