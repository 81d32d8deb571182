import { Form } from "@remix-run/react";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";

/** A document's comments, and for those who may write, the form to add one on a section. */
export function Comments({
  comments,
  canWrite,
  sections,
}: {
  comments: readonly { id: number; section: string; body: string; author: string | null; createdAt: string | Date }[];
  canWrite: boolean;
  sections: readonly string[];
}) {
  const t = useT();
  return (
    <section aria-labelledby="sec-comments" className="comments no-print">
      <h2 id="sec-comments">{t("plans.comments.title")}</h2>
      {comments.length ? (
        <ul>
          {comments.map((c) => (
            <li key={c.id}>
              <strong>{t(`plans.section.${c.section}` as MessageKey)}</strong>:{" "}
              <span className="prewrap">{c.body}</span>{" "}
              <span className="muted">
                – {c.author ?? "–"}, {String(c.createdAt).slice(0, 16).replace("T", " ")}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("plans.comments.none")}</p>
      )}
      {canWrite ? (
        <Form method="post" className="stack">
          <CsrfField />
          <input type="hidden" name="intent" value="comment" />
          <label htmlFor="comment-section">{t("plans.comments.section")}</label>
          <select id="comment-section" name="section">
            {sections.map((s) => (
              <option key={s} value={s}>
                {t(`plans.section.${s}` as MessageKey)}
              </option>
            ))}
          </select>
          <label htmlFor="comment-body">{t("plans.comments.body")}</label>
          <textarea id="comment-body" name="body" rows={3} />
          <button type="submit">{t("plans.comments.add")}</button>
        </Form>
      ) : null}
    </section>
  );
}
