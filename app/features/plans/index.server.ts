// The plans feature's server face: what routes use.
export * from "./access.server";
export * from "./evidence.server";
export * from "./pictures.server";
export * from "./problems.server";
export * from "./export.server";
