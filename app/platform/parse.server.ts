// The one way input is read at the edge: a zod schema, and Invalid (422, one message per field) when it does not fit.
import type { z } from "zod";
import type { MessageKey } from "~/i18n/i18n";
import { Invalid } from "./errors.server";
import { zodErrors } from "./validation";

/** The input as the schema reads it; Invalid with a message per field (see zodErrors) when it does not fit. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown, messageKey?: MessageKey): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new Invalid(zodErrors(r.error), messageKey);
  return r.data as z.output<S>;
}
