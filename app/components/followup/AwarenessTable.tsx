import { formatPercent } from "~/features/results/index";
import { useT } from "~/i18n/use-t";
import { TableWrap } from "~/components/TableWrap";

export type AwarenessRow = {
  surveyId: number;
  title: string;
  period: string;
  state: "ok" | "suppressed" | "not_asked";
  share: number | null;
  low: number | null;
  high: number | null;
  answered: number | null;
};

/** "Känner invånarna till löftena?": the awareness question's yes share per citizen survey, oldest first. */
export function AwarenessTable({ waves }: { waves: readonly AwarenessRow[] }) {
  const t = useT();
  const pct = (x: number | null) => (x === null ? "" : formatPercent(x, t.locale));
  return (
    <section aria-labelledby="awareness" className="awareness">
      <h2 id="awareness">{t("followup.aware.title")}</h2>
      <p>{t("followup.aware.intro")}</p>
      {waves.length === 0 ? (
        <p className="hint">{t("followup.aware.none")}</p>
      ) : (
        <TableWrap label={t("followup.aware.caption")}>
          <table>
            <caption className="visually-hidden">{t("followup.aware.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("followup.aware.survey")}</th>
                <th scope="col" className="num">
                  {t("followup.aware.share")}
                </th>
                <th scope="col" className="num">
                  {t("followup.aware.answered")}
                </th>
              </tr>
            </thead>
            <tbody>
              {waves.map((w) => (
                <tr key={w.surveyId} data-survey={w.surveyId}>
                  <th scope="row">
                    {w.title} ({w.period})
                  </th>
                  <td className="num">
                    {w.state === "ok"
                      ? `${pct(w.share)} (${pct(w.low)}–${pct(w.high)})`
                      : t(w.state === "suppressed" ? "followup.aware.suppressed" : "followup.aware.notAsked")}
                  </td>
                  <td className="num">{w.answered ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {waves.some((w) => w.state === "not_asked") ? <p className="hint">{t("followup.aware.hint")}</p> : null}
    </section>
  );
}
