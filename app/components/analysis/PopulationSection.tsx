import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import type { Weighting } from "~/features/results/index.server";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { TableWrap } from "~/components/TableWrap";

/**
 * The population the survey is weighted by: analysts enter or remove it in a grid of age band × gender (posted to
 * the page's action), everyone else reads it.
 */
export function PopulationSection({
  w,
  canEdit,
  errors,
}: {
  w: Pick<Weighting, "population" | "grid">;
  canEdit: boolean;
  errors?: { field: string; message: string }[];
}) {
  const t = useT();
  const count = (n: number) => new Intl.NumberFormat(t.locale, { maximumFractionDigits: 0 }).format(n);
  const popOf = new Map((w.population?.cells ?? []).map((c) => [`${c.age_band}|${c.gender}`, c.population]));
  return (
    <section aria-labelledby="population">
      <h2 id="population">{t("analysis.weighting.populationTitle")}</h2>
      {w.population ? (
        <p>
          {t(`analysis.weighting.populationFrom.${w.population.scope}`, {
            source: w.population.source,
            date: w.population.updatedAt.slice(0, 10),
          })}
        </p>
      ) : null}
      {w.grid.ageBands.length === 0 || w.grid.genders.length === 0 ? (
        <p>{t("analysis.weighting.noGrid")}</p>
      ) : canEdit ? (
        <Form method="post" className="population-grid">
          <CsrfField />
          <FieldErrors errors={errors} />
          <p className="hint">{t("analysis.weighting.formHint")}</p>
          <div className="stack">
            <label htmlFor="source">{t("analysis.weighting.source")}</label>
            <input
              id="source"
              name="source"
              required
              maxLength={200}
              defaultValue={w.population?.source ?? ""}
              aria-describedby="source-hint"
            />
            <span id="source-hint" className="hint">
              {t("analysis.weighting.sourceHint")}
            </span>
          </div>
          <fieldset>
            <legend>{t("analysis.weighting.scope")}</legend>
            <label>
              <input type="radio" name="scope" value="kommun" defaultChecked={w.population?.scope !== "survey"} />{" "}
              {t("analysis.weighting.scope.kommun")}
            </label>
            <br />
            <label>
              <input type="radio" name="scope" value="survey" defaultChecked={w.population?.scope === "survey"} />{" "}
              {t("analysis.weighting.scope.survey")}
            </label>
          </fieldset>
          <PopulationGrid
            w={w}
            cell={(a, g, key) => (
              <input
                id={`pop.${key}`}
                name={`pop.${key}`}
                inputMode="numeric"
                aria-label={t("analysis.weighting.cellLabel", { gender: g.label, age: a.label })}
                defaultValue={popOf.has(key) ? String(popOf.get(key)) : ""}
                aria-invalid={errors?.some((e) => e.field === `pop.${key}`) ? true : undefined}
              />
            )}
          />
          <div className="filter-actions">
            <button type="submit" name="intent" value="save">
              {t("analysis.weighting.save")}
            </button>
            {w.population ? (
              <button type="submit" name="intent" value="delete" className="secondary" formNoValidate>
                {t("analysis.weighting.delete")}
              </button>
            ) : null}
          </div>
        </Form>
      ) : w.population ? (
        <PopulationGrid w={w} numeric cell={(_a, _g, key) => (popOf.has(key) ? count(popOf.get(key)!) : "–")} />
      ) : (
        <p>{t("analysis.weighting.askAnalyst")}</p>
      )}
    </section>
  );
}

type GridLabel = { value: string; label: string };

/** The population grid, age bands by gender (the entry form and the read-only table share it); `key` is "age|gender". */
function PopulationGrid({
  w,
  numeric = false,
  cell,
}: {
  w: { grid: { genders: GridLabel[]; ageBands: GridLabel[] } };
  numeric?: boolean;
  cell: (age: GridLabel, gender: GridLabel, key: string) => ReactNode;
}) {
  const t = useT();
  const num = numeric ? "num" : undefined;
  return (
    <TableWrap label={t("analysis.weighting.gridCaption")}>
      <table>
        <caption>{t("analysis.weighting.gridCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("results.age")}</th>
            {w.grid.genders.map((g) => (
              <th key={g.value} scope="col" className={num}>
                {g.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {w.grid.ageBands.map((a) => (
            <tr key={a.value}>
              <th scope="row">{a.label}</th>
              {w.grid.genders.map((g) => (
                <td key={g.value} className={num}>
                  {cell(a, g, `${a.value}|${g.value}`)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
