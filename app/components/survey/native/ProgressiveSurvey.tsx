import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { FORM_FIELDS, mergeAnswers, parseCarried, readPage, type NativePageView } from "~/features/surveys";
import type { Draft } from "../outbox";
import { NativeSurveyForm } from "./NativeSurveyForm";

/**
 * The survey as progressive enhancement (docs/decisions/015-survey-without-javascript.md): the server renders the
 * current page as a plain form, which the first render in the browser hydrates as it is; right after hydration the
 * form is read (what was typed or ticked before the scripts ran) and SurveyJS takes its place with those answers,
 * on the same page. Without JavaScript, or when the scripts never run, the form is the survey.
 */
export function ProgressiveSurvey({
  view,
  requireCode,
  survey,
}: {
  view: NativePageView;
  requireCode?: boolean;
  /** SurveyJS (SurveyRunner) with the answers carried from the form. */
  survey: (carried: Draft | null) => ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [carried, setCarried] = useState<Draft | null | undefined>(undefined);
  // A layout effect: the form is read and replaced in one task right after hydration, so nothing typed in between
  // (the browser handles no input before it) can be lost with the form.
  const focus = useRef<FocusTarget | null>(null);
  useTakeOverEffect(() => {
    focus.current = form.current ? focusedIn(form.current) : null;
    setCarried(form.current ? carriedAnswers(form.current, view) : null);
    // Once, when the scripts take over: the form is gone afterwards.
  }, []);
  // Whoever was in a field of the form (a keyboard or screen-reader user, typing or moving through choices) stays
  // in the same question after the take-over instead of being dropped at the top of the page.
  useEffect(() => {
    if (carried === undefined || !focus.current) return;
    const target = focus.current;
    focus.current = null;
    const restore = () => {
      if (document.activeElement && document.activeElement !== document.body) return;
      refocus(target);
    };
    restore();
    // On a phone SurveyJS builds its model again right after hydration (SurveyRunner), replacing the elements.
    const later = setTimeout(restore, 150);
    return () => clearTimeout(later);
  }, [carried]);
  if (carried !== undefined) return <>{survey(carried)}</>;
  return <NativeSurveyForm ref={form} view={view} requireCode={requireCode} />;
}

type FocusTarget = { code: true } | { question: string; value: string | null };

/** Which question (and choice) of the plain form has the focus, if any: its fields are named q:<question>[:part]. */
function focusedIn(form: HTMLFormElement): FocusTarget | null {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement) || !form.contains(el)) return null;
  if (el.id === "access-code") return { code: true };
  const name = el.getAttribute("name") ?? "";
  const m = /^q:([^:]+)/.exec(name);
  if (!m) return null;
  const value = el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox") ? el.value : null;
  return { question: m[1]!, value };
}

/** Focuses the same field in SurveyJS's page: the choice with that value, else the question's first field. */
function refocus(target: FocusTarget) {
  if ("code" in target) {
    document.getElementById("access-code")?.focus();
    return;
  }
  const root = document.querySelector<HTMLElement>(`.sd-root-modern [data-name="${CSS.escape(target.question)}"]`);
  if (!root) return;
  const choice =
    target.value === null ? null : root.querySelector<HTMLElement>(`input[value="${CSS.escape(target.value)}"]`);
  (choice ?? root.querySelector<HTMLElement>("input:not([type=hidden]), textarea, select, [tabindex='0']"))?.focus();
}

/** useLayoutEffect in the browser; useEffect on the server, where neither runs (and React warns about the first). */
const useTakeOverEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

/** What the form holds now, as a SurveyRunner draft; null when nothing was answered and it is the first page. */
function carriedAnswers(form: HTMLFormElement, view: NativePageView): Draft | null {
  const entries: [string, string][] = [];
  for (const [k, v] of new FormData(form).entries()) if (typeof v === "string") entries.push([k, v]);
  const data = mergeAnswers(parseCarried(view.carried), readPage(view, entries));
  const code = entries.find(([k]) => k === FORM_FIELDS.code)?.[1] ?? "";
  if (Object.keys(data).length === 0 && view.position === 1 && !code) return null;
  return { id: view.responseId, data, page: view.position - 1, pending: false, code: code || undefined };
}

/** The thank-you after a send without JavaScript: the same words as SurveyRunner's. */
export function NativeSurveySent({
  earlier,
  again = false,
  afterSent,
}: {
  earlier: boolean;
  again?: boolean;
  afterSent?: ReactNode;
}) {
  const t = useT();
  const { pathname, search } = useLocation();
  return (
    <div className="survey-status" role="status">
      <h2>{earlier ? t("survey.alreadySent") : t("survey.sent")}</h2>
      <p>{t("survey.sentDetail")}</p>
      <p className="hint">{earlier ? t("survey.alreadySentDetail") : t("survey.sentLeave")}</p>
      {afterSent}
      {again ? (
        <p>
          <Link to={pathname + search} reloadDocument className="button secondary">
            {t("survey.answerAgain")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
