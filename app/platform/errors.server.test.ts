import { describe, expect, it } from "vitest";
import en from "~/i18n/en.json";
import sv from "~/i18n/sv.json";
import {
  Conflict,
  Forbidden,
  Gone,
  Invalid,
  NotFound,
  TooManyRequests,
  Unauthorized,
  errorResponse,
  fieldError,
  isConnectionError,
  Unavailable,
} from "./errors.server";

// A domain error names its message by a catalogue key (typed against the Swedish catalogue); its message is the
// Swedish text, what the JSON API answers.
describe("domain errors", () => {
  it("have their message from the Swedish catalogue, placeholders filled in", () => {
    expect(new NotFound("problem.meetingNotFound").message).toBe("Mötet finns inte");
    expect(new Conflict("loften.error.submitNotDraft").message).toBe("Bara ett utkast kan skickas på granskning");
    const withParams = new NotFound("followup.error.yearOutsidePeriod", { year: 2031 });
    expect(withParams.message).toBe("Året 2031 ligger utanför löftesperioden");
    expect(withParams).toMatchObject({ messageKey: "followup.error.yearOutsidePeriod", params: { year: 2031 } });
    expect(fieldError("status", "dialog.error.status")).toEqual({
      field: "status",
      message: "Okänd status",
      messageKey: "dialog.error.status",
    });
  });

  it("keep their default messages as keys that both Swedish and English have", () => {
    const defaults = [new NotFound(), new Forbidden(), new Unauthorized(), new Invalid([]), new Unavailable()];
    expect(defaults.map((e) => e.message)).toEqual([
      "Hittades inte",
      "Du har inte behörighet till detta",
      "Logga in för att fortsätta",
      "Uppgifterna behöver rättas",
      "Tjänsten är tillfälligt otillgänglig, försök igen om en stund",
    ]);
    for (const e of defaults) {
      expect(Object.keys(sv)).toContain(e.messageKey);
      expect(Object.keys(en)).toContain(e.messageKey);
    }
    expect(new Gone("surveys.error.linkUsed").status).toBe(410);
    expect(new TooManyRequests("account.error.throttled", 30).retryAfterSeconds).toBe(30);
  });
});

// The one mapping of "the database is not there" to a clean 503 (see docs/operations.md).
describe("isConnectionError", () => {
  it("recognises what pg and PostgreSQL say when the server is down, restarting or unreachable", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "57P01", "57P03", "08006", "53300"])
      expect(isConnectionError({ code })).toBe(true);
    expect(isConnectionError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionError(new Error("timeout exceeded when trying to connect"))).toBe(true);
    // A pool client whose connection died while checked out refuses further queries with this message.
    expect(isConnectionError(new Error("Client has encountered a connection error and is not queryable"))).toBe(true);
    // A request that outlived the shutdown's wait for requests in flight (Kysely, PGlite): 503, not 500.
    expect(isConnectionError(new Error("driver has already been destroyed"))).toBe(true);
    expect(isConnectionError(new Error("PGlite is closed"))).toBe(true);
  });

  it("leaves bugs and bad queries alone", () => {
    expect(isConnectionError(new Error('syntax error at or near "selec"'))).toBe(false);
    expect(isConnectionError({ code: "23505" })).toBe(false);
    expect(isConnectionError(new TypeError("x is undefined"))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });
});

describe("errorResponse for an unreachable database", () => {
  it("is a 503 with Retry-After and a JSON message", async () => {
    const err = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    for (const res of [errorResponse(err), errorResponse(new Unavailable())]) {
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(((await res.json()) as { error: string }).error).toMatch(/otillgänglig/);
    }
  });

  it("rethrows anything else (a 500 for the framework, not a 503 that hides a bug)", () => {
    expect(() => errorResponse(new Error("boom"))).toThrow("boom");
  });
});
