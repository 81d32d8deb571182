// The choice of survey figure behind the citizen and staff scores of the theme ranking (statistics.md: "the highest
// problem share among the theme's items, or the share naming t among priorities, whichever the analyst picks
// (default: the mean of the two where both exist)"). No server code: the ranking page's form lists the choices.

export const SURVEY_MEASURES = ["mean", "problem", "priorities"] as const;
export type SurveyMeasure = (typeof SURVEY_MEASURES)[number];
