/** The sections of a promise document, in the order the published documents have them. */
export const SECTION_KEYS = [
  "inledning",
  "problembild",
  "malsattning",
  "genomforande",
  "kommunikation",
  "uppfoljning",
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
