import type { WeightedIndicator, Weighting } from "~/features/results/index.server";
import { formatPercent } from "~/features/results/index";
import { useT } from "~/i18n/use-t";
import { SmallMultiples } from "~/components/charts/SmallMultiples";
import { useChartLabels } from "~/components/charts/labels";
import { TableWrap } from "~/components/TableWrap";

/** Per indicator kind, the shares unweighted beside weighted: a chart of small multiples and the table behind it. */
export function WeightedIndicators({
  w,
  surveySlug,
}: {
  w: Pick<Weighting, "applied" | "indicators" | "minBase">;
  surveySlug: string;
}) {
  const t = useT();
  const labels = useChartLabels({ minBase: w.minBase });
  const pct = (p: number) => formatPercent(p, t.locale);
  const count = (n: number) => new Intl.NumberFormat(t.locale, { maximumFractionDigits: 0 }).format(n);
  const interval = (s: number | null, lo: number | null, hi: number | null) =>
    s === null || lo === null || hi === null
      ? t("results.suppressed", { min: w.minBase })
      : `${pct(s)} (${pct(lo)}–${pct(hi)})`;
  const kinds = (["problem", "safety", "trust"] as const)
    .map((kind) => ({ kind, items: w.indicators.filter((i) => i.kind === kind) }))
    .filter((k) => k.items.length);
  const biggestShift = (items: WeightedIndicator[]) =>
    [...items]
      .filter((i) => i.weighted && i.unweighted.share !== null)
      .sort(
        (a, b) => Math.abs(b.weighted!.share - b.unweighted.share!) - Math.abs(a.weighted!.share - a.unweighted.share!),
      )[0];
  return (
    <>
      {w.applied
        ? kinds.map(({ kind, items }) => {
            const shift = biggestShift(items);
            return (
              <section key={kind} aria-labelledby={`w-${kind}`}>
                <h2 id={`w-${kind}`}>{t(`analysis.comparison.section.${kind}`)}</h2>
                <SmallMultiples
                  title={t(`analysis.weighting.chartTitle.${kind}`)}
                  summary={
                    shift
                      ? t("analysis.weighting.summary", {
                          item: shift.title,
                          unweighted: pct(shift.unweighted.share!),
                          weighted: pct(shift.weighted!.share),
                        })
                      : t("results.hiddenSummary", { min: w.minBase })
                  }
                  items={items.map((i) => ({ key: i.question, label: i.title }))}
                  groups={[
                    {
                      key: "unweighted",
                      label: t("analysis.weighting.unweighted"),
                      cells: Object.fromEntries(
                        items.map((i) => [
                          i.question,
                          {
                            share: i.unweighted.share,
                            ciLow: i.unweighted.ci_low,
                            ciHigh: i.unweighted.ci_high,
                            suppressed: i.unweighted.suppressed,
                            base: i.unweighted.base,
                          },
                        ]),
                      ),
                    },
                    {
                      key: "weighted",
                      label: t("analysis.weighting.weighted"),
                      cells: Object.fromEntries(
                        items.map((i) => [
                          i.question,
                          i.weighted
                            ? {
                                share: i.weighted.share,
                                ciLow: i.weighted.ci_low,
                                ciHigh: i.weighted.ci_high,
                                suppressed: false,
                              }
                            : { share: null, ciLow: null, ciHigh: null, suppressed: true },
                        ]),
                      ),
                    },
                  ]}
                  labels={labels}
                  width={900}
                  max={kind === "problem" ? undefined : 1}
                  fileName={`${surveySlug}-vagning-${kind}`}
                />
                <TableWrap label={t("analysis.weighting.tableCaption", { kind: t(`analysis.kind.${kind}`) })}>
                  <table>
                    <caption>{t("analysis.weighting.tableCaption", { kind: t(`analysis.kind.${kind}`) })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("charts.col.item")}</th>
                        <th scope="col">{t("analysis.weighting.unweighted")}</th>
                        <th scope="col" className="num">
                          {t("analysis.weighting.base")}
                        </th>
                        <th scope="col">{t("analysis.weighting.weighted")}</th>
                        <th scope="col" className="num">
                          {t("analysis.weighting.effectiveN")}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((i) => (
                        <tr key={i.question}>
                          <th scope="row">{i.title}</th>
                          <td>{interval(i.unweighted.share, i.unweighted.ci_low, i.unweighted.ci_high)}</td>
                          <td className="num">{i.unweighted.base ?? "–"}</td>
                          <td>
                            {i.weighted
                              ? interval(i.weighted.share, i.weighted.ci_low, i.weighted.ci_high)
                              : t("results.suppressed", { min: w.minBase })}
                          </td>
                          <td className="num">{i.weighted ? count(i.weighted.effective_n) : "–"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              </section>
            );
          })
        : null}
    </>
  );
}
