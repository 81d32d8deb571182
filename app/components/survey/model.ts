// Building the respondent's SurveyJS model so that the server's HTML and the browser's first render are the same.
import {
  Base,
  IsMobile,
  IsTouch,
  Model,
  _setIsTouch,
  type ActionContainer,
  type DropdownListModel,
  type QuestionRankingModel,
} from "survey-core";
import { registerPlaceType } from "~/features/surveys/index";
import { THEME } from "./surveyjs-setup";

/**
 * Where SurveyJS's object counter starts for a respondent's survey, on the server and in the browser alike.
 *
 * survey-core numbers every object it creates from one process-wide counter (`Base.UniqueId`) and derives the
 * element ids from it: `sq_<n>` for a question, `sq_<n>_ariaTitle` referenced by `aria-labelledby`, the radio
 * groups' `name`, the ids of action buttons. The server process has built thousands of objects before a given
 * page (every earlier page, every validation plan), the browser only the few of its module set-up, so the ids in
 * the server's HTML were never the ones the browser's model used. React keeps the server's attributes on
 * hydration, so the page was left with ids the model did not know (SurveyJS finds inputs by id to focus the first
 * error). Starting the count at the same number on both sides, just before the model is built, gives the same ids.
 * Objects of other models may share numbers with this one; SurveyJS only compares numbers within one model.
 */
export const SURVEY_ID_SEED = 1000;

/**
 * What survey-core detected about this browser when it loaded: a touch screen (its dropdowns then open as an
 * overlay with a Cancel button, and their input brings up no keyboard) and a phone (ranking questions lay out
 * vertically). Both are false on the server, which cannot know the device. Read once here, before any model
 * sets survey-core's touch flag.
 */
const DEVICE = { touch: IsTouch, mobile: IsMobile };

/** True in a browser whose SurveyJS rendering differs from the server's (a touch screen or a phone). */
export const DEVICE_DIFFERS_FROM_SERVER = DEVICE.touch || DEVICE.mobile;

export interface RespondentModelOptions {
  locale: string;
  /** Seed of SurveyJS's random orders (`choicesOrder: "random"` ...); the server's and the browser's must agree. */
  randomSeed: number;
  /**
   * Build the model as the server does, as if for a desktop browser: for the browser's first render, which
   * must hydrate the server's HTML. SurveyRunner builds it again for the device right after hydration.
   */
  asServer: boolean;
}

/**
 * The respondent's model, built the same way on the server and in the browser, and settled: nothing is left for
 * SurveyJS to finish later in a microtask.
 *
 * Why settled: SurveyJS recomputes an action bar's visible buttons in a microtask after they change, and a
 * dropdown creates its buttons (the chevron) only when first rendered. On the server the render is one
 * synchronous pass, so it drew the dropdown's button bar empty. In the browser React hydrates in slices of
 * about 5 ms and microtasks run between them, so when a slice ended between the dropdown and its button bar the
 * browser drew the chevron: a structural mismatch (React errors 418/423 and a full client re-render of the
 * page). Creating those buttons here and flushing the pending update makes both sides draw the chevron.
 */
export function createRespondentModel(
  definition: Record<string, unknown>,
  { locale, randomSeed, asServer }: RespondentModelOptions,
): Model {
  // survey-core reads its touch flag when it builds a dropdown's popup and while rendering; it is one flag for
  // the whole page, so it stays as set here until the next model is built.
  _setIsTouch(asServer ? false : DEVICE.touch);
  registerPlaceType();
  // `UniqueId` is private in survey-core's typings; it is the counter described at SURVEY_ID_SEED.
  (Base as unknown as { UniqueId: number }).UniqueId = SURVEY_ID_SEED;
  const m = new Model(definition);
  m.randomSeed = randomSeed;
  m.locale = locale;
  m.applyTheme(THEME);
  m.showCompletedPage = false;
  // survey-react-ui renders its progress bar only after mounting, so a server-rendered page would not match
  // on hydration. SurveyRunner draws its own (the same page counter, server-rendered) and turns SurveyJS's off.
  m.showProgressBar = false;
  if (asServer && DEVICE.mobile) {
    for (const q of m.getAllQuestions(false, true, true)) {
      if (q.getType() === "ranking") (q as QuestionRankingModel).isMobileMode = () => false;
    }
  }
  settle(m);
  return m;
}

/** Builds what SurveyJS would otherwise build during the first render and runs its pending updates now. */
function settle(m: Model) {
  for (const q of m.getAllQuestions(false, true, true)) {
    // Dropdown and tag box: made on first access, with the clear and chevron buttons and the popup's list of
    // choices (a tag box renders that list at once); both count their visible items in a microtask.
    const dropdown = (q as { dropdownListModel?: DropdownListModel }).dropdownListModel;
    if (!dropdown) continue;
    dropdown.editorButtons.flushUpdates();
    (dropdown.popupModel.contentComponentData as { model?: ActionContainer }).model?.flushUpdates();
  }
  // The navigation bar and the toolbars flush themselves when read (survey-core does that on its own getters).
  void m.navigationBar;
}
