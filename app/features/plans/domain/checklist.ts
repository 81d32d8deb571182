/**
 * Brå's working process as a checklist (docs/domain/lagesbild-atgardsplan.md): the steps from preparation to
 * follow-up, each with its "klart när" (done when) criterion in the catalogue (`plans.step.<key>.done`). A step is
 * ticked by a person, who is recorded with the time.
 */
export const PROCESS_PHASES = ["own", "joint", "plan", "follow"] as const;
export type ProcessPhase = (typeof PROCESS_PHASES)[number];

export const PROCESS_STEPS = [
  { key: "own_picture", phase: "own" },
  { key: "staff_dialogues", phase: "own" },
  { key: "management_seen", phase: "own" },
  { key: "pictures_merged", phase: "joint" },
  { key: "problems_prioritised", phase: "joint" },
  { key: "citizen_dialogue", phase: "joint" },
  { key: "cause_analysis", phase: "joint" },
  { key: "agreement_signed", phase: "joint" },
  { key: "plan_decided", phase: "plan" },
  { key: "followed_up", phase: "follow" },
] as const satisfies readonly { key: string; phase: ProcessPhase }[];

export type ProcessStepKey = (typeof PROCESS_STEPS)[number]["key"];

export function isProcessStep(key: string): key is ProcessStepKey {
  return PROCESS_STEPS.some((s) => s.key === key);
}
