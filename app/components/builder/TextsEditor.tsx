import { useEffect, useRef } from "react";
import { Link, useSearchParams } from "@remix-run/react";
import type { QuestionSummary } from "~/features/surveys/index";
import { useT } from "~/i18n/use-t";
import { IntentForm } from "./IntentForm";
import { EDIT_LOCALES, exactText, localText } from "./types";

/**
 * A question's texts side by side in Swedish, English and Finnish: the title and every choice, row and column.
 * An empty English or Finnish text is removed (SurveyJS then shows the Swedish one); Swedish is required.
 */
export function TextsEditor({ question }: { question: QuestionSummary }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const [search] = useSearchParams();
  const close = new URLSearchParams(search);
  close.delete("edit");

  // Opening the editor moves focus to it, as a keyboard user has just asked for it.
  useEffect(() => heading.current?.focus(), [question.name]);

  const counters: Record<string, number> = {};
  return (
    <section id="texts" aria-labelledby="texts-heading" className="builder-card">
      <h2 id="texts-heading" ref={heading} tabIndex={-1}>
        {t("builder.texts.title", { name: question.name })}
      </h2>
      <p className="hint">{t("builder.texts.intro")}</p>
      <IntentForm intent="texts">
        <input type="hidden" name="name" value={question.name} />
        <fieldset className="builder-texts">
          <legend>{t("builder.texts.questionTitle")}</legend>
          {EDIT_LOCALES.map((l) => (
            <div key={l} className="stack">
              <label htmlFor={`edit-title_${l}`}>{t(`builder.locale.${l}`)}</label>
              <textarea
                id={`edit-title_${l}`}
                name={`title_${l}`}
                rows={4}
                lang={l}
                defaultValue={exactText(question.title, l)}
                required={l === "sv"}
                maxLength={1000}
              />
            </div>
          ))}
        </fieldset>
        {question.items.map((item) => {
          const i = (counters[item.list] = (counters[item.list] ?? -1) + 1);
          return (
            <fieldset key={`${item.list}:${item.value}`} className="builder-texts">
              <legend>
                {t(`builder.texts.list.${item.list}`)}: {localText(item.text, t.locale)} (<code>{item.value}</code>)
              </legend>
              <input type="hidden" name="item" value={`${item.list}:${item.value}`} />
              {EDIT_LOCALES.map((l) => (
                <div key={l} className="stack">
                  <label htmlFor={`edit-${item.list}_${i}_${l}`}>{t(`builder.locale.${l}`)}</label>
                  <input
                    id={`edit-${item.list}_${i}_${l}`}
                    name={`item_${l}`}
                    lang={l}
                    defaultValue={exactText(item.text, l)}
                    required={l === "sv"}
                    maxLength={1000}
                  />
                </div>
              ))}
            </fieldset>
          );
        })}
        <div>
          <button type="submit">{t("builder.texts.save")}</button>{" "}
          <Link to={`?${close.toString()}`} preventScrollReset>
            {t("builder.texts.close")}
          </Link>
        </div>
      </IntentForm>
    </section>
  );
}
