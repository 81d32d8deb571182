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
  useTakeOverEffect(() => {
    setCarried(form.current ? carriedAnswers(form.current, view) : null);
    // Once, when the scripts take over: the form is gone afterwards.
  }, []);
  if (carried !== undefined) return <>{survey(carried)}</>;
  return <NativeSurveyForm ref={form} view={view} requireCode={requireCode} />;
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
