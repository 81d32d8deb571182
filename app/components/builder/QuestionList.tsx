import { useEffect } from "react";
import { Link, useSearchParams } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { ActionButton } from "~/components/PostForm";
import { useBuilderAnswer } from "./IntentForm";
import { CUSTOM_TYPES, type QuestionSummary } from "~/features/surveys/index";
import { localText, type BuilderPage } from "./types";

/**
 * The survey's questions grouped by page, each with buttons that name the question (move up, move down,
 * remove, required). After a move, focus returns to the button that was pressed so a keyboard user can press
 * it again.
 */
export function QuestionList({ questions, pages }: { questions: QuestionSummary[]; pages: BuilderPage[] }) {
  const t = useT();
  const result = useBuilderAnswer();
  const [search] = useSearchParams();
  const editLink = (name: string) => {
    const params = new URLSearchParams(search);
    params.set("edit", name);
    return `?${params.toString()}#texts`;
  };

  useEffect(() => {
    if (result?.intent !== "move" || !result.name) return;
    const same = document.getElementById(`move-${result.direction}-${result.name}`) as HTMLButtonElement | null;
    const other = document.getElementById(`move-${result.direction === "up" ? "down" : "up"}-${result.name}`);
    (same && !same.disabled ? same : other)?.focus();
  }, [result]);

  return (
    <section aria-labelledby="questions-heading">
      <h2 id="questions-heading">{t("builder.questions.title")}</h2>
      <p className="hint">{t("builder.questions.count", { count: questions.length })}</p>
      {pages.map((page, p) => {
        const qs = questions.filter((q) => q.pageIndex === p);
        return (
          <section key={page.name} className="builder-page" aria-labelledby={`page-${p}`}>
            <h3 id={`page-${p}`}>
              {t("builder.questions.page", { number: p + 1 })}: {localText(page.title, t.locale) || page.name}
            </h3>
            {qs.length === 0 ? <p className="hint">{t("builder.questions.emptyPage")}</p> : null}
            <ol className="builder-questions">
              {qs.map((q) => (
                <li key={q.name} className="builder-question">
                  <div>
                    <strong>{localText(q.title, t.locale) || q.name}</strong>
                    <div className="hint">
                      <code>{q.name}</code> · {t(typeKey(q.type))}
                      {q.isRequired ? ` · ${t("builder.questions.required")}` : ""}
                      {q.section ? ` · ${t("builder.questions.fromBank")}` : ` · ${t("builder.questions.custom")}`}
                    </div>
                  </div>
                  <div className="builder-actions">
                    <ActionButton
                      intent="move"
                      fields={{ name: q.name, direction: "up" }}
                      id={`move-up-${q.name}`}
                      disabled={q.isFirst}
                      label={t("builder.moveUpShort")}
                      ariaLabel={t("builder.moveUp", { name: q.name })}
                      preventScrollReset
                    />
                    <ActionButton
                      intent="move"
                      fields={{ name: q.name, direction: "down" }}
                      id={`move-down-${q.name}`}
                      disabled={q.isLast}
                      label={t("builder.moveDownShort")}
                      ariaLabel={t("builder.moveDown", { name: q.name })}
                      preventScrollReset
                    />
                    <ActionButton
                      intent="required"
                      fields={{ name: q.name, required: q.isRequired ? "false" : "true" }}
                      label={t(q.isRequired ? "builder.makeOptionalShort" : "builder.makeRequiredShort")}
                      ariaLabel={t(q.isRequired ? "builder.makeOptional" : "builder.makeRequired", { name: q.name })}
                      preventScrollReset
                    />
                    <Link
                      className="button secondary"
                      to={editLink(q.name)}
                      preventScrollReset
                      aria-label={t("builder.editTexts", { name: q.name })}
                    >
                      {t("builder.editTextsShort")}
                    </Link>
                    <ActionButton
                      intent="remove"
                      fields={{ name: q.name }}
                      className="secondary danger"
                      label={t("builder.removeShort")}
                      ariaLabel={t("builder.remove", { name: q.name })}
                      preventScrollReset
                    />
                  </div>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </section>
  );
}

/** The types the builder creates, panels (from the question bank) and place questions. */
const KNOWN_TYPES = [...CUSTOM_TYPES, "panel", "place"] as const;

/** The catalogue key naming a SurveyJS type (types the builder does not create are shown as "other"). */
export function typeKey(type: string) {
  const known = (KNOWN_TYPES as readonly string[]).includes(type) ? (type as (typeof KNOWN_TYPES)[number]) : "other";
  return `builder.type.${known}` as const;
}
