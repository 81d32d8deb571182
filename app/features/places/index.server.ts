// The places feature's server face: the kommun's zones, their GeoJSON import, and what other features read.
export {
  MAX_GEOJSON_BYTES,
  importZones,
  listZones,
  readGeoJsonUpload,
  type Zone,
  type ZoneImportResult,
  type ZoneProblem,
} from "./zones.server";
export { zoneChoices, zoneLinkErrors, type ZoneRef } from "./links.server";
