// The fixed lists of the dialogue-meeting records, shared by the model (validation) and the forms (labels are in
// app/i18n/dialog.*.json under dialog.meet.kind.*, dialog.meet.cat.* and dialog.meet.problem.*).

export const MEETING_KINDS = [
  "medborgardialog",
  "bra_mote",
  "trygghetsvandring",
  "samverkansmote",
  "skolbesok",
  "annat",
] as const;
export type MeetingKindKey = (typeof MEETING_KINDS)[number];

/** Participant categories: counts only, never names (Swedish stored values, docs/domain/glossary.md). */
export const PARTICIPANT_CATEGORIES = [
  "boende",
  "ungdom",
  "polis",
  "kommun",
  "forening",
  "naringsliv",
  "annat",
] as const;

/** What a trygghetsvandring can find wrong at a place: the survey's vocabulary, in English (docs/domain/glossary.md). */
export const PROBLEM_KINDS = ["poor_lighting", "blocked_view", "litter", "vandalism", "traffic", "other"] as const;

export const FINDING_STATUSES = ["open", "fixed", "wont_fix"] as const;
