import type { OutcomeIndicatorView } from "~/features/promises/index.server";
import { formatPercent, formatPp } from "~/features/results/index";
import { useT } from "~/i18n/use-t";
import { TableWrap } from "~/components/TableWrap";

/** Outcome indicators with baseline, target and every later wave's share and change (shared by report and editor). */
export function IndicatorTable({
  indicators,
  caption,
  onDelete,
}: {
  indicators: OutcomeIndicatorView[];
  caption: string;
  onDelete?: (i: OutcomeIndicatorView) => React.ReactNode;
}) {
  const t = useT();
  const pct = (p: number) => formatPercent(p, t.locale);
  const pp = (d: number) => formatPp(d, t.locale);
  // The interval's ends as bare signed numbers; the unit is in the change before them.
  const ppNumber = (d: number) =>
    new Intl.NumberFormat(t.locale === "en" ? "en-GB" : "sv-SE", {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      signDisplay: "exceptZero",
    }).format(d * 100);
  // "Trygghetsenkät 2024", not "Trygghetsenkät 2024 (2024)".
  const surveyName = (title: string, period: string) => (title.includes(period) ? title : `${title} (${period})`);
  return (
    <TableWrap label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("followup.ind.col.indicator")}</th>
            <th scope="col">{t("followup.ind.col.baseline")}</th>
            <th scope="col">{t("followup.ind.col.later")}</th>
            <th scope="col">{t("followup.ind.col.change")}</th>
            {onDelete ? <th scope="col">{t("followup.col.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => {
            const direction = t(`followup.ind.direction.${i.direction}`);
            return (
              <tr key={i.id}>
                <th scope="row">
                  {i.label}
                  <div className="hint">
                    {i.focusAreaTitle} ·{" "}
                    {i.targetShare === null
                      ? direction
                      : t("followup.ind.targetValue", { direction, target: pct(i.targetShare) })}
                  </div>
                </th>
                <td>
                  {t("followup.ind.share", {
                    share: pct(i.baseline.share),
                    low: pct(i.baseline.low),
                    high: pct(i.baseline.high),
                    base: i.baseline.base,
                  })}
                  <div className="hint">{surveyName(i.survey.title, i.survey.period)}</div>
                  {!i.recomputed.matchesStored && i.recomputed.share !== null ? (
                    <div className="hint">
                      {t("followup.ind.recomputedDiffers", {
                        share: pct(i.recomputed.share),
                        base: i.recomputed.base ?? 0,
                      })}
                    </div>
                  ) : null}
                </td>
                <td>
                  {i.waves.length === 0 ? (
                    t("followup.ind.noLater")
                  ) : (
                    <ul className="fu-plain">
                      {i.waves.map((w) => (
                        <li key={w.surveyId}>
                          {surveyName(w.title, w.period)}:{" "}
                          {w.state === "ok" && w.figure?.share != null
                            ? t("followup.ind.share", {
                                share: pct(w.figure.share),
                                low: pct(w.figure.low ?? 0),
                                high: pct(w.figure.high ?? 0),
                                base: w.figure.base ?? 0,
                              })
                            : t(`followup.ind.state.${w.state === "ok" ? "suppressed" : w.state}`)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {i.waves.some((w) => w.change) ? (
                    <ul className="fu-plain">
                      {i.waves
                        .filter((w) => w.change)
                        .map((w) => (
                          <li key={w.surveyId}>
                            {w.period}:{" "}
                            {t("followup.ind.change", {
                              diff: pp(w.change!.diff),
                              low: ppNumber(w.change!.low),
                              high: ppNumber(w.change!.high),
                            })}
                            , <strong>{t(`followup.ind.verdict.${w.verdict ?? "no_significant_change"}`)}</strong>
                          </li>
                        ))}
                    </ul>
                  ) : (
                    "–"
                  )}
                  {i.targetMet === null ? null : (
                    <div>{t(i.targetMet ? "followup.ind.targetMet" : "followup.ind.targetNotMet")}</div>
                  )}
                </td>
                {onDelete ? <td>{onDelete(i)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
