import type { ReactNode } from "react";
import { PICTURE_SECTIONS, type PictureSection, type SourceStatement } from "~/features/plans/index";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";

export interface PictureFigure {
  id: number;
  source: string;
  label: string;
  href: string;
}

export interface PictureProblem {
  id: number;
  rank: number;
  theme: string | null;
  problem: string;
  causes: string;
  affected: string;
  whereWhen: string;
  alreadyDone: string;
}

/** The sources statement as a table: which were used, which not, and what that limits. */
export function SourcesTable({ sources }: { sources: readonly SourceStatement[] }) {
  const t = useT();
  return (
    <table>
      <caption>{t("plans.sources.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("plans.sources.source")}</th>
          <th scope="col">{t("plans.sources.state")}</th>
          <th scope="col">{t("plans.sources.note")}</th>
        </tr>
      </thead>
      <tbody>
        {sources.map((s) => (
          <tr key={s.key}>
            <th scope="row">{t(`plans.source.${s.key}` as MessageKey)}</th>
            <td>{t(`plans.sourceState.${s.state}` as MessageKey)}</td>
            <td>{s.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The figures a section was drafted from, each linked to the view that produced it. */
export function FigureList({ figures, absolute = "" }: { figures: readonly PictureFigure[]; absolute?: string }) {
  const t = useT();
  if (!figures.length) return <p className="muted">{t("plans.figures.none")}</p>;
  return (
    <ul className="figure-links">
      {figures.map((f) => (
        <li key={f.id}>
          <a href={`${absolute}${f.href}`}>{f.label}</a>
        </li>
      ))}
    </ul>
  );
}

/** One problem's cause analysis, read-only. */
export function ProblemAnalysis({ p }: { p: PictureProblem }) {
  const t = useT();
  const rows: [MessageKey, string][] = [
    ["plans.problems.causes", p.causes],
    ["plans.problems.affected", p.affected],
    ["plans.problems.whereWhen", p.whereWhen],
    ["plans.problems.alreadyDone", p.alreadyDone],
  ];
  return (
    <dl className="cause-analysis">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{t(k)}</dt>
          <dd className="prewrap">{v || "–"}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The lägesbild as a document: every section's text with its figures, the sources statement, and the prioritised
 * problems; `sectionExtra` adds what the editor page needs under a section (a form), the print view adds nothing.
 */
export function PictureBody({
  sections,
  figures,
  sources,
  problems,
  headingLevel = 2,
  sectionExtra,
  absolute = "",
}: {
  sections: Record<PictureSection, string>;
  figures: readonly { section: string; figures: readonly PictureFigure[] }[];
  sources: readonly SourceStatement[];
  problems: readonly PictureProblem[];
  headingLevel?: 2 | 3;
  sectionExtra?: (s: PictureSection) => ReactNode;
  absolute?: string;
}) {
  const t = useT();
  const H = headingLevel === 2 ? "h2" : "h3";
  const H2 = headingLevel === 2 ? "h3" : "h4";
  return (
    <>
      {PICTURE_SECTIONS.map((s) => (
        <section key={s} aria-labelledby={`sec-${s}`}>
          <H id={`sec-${s}`}>{t(`plans.section.${s}` as MessageKey)}</H>
          <p className="prewrap">{sections[s]}</p>
          {s === "sources" ? <SourcesTable sources={sources} /> : null}
          {s !== "sources" && s !== "analysis" ? (
            <>
              <H2>{t("plans.figures")}</H2>
              <FigureList figures={figures.find((f) => f.section === s)?.figures ?? []} absolute={absolute} />
            </>
          ) : null}
          {sectionExtra?.(s)}
        </section>
      ))}
      <section aria-labelledby="sec-problems">
        <H id="sec-problems">{t("plans.problems.title")}</H>
        {problems.length ? (
          <ol>
            {problems.map((p) => (
              <li key={p.id}>
                <p className="prewrap">{p.problem}</p>
                <ProblemAnalysis p={p} />
              </li>
            ))}
          </ol>
        ) : (
          <p>{t("plans.problems.none")}</p>
        )}
      </section>
    </>
  );
}
