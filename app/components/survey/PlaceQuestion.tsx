/**
 * The place question as the respondent sees it (docs/domain/places.md, "The place question"): the kommun's zones
 * drawn as an SVG map above survey-react-ui's own radio list of the same zones. Tapping a zone picks it, exactly as
 * choosing it in the list does. The list is the accessible way (named, keyboard-operable radio buttons, and the
 * only way without JavaScript); the map repeats it for the pointer and is hidden from assistive technology.
 */
import { createElement, type ReactElement } from "react";
import type { QuestionRadiogroupModel } from "survey-core";
import { ReactQuestionFactory, SurveyQuestionRadiogroup } from "survey-react-ui";
import { PLACE_TYPE, placeMapOf } from "~/features/surveys/index";

// The charts' colours (components/charts/palette.ts: INK, BACKGROUND, DIVERGING.strongRight), written out: the
// palette module brings d3's colour code, which the survey page does not otherwise load (docs/decisions/017).
const INK = "#1b1b1f";
const BACKGROUND = "#ffffff";
const CHOSEN = "#1d4c8a";
const FILL = "#dbe7f5";

class SurveyQuestionPlace extends SurveyQuestionRadiogroup {
  protected renderElement(): ReactElement {
    const q = this.question as QuestionRadiogroupModel;
    const map = placeMapOf(q);
    const list = super.renderElement();
    if (!map.shapes.length || !map.width || !map.height) return list;
    const names = new Map(q.visibleChoices.map((c) => [String(c.value), c.text]));
    const pick = (value: string) => {
      if (!q.isReadOnly) q.value = value;
    };
    return (
      <div className="place-question">
        <svg
          viewBox={`0 0 ${map.width} ${map.height}`}
          width={map.width}
          height={map.height}
          aria-hidden="true"
          focusable="false"
          style={{
            display: "block",
            maxWidth: "100%",
            height: "auto",
            background: BACKGROUND,
            marginBottom: "0.75rem",
          }}
        >
          {map.shapes.map((s) => {
            const chosen = String(q.value ?? "") === s.value;
            return (
              <path
                key={s.value}
                d={s.d}
                fill={chosen ? CHOSEN : FILL}
                stroke={INK}
                strokeWidth={chosen ? 2 : 1}
                style={{ cursor: q.isReadOnly ? "default" : "pointer" }}
                onClick={() => pick(s.value)}
              >
                <title>{names.get(s.value) ?? s.value}</title>
              </path>
            );
          })}
        </svg>
        {list}
      </div>
    );
  }
}

/** Makes survey-react-ui draw `place` questions with the map; called where the survey component is defined. */
export function registerPlaceRenderer(): void {
  ReactQuestionFactory.Instance.registerQuestion(PLACE_TYPE, (props) => createElement(SurveyQuestionPlace, props));
}
