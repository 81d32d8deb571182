/**
 * Zone aggregates as GeoJSON (docs/domain/places.md, "Export"): the kommun's zones with the published figure of each,
 * as the results give it (suppressed figures stay null). No point and no answer is in it, only zones and counts.
 */
import type { ZoneGeometry } from "./geometry";

/** A zone's published figure for one question. */
export interface ZoneAggregate {
  code: string;
  n: number | null;
  share: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  suppressed: boolean;
  reason: string | null;
}

/** A FeatureCollection of the zones that have a figure, each with its figure as properties. */
export function zoneAggregateCollection({
  question,
  zones,
  figures,
}: {
  question: string;
  zones: readonly { code: string; name: string; demo: boolean; geometry: ZoneGeometry }[];
  figures: readonly ZoneAggregate[];
}) {
  const byCode = new Map(zones.map((z) => [z.code, z]));
  return {
    type: "FeatureCollection" as const,
    features: figures
      .filter((f) => byCode.has(f.code))
      .map((f) => {
        const z = byCode.get(f.code)!;
        return {
          type: "Feature" as const,
          properties: {
            question,
            code: z.code,
            name: z.name,
            demo: z.demo,
            n: f.suppressed ? null : f.n,
            share: f.suppressed ? null : f.share,
            ci_low: f.suppressed ? null : f.ciLow,
            ci_high: f.suppressed ? null : f.ciHigh,
            suppressed: f.suppressed,
            reason: f.reason,
          },
          geometry: z.geometry,
        };
      }),
  };
}
