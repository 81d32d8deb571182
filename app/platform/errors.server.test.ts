import { describe, expect, it } from "vitest";
import { errorResponse, isConnectionError, Unavailable } from "./errors.server";

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
