import { useT } from "~/i18n/use-t";
import { IntentForm } from "./IntentForm";
import type { Area, Demographics, QuestionSummary } from "~/features/surveys/index";
import { localText } from "./types";

const ROLES = ["area", "age_band", "gender"] as const;

/** The kommun's areas for this survey (one per line); saving also replaces the choices of the area questions. */
export function AreasForm({ areas }: { areas: Area[] }) {
  const t = useT();
  return (
    <section aria-labelledby="areas-heading" className="builder-card">
      <h2 id="areas-heading">{t("builder.areas.title")}</h2>
      <IntentForm intent="areas">
        <label htmlFor="areas">{t("builder.areas.label")}</label>
        <p id="areas-hint" className="hint">
          {t("builder.areas.hint")}
        </p>
        <textarea
          id="areas"
          name="areas"
          rows={8}
          defaultValue={areas.map((a) => a.text).join("\n")}
          aria-describedby="areas-hint"
          required
        />
        <button type="submit">{t("builder.areas.save")}</button>
      </IntentForm>
    </section>
  );
}

/** Which questions hold the area, age band and gender that results are broken down by (kept in the settings). */
export function DemographicsForm({
  questions,
  demographics,
}: {
  questions: QuestionSummary[];
  demographics: Demographics;
}) {
  const t = useT();
  const candidates = questions.filter((q) => q.type === "radiogroup" || q.type === "dropdown");
  return (
    <section aria-labelledby="demographics-heading" className="builder-card">
      <h2 id="demographics-heading">{t("builder.demographics.title")}</h2>
      <p className="hint">{t("builder.demographics.intro")}</p>
      <IntentForm intent="demographics">
        {ROLES.map((role) => (
          <div key={role} className="stack">
            <label htmlFor={role}>{t(`builder.demographics.${role}`)}</label>
            <select id={role} name={role} defaultValue={demographics[role] ?? ""}>
              <option value="">{t("builder.demographics.none")}</option>
              {candidates.map((q) => (
                <option key={q.name} value={q.name}>
                  {q.name}: {localText(q.title, t.locale)}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button type="submit">{t("builder.demographics.save")}</button>
      </IntentForm>
    </section>
  );
}
