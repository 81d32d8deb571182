// The results feature's server face: what routes and higher features use.
export * from "./analysis-view.server";
export * from "./breakdown.server";
export * from "./comparison.server";
export { backgroundFolds, onFoldError, type FoldErrorHandler } from "./counting/fold.server";
export * from "./counting/prefold.server";
export * from "./export.server";
export * from "./export-aggregates.server";
export * from "./export-answers.server";
export {
  describeFilters,
  exportQuery,
  exportRequestFromUrl,
  type ExportRequest,
  type SurveyHead,
} from "./export-request.server";
export * from "./freetext.server";
export * from "./participation.server";
export * from "./ranking.server";
export { periodDates } from "./ranking-parts.server";
export * from "./ranking-weights.server";
export * from "./report.server";
export * from "./results.server";
export * from "./population.server";
export * from "./weighting.server";
export * from "./staff.server";
export * from "./publication.server";
export * from "./zones-export.server";
