import { forwardRef, type ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import { FORM_FIELDS, fieldName, type NativePageView, type NativeQuestion } from "~/features/surveys";

/**
 * One page of a survey as a plain HTML form that works without JavaScript (docs/decisions/015-survey-without-javascript.md):
 * native controls with labels and fieldsets, errors next to their question and in a summary at the top, and
 * Next/Back/Send buttons that post the page. Uncontrolled inputs, so that what is typed before the scripts run
 * stays on hydration and can be carried into SurveyJS (ProgressiveSurvey).
 */
export const NativeSurveyForm = forwardRef<HTMLFormElement, { view: NativePageView; requireCode?: boolean }>(
  function NativeSurveyForm({ view, requireCode }, ref) {
    const t = useT();
    const errors = view.questions.filter((q) => q.error);
    return (
      // Posted to the page itself with the error summary as its fragment: when the page comes back with errors (no
      // script runs to move focus), the browser scrolls to the summary and focuses it; other pages have no such id.
      <form method="post" action="#survey-errors" noValidate ref={ref} className="native-survey">
        <input type="hidden" name={FORM_FIELDS.responseId} value={view.responseId} />
        <input type="hidden" name={FORM_FIELDS.page} value={view.page} />
        <input type="hidden" name={FORM_FIELDS.carried} value={view.carried} />
        <input type="hidden" name={FORM_FIELDS.shown} value={view.shown.join("\n")} />
        {errors.length > 0 || view.codeError ? (
          <div className="error-summary" role="alert" id="survey-errors" tabIndex={-1}>
            <h2>{t("surveyForm.errorSummary")}</h2>
            <ul>
              {view.codeError ? (
                <li>
                  <a href="#access-code">{view.codeError}</a>
                </li>
              ) : null}
              {errors.map((q) => (
                <li key={q.name}>
                  <a href={`#${firstControl(q)}`}>{`${q.title}: ${q.error}`}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {view.notice ? (
          <p className="notice" role="status">
            {view.notice}
          </p>
        ) : null}
        {requireCode ? (
          <div className="stack code-field">
            <label htmlFor="access-code">{t("survey.code")}</label>
            {view.codeError ? (
              <p id="access-code-error" className="field-error error-summary">
                {view.codeError}
              </p>
            ) : null}
            <input
              id="access-code"
              name={FORM_FIELDS.code}
              autoComplete="off"
              autoCapitalize="characters"
              defaultValue={view.code}
              aria-invalid={view.codeError ? true : undefined}
              aria-describedby={view.codeError ? "access-code-error access-code-hint" : "access-code-hint"}
            />
            <p id="access-code-hint" className="hint">
              {t("survey.codeHint")}
            </p>
          </div>
        ) : null}
        {view.of > 1 ? (
          <div className="survey-progress">
            <progress max={view.of} value={view.position} aria-labelledby="survey-progress-text" />
            <span id="survey-progress-text">{view.progress}</span>
          </div>
        ) : null}
        {view.title ? <h2>{view.title}</h2> : null}
        {view.description ? <p className="hint">{view.description}</p> : null}
        {view.questions.map((q) => (
          <Question key={q.name} q={q} view={view} />
        ))}
        <p className="stack">
          {/* The first submit button is the one Enter presses: forward, never back. */}
          <button type="submit" name={FORM_FIELDS.nav} value={view.isLast ? "send" : "next"}>
            {view.isLast ? view.texts.send : view.texts.next}
          </button>
          {!view.isFirst ? (
            <button type="submit" name={FORM_FIELDS.nav} value="back" className="secondary">
              {view.texts.back}
            </button>
          ) : null}
        </p>
      </form>
    );
  },
);

/** The id of a question's first control: where the error summary's link takes the respondent. */
function firstControl(q: NativeQuestion): string {
  return `${q.id}-c0`;
}

function Title({ q, view }: { q: NativeQuestion; view: NativePageView }) {
  return (
    <>
      {q.title}
      {q.required ? (
        <>
          <span aria-hidden="true"> *</span>
          <span className="visually-hidden">{` (${view.texts.required})`}</span>
        </>
      ) : null}
    </>
  );
}

/** The ids of a question's description and error, for aria-describedby. */
function described(q: NativeQuestion): string | undefined {
  const ids = [q.error ? `${q.id}-error` : null, q.description ? `${q.id}-desc` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Notes({ q }: { q: NativeQuestion }) {
  return (
    <>
      {q.description ? (
        <p id={`${q.id}-desc`} className="hint">
          {q.description}
        </p>
      ) : null}
      {q.error ? (
        <p id={`${q.id}-error`} className="field-error error-summary">
          {q.error}
        </p>
      ) : null}
    </>
  );
}

/** A group of controls under the question's title (radios, checkboxes, a matrix, items). */
/** The id and name of a question's only control. */
function control(q: NativeQuestion) {
  return { id: firstControl(q), name: fieldName(q) };
}

/** What a question's only control tells assistive technology: its notes and error, whether it is invalid, required. */
function stateOf(q: NativeQuestion) {
  return {
    "aria-describedby": described(q),
    "aria-invalid": q.error ? true : undefined,
    "aria-required": q.required ? true : undefined,
  };
}

/** A question with one control: its title as the control's label, its notes, then the control (`children`). */
function Single({ q, view, children }: { q: NativeQuestion; view: NativePageView; children: ReactNode }) {
  return (
    <div id={q.id} className="stack native-question">
      <label htmlFor={firstControl(q)}>
        <Title q={q} view={view} />
      </label>
      <Notes q={q} />
      {children}
    </div>
  );
}

function Group({ q, view, children }: { q: NativeQuestion; view: NativePageView; children: ReactNode }) {
  return (
    <fieldset
      id={q.id}
      className="stack native-question"
      aria-describedby={described(q)}
      aria-invalid={q.error ? true : undefined}
    >
      <legend>
        <Title q={q} view={view} />
      </legend>
      <Notes q={q} />
      {children}
    </fieldset>
  );
}

function Question({ q, view }: { q: NativeQuestion; view: NativePageView }) {
  const t = useT();
  const comment = q.comment ? (
    <div className="stack">
      <label htmlFor={`${q.id}-comment`}>{q.comment.label}</label>
      <textarea id={`${q.id}-comment`} name={fieldName(q, "comment")} defaultValue={q.comment.value} />
    </div>
  ) : null;
  switch (q.kind) {
    case "radio":
    case "checkbox": {
      const type = q.kind;
      const chosen = new Set(Array.isArray(q.value) ? q.value : [q.value]);
      return (
        <Group q={q} view={view}>
          {q.choices.map((c, i) => (
            <div key={c.value} className="native-choice">
              <input
                type={type}
                id={`${q.id}-c${i}`}
                name={fieldName(q)}
                value={c.value}
                defaultChecked={chosen.has(c.value)}
              />{" "}
              <label htmlFor={`${q.id}-c${i}`}>{c.text}</label>
            </div>
          ))}
          {q.other ? <OtherText q={q} /> : null}
          {comment}
        </Group>
      );
    }
    case "select":
      return (
        <Single q={q} view={view}>
          <select {...control(q)} defaultValue={q.value} {...stateOf(q)}>
            <option value="">{view.texts.placeholder}</option>
            {q.choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.text}
              </option>
            ))}
          </select>
          {q.other ? <OtherText q={q} /> : null}
          {comment}
        </Single>
      );
    case "text":
    case "comment":
      return (
        <Single q={q} view={view}>
          {q.kind === "text" ? (
            <input
              {...control(q)}
              type={q.inputType === "number" ? "text" : q.inputType}
              inputMode={q.numeric ? "decimal" : undefined}
              defaultValue={q.value}
              maxLength={q.maxLength ?? undefined}
              {...stateOf(q)}
            />
          ) : (
            <textarea {...control(q)} defaultValue={q.value} maxLength={q.maxLength ?? undefined} {...stateOf(q)} />
          )}
          {comment}
        </Single>
      );
    case "matrix":
      return (
        <Group q={q} view={view}>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <td />
                  {q.columns.map((c, j) => (
                    <th key={c.value} scope="col" id={`${q.id}-col${j}`}>
                      {c.text}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {q.rows.map((r, i) => (
                  <tr key={r.value}>
                    <th scope="row" id={`${q.id}-row${i}`}>
                      {r.text}
                    </th>
                    {q.columns.map((c, j) => (
                      <td key={c.value}>
                        <input
                          type={q.multi ? "checkbox" : "radio"}
                          id={i === 0 && j === 0 ? firstControl(q) : `${q.id}-r${i}c${j}`}
                          name={fieldName(q, `r${i}`)}
                          value={c.value}
                          defaultChecked={(q.value[r.value] ?? []).includes(c.value)}
                          aria-label={t("surveyForm.row", { row: r.text, column: c.text })}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {comment}
        </Group>
      );
    case "multipletext":
      return (
        <Group q={q} view={view}>
          {q.items.map((item, i) => (
            <div key={item.name} className="stack">
              <label htmlFor={`${q.id}-c${i}`}>{item.title}</label>
              <input
                id={`${q.id}-c${i}`}
                name={fieldName(q, `i${i}`)}
                type={item.inputType === "number" ? "text" : item.inputType}
                inputMode={item.numeric ? "decimal" : undefined}
                defaultValue={item.value}
              />
            </div>
          ))}
          {comment}
        </Group>
      );
    case "ranking":
      return (
        <Group q={q} view={view}>
          <p className="hint">{t("surveyForm.rankHint")}</p>
          {q.choices.map((c, i) => (
            <div key={c.value} className="native-choice">
              <label htmlFor={`${q.id}-c${i}`}>{c.text}</label>{" "}
              <select id={`${q.id}-c${i}`} name={fieldName(q, `k${i}`)} defaultValue={q.value[c.value] ?? ""}>
                <option value="">{t("surveyForm.rankNone")}</option>
                {q.choices.map((_, n) => (
                  <option key={n} value={String(n + 1)}>
                    {`${t("surveyForm.rank")} ${n + 1}`}
                  </option>
                ))}
              </select>
            </div>
          ))}
          {comment}
        </Group>
      );
    case "html":
      return q.html ? <div className="native-html" dangerouslySetInnerHTML={{ __html: q.html }} /> : null;
    case "unsupported":
      return (
        <Group q={q} view={view}>
          <p className="notice">{t("surveyForm.unsupported")}</p>
        </Group>
      );
  }
}

function OtherText({ q }: { q: NativeQuestion & { kind: "radio" | "select" | "checkbox" } }) {
  if (!q.other) return null;
  return (
    <div className="stack">
      <label htmlFor={`${q.id}-other`}>{q.other.label}</label>
      <input id={`${q.id}-other`} name={fieldName(q, "other")} defaultValue={q.other.text} />
    </div>
  );
}
