// The dialogue feature's pure face: rules and types the browser may use too (no server imports).
export * from "./domain/meetings";
