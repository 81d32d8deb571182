import type { PromiseProgress } from "~/features/promises/index";
import type { Target } from "~/features/promises/index";
import { useT } from "~/i18n/use-t";

/** The promise's progress in words: "3 av 8 (förväntat hittills 5)", a milestone's state, or the unmeasurable count. */
export function progressText(
  t: ReturnType<typeof useT>,
  progress: PromiseProgress,
  target: Target | { kind: string },
): string {
  if (progress.status === "not_measurable") return t("followup.progress.unmeasurable", { done: progress.done });
  if (target.kind === "milestone")
    return t("followup.progress.milestone", {
      state: t(progress.done > 0 ? "followup.progress.milestoneDone" : "followup.progress.milestoneOpen"),
    });
  return t("followup.progress.text", {
    done: progress.done,
    total: progress.total ?? 0,
    expected: progress.expected ?? 0,
  });
}

/**
 * A small horizontal bar: what is done of the period's total, with a tick where it should have reached by now.
 * Decorative (aria-hidden): the same facts are always written next to it.
 */
export function ProgressBar({ progress }: { progress: PromiseProgress }) {
  if (progress.status === "not_measurable") return null;
  const done = Math.round(progress.doneFraction * 1000) / 10;
  const expected = progress.expectedFraction === null ? null : Math.round(progress.expectedFraction * 1000) / 10;
  return (
    <svg
      className={`fu-bar fu-bar--${progress.status}`}
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect className="fu-bar-track" x="0" y="1" width="100" height="8" />
      <rect className="fu-bar-done" x="0" y="1" width={done} height="8" />
      {expected !== null && expected > 0 ? (
        <rect
          className="fu-bar-expected"
          x={Math.max(0, Math.min(99.2, expected - 0.4))}
          y="0"
          width="0.8"
          height="10"
        />
      ) : null}
    </svg>
  );
}

/** Status as a word with a mark, never colour alone. */
export function StatusLabel({ status }: { status: PromiseProgress["status"] }) {
  const t = useT();
  return <span className={`fu-status fu-status-${status}`}>{t(`followup.status.${status}`)}</span>;
}

/**
 * Public, read-only progress of a published document (no places, notes or names), for the public promise page:
 * the promises engineer places it and loads its data with `getPublicProgress` (app/features/promises/follow-up.server.ts).
 */
export function FollowUpProgress({
  data,
}: {
  data: { asOf: string; promises: { id: number; text: string; target?: Target; progress: PromiseProgress }[] };
}) {
  const t = useT();
  const measured = data.promises.filter((p) => p.progress.status !== "not_measurable");
  if (!measured.length) return null;
  return (
    <section className="fu-public" aria-labelledby="fu-public-title">
      <h2 id="fu-public-title">{t("followup.public.title")}</h2>
      <p className="hint">{t("followup.public.asOf", { date: data.asOf })}</p>
      <ul className="fu-list">
        {measured.map((p) => (
          <li key={p.id}>
            <span>{p.text}</span> <StatusLabel status={p.progress.status} />
            <span className="fu-progress-text"> {progressText(t, p.progress, p.target ?? { kind: "quantity" })}</span>
            <ProgressBar progress={p.progress} />
          </li>
        ))}
      </ul>
    </section>
  );
}
