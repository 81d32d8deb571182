// The plans feature's pure face: rules and types the browser may use too (no server imports).
export * from "./domain/access";
export * from "./domain/checklist";
export * from "./domain/documents";
export * from "./domain/revision";
