import { Form } from "@remix-run/react";
import { PROCESS_PHASES } from "~/features/plans/index";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";

export interface ChecklistStep {
  key: string;
  phase: string;
  done: { by: string; at: string | Date; note: string } | null;
}

const stockholm = (at: string | Date) =>
  new Date(at).toLocaleString("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" });

/** Brå's working process: each step with its "klart när" criterion, who ticked it and when; ticking for writers. */
export function Checklist({ steps, canWrite }: { steps: readonly ChecklistStep[]; canWrite: boolean }) {
  const t = useT();
  return (
    <section aria-labelledby="sec-checklist" className="checklist">
      <h2 id="sec-checklist">{t("plans.checklist.title")}</h2>
      <p>{t("plans.checklist.intro")}</p>
      {PROCESS_PHASES.map((phase) => (
        <section key={phase} aria-labelledby={`phase-${phase}`}>
          <h3 id={`phase-${phase}`}>{t(`plans.checklist.phase.${phase}` as MessageKey)}</h3>
          <ol>
            {steps
              .filter((s) => s.phase === phase)
              .map((s) => (
                <li key={s.key}>
                  <strong>
                    {s.done ? "✓ " : ""}
                    {t(`plans.step.${s.key}` as MessageKey)}
                  </strong>
                  <br />
                  {t("plans.checklist.doneWhen", { criterion: t(`plans.step.${s.key}.done` as MessageKey) })}
                  <br />
                  {s.done
                    ? t("plans.checklist.ticked", { who: s.done.by, when: stockholm(s.done.at) })
                    : t("plans.checklist.open")}
                  {canWrite ? (
                    <Form method="post" className="inline-form">
                      <CsrfField />
                      <input type="hidden" name="intent" value="step" />
                      <input type="hidden" name="step" value={s.key} />
                      <input type="hidden" name="done" value={s.done ? "" : "on"} />
                      <button
                        type="submit"
                        aria-label={`${s.done ? t("plans.checklist.untick") : t("plans.checklist.tick")}: ${t(`plans.step.${s.key}` as MessageKey)}`}
                      >
                        {s.done ? t("plans.checklist.untick") : t("plans.checklist.tick")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
          </ol>
        </section>
      ))}
    </section>
  );
}
