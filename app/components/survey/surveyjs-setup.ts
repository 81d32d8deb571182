// One place that prepares SurveyJS for this app, shared by the public survey and the builder's preview.
import { settings, surveyLocalization } from "survey-core";
import "survey-core/i18n/swedish";
import "survey-core/i18n/finnish";
// The survey form's small catalogues, not the whole ones (the English and Finnish catalogues load on demand: i18n.ts).
import sv from "~/i18n/survey-form.sv.json";
import en from "~/i18n/survey-form.en.json";
import fi from "~/i18n/survey-form.fi.json";

// The definitions' untranslated texts are Swedish (the `default` of each localizable string).
surveyLocalization.defaultLocale = "sv";
// A few of SurveyJS's own strings, from our catalogues. Its Swedish "Utvald" ("chosen") named the dropdown's open
// button for screen readers and its Finnish "Valikoida" is an infinitive ("to select"): the button shows the options.
for (const [locale, catalogue] of [
  ["sv", sv],
  ["en", en],
  ["fi", fi],
] as const) {
  const strings = surveyLocalization.locales[locale] as Record<string, string> | undefined;
  if (!strings) continue;
  strings.selectCaption = catalogue["survey.showOptions"];
  strings.buttongroupOptionsCaption = catalogue["survey.chooseOption"];
}
// No animations: a question that a condition reveals appears at once. SurveyJS fades it in otherwise, and it has no
// reduced-motion setting of its own; on a slow phone the animation costs frames, and a page read while it runs
// (a screen reader, an automated accessibility check) meets half-transparent text.
settings.animationEnabled = false;
// survey-react-ui's dropdown destructures `settings.environment` while rendering, which survey-core leaves
// undefined where there is no `document` (the server render). It reads nothing from it there.
if (typeof document === "undefined" && !settings.environment) {
  (settings as { environment: unknown }).environment = {};
}

/** Our colours over SurveyJS's default theme, so buttons and selected items meet WCAG AA contrast. */
export const THEME = {
  cssVariables: {
    "--sjs-primary-backcolor": "#0b4f8a",
    "--sjs-primary-backcolor-dark": "#073a66",
    "--sjs-primary-backcolor-light": "rgba(11, 79, 138, 0.1)",
    "--sjs-primary-forecolor": "#ffffff",
    "--sjs-general-forecolor": "#1b1b1f",
    "--sjs-general-forecolor-light": "#4a4a55",
    "--sjs-general-backcolor-dim": "#f3f5f8",
    "--sjs-border-default": "#8a8a96",
    "--sjs-special-red": "#a4161a",
    "--sjs-font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  },
  isPanelless: true,
};
