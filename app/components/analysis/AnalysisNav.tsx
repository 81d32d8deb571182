import { Link } from "@remix-run/react";
import { filterQuery, type FilterParams } from "~/features/results/index";
import { useT } from "~/i18n/use-t";

export type AnalysisView = "overview" | "breakdown" | "comparison" | "weighting";

const VIEWS: {
  view: AnalysisView;
  path: string;
  key: "analysis.nav.overview" | "analysis.nav.breakdown" | "analysis.nav.comparison" | "analysis.nav.weighting";
}[] = [
  { view: "overview", path: "", key: "analysis.nav.overview" },
  { view: "breakdown", path: "/uppdelning", key: "analysis.nav.breakdown" },
  { view: "comparison", path: "/jamforelse", key: "analysis.nav.comparison" },
  { view: "weighting", path: "/vagning", key: "analysis.nav.weighting" },
];

/** Links between the problembild's views of one survey, keeping the current filters. */
export function AnalysisNav({
  base,
  current,
  filters,
}: {
  base: string;
  current: AnalysisView;
  filters: FilterParams;
}) {
  const t = useT();
  const q = filterQuery(filters);
  return (
    <nav aria-label={t("analysis.nav.label")} className="analysis-nav no-print">
      <ul>
        {VIEWS.map((v) => (
          <li key={v.view}>
            <Link to={`${base}${v.path}${q}`} aria-current={v.view === current ? "page" : undefined}>
              {t(v.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
