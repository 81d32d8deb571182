// The results feature's pure face: rules and types the browser may use too (no server imports).
export * from "./domain/filters";
export * from "./domain/freetext";
export * from "./domain/ranking";
export * from "./domain/ranking-measure";
export * from "./domain/statistics";
export * from "./domain/shares";
export { PROTECTION, MAX_DEVIATION, type Protection } from "./domain/cell-key";
export * from "./domain/plain-language";
export * from "./domain/public-links";
