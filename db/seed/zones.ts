/**
 * Demo zones for the five demo kommuner (docs/domain/places.md, "Demo zones"): one rough polygon around each place
 * the kommun's demo surveys offer as an area choice, its code the choice's value (so "Töre" in the survey and the
 * zone "tore" are the same place). The centres are the real places' approximate positions; the shapes are invented
 * (a wobbly ten-sided polygon, larger for a larger place, never reaching a neighbour) and every zone is marked demo.
 */
import type { Kysely } from "kysely";
import type { DB } from "../schema";
import { DEMO_PROFILES } from "./synthetic/profiles";

/** Approximate centres (longitude, latitude, WGS84) of the places named in the demo surveys' area question. */
const CENTRES: Record<string, Record<string, [number, number]>> = {
  haparanda: {
    haparanda: [24.136, 65.836],
    nikkala: [23.9, 65.79],
    seskaro: [23.73, 65.73],
    vitvattnet: [23.78, 66.07],
    karungi: [23.96, 66.05],
    mattila: [24.05, 65.9],
    kukkola: [24.06, 65.97],
  },
  kalix: {
    kalix: [23.156, 65.854],
    nyborg: [23.06, 65.83],
    tore: [22.65, 65.91],
    karlsborg: [23.28, 65.8],
    rolfs: [23.22, 65.87],
    sangis: [23.53, 65.82],
    batskarsnas: [23.42, 65.78],
    palang: [23.36, 65.755],
  },
  pajala: {
    pajala: [23.37, 67.21],
    korpilombolo: [23.05, 66.85],
    tarendo: [22.63, 67.16],
    junosuando: [22.53, 67.43],
    kangos: [22.83, 67.48],
    kaunisvaara: [23.51, 67.46],
  },
  overtornea: {
    overtornea: [23.65, 66.39],
    svanstein: [23.68, 66.65],
    hedenaset: [23.69, 66.21],
    juoksengi: [23.87, 66.56],
    pello: [23.97, 66.79],
  },
  harjedalen: {
    sveg: [14.36, 62.035],
    funasdalen: [12.545, 62.54],
    hede: [13.5, 62.42],
    vemdalen: [13.86, 62.44],
    ytterhogdal: [14.95, 62.18],
    lillhardal: [14.07, 61.85],
    lofsdalen: [13.28, 62.12],
    tanndalen: [12.31, 62.55],
  },
};

/** A fixed wobble in [0, 1) from a text. */
function wobble(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1000) / 1000;
}

const KM_PER_DEG_LAT = 111.2;
const kmBetween = (a: [number, number], b: [number, number]) => {
  const kx = KM_PER_DEG_LAT * Math.cos(((a[1] + b[1]) / 2) * (Math.PI / 180));
  return Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * KM_PER_DEG_LAT);
};

/** A closed, counterclockwise ten-sided polygon of about `km` radius around a centre. */
function roughPolygon(code: string, [lon, lat]: [number, number], km: number): [number, number][] {
  const kx = KM_PER_DEG_LAT * Math.cos(lat * (Math.PI / 180));
  const ring: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const angle = (i / 10) * 2 * Math.PI;
    const r = km * (0.75 + 0.4 * wobble(`${code}:${i}`));
    const round = (x: number) => Math.round(x * 1e5) / 1e5;
    ring.push([round(lon + (r * Math.cos(angle)) / kx), round(lat + (r * Math.sin(angle)) / KM_PER_DEG_LAT)]);
  }
  return [...ring, ring[0]];
}

/** The demo zones of one kommun: code, name and geometry (GeoJSON Polygon, RFC 7946 winding). */
export function demoZones(slug: string) {
  const profile = DEMO_PROFILES[slug];
  const centres = CENTRES[slug];
  if (!profile || !centres) return [];
  return profile.areas
    .filter((a) => centres[a.value])
    .map((a) => {
      const centre = centres[a.value];
      const nearest = Math.min(
        ...Object.entries(centres)
          .filter(([code]) => code !== a.value)
          .map(([, c]) => kmBetween(centre, c)),
      );
      // Larger places get larger zones, and zones grow where places lie far apart (so that each can be tapped on
      // a kommun-wide map), never more than 40 % of the way to the nearest other place.
      const km = Math.min((nearest * 0.4) / 1.15, Math.max(1 + Math.sqrt(a.weight) * 0.4, nearest * 0.25));
      return {
        code: a.value,
        name: a.text,
        geometry: { type: "Polygon" as const, coordinates: [roughPolygon(a.value, centre, km)] },
      };
    });
}

/** Idempotent: adds the demo zones a demo kommun lacks (by code); never touches a zone that exists. */
export async function seedDemoZones({ db }: { db: Kysely<DB> }): Promise<number> {
  let added = 0;
  for (const slug of Object.keys(CENTRES)) {
    const org = await db.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirst();
    if (!org) continue;
    const zones = demoZones(slug);
    if (!zones.length) continue;
    const rows = await db
      .insertInto("zone")
      .values(
        zones.map((z) => ({
          kommun_id: org.id,
          code: z.code,
          name: z.name,
          kind: "own" as const,
          geometry: JSON.stringify(z.geometry),
          demo: true,
        })),
      )
      .onConflict((oc) => oc.columns(["kommun_id", "code"]).doNothing())
      .returning("id")
      .execute();
    added += rows.length;
  }
  return added;
}
