import { useState } from "react";
import { Form } from "@remix-run/react";
import { SECTION_KEYS } from "~/features/promises/index";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { Comments, type EditorComment } from "./Comments";
import { ReadabilityNote } from "./ReadabilityNote";

/** The document's own text (title, lead, period, sections): a form for editors, read-only text for others. */
export function DocumentTextEditor({
  doc,
  revisionId,
  editable,
  canComment,
  comments,
}: {
  doc: {
    title: string;
    lead: string;
    period_label: string;
    period_start: string;
    period_end: string;
    follow_up_due: string | null;
    sections: unknown;
  };
  revisionId: number;
  editable: boolean;
  canComment: boolean;
  comments: EditorComment[];
}) {
  const t = useT();
  const sections = (doc.sections ?? {}) as Record<string, string>;
  // The resident text's check follows the typing (the other sections are the analysts' and editors' own).
  const [residentText, setResidentText] = useState(sections.invanare ?? "");
  return (
    <section aria-labelledby="doc-text">
      <h2 id="doc-text">{t("loften.editor.documentText")}</h2>
      {editable ? (
        <Form method="post" className="stack" preventScrollReset>
          <CsrfField />
          <input type="hidden" name="intent" value="saveDocument" />
          <input type="hidden" name="baseRevision" value={revisionId} />
          <label htmlFor="title">{t("loften.field.title")}</label>
          <input id="title" name="title" defaultValue={doc.title} required />
          <label htmlFor="lead">{t("loften.field.lead")}</label>
          <textarea id="lead" name="lead" rows={2} defaultValue={doc.lead} />
          <div className="two-col">
            <div className="stack">
              <label htmlFor="periodLabel">{t("loften.field.periodLabel")}</label>
              <input id="periodLabel" name="periodLabel" defaultValue={doc.period_label} required />
            </div>
            <div className="stack">
              <label htmlFor="periodStart">{t("loften.field.periodStart")}</label>
              <input id="periodStart" name="periodStart" type="date" defaultValue={doc.period_start} required />
            </div>
            <div className="stack">
              <label htmlFor="periodEnd">{t("loften.field.periodEnd")}</label>
              <input id="periodEnd" name="periodEnd" type="date" defaultValue={doc.period_end} required />
            </div>
          </div>
          {SECTION_KEYS.map((k) => (
            <div key={k} className="stack">
              <label htmlFor={`sections.${k}`}>{t(`promises.section.${k}` as MessageKey)}</label>
              <textarea
                id={`sections.${k}`}
                name={`sections.${k}`}
                rows={k === "problembild" ? 6 : k === "invanare" ? 5 : 3}
                defaultValue={sections[k] ?? ""}
                {...(k === "invanare"
                  ? {
                      "aria-describedby": "readability",
                      onInput: (e: React.FormEvent<HTMLTextAreaElement>) => setResidentText(e.currentTarget.value),
                    }
                  : {})}
              />
              {k === "invanare" ? <ReadabilityNote text={residentText} id="readability" /> : null}
              {k === "uppfoljning" ? (
                <>
                  <label htmlFor="followUpDue">{t("loften.field.followUpDue")}</label>
                  <input id="followUpDue" name="followUpDue" type="date" defaultValue={doc.follow_up_due ?? ""} />
                </>
              ) : null}
            </div>
          ))}
          <button type="submit">{t("loften.editor.saveDocument")}</button>
        </Form>
      ) : (
        SECTION_KEYS.filter((k) => sections[k]).map((k) => (
          <section key={k}>
            <h3>{t(`promises.section.${k}` as MessageKey)}</h3>
            <p className="prewrap">{sections[k]}</p>
            {k === "invanare" ? <ReadabilityNote text={sections[k]} id="readability" /> : null}
          </section>
        ))
      )}
      <h3>{t("loften.comments.title")}</h3>
      {(["dokument", ...SECTION_KEYS] as const).map((k) => {
        const label = k === "dokument" ? t("loften.comments.wholeDocument") : t(`promises.section.${k}` as MessageKey);
        const cs = comments.filter((c) => c.section === k);
        if (!cs.length && !canComment) return null;
        return (
          <div key={k} className="comment-block">
            <h4>{label}</h4>
            <Comments comments={cs} canComment={canComment} target={{ section: k }} label={label} idPrefix={`s-${k}`} />
          </div>
        );
      })}
    </section>
  );
}
