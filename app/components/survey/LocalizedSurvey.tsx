import { cloneElement, createElement, type ReactElement } from "react";
import { RendererFactory, surveyLocalization, type QuestionBooleanModel } from "survey-core";
import { ReactQuestionFactory, Survey, SurveyQuestionBooleanRadio } from "survey-react-ui";
import { registerPlaceRenderer } from "./PlaceQuestion";

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

/**
 * A yes/no question drawn as two radio buttons, grouped under its question for screen readers. survey-react-ui
 * draws the pair in a `<fieldset role="presentation">` with no name, and its question root has no role either (a
 * boolean uses survey-core's newer a11y structure, which expects the input to carry it), so a screen reader heard
 * "Ja, radio button, 1 of 2" with nothing tying it to the question (WCAG 1.3.1). Here the fieldset is a radiogroup
 * labelled by the question's title, required and invalid as the question is.
 */
class GroupedBooleanRadio extends SurveyQuestionBooleanRadio {
  protected renderElement() {
    const root = super.renderElement() as ReactElement<{ children: ReactElement }>;
    const fieldset = root.props.children;
    const q = this.question as QuestionBooleanModel;
    return cloneElement(
      root,
      {},
      cloneElement(fieldset, {
        role: "radiogroup",
        "aria-labelledby": q.hasTitle ? q.ariaTitleId : undefined,
        "aria-label": q.hasTitle ? undefined : q.locTitle.renderedHtml,
        "aria-required": q.isRequired ? "true" : undefined,
        "aria-invalid": q.errors.length > 0 ? "true" : undefined,
        "aria-describedby": q.a11y_input_ariaDescribedBy ?? undefined,
      } as Record<string, unknown>),
    );
  }
}

// The same registration on the server and in the browser (this module is loaded by both), so hydration matches.
ReactQuestionFactory.Instance.registerQuestion("sv-boolean-radio", (props) =>
  createElement(GroupedBooleanRadio, props),
);
RendererFactory.Instance.registerRenderer("boolean", "radio", "sv-boolean-radio");
registerPlaceRenderer();
