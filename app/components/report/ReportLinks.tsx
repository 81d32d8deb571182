import { Link } from "@remix-run/react";
import { filterQuery, type FilterParams } from "~/features/results/index";
import { useT } from "~/i18n/use-t";

/**
 * Links from a problembild view to its printable report and its exports, carrying the view's filters (and a
 * breakdown, when the view has one). The anonymised answers are offered only when the group is large enough and
 * no channel is filtered (the answers export refuses that filter).
 */
export function ReportLinks(props: {
  base: string;
  filters: FilterParams;
  suppressed: boolean;
  breakdown?: { question: string; by: readonly string[] };
}) {
  const t = useT();
  const { base, filters, suppressed, breakdown } = props;
  const query = filterQuery(filters);
  const withBreakdown = breakdown ? filterQuery(filters, { breakdown: breakdown.question, by: breakdown.by }) : query;
  return (
    <nav className="report-links no-print" aria-label={t("report.links.label")}>
      <ul style={{ display: "flex", flexWrap: "wrap", gap: "0.25rem 1.5rem", listStyle: "none", padding: 0 }}>
        <li>
          <Link to={`${base}/rapport${query}`}>{t("report.links.report")}</Link>
        </li>
        <li>
          <a href={`${base}/resultat.csv${withBreakdown}`}>{t("report.dl.aggregatesCsv")}</a>
        </li>
        <li>
          <a href={`${base}/resultat.xlsx${withBreakdown}`}>{t("report.dl.aggregatesXlsx")}</a>
        </li>
        {suppressed || filters.channel.length ? null : (
          <>
            <li>
              <a href={`${base}/svar.csv${query}`}>{t("report.dl.answersCsv")}</a>
            </li>
            <li>
              <a href={`${base}/svar.xlsx${query}`}>{t("report.dl.answersXlsx")}</a>
            </li>
          </>
        )}
      </ul>
    </nav>
  );
}
