// The promises feature's server face: what routes and higher features use.
export * from "./document-scope.server";
export * from "./documents.server";
export * from "./draft.server";
export * from "./editing.server";
export * from "./editor-view.server";
export * from "./follow-up-report.server";
export * from "./follow-up-entries.server";
export * from "./follow-up.server";
export * from "./history.server";
export * from "./outcome.server";
export * from "./outcome-editing.server";
export * from "./publishing.server";
export * from "./review.server";
export * from "./revising.server";
export * from "./workflow.server";
