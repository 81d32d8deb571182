// The stylesheets of a page. Most pages link the app's own (root.tsx) plus their area's. The survey pages, which a
// respondent may open on a slow phone, link one stylesheet instead: the app's rules and the part of SurveyJS's
// that our surveys use, bundled together (survey-page.css), so that nothing but the document and that one file
// has to arrive before the first paint (docs/decisions/017-survey-page-weight.md).
import type { LinkDescriptor } from "@remix-run/node";
import appCss from "./app.css";
import surveyPageCss from "./survey-page.css";

export { appCss };

/** A route's `handle` that says it links its own complete stylesheet, so the root leaves out app.css. */
export const OWN_STYLESHEET = { ownStylesheet: true } as const;

export function hasOwnStylesheet(handle: unknown): boolean {
  return !!handle && typeof handle === "object" && (handle as { ownStylesheet?: unknown }).ownStylesheet === true;
}

/** The survey pages' one stylesheet. */
export const surveyPageLinks = (): LinkDescriptor[] => [{ rel: "stylesheet", href: surveyPageCss }];
