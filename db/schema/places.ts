/** Places: a kommun's zones (migration 2026_12_09_100000_zones). */
import type { ColumnType, Generated } from "kysely";
import type { Json, Timestamp } from "./columns";

export type ZoneKind = "deso" | "regso" | "own";

/** A GeoJSON Polygon or MultiPolygon, longitude/latitude (WGS84). */
export type ZoneGeometry =
  { type: "Polygon"; coordinates: number[][][] } | { type: "MultiPolygon"; coordinates: number[][][][] };

export interface ZoneTable {
  id: Generated<number>;
  kommun_id: number;
  code: string;
  name: string;
  kind: ZoneKind;
  geometry: Json<ZoneGeometry>;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export interface PlacesTables {
  zone: ZoneTable;
}
