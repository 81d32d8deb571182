import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { LocalizedSurvey } from "./LocalizedSurvey";
import { useT } from "~/i18n/use-t";
import { createRespondentModel, DEVICE_DIFFERS_FROM_SERVER } from "./model";
import {
  clearDraft,
  clearSent,
  loadDraft,
  markSent,
  newId,
  saveDraft,
  sendAnswer,
  wasSent,
  type Draft,
  type SendResult,
} from "./outbox";

type Phase =
  | { name: "answering" }
  /** `attempt`: 1 for the first try, more when the outbox tries again. */
  | { name: "sending"; attempt: number }
  /** `earlier`: sent before a reload of this tab, not just now. */
  | { name: "stored"; earlier?: boolean }
  | { name: "invalid"; errors: { question: string; message: string }[] }
  | { name: "closed" }
  | { name: "code_rejected" }
  | { name: "waiting"; reason: "offline" | "server" | "rate_limited"; seconds: number };

export interface SurveyRunnerProps {
  slug: string;
  version: number;
  definition: Record<string, unknown>;
  locale: string;
  channel?: "web" | "paper" | "phone";
  requireCode?: boolean;
  /** Extra request headers (staff entry sends the CSRF token). */
  headers?: Record<string, string>;
  /** Where the answer is posted; the survey's public responses endpoint unless given (staff invitations). */
  endpoint?: string;
  /**
   * Seed of the survey's random orders, made by the loader so that the server and the browser shuffle alike.
   * Without it the order is fixed per survey and channel (still the same on both sides, but for everyone).
   */
  randomSeed?: number;
  /**
   * What the respondent answered in the server-rendered form before SurveyJS took over (ProgressiveSurvey,
   * docs/decisions/015-survey-without-javascript.md): restored over any saved draft, on its page.
   */
  carried?: Draft | null;
  /** Shown under the thank-you once the answer is stored (the public survey links to its published results). */
  afterSent?: ReactNode;
}

/** How long a try may take before the page says the connection is slow and the answer is kept meanwhile. */
const SLOW_AFTER_MS = 6000;

/** A stable 32-bit seed from a text (FNV-1a). */
function seedFromText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0 || 1;
}

/**
 * The survey as a respondent meets it: server-rendered SurveyJS, progress kept in the browser, the answer sent
 * with a response id made once, and retried on its own until the server has it.
 */
export function SurveyRunner({
  slug,
  version,
  definition,
  locale,
  channel = "web",
  requireCode,
  headers,
  endpoint: endpointProp,
  randomSeed,
  carried,
  afterSent,
}: SurveyRunnerProps) {
  const t = useT();
  const scope = `${slug}:v${version}:${channel}`;
  // Only a respondent's own web answer is remembered as sent (per survey, whatever its version); staff entering
  // paper or phone answers go straight on to the next one.
  const sentScope = channel === "web" ? `${slug}:${channel}` : null;
  const endpoint = endpointProp ?? `/api/v1/surveys/${encodeURIComponent(slug)}/responses`;
  const [phase, setPhase] = useState<Phase>({ name: "answering" });
  const [resumed, setResumed] = useState(false);
  const [code, setCode] = useState("");
  // The completion handler is bound once; it reads the code typed so far from this ref.
  const codeRef = useRef("");
  const draft = useRef<Draft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const attempts = useRef(0);
  // True when a try has been under way for a while (a slow connection): the page says the answer is kept meanwhile.
  const [slow, setSlow] = useState(false);

  // Built during render on purpose, on the server and in the browser in the same way (see createRespondentModel).
  // Kept from the first render, so that a revalidated loader's new seed does not rebuild the model mid-answer.
  const [seed] = useState(() => randomSeed ?? seedFromText(scope));
  // The first render in the browser hydrates the server's HTML, so its model is built as the server's is. On a
  // touch screen or a phone SurveyJS renders some things differently; the model is built again for the device
  // right after hydration, before the respondent can do anything (same ids, so React only updates what differs).
  const [forDevice, setForDevice] = useState(false);
  useEffect(() => {
    if (DEVICE_DIFFERS_FROM_SERVER) setForDevice(true);
  }, []);
  const final = forDevice || !DEVICE_DIFFERS_FROM_SERVER;
  const model = useMemo(
    () => createRespondentModel(definition, { locale, randomSeed: seed, asServer: !forDevice }),
    [definition, locale, seed, forDevice],
  );
  const [progress, setProgress] = useState(() => ({ text: model.progressText, value: model.progressValue }));
  useEffect(() => {
    const update = () => setProgress({ text: model.progressText, value: model.progressValue });
    model.onCurrentPageChanged.add(update);
    model.onValueChanged.add(update);
    update();
    return () => {
      model.onCurrentPageChanged.remove(update);
      model.onValueChanged.remove(update);
    };
  }, [model]);

  const persist = useCallback(() => {
    if (!draft.current) draft.current = { id: newId(), data: {}, page: 0, pending: false };
    draft.current.data = model.data as Record<string, unknown>;
    draft.current.page = model.currentPageNo;
    saveDraft(scope, draft.current);
  }, [model, scope]);

  const send = useCallback(async () => {
    const d = draft.current;
    if (!d) return;
    if (timer.current) clearTimeout(timer.current);
    attempts.current += 1;
    setPhase({ name: "sending", attempt: attempts.current });
    setSlow(false);
    const slowTimer = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    const result: SendResult = await sendAnswer(
      endpoint,
      { id: d.id, data: d.data, locale, channel, code: d.code },
      headers,
    ).finally(() => clearTimeout(slowTimer));
    setSlow(false);
    if (result.kind !== "retry") attempts.current = 0;
    switch (result.kind) {
      case "stored":
        clearDraft(scope);
        draft.current = null;
        if (sentScope) markSent(sentScope);
        setPhase({ name: "stored" });
        break;
      case "invalid":
        d.pending = false;
        saveDraft(scope, d);
        setPhase({ name: "invalid", errors: result.errors });
        break;
      case "closed":
      case "not_found":
        setPhase({ name: "closed" });
        break;
      case "code_rejected":
        d.pending = false;
        saveDraft(scope, d);
        setPhase({ name: "code_rejected" });
        break;
      case "retry": {
        // Back off, but never give up while the page is open; the answer also waits in storage for a reload.
        const seconds = typeof navigator !== "undefined" && navigator.onLine === false ? 5 : result.afterSeconds;
        setPhase({ name: "waiting", reason: result.reason, seconds });
        timer.current = setTimeout(() => void send(), seconds * 1000);
        break;
      }
    }
  }, [endpoint, locale, channel, headers, scope, sentScope]);

  // After hydration: restore progress, and resend an answer that was waiting when the page was left. Only into
  // the model that stays (not the one about to be rebuilt for the device), so that nothing is sent twice.
  useEffect(() => {
    if (!final) return;
    let saved = loadDraft(scope);
    // Answers given in the form before the scripts ran win over an older draft (a waiting send stays as it is).
    const fromForm = carried && !saved?.pending ? carried : null;
    if (fromForm) {
      saved = { ...fromForm, id: saved?.id ?? fromForm.id, data: { ...saved?.data, ...fromForm.data } };
      saveDraft(scope, saved);
    }
    if (saved) {
      draft.current = saved;
      model.data = saved.data;
      if (saved.page > 0 && saved.page < model.visiblePages.length) model.currentPageNo = saved.page;
      if (saved.code) {
        setCode(saved.code);
        codeRef.current = saved.code;
      }
      if (saved.pending) {
        model.doComplete();
        void send();
      } else if (Object.keys(saved.data).length > 0 && !fromForm) setResumed(true);
    } else if (sentScope && wasSent(sentScope)) {
      setPhase({ name: "stored", earlier: true });
    }
    const onChange = () => persist();
    model.onValueChanged.add(onChange);
    model.onCurrentPageChanged.add(onChange);
    const onComplete = () => {
      persist();
      draft.current!.pending = true;
      if (requireCode) draft.current!.code = codeRef.current;
      saveDraft(scope, draft.current!);
      void send();
    };
    model.onComplete.add(onComplete);
    const online = () => {
      if (draft.current?.pending) void send();
    };
    window.addEventListener("online", online);
    return () => {
      model.onValueChanged.remove(onChange);
      model.onCurrentPageChanged.remove(onChange);
      model.onComplete.remove(onComplete);
      window.removeEventListener("online", online);
      if (timer.current) clearTimeout(timer.current);
    };
    // The carried answers are read once, when SurveyJS takes over.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [final, model, scope, sentScope, persist, send, requireCode]);

  // A choice tapped before the scripts arrived checked the server-rendered input natively, but the model never heard
  // of it, and a second tap on a checked radio fires no change: the answer would look given and be lost. Once the
  // model that stays is in place (and a saved draft restored), such inputs are unchecked and clicked again, so that
  // SurveyJS takes the value (and the draft keeps it). Only the staff entry page (registrera) server-renders SurveyJS
  // now; /e and /i server-render the plain form and SurveyJS takes over from it with its answers (ProgressiveSurvey),
  // where this finds nothing to do.
  useEffect(() => {
    if (!final) return;
    const inputs = document.querySelectorAll<HTMLInputElement>(
      ".sd-root-modern input[type=radio], .sd-root-modern input[type=checkbox]",
    );
    for (const input of inputs) {
      const item = input.closest(".sd-item");
      if (!item || !input.checked || item.classList.contains("sd-item--checked")) continue;
      input.checked = false;
      input.click();
    }
  }, [final, model]);

  useEffect(() => {
    if (phase.name !== "answering" && phase.name !== "sending") statusRef.current?.focus();
  }, [phase.name]);

  const backToSurvey = () => {
    const d = draft.current;
    model.clear(false, true);
    if (d) model.data = d.data;
    setPhase({ name: "answering" });
  };

  const startOver = () => {
    clearDraft(scope);
    if (sentScope) clearSent(sentScope);
    draft.current = null;
    model.clear(true, true);
    setCode("");
    codeRef.current = "";
    setPhase({ name: "answering" });
  };

  const questionTitle = (name: string) => model.getQuestionByName(name)?.processedTitle ?? name;

  if (phase.name !== "answering") {
    return (
      <div
        className="survey-status"
        ref={statusRef}
        tabIndex={-1}
        role={phase.name === "sending" || phase.name === "waiting" ? "status" : undefined}
        aria-live="polite"
      >
        {phase.name === "sending" ? (
          <>
            <p>{phase.attempt > 1 ? t("survey.retrying", { attempt: phase.attempt }) : t("survey.sending")}</p>
            {slow ? <p className="hint">{t("survey.sendingSlow")}</p> : null}
          </>
        ) : null}
        {phase.name === "stored" ? (
          <>
            <h2>{phase.earlier ? t("survey.alreadySent") : t("survey.sent")}</h2>
            <p>{t("survey.sentDetail")}</p>
            <p className="hint">{phase.earlier ? t("survey.alreadySentDetail") : t("survey.sentLeave")}</p>
            {afterSent}
            <button type="button" className="secondary" onClick={startOver}>
              {t("survey.answerAgain")}
            </button>
          </>
        ) : null}
        {phase.name === "waiting" ? (
          <>
            <h2>{t("survey.waitingTitle")}</h2>
            <p role="alert">
              {phase.reason === "offline"
                ? t("survey.offline")
                : phase.reason === "rate_limited"
                  ? t("survey.rateLimited")
                  : t("survey.serverError", { seconds: phase.seconds })}
            </p>
            <button type="button" onClick={() => void send()}>
              {t("survey.retryNow")}
            </button>
          </>
        ) : null}
        {phase.name === "invalid" ? (
          <div role="alert" className="error-summary">
            <p>{t("survey.invalid")}</p>
            <ul>
              {phase.errors.map((e, i) => (
                <li key={i}>
                  <strong>{questionTitle(e.question)}</strong>: {e.message}
                </li>
              ))}
            </ul>
            <button type="button" onClick={backToSurvey}>
              {t("survey.backToSurvey")}
            </button>
          </div>
        ) : null}
        {phase.name === "code_rejected" ? (
          <div role="alert" className="error-summary">
            <p>{t("survey.codeRejected")}</p>
            <button type="button" onClick={backToSurvey}>
              {t("survey.backToSurvey")}
            </button>
          </div>
        ) : null}
        {phase.name === "closed" ? (
          <div role="alert">
            <h2>{t("survey.closedTitle")}</h2>
            <p>{t("survey.closedWhileAnswering")}</p>
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <>
      {resumed ? (
        <p className="notice" role="status">
          {t("survey.resumed")}
        </p>
      ) : null}
      {requireCode ? (
        <div className="stack code-field">
          <label htmlFor="access-code">{t("survey.code")}</label>
          <input
            id="access-code"
            name="code"
            autoComplete="off"
            autoCapitalize="characters"
            value={code}
            aria-describedby="access-code-hint"
            onChange={(e) => {
              setCode(e.target.value);
              codeRef.current = e.target.value;
              if (draft.current) {
                draft.current.code = e.target.value;
                saveDraft(scope, draft.current);
              }
            }}
          />
          <p id="access-code-hint" className="hint">
            {t("survey.codeHint")}
          </p>
        </div>
      ) : null}
      {model.visiblePages.length > 1 ? (
        <div className="survey-progress">
          <progress max={100} value={progress.value} aria-labelledby="survey-progress-text" />
          <span id="survey-progress-text">{progress.text}</span>
        </div>
      ) : null}
      <LocalizedSurvey model={model} />
    </>
  );
}
