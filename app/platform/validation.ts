import { z } from "zod";
import { isMessageKey, translate, type MessageKey } from "~/i18n/i18n";
import type { FieldError, MessageParams } from "./errors.server";

/**
 * The catalogue message of a zod issue: the schema's own message when it is a catalogue key, else one for what zod
 * found (too long, missing, not one of the options ...), so that no user meets zod's built-in English text.
 */
function issueMessage(i: z.ZodIssue): { messageKey: MessageKey; params?: MessageParams } {
  if (isMessageKey(i.message)) return { messageKey: i.message };
  switch (i.code) {
    case "too_big": {
      const max = Number(i.maximum);
      if (i.type === "string") return { messageKey: "problem.value.tooLong", params: { max } };
      if (i.type === "array" || i.type === "set") return { messageKey: "problem.value.tooMany", params: { max } };
      return { messageKey: "problem.value.atMost", params: { max } };
    }
    case "too_small": {
      const min = Number(i.minimum);
      if (i.type === "string")
        return min <= 1
          ? { messageKey: "problem.value.required" }
          : { messageKey: "problem.value.tooShort", params: { min } };
      if (i.type === "array" || i.type === "set") return { messageKey: "problem.value.tooFew", params: { min } };
      return { messageKey: "problem.value.atLeast", params: { min } };
    }
    case "invalid_type":
      if (i.received === "undefined" || i.received === "null") return { messageKey: "problem.value.required" };
      if (i.expected === "integer") return { messageKey: "problem.value.wholeNumber" };
      return { messageKey: "problem.value.invalid" };
    case "invalid_enum_value":
      return { messageKey: "problem.value.oneOf", params: { options: i.options.join(", ") } };
    default:
      return { messageKey: "problem.value.invalid" };
  }
}

/**
 * zod issues as one message per field (the path joined with dots; "body" for the whole input), each with its
 * catalogue key (see issueMessage) and its Swedish text as the message (see FieldError).
 */
export function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => {
    const field = i.path.length ? i.path.join(".") : "body";
    const { messageKey, params } = issueMessage(i);
    return params
      ? { field, message: translate("sv", messageKey, params), messageKey, params }
      : { field, message: translate("sv", messageKey), messageKey };
  });
}

/**
 * A survey answer object (question name → value). Not z.record: that silently drops a "__proto__" key, which
 * must instead reach validation and be reported as an unknown question.
 */
export const answerObject = z.custom<Record<string, unknown>>(
  (v) => !!v && typeof v === "object" && !Array.isArray(v),
  { message: "problem.answersObject" satisfies MessageKey },
);

/** The largest value of a PostgreSQL `integer` (int4), the type of every id column (serial). */
export const MAX_ID = 2147483647;

/**
 * The one reading of a database id from a URL or a form: plain decimal digits for 1..2147483647, else null. A
 * value outside int4 that reached a query would make PostgreSQL refuse it (22003) and the client get a 500.
 */
export function parseId(raw: unknown): number | null {
  if (typeof raw !== "string" || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= MAX_ID ? n : null;
}

/** An id in a form field (zod): 422 with the message "problem.idInvalid" per field when it is not one. */
export const idField = z.preprocess(
  (v) => (typeof v === "string" || typeof v === "number" ? parseId(String(v).trim()) : null),
  z.number({ message: "problem.idInvalid" satisfies MessageKey }),
);
