// The crime feature's server face: import of the kommun's crime statistics and the summary other features read.
export { crimeAreas, crimeLink, crimeSummary, crimeYears } from "./statistics.server";
export {
  MAX_CRIME_ROWS,
  analyseCrimeCsv,
  crimeRejectedRowsCsv,
  importCrimeCsv,
  listCrimeImports,
  readCrimeUpload,
  type CrimeAnalysis,
  type CrimeImportResult,
  type CrimeProblem,
} from "./import.server";
