import { describe, expect, it } from "vitest";
import { readZoneCollection } from "./geojson";
import { selfIntersects, signedArea, simplifyRing, type Ring } from "./geometry";
import { placeLabels, zoneShapes } from "./map";
import { demoZones } from "../../../../db/seed/zones";
import { zoneAggregateCollection } from "./aggregates";

/** A square around (lon, lat) with half-side `d` degrees, counterclockwise and closed. */
const square = (lon: number, lat: number, d = 0.01): Ring => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
  [lon - d, lat - d],
];
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: "Feature", properties, geometry });
const polygon = (...rings: unknown[]) => ({ type: "Polygon", coordinates: rings });
const collection = (...features: unknown[]) => ({ type: "FeatureCollection", features });

describe("reading zones from GeoJSON", () => {
  it("accepts polygons and multipolygons with codes and names, and winds them as RFC 7946 asks", () => {
    const clockwise = [...square(23.15, 65.85)].reverse();
    const r = readZoneCollection(
      collection(
        feature({ code: "K1", name: "Kalix centrum" }, polygon(clockwise)),
        feature({ kod: "T1", namn: "Töre" }, { type: "MultiPolygon", coordinates: [[square(22.65, 65.91)]] }),
      ),
    );
    expect(r.problems).toEqual([]);
    expect(r.zones.map((z) => [z.code, z.name, z.geometry.type])).toEqual([
      ["K1", "Kalix centrum", "Polygon"],
      ["T1", "Töre", "MultiPolygon"],
    ]);
    const ring = (r.zones[0].geometry.coordinates as Ring[])[0];
    expect(signedArea(ring)).toBeGreaterThan(0);
  });

  it("takes a DeSO file's code as the name when the file names no area", () => {
    const r = readZoneCollection(collection(feature({ deso: "2514A0010" }, polygon(square(23.15, 65.85)))));
    expect(r.zones.map((z) => [z.code, z.name])).toEqual([["2514A0010", "2514A0010"]]);
  });

  it("reports every problem with the feature's number and code, and accepts nothing then", () => {
    const open = square(23.15, 65.85).slice(0, -1);
    const bowTie: Ring = [
      [23.1, 65.8],
      [23.2, 65.9],
      [23.2, 65.8],
      [23.1, 65.9],
      [23.1, 65.8],
    ];
    const r = readZoneCollection(
      collection(
        feature({ code: "A", name: "Bra" }, polygon(square(23.15, 65.85))),
        feature({ code: "B", name: "Öppen" }, polygon(open)),
        feature({ code: "C", name: "Rosett" }, polygon(bowTie)),
        feature({ code: "D", name: "Punkt" }, { type: "Point", coordinates: [23.1, 65.8] }),
        feature({ code: "A", name: "Dubblett" }, polygon(square(23.3, 65.85))),
        feature({ name: "Utan kod" }, polygon(square(23.4, 65.85))),
        // Latitude first: a common mistake.
        feature({ code: "G", name: "Omvänd" }, polygon(square(65.85, 23.15))),
        feature({ code: "H", name: "Bortom" }, polygon(square(2.35, 48.85))),
        feature({ code: "I", name: "Sweref" }, polygon(square(900_000, 7_300_000, 100))),
        "inte ett objekt",
      ),
    );
    expect(r.zones).toEqual([]);
    expect(r.problems.map((p) => [p.feature, p.code, p.field, p.messageKey])).toEqual([
      [2, "B", "geometry", "places.err.ringOpen"],
      [3, "C", "geometry", "places.err.selfIntersecting"],
      [4, "D", "geometry", "places.err.geometryType"],
      [5, "A", "code", "places.err.duplicateCode"],
      [6, "", "code", "places.err.noCode"],
      [7, "G", "geometry", "places.err.outsideSweden"],
      [8, "H", "geometry", "places.err.outsideSweden"],
      [9, "I", "geometry", "places.err.sweref"],
      [10, "", "type", "places.err.notFeature"],
    ]);
    expect(r.problems[3].params).toEqual({ first: 1 });
  });

  it("refuses a file that is not a FeatureCollection, an empty one, and one in SWEREF 99 TM by its crs", () => {
    expect(readZoneCollection({ type: "Feature" }).problems[0].messageKey).toBe("places.err.notCollection");
    expect(readZoneCollection(collection()).problems[0].messageKey).toBe("places.err.empty");
    const sweref = {
      ...collection(feature({ code: "A", name: "A" }, polygon(square(23, 65)))),
      crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::3006" } },
    };
    expect(readZoneCollection(sweref).problems[0].messageKey).toBe("places.err.sweref");
  });

  it("refuses more features than the limit before reading any", () => {
    const many = Array.from({ length: 2001 }, (_, i) => feature({ code: `Z${i}`, name: "Z" }, null));
    expect(readZoneCollection(collection(...many)).problems).toEqual([
      expect.objectContaining({ feature: 0, messageKey: "places.err.tooManyFeatures" }),
    ]);
  });
});

describe("simplifying rings", () => {
  it("drops points closer than the tolerance to the boundary and keeps the corners", () => {
    // A square's edge with 100 points that wobble by ~1 m: the wobble goes, the four corners stay.
    const edge: Ring = Array.from({ length: 100 }, (_, i) => [23 + i * 0.0001, 65 + (i % 2) * 0.00001]);
    const ring: Ring = [...edge, [23.01, 65.01], [23, 65.01], edge[0]];
    const simple = simplifyRing(ring, 10);
    expect(simple.length).toBeLessThan(8);
    expect(simple[0]).toEqual(simple[simple.length - 1]);
    expect(simple).toContainEqual([23.01, 65.01]);
  });

  it("keeps a triangle as it is", () => {
    const t: Ring = [
      [23, 65],
      [23.1, 65],
      [23, 65.1],
      [23, 65],
    ];
    expect(simplifyRing(t)).toEqual(t);
  });

  it("finds a bow tie but not a square", () => {
    expect(selfIntersects(square(23, 65))).toBe(false);
    expect(
      selfIntersects([
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1],
        [0, 0],
      ]),
    ).toBe(true);
  });
});

describe("drawing zones", () => {
  it("fits the zones into the box, each as a closed path", () => {
    const zones = [
      { code: "A", name: "A", geometry: { type: "Polygon" as const, coordinates: [square(23.1, 65.8)] } },
      { code: "B", name: "B", geometry: { type: "Polygon" as const, coordinates: [square(23.5, 65.9)] } },
    ];
    const shapes = zoneShapes(zones, 400, 300);
    expect(shapes.map((s) => s.code)).toEqual(["A", "B"]);
    for (const s of shapes) {
      expect(s.d).toMatch(/^M[\d.,-]+(L[\d.,-]+)+Z$/);
      const nums = s.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      expect(Math.min(...nums)).toBeGreaterThanOrEqual(7.9);
      expect(Math.max(...nums)).toBeLessThanOrEqual(392.1);
    }
    // B lies east of and north of A: right of it and higher up on the map.
    expect(shapes[1].label[0]).toBeGreaterThan(shapes[0].label[0]);
    expect(shapes[1].label[1]).toBeLessThan(shapes[0].label[1]);
  });
});

describe("zone aggregates as GeoJSON", () => {
  it("puts each published figure on its zone, never a suppressed one, and skips codes the kommun lacks", () => {
    const zones = [
      {
        code: "A",
        name: "A-by",
        demo: false,
        geometry: { type: "Polygon" as const, coordinates: [square(23.1, 65.8)] },
      },
      {
        code: "B",
        name: "B-by",
        demo: true,
        geometry: { type: "Polygon" as const, coordinates: [square(23.5, 65.9)] },
      },
    ];
    const fig = (code: string, n: number | null, suppressed: boolean) => ({
      code,
      n,
      share: n === null ? null : n / 10,
      ciLow: null,
      ciHigh: null,
      suppressed,
      reason: suppressed ? "below_min_base" : null,
    });
    const fc = zoneAggregateCollection({
      question: "place",
      zones,
      // A suppressed figure that still carries a number must not leak it.
      figures: [fig("A", 7, false), fig("B", 3, true), fig("Z", 9, false)],
    });
    expect(fc.features.map((f) => [f.properties.code, f.properties.n, f.properties.share, f.properties.demo])).toEqual([
      ["A", 7, 0.7, false],
      ["B", null, null, true],
    ]);
    expect(fc.features[0].geometry).toBe(zones[0].geometry);
  });
});

describe("placing zone names", () => {
  it("keeps the demo zones' names apart and inside the map", () => {
    for (const slug of ["haparanda", "kalix", "pajala", "overtornea", "harjedalen"]) {
      const shapes = zoneShapes(demoZones(slug), 640, 520, 40);
      const placed = placeLabels(shapes, 640);
      const boxes = placed.map((p, i) => {
        const w = shapes[i].name.length * 6.6;
        const x0 = p.anchor === "start" ? p.x : p.anchor === "end" ? p.x - w : p.x - w / 2;
        return { x0, x1: x0 + w, y0: p.y - 11, y1: p.y + 3 };
      });
      for (const b of boxes) expect([b.x0 >= 0, b.x1 <= 640], slug).toEqual([true, true]);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          const overlap = !(a.x1 < b.x0 || a.x0 > b.x1 || a.y1 < b.y0 || a.y0 > b.y1);
          expect(overlap, `${slug}: ${shapes[i].name} / ${shapes[j].name}`).toBe(false);
        }
    }
  });
});
