// The places feature's pure face: zone geometry rules, the GeoJSON reader and the map's paths.
export * from "./domain/geometry";
export * from "./domain/geojson";
export * from "./domain/map";
export * from "./domain/aggregates";
export * from "./domain/links";
