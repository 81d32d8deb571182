import { translate, type MessageKey } from "~/i18n/i18n";

/** The values a message's {placeholders} take. */
export type MessageParams = Record<string, string | number>;

/**
 * A field-level problem, reported to users next to the field (or question) it concerns. `messageKey` names its
 * message in the catalogue (app/i18n) and `message` is that message in Swedish, what the JSON API answers; pages
 * show it in the user's language (http.server.ts). A message without a key (zod's own, or one already written in
 * the language asked for, such as a survey answer's) is shown as it is.
 */
export interface FieldError {
  field: string;
  message: string;
  messageKey?: MessageKey;
  params?: MessageParams;
}

/** A field error with its message from the catalogue (Swedish in `message`, see FieldError). */
export function fieldError(field: string, messageKey: MessageKey, params?: MessageParams): FieldError {
  return params
    ? { field, message: translate("sv", messageKey, params), messageKey, params }
    : { field, message: translate("sv", messageKey), messageKey };
}

/**
 * An expected error a user is told about. It carries the catalogue key of its message (and the values of its
 * placeholders); `message` is the Swedish text, what the JSON API answers and logs show.
 */
export class DomainError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly status: number,
    readonly params?: MessageParams,
  ) {
    super(translate("sv", messageKey, params));
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(messageKey: MessageKey = "problem.notFound", params?: MessageParams) {
    super(messageKey, 404, params);
  }
}

export class Forbidden extends DomainError {
  constructor(messageKey: MessageKey = "problem.forbidden", params?: MessageParams) {
    super(messageKey, 403, params);
  }
}

export class Unauthorized extends DomainError {
  constructor(messageKey: MessageKey = "problem.unauthorized", params?: MessageParams) {
    super(messageKey, 401, params);
  }
}

export class Conflict extends DomainError {
  constructor(messageKey: MessageKey, params?: MessageParams) {
    super(messageKey, 409, params);
  }
}

export class Gone extends DomainError {
  constructor(messageKey: MessageKey, params?: MessageParams) {
    super(messageKey, 410, params);
  }
}

export class TooManyRequests extends DomainError {
  constructor(
    messageKey: MessageKey,
    readonly retryAfterSeconds: number,
    params?: MessageParams,
  ) {
    super(messageKey, 429, params);
  }
}

/** Bad input: one message per field; nothing was changed. */
export class Invalid extends DomainError {
  /**
   * The form's fields as sent, set by a page whose form must show them again after a 422 (a page without JavaScript
   * renders the answer from scratch, so what was typed would otherwise be lost). Never set for secrets.
   */
  values?: Record<string, string>;
  constructor(
    readonly errors: FieldError[],
    messageKey: MessageKey = "problem.invalid",
    /** How the API names the field: "field" for forms and settings, "question" for survey answers. */
    readonly key: "field" | "question" = "field",
    params?: MessageParams,
  ) {
    super(messageKey, 422, params);
  }
}

/** The database is unreachable (restart, network): tell the client to retry. */
export class Unavailable extends DomainError {
  constructor(messageKey: MessageKey = "problem.unavailable") {
    super(messageKey, 503);
  }
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08003",
  "08006",
  "53300",
]);

/**
 * True for errors that mean the database is down, restarting or (during a graceful shutdown) already closed by
 * this process, rather than a bug.
 */
export function isConnectionError(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
  const msg = (err as { message?: unknown }).message;
  return (
    typeof msg === "string" &&
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|not queryable|driver has already been destroyed|PGlite is closed/i.test(
      msg,
    )
  );
}

/** What the API answers for an error: status, JSON body and extra headers; undefined for an unexpected error. */
export function errorPayload(
  err: unknown,
): { status: number; body: Record<string, unknown>; headers: Record<string, string> } | undefined {
  if (err instanceof DomainError) {
    const body: Record<string, unknown> = { error: err.message };
    const headers: Record<string, string> = {};
    if (err instanceof Invalid) body.errors = err.errors.map((e) => ({ [err.key]: e.field, message: e.message }));
    if (err instanceof TooManyRequests) headers["Retry-After"] = String(err.retryAfterSeconds);
    if (err instanceof Unavailable) headers["Retry-After"] = "5";
    return { status: err.status, body, headers };
  }
  if (isConnectionError(err)) return errorPayload(new Unavailable());
  return undefined;
}

/** The one place that turns a thrown error into an HTTP JSON response for the API. */
export function errorResponse(err: unknown, headers: HeadersInit = {}): Response {
  if (err instanceof Response) return err;
  const payload = errorPayload(err);
  if (!payload) throw err;
  const h = new Headers(headers);
  for (const [k, v] of Object.entries(payload.headers)) h.set(k, v);
  return Response.json(payload.body, { status: payload.status, headers: h });
}
