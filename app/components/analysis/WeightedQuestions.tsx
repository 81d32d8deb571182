import type { Weighting } from "~/features/results/index.server";
import { formatPercent } from "~/features/results/index";
import { useT } from "~/i18n/use-t";
import { TableWrap } from "~/components/TableWrap";

/** Every single-answer question's distribution, unweighted beside weighted, folded away by default. */
export function WeightedQuestions({ w }: { w: Pick<Weighting, "applied" | "questions" | "minBase"> }) {
  const t = useT();
  const pct = (p: number) => formatPercent(p, t.locale);
  return (
    <>
      {w.applied && w.questions.length ? (
        <section aria-labelledby="w-questions">
          <h2 id="w-questions">{t("analysis.weighting.questionsTitle")}</h2>
          <details>
            <summary>{t("analysis.weighting.questionsShow", { n: w.questions.length })}</summary>
            {w.questions.map((q) => (
              <TableWrap key={q.name} label={q.group ? `${q.group}: ${q.title}` : q.title}>
                <table>
                  <caption>{q.group ? `${q.group}: ${q.title}` : q.title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("results.col.option")}</th>
                      <th scope="col" className="num">
                        {t("analysis.weighting.unweighted")}
                      </th>
                      <th scope="col" className="num">
                        {t("analysis.weighting.weighted")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {q.options.map((o) => (
                      <tr key={o.value}>
                        <th scope="row">{o.label}</th>
                        {o.suppressed || o.unweighted === null ? (
                          <td colSpan={2} className="suppressed">
                            {t("results.suppressed", { min: w.minBase })}
                          </td>
                        ) : (
                          <>
                            <td className="num">{pct(o.unweighted)}</td>
                            <td className="num">{o.weighted !== null ? pct(o.weighted) : "–"}</td>
                          </>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            ))}
          </details>
        </section>
      ) : null}
    </>
  );
}
