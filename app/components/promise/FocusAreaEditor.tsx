import type { DOCUMENT_STATUSES, Responsible } from "~/features/promises/index";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { PostForm } from "~/components/PostForm";
import { Comments, type EditorComment } from "./Comments";
import { PromiseFields, type PromiseValues } from "./PromiseFields";

/** One focus area as the editor page has it, with its promises. */
export interface EditorFocusArea {
  id: number;
  title: string;
  themes: string[];
  background: string;
  promises: (PromiseValues & {
    id: number;
    position: number;
    responsible: Responsible;
    text: string;
    measurable: boolean;
    suggestion: string | null;
  })[];
}

/** One focus area: its fields, figure links and promises (editable forms for editors), with their comments. */
export function FocusAreaEditor({
  area: f,
  links,
  status,
  revisionId,
  editable,
  canComment,
  comments,
  zones,
}: {
  area: EditorFocusArea;
  links: { id: number; href: string; label: string }[] | undefined;
  status: (typeof DOCUMENT_STATUSES)[number];
  revisionId: number;
  editable: boolean;
  canComment: boolean;
  comments: EditorComment[];
  /** The kommun's zones, for the promises' zone choice. */
  zones: readonly { id: number; name: string }[];
}) {
  const t = useT();
  return (
    <section key={f.id} className="focus-area card" aria-labelledby={`fa-${f.id}`}>
      <h3 id={`fa-${f.id}`}>{f.title}</h3>
      {editable ? (
        <PostForm intent="saveFocusArea" fields={{ baseRevision: revisionId, focusAreaId: f.id }} className="stack">
          <label htmlFor={`fa${f.id}-title`}>{t("loften.focus.title")}</label>
          <input id={`fa${f.id}-title`} name="title" defaultValue={f.title} required />
          <label htmlFor={`fa${f.id}-themes`}>{t("loften.focus.themes")}</label>
          <input id={`fa${f.id}-themes`} name="themes" defaultValue={f.themes.join(", ")} />
          <label htmlFor={`fa${f.id}-background`}>{t("loften.focus.background")}</label>
          <textarea id={`fa${f.id}-background`} name="background" rows={5} defaultValue={f.background} />
          <button type="submit" className="secondary">
            {t("loften.focus.save", { title: f.title })}
          </button>
        </PostForm>
      ) : f.background ? (
        <p className="prewrap">{f.background}</p>
      ) : null}
      {links?.length ? (
        <div className="figure-links">
          <h4>{t("loften.focus.figures")}</h4>
          <ul>
            {links.map((l) => (
              <li key={l.id}>
                <a href={l.href}>{l.label}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <h4>{t("loften.focus.promises", { title: f.title })}</h4>
      {f.promises.length === 0 ? (
        <p>{t(editable || status === "publicerat" ? "loften.focus.noPromises" : "loften.focus.noPromisesReader")}</p>
      ) : null}
      <ol className="promise-list">
        {f.promises.map((p) => (
          <li key={p.id} id={`promise-${p.id}`}>
            <p className="promise-text">
              <span className="hint">
                {t(`loften.responsible.${typeof p.responsible === "object" ? "partner" : p.responsible}` as MessageKey)}
                {typeof p.responsible === "object" ? `: ${p.responsible.partner}` : ""}
              </span>{" "}
              {p.text}
            </p>
            {p.zone ? <p>{t("promises.zone", { zone: p.zone.name })}</p> : null}
            {p.measurable ? (
              <p className="ok">{t("loften.promise.measurable")}</p>
            ) : (
              <p className="not-measurable">
                {t("loften.promise.notMeasurable")} {p.suggestion}
              </p>
            )}
            {editable ? (
              <details>
                <summary>{t("loften.promise.edit", { n: p.position })}</summary>
                <PostForm intent="savePromise" fields={{ baseRevision: revisionId, promiseId: p.id }}>
                  <PromiseFields prefix={`p${p.id}-`} value={p} zones={zones} />
                  <button type="submit">{t("loften.promise.save")}</button>
                </PostForm>
                <PostForm intent="deletePromise" fields={{ baseRevision: revisionId, promiseId: p.id }}>
                  <button type="submit" className="secondary">
                    {t("loften.promise.delete")}
                  </button>
                </PostForm>
              </details>
            ) : null}
            <Comments
              comments={comments.filter((c) => c.promiseId === p.id)}
              canComment={canComment}
              target={{ promiseId: p.id }}
              label={t("loften.promise.label", { n: p.position, title: f.title })}
              idPrefix={`p${p.id}`}
            />
          </li>
        ))}
      </ol>
      {editable ? (
        <>
          <details>
            <summary>{t("loften.promise.add", { title: f.title })}</summary>
            <PostForm intent="addPromise" fields={{ focusAreaId: f.id }}>
              <PromiseFields prefix={`new${f.id}-`} value={null} zones={zones} />
              <button type="submit">{t("loften.promise.addSubmit")}</button>
            </PostForm>
          </details>
          <PostForm intent="deleteFocusArea" fields={{ baseRevision: revisionId, focusAreaId: f.id }}>
            <button type="submit" className="secondary">
              {t("loften.focus.delete", { title: f.title })}
            </button>
          </PostForm>
        </>
      ) : null}
    </section>
  );
}

/** The form that adds a focus area to the document. */
export function AddFocusAreaForm() {
  const t = useT();
  return (
    <details>
      <summary>{t("loften.focus.add")}</summary>
      <PostForm intent="addFocusArea" className="stack narrow">
        <label htmlFor="newfa-title">{t("loften.focus.title")}</label>
        <input id="newfa-title" name="title" required />
        <label htmlFor="newfa-themes">{t("loften.focus.themes")}</label>
        <input id="newfa-themes" name="themes" />
        <label htmlFor="newfa-background">{t("loften.focus.background")}</label>
        <textarea id="newfa-background" name="background" rows={4} />
        <button type="submit">{t("loften.focus.addSubmit")}</button>
      </PostForm>
    </details>
  );
}
