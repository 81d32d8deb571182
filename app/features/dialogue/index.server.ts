// The dialogue feature's server face: what routes and higher features use.
export * from "./meetings.server";
export * from "./walk-findings.server";
export * from "./meeting-pages.server";
