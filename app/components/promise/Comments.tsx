import { Form } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { useT } from "~/i18n/use-t";
import { stockholmTime } from "./time";

export interface CommentItem {
  id: number;
  body: string;
  by: string | null;
  createdAt: string;
}

/** A comment as the editor page has them: on a section of the document or on one promise. */
export type EditorComment = CommentItem & { section: string | null; promiseId: number | null };

/** The comments on one section or promise, and (for those who may comment) a form to add one. */
export function Comments({
  comments,
  canComment,
  target,
  label,
  idPrefix,
}: {
  comments: CommentItem[];
  canComment: boolean;
  target: { section: string } | { promiseId: number };
  label: string;
  idPrefix: string;
}) {
  const t = useT();
  if (!comments.length && !canComment) return null;
  return (
    <div className="comments">
      {comments.length ? (
        <ul aria-label={t("loften.comments.listLabel", { what: label })}>
          {comments.map((c) => (
            <li key={c.id}>
              <span className="hint">
                {c.by ?? t("loften.comments.unknown")}, {stockholmTime(c.createdAt)}:
              </span>{" "}
              <span className="prewrap">{c.body}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {canComment ? (
        <details>
          <summary>{t("loften.comments.add", { what: label })}</summary>
          <Form method="post" className="stack" preventScrollReset>
            <CsrfField />
            <input type="hidden" name="intent" value="comment" />
            {"section" in target ? (
              <input type="hidden" name="section" value={target.section} />
            ) : (
              <input type="hidden" name="promiseId" value={target.promiseId} />
            )}
            <label htmlFor={`${idPrefix}-comment`}>{t("loften.comments.label", { what: label })}</label>
            <textarea id={`${idPrefix}-comment`} name="body" rows={2} required />
            <button type="submit" className="secondary">
              {t("loften.comments.submit")}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
