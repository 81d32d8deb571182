// The EST feature's server face: reporters, filing and correcting weekly reports, the coordinator's week, the picture.
export {
  addReporter,
  listReporters,
  removeReporter,
  reporterOf,
  updateReporter,
  type EstReporterView,
} from "./reporters.server";
export {
  correctReport,
  fileReport,
  filedZones,
  findReport,
  kommunCategories,
  reportForCoordinator,
} from "./reports.server";
export { markReviewed, pendingReports, weekOverview, type WeekRow } from "./review.server";
export {
  estByTertial,
  estPicture,
  estPictureCsvRows,
  estSummary,
  hasEstReports,
  type EstSummary,
  type EstTertialFigures,
} from "./picture.server";
export { kommunZones, type EstZone } from "./zones.server";
export { addOwnCategory, listOwnCategories, retireOwnCategory, setOwnCategoryTheme } from "./categories.server";
export { estRankingCounts, type EstRankingCounts } from "./ranking.server";
