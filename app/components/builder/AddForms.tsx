import { useT } from "~/i18n/use-t";
import { IntentForm } from "./IntentForm";
import { typeKey } from "./QuestionList";
import { EDIT_LOCALES, localText, type BankSection, type BuilderPage } from "./types";

function PageSelect({ id, pages, defaultLabel }: { id: string; pages: BuilderPage[]; defaultLabel: string }) {
  const t = useT();
  return (
    <>
      <label htmlFor={id}>{t("builder.add.page")}</label>
      <select id={id} name={id}>
        <option value="">{defaultLabel}</option>
        {pages.map((p, i) => (
          <option key={p.name} value={p.name}>
            {t("builder.questions.page", { number: i + 1 })}: {localText(p.title, t.locale) || p.name}
          </option>
        ))}
      </select>
    </>
  );
}

/** Adds a question of the standard bank, chosen from a list grouped by section. */
export function AddBankForm({ bank, pages }: { bank: BankSection[]; pages: BuilderPage[] }) {
  const t = useT();
  return (
    <section aria-labelledby="add-bank-heading" className="builder-card">
      <h2 id="add-bank-heading">{t("builder.add.bankTitle")}</h2>
      {bank.length === 0 ? (
        <p>{t("builder.add.bankEmpty")}</p>
      ) : (
        <IntentForm intent="addBank">
          <label htmlFor="bankName">{t("builder.add.bankQuestion")}</label>
          <select id="bankName" name="bankName" required>
            {bank.map((group) => (
              <optgroup key={group.section} label={localText(group.title, t.locale)}>
                {group.questions.map((q) => (
                  <option key={q.name} value={q.name}>
                    {localText(q.title, t.locale)} ({q.name})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <PageSelect id="bankPage" pages={pages} defaultLabel={t("builder.add.sectionPage")} />
          <button type="submit">{t("builder.add.bankSubmit")}</button>
        </IntentForm>
      )}
    </section>
  );
}

/** Adds a question of a common SurveyJS type with the analyst's own name, texts and choices. */
export function AddCustomForm({ pages, customTypes }: { pages: BuilderPage[]; customTypes: readonly string[] }) {
  const t = useT();
  return (
    <section aria-labelledby="add-custom-heading" className="builder-card">
      <h2 id="add-custom-heading">{t("builder.add.customTitle")}</h2>
      <IntentForm intent="addCustom" resetOnSuccess>
        <label htmlFor="type">{t("builder.add.type")}</label>
        <select id="type" name="type" required>
          {customTypes.map((type) => (
            <option key={type} value={type}>
              {t(typeKey(type))}
            </option>
          ))}
        </select>
        <label htmlFor="name">{t("builder.add.name")}</label>
        <p id="name-hint" className="hint">
          {t("builder.add.nameHint")}
        </p>
        <input
          id="name"
          name="name"
          required
          pattern="[a-z][a-z0-9_]*"
          maxLength={50}
          autoComplete="off"
          aria-describedby="name-hint"
        />
        <PageSelect id="page" pages={pages} defaultLabel={t("builder.add.lastPage")} />
        <fieldset className="builder-texts">
          <legend>{t("builder.texts.questionTitle")}</legend>
          {EDIT_LOCALES.map((l) => (
            <div key={l} className="stack">
              <label htmlFor={`title_${l}`}>{t(`builder.locale.${l}`)}</label>
              <input id={`title_${l}`} name={`title_${l}`} lang={l} required={l === "sv"} maxLength={1000} />
            </div>
          ))}
        </fieldset>
        <fieldset className="builder-texts">
          <legend>{t("builder.add.choices")}</legend>
          <p className="hint builder-wide">{t("builder.add.choicesHint")}</p>
          {EDIT_LOCALES.map((l) => (
            <div key={l} className="stack">
              <label htmlFor={`choices_${l}`}>{t(`builder.locale.${l}`)}</label>
              <textarea id={`choices_${l}`} name={`choices_${l}`} lang={l} rows={4} />
            </div>
          ))}
        </fieldset>
        <fieldset className="builder-texts">
          <legend>{t("builder.add.rows")}</legend>
          <p className="hint builder-wide">{t("builder.add.rowsHint")}</p>
          {EDIT_LOCALES.map((l) => (
            <div key={l} className="stack">
              <label htmlFor={`rows_${l}`}>{t(`builder.locale.${l}`)}</label>
              <textarea id={`rows_${l}`} name={`rows_${l}`} lang={l} rows={3} />
            </div>
          ))}
        </fieldset>
        <div>
          <input type="checkbox" id="isRequired" name="isRequired" value="true" />{" "}
          <label htmlFor="isRequired">{t("builder.add.required")}</label>
        </div>
        <button type="submit">{t("builder.add.customSubmit")}</button>
      </IntentForm>
    </section>
  );
}
