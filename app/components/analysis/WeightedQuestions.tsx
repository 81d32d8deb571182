import type { Weighting } from "~/features/results/index.server";
import { formatPercent } from "~/features/results/index";
import { useT } from "~/i18n/use-t";
import { OptionTable } from "./OptionTable";

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
              <OptionTable
                key={q.name}
                label={q.group ? `${q.group}: ${q.title}` : q.title}
                caption={q.group ? `${q.group}: ${q.title}` : q.title}
                columns={[
                  { header: t("analysis.weighting.unweighted"), numeric: true },
                  { header: t("analysis.weighting.weighted"), numeric: true },
                ]}
                options={q.options}
                isSuppressed={(o) => o.suppressed || o.unweighted === null}
                suppressedText={t("results.suppressed", { min: w.minBase })}
                cells={(o) => [pct(o.unweighted!), o.weighted !== null ? pct(o.weighted) : "–"]}
              />
            ))}
          </details>
        </section>
      ) : null}
    </>
  );
}
