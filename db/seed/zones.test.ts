import { describe, expect, it } from "vitest";
import { readZoneCollection } from "../../app/features/places/index";
import { DEMO_PROFILES } from "./synthetic/profiles";
import { demoZones } from "./zones";

describe("demo zones", () => {
  for (const slug of ["haparanda", "kalix", "pajala", "overtornea", "harjedalen"])
    it(`${slug}: one valid zone per named area choice, as the import would accept it`, () => {
      const zones = demoZones(slug);
      const named = DEMO_PROFILES[slug].areas.filter((a) => a.value !== "annan").map((a) => a.value);
      expect(zones.map((z) => z.code).sort()).toEqual([...named].sort());
      const read = readZoneCollection({
        type: "FeatureCollection",
        features: zones.map((z) => ({
          type: "Feature",
          properties: { code: z.code, name: z.name },
          geometry: z.geometry,
        })),
      });
      expect(read.problems).toEqual([]);
      expect(read.zones).toHaveLength(zones.length);
    });
});
