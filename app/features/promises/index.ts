// The promises feature's pure face: rules and types the browser may use too (no server imports).
export * from "./domain/diff";
export * from "./domain/draft";
export * from "./domain/follow-up-progress";
export * from "./domain/form";
export * from "./domain/sections";
export * from "./domain/activities";
export * from "./domain/progress";
export * from "./domain/target";
export * from "./domain/wording";
export * from "./domain/workflow";
export * from "./domain/atom";
export * from "./domain/dcat";
export * from "./domain/readability";
