import { useT } from "~/i18n/use-t";
import { IntentForm } from "./IntentForm";
import { localText, type BuilderPage } from "./types";

/** Adds a place question over the kommun's zones (docs/domain/places.md, "The place question"). */
export function AddPlaceForm({ zoneCount, pages }: { zoneCount: number; pages: BuilderPage[] }) {
  const t = useT();
  return (
    <section aria-labelledby="add-place-heading" className="builder-card">
      <h2 id="add-place-heading">{t("builder.add.placeTitle")}</h2>
      {zoneCount === 0 ? (
        <p>{t("builder.add.placeNoZones")}</p>
      ) : (
        <IntentForm intent="addPlace">
          <p>{t("builder.add.placeIntro", { n: zoneCount })}</p>
          <label htmlFor="placePage">{t("builder.add.placePage")}</label>
          <select id="placePage" name="placePage" defaultValue={pages[pages.length - 1]?.name}>
            {pages.map((p, i) => (
              <option key={p.name} value={p.name}>
                {t("builder.questions.page", { number: i + 1 })}: {localText(p.title, t.locale) || p.name}
              </option>
            ))}
          </select>
          <button type="submit">{t("builder.add.placeSubmit")}</button>
        </IntentForm>
      )}
    </section>
  );
}
