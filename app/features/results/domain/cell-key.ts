// The cell-key perturbation lives in the platform (app/platform/cell-key.ts) so that every feature that shows a
// count of answers (the surveys' fieldwork counts too) publishes it the same way; the results use it from here.
export * from "~/platform/cell-key";
