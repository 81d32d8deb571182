import { cloneElement } from "react";
import { surveyLocalization } from "survey-core";
import { Survey } from "survey-react-ui";

/**
 * survey-react-ui's Survey, with the root element's `lang` naming the language the survey is shown in. The library
 * writes `survey.locale || "en"`, and survey-core reports the default locale (Swedish here, surveyjs-setup.ts) as
 * "", so a Swedish survey said lang="en" and screen readers read it with English pronunciation (WCAG 3.1.1/3.1.2).
 */
export class LocalizedSurvey extends Survey {
  doRender() {
    const root = super.doRender();
    return cloneElement(root, { lang: this.survey.locale || surveyLocalization.defaultLocale });
  }
}
