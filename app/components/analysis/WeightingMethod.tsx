import type { Weighting } from "~/features/results/index.server";
import { useT } from "~/i18n/use-t";

/** How the shares were weighted: the population's source, post-stratification, the effective n and merged cells. */
export function WeightingMethod({ w }: { w: Pick<Weighting, "applied" | "population" | "respondents" | "grid"> }) {
  const t = useT();
  const count = (n: number) => new Intl.NumberFormat(t.locale, { maximumFractionDigits: 0 }).format(n);
  const bandLabel = new Map(w.grid.ageBands.map((a) => [a.value, a.label]));
  const genderLabel = new Map(w.grid.genders.map((g) => [g.value, g.label]));
  const cellLabel = (key: string) => {
    const [a, g] = key.split("|");
    return `${genderLabel.get(g ?? "") ?? g}, ${bandLabel.get(a ?? "") ?? a}`;
  };
  return (
    <>
      {w.applied ? (
        <section aria-labelledby="method" className="method">
          <h2 id="method">{t("analysis.weighting.methodTitle")}</h2>
          <p>{t("analysis.weighting.method1", { source: w.population!.source })}</p>
          <p>{t("analysis.weighting.method2")}</p>
          <p>
            {t("analysis.weighting.method3", {
              neff: w.applied.effectiveN !== null ? count(w.applied.effectiveN) : "–",
              n: w.respondents ?? "–",
            })}
          </p>
          {w.applied.merges.length ? (
            <p>
              {t("analysis.weighting.merges", {
                merges: w.applied.merges
                  .map((m) => t("analysis.weighting.merge", { from: cellLabel(m.from), into: cellLabel(m.into) }))
                  .join("; "),
              })}
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
