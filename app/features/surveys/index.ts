// The surveys feature's pure face: rules and types the browser may use too (no server imports).
export * from "./domain/builder";
export * from "./domain/question-bank";
export * from "./domain/theme-lexicon";
export * from "./domain/themes";
export * from "./domain/native-form";
export * from "./domain/place-question";
export { registerPlaceType } from "./domain/place-type";
