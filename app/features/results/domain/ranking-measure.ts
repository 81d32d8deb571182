// The choice of survey figure behind the citizen and staff scores of the theme ranking (docs/domain/statistics.md#survey-scores:
// the theme's highest problem share among its items, or its share among the priorities, as the analyst picks; by
// default the mean of the two where both exist). No server code: the ranking page's form lists the choices.

export const SURVEY_MEASURES = ["mean", "problem", "priorities"] as const;
export type SurveyMeasure = (typeof SURVEY_MEASURES)[number];
