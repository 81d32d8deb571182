import type { Problem } from "~/features/surveys/index.server";
import { useT } from "~/i18n/use-t";

/** The problems a preview or an import found, by row and column (the first ones when there are many). */
export function ImportProblems({ result }: { result: { problems: Problem[]; problemCount: number } }) {
  const t = useT();
  if (result.problemCount === 0) return null;
  return (
    <section aria-labelledby="problems-title">
      <h2 id="problems-title">{t("import.problemsTitle")}</h2>
      <p>{t("import.problemsIntro")}</p>
      {result.problemCount > result.problems.length ? (
        <p>
          {t("import.problemsMore", {
            shown: result.problems.length,
            total: result.problemCount.toLocaleString(t.locale === "en" ? "en-GB" : "sv-SE"),
          })}
        </p>
      ) : null}
      <ul data-testid="problems">
        {result.problems.map((p, i) => (
          <li key={i}>
            {p.row
              ? t("import.problem", { row: p.row, column: p.column || p.question || "–", message: p.message })
              : p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
