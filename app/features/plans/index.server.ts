// The plans feature's server face: what routes use.
export * from "./access.server";
export * from "./evidence.server";
export * from "./pictures.server";
export * from "./problems.server";
export * from "./export.server";
export * from "./action-plans.server";
export * from "./measures.server";
export * from "./measure-links.server";
export * from "./plan-view.server";
export * from "./checklist.server";
