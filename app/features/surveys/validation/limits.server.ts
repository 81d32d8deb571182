export type Locale = "sv" | "en" | "fi";
export type ValidationError = { question: string; message: string };
export type DefinitionCheck = { ok: boolean; errors: string[]; warnings: string[]; questionNames: string[] };

/** Length caps when the definition sets no `maxLength`; `HARD_MAX_LENGTH` bounds any definition. */
export const DEFAULT_TEXT_MAX = 2000;
export const DEFAULT_COMMENT_MAX = 5000;
export const HARD_MAX_LENGTH = 20000;
export const FORMATTED_MAX = 100; // dates, times, colours: far below any sane input
export const MAX_UNKNOWN_KEY_ERRORS = 100;

// `place` is a radiogroup over the kommun's zones (domain/place-question.ts).
export const CHOICE_TYPES = new Set([
  "radiogroup",
  "dropdown",
  "checkbox",
  "tagbox",
  "ranking",
  "imagepicker",
  "place",
]);
export const INPUT_TYPES = new Set([...CHOICE_TYPES, "rating", "comment", "text", "boolean", "matrix", "multipletext"]);
export const DISPLAY_TYPES = new Set(["html", "image", "empty"]);
/** Functions that need a live survey (or are async) and cannot be evaluated against plain answer data. */
export const SERVER_UNSUPPORTED_FUNCTIONS = new Set([
  "displayvalue",
  "propertyvalue",
  "iscontainerready",
  "isdisplaymode",
  "getcomment",
]);
export const SURVEY_BUILTIN_VARIABLES = new Set([
  "pageno",
  "pagecount",
  "correctedanswers",
  "correctanswers",
  "correctedanswercount",
  "incorrectedanswers",
  "incorrectanswers",
  "incorrectedanswercount",
  "questioncount",
]);
export const FORBIDDEN_NAMES = new Set(["__proto__", "constructor", "prototype"]);
// survey-core's EmailValidator pattern, so that the server accepts exactly what the client accepts.
export const EMAIL_RE =
  /^(([^<>()[\]\.,;:\s@"]+(\.[^<>()[\]\.,;:\s@"]+)*)|(".+"))@(([^<>()=[\]\.,;:\s@"]+\.)+[^<>()=[\]\.,;:\s@"]{2,})$/i;
export const BAD_CHARS_RE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A definition's maxLength (or the fallback when it sets none), never above HARD_MAX_LENGTH. */
export function capLength(defined: number | null | undefined, fallback: number): number {
  return Math.min(typeof defined === "number" && defined > 0 ? defined : fallback, HARD_MAX_LENGTH);
}
