// The English catalogue, assembled like the Swedish one (i18n.ts) from a base file and one file per area. Loaded on
// demand in the browser (load-catalogue.ts) and at start on the server (catalogues.server.ts).
import en from "~/i18n/en.json";
import enBuilder from "~/i18n/builder.en.json";
import enStaff from "~/i18n/staff.en.json";
import enImport from "~/i18n/import.en.json";
import enCharts from "~/i18n/charts.en.json";
import enDialog from "~/i18n/dialog.en.json";
import enFollowup from "~/i18n/followup.en.json";
import enReport from "~/i18n/report.en.json";
import enPromises from "~/i18n/promises.en.json";
import enRanking from "~/i18n/ranking.en.json";
import enAnalysis from "~/i18n/analysis.en.json";
import enCrime from "~/i18n/crime.en.json";
import enPlans from "~/i18n/plans.en.json";
import enSurveyForm from "~/i18n/survey-form.en.json";
import enPublic from "~/i18n/public.en.json";
import enPlaces from "~/i18n/places.en.json";
import enEst from "~/i18n/est.en.json";
import enTitles from "~/i18n/titles.en.json";
import type { Catalogue } from "./i18n";

const catalogue: Catalogue = {
  ...en,
  ...enBuilder,
  ...enStaff,
  ...enImport,
  ...enCharts,
  ...enDialog,
  ...enFollowup,
  ...enReport,
  ...enPromises,
  ...enRanking,
  ...enAnalysis,
  ...enCrime,
  ...enPlans,
  ...enSurveyForm,
  ...enPublic,
  ...enPlaces,
  ...enEst,
  ...enTitles,
};
export default catalogue;
