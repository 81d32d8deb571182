import { z } from "zod";
import type { FieldError } from "./errors.server";

/** zod issues as one message per field (the path joined with dots; "body" for the whole input). */
export function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.length ? i.path.join(".") : "body", message: i.message }));
}

/**
 * A survey answer object (question name → value). Not z.record: that silently drops a "__proto__" key, which
 * must instead reach validation and be reported as an unknown question.
 */
export const answerObject = z.custom<Record<string, unknown>>((v) => !!v && typeof v === "object" && !Array.isArray(v), {
  message: "data ska vara ett objekt med svaren",
});
