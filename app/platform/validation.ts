import { z } from "zod";
import { isMessageKey, translate } from "~/i18n/i18n";
import type { FieldError } from "./errors.server";

/**
 * zod issues as one message per field (the path joined with dots; "body" for the whole input). A schema's message
 * that is a catalogue key becomes the field error's key, with its Swedish text as the message (see FieldError).
 */
export function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => {
    const field = i.path.length ? i.path.join(".") : "body";
    return isMessageKey(i.message)
      ? { field, message: translate("sv", i.message), messageKey: i.message }
      : { field, message: i.message };
  });
}

/**
 * A survey answer object (question name → value). Not z.record: that silently drops a "__proto__" key, which
 * must instead reach validation and be reported as an unknown question.
 */
export const answerObject = z.custom<Record<string, unknown>>(
  (v) => !!v && typeof v === "object" && !Array.isArray(v),
  {
    message: "data ska vara ett objekt med svaren",
  },
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

/** An id in a form field (zod): 422 with this message per field when it is not one. */
export const idField = z.preprocess(
  (v) => (typeof v === "string" || typeof v === "number" ? parseId(String(v).trim()) : null),
  z.number({ message: "Ogiltigt id" }),
);
