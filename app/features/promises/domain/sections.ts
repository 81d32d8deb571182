/**
 * The sections of a promise document, in the order the published documents have them; first, the background
 * editors write in plain Swedish for residents (shown first on the public page, with the drafted problembild kept
 * as the analysts' material behind it).
 */
export const SECTION_KEYS = [
  "invanare",
  "inledning",
  "problembild",
  "malsattning",
  "genomforande",
  "kommunikation",
  "uppfoljning",
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
