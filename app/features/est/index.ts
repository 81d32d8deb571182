// The EST feature's pure face: the checklist, ISO weeks and periods, reading a report form, the picture, and the
// counting behind EST's part of the theme ranking.
export * from "./domain/categories";
export * from "./domain/flags";
export * from "./domain/picture";
export * from "./domain/ranking";
export * from "./domain/report";
export * from "./domain/weeks";
