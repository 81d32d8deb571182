// The EST feature's pure face: the checklist, ISO weeks and periods, reading a report form, and the picture.
export * from "./domain/categories";
export * from "./domain/flags";
export * from "./domain/picture";
export * from "./domain/report";
export * from "./domain/weeks";
