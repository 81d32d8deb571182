// The Finnish catalogue: the public, citizen-facing pages only (i18n.ts, FINNISH_PAGES). Loaded on demand in the
// browser (load-catalogue.ts) and at start on the server (catalogues.server.ts).
import fi from "~/i18n/fi.json";
import fiSurveyForm from "~/i18n/survey-form.fi.json";
import type { Catalogue } from "./i18n";

const catalogue: Catalogue = { ...fi, ...fiSurveyForm };
export default catalogue;
