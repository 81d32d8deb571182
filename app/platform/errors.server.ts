/** A field-level problem, reported to users next to the field (or question) it concerns. */
export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(message = "Hittades inte") {
    super(message, 404);
  }
}

export class Forbidden extends DomainError {
  constructor(message = "Du har inte behörighet till detta") {
    super(message, 403);
  }
}

export class Unauthorized extends DomainError {
  constructor(message = "Logga in för att fortsätta") {
    super(message, 401);
  }
}

export class Conflict extends DomainError {
  constructor(message: string) {
    super(message, 409);
  }
}

export class Gone extends DomainError {
  constructor(message: string) {
    super(message, 410);
  }
}

export class TooManyRequests extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429);
  }
}

/** Bad input: one message per field; nothing was changed. */
export class Invalid extends DomainError {
  constructor(
    readonly errors: FieldError[],
    message = "Uppgifterna behöver rättas",
    /** How the API names the field: "field" for forms and settings, "question" for survey answers. */
    readonly key: "field" | "question" = "field",
  ) {
    super(message, 422);
  }
}

/** The database is unreachable (restart, network): tell the client to retry. */
export class Unavailable extends DomainError {
  constructor(message = "Tjänsten är tillfälligt otillgänglig, försök igen om en stund") {
    super(message, 503);
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
