import type { FollowUpStatus, Target } from "~/features/promises/index";
import type { MeasureFields, MeasureStatus, Revision } from "~/features/plans/index";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";

/** A measure as the plan shows it: its fields, the indicators it reuses and the promises that carry it out. */
export interface PlanMeasureView extends MeasureFields {
  id: number;
  /** The zone the measure is carried out in (its name only). */
  zone: { id: number; name: string } | null;
  indicators: { id: number; label: string }[];
  promises: {
    promiseId: number;
    documentId: number;
    documentTitle: string;
    text: string;
    progress: { done: number; expected: number | null; status: FollowUpStatus } | null;
  }[];
}

/** The output target in words: "minst 4 per år", or nothing without a number. */
export function useTargetText() {
  const t = useT();
  return (target: Target) =>
    target.kind === "quantity" ? `${target.quantity} / ${t(`plans.per.${target.per}` as MessageKey)}` : "";
}

/** The decision and the next revision of a plan. */
export function DecisionBlock({
  decision,
  revision,
  months,
}: {
  decision: { body: string; decidedOn: string; diarienummer: string; protocolParagraph: string } | null;
  revision: Revision | null;
  months: number;
}) {
  const t = useT();
  if (!decision) return <p>{t("plans.decision.none")}</p>;
  return (
    <>
      <p>
        {t("plans.decision.recorded", {
          body: decision.body,
          date: decision.decidedOn,
          diarienummer: decision.diarienummer,
          paragraph: decision.protocolParagraph ? `, ${decision.protocolParagraph}` : "",
        })}
      </p>
      {revision ? (
        <p>
          {t("plans.revision.next", { date: revision.nextRevision, months })}{" "}
          <strong>
            {t(`plans.revision.state.${revision.state}` as MessageKey, { days: Math.abs(revision.daysLeft) })}
          </strong>
        </p>
      ) : null}
    </>
  );
}

/** One measure, read-only: owner, time frame, indicators, problems, linked promises and their follow-up. */
export function MeasureView({
  m,
  problems,
  kommunSlug,
}: {
  m: PlanMeasureView;
  problems: readonly { id: number; rank: number; problem: string }[];
  kommunSlug: string;
}) {
  const t = useT();
  const targetText = useTargetText();
  return (
    <dl className="cause-analysis">
      <div>
        <dt>{t("plans.measures.ownerKind")}</dt>
        <dd>
          {t(`plans.owner.${m.ownerKind}` as MessageKey)}: {m.ownerName}
        </dd>
      </div>
      {m.description ? (
        <div>
          <dt>{t("plans.measures.description")}</dt>
          <dd className="prewrap">{m.description}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t("plans.measures.resources")}</dt>
        <dd>{m.resources || "–"}</dd>
      </div>
      <div>
        <dt>
          {t("plans.measures.startsOn")} – {t("plans.measures.endsOn")}
        </dt>
        <dd>
          {m.startsOn ?? "–"} – {m.endsOn ?? "–"}
        </dd>
      </div>
      <div>
        <dt>{t("plans.measures.outputText")}</dt>
        <dd>
          {m.outputText || "–"} {targetText(m.outputTarget)}
        </dd>
      </div>
      <div>
        <dt>{t("plans.measures.outcomes")}</dt>
        <dd>{m.indicators.length ? m.indicators.map((i) => i.label).join("; ") : "–"}</dd>
      </div>
      <div>
        <dt>{t("plans.measures.status")}</dt>
        <dd>{t(`plans.measureStatus.${m.status}` as MessageKey)}</dd>
      </div>
      <div>
        <dt>{t("places.link.label")}</dt>
        <dd>{m.zone?.name ?? "–"}</dd>
      </div>
      <div>
        <dt>{t("plans.measures.problems")}</dt>
        <dd>
          {problems
            .filter((p) => m.problemIds.includes(p.id))
            .map((p) => `${p.rank}. ${p.problem.split(/[.:]/)[0]}`)
            .join("; ") || "–"}
        </dd>
      </div>
      <div>
        <dt>{t("plans.measures.promises")}</dt>
        <dd>
          {m.promises.length ? (
            <ul>
              {m.promises.map((p) => (
                <li key={p.promiseId}>
                  <a href={`/app/${kommunSlug}/loften/${p.documentId}`}>{p.documentTitle}</a>: {p.text}{" "}
                  {p.progress ? (
                    <a href={`/app/${kommunSlug}/loften/${p.documentId}/uppfoljning`}>
                      {p.progress.expected !== null
                        ? t("plans.measures.progress", { done: p.progress.done, expected: p.progress.expected })
                        : t("plans.measures.progressNone", { done: p.progress.done })}
                    </a>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            t("plans.measures.noPromises")
          )}
        </dd>
      </div>
    </dl>
  );
}

/** The roll-up of the plan's follow-up from its measures and their promises. */
export function RollUp({
  rollUp,
}: {
  rollUp: { measures: Record<MeasureStatus, number>; promises: Record<FollowUpStatus, number> };
}) {
  const t = useT();
  return (
    <section aria-labelledby="sec-rollup">
      <h2 id="sec-rollup">{t("plans.rollup.title")}</h2>
      <p>{t("plans.rollup.measures", rollUp.measures)}</p>
      <p>{t("plans.rollup.promises", rollUp.promises)}</p>
    </section>
  );
}
