import type { z } from "zod";
import type { FieldError } from "./errors.server";

/** zod issues as one message per field (the path joined with dots; "body" for the whole input). */
export function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.length ? i.path.join(".") : "body", message: i.message }));
}
