import { describe, expect, it } from "vitest";
import { errorFields, makeLogger, requestLogEntry, type LogEntry } from "./log.server";

function capture(setting: Parameters<typeof makeLogger>[0]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = makeLogger(setting, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { log, out, err };
}

describe("makeLogger", () => {
  it("writes one JSON line per entry, time first, routine levels to stdout and warnings and errors to stderr", () => {
    const { log, out, err } = capture("info");
    log({ level: "info", msg: "listening", url: "http://localhost:3000" });
    log({ level: "warn", msg: "slow" });
    log({ level: "error", msg: "failed", error: "x" });
    expect(out).toHaveLength(1);
    const line = JSON.parse(out[0]!) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(["time", "level", "msg", "url"]);
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
    expect(err.map((l) => (JSON.parse(l) as LogEntry).msg)).toEqual(["slow", "failed"]);
  });

  it("drops entries below LOG_LEVEL; silent keeps errors only", () => {
    const info = capture("info");
    info.log({ level: "debug", msg: "detail" });
    expect(info.out).toEqual([]);
    const debug = capture("debug");
    debug.log({ level: "debug", msg: "detail" });
    expect(debug.out).toHaveLength(1);
    const silent = capture("silent");
    silent.log({ level: "info", msg: "request" });
    silent.log({ level: "warn", msg: "slow" });
    silent.log({ level: "error", msg: "unhandled" });
    expect(silent.out).toEqual([]);
    expect(silent.err.map((l) => (JSON.parse(l) as LogEntry).msg)).toEqual(["unhandled"]);
  });
});

describe("requestLogEntry (docs/privacy.md)", () => {
  const base = { requestId: "r1", ms: 1.5 };
  it("leaves no line for an accepted answer, public or by invitation", () => {
    expect(
      requestLogEntry({ ...base, method: "POST", path: "/api/v1/surveys/kalix-2026/responses", status: 201 }),
    ).toBeNull();
    expect(
      requestLogEntry({ ...base, method: "POST", path: "/api/v1/invitations/abc123/responses/", status: 200 }),
    ).toBeNull();
  });

  it("logs a refused answer, and never an invitation token", () => {
    expect(
      requestLogEntry({ ...base, method: "POST", path: "/api/v1/surveys/kalix-2026/responses", status: 422 }),
    ).toEqual({
      level: "info",
      msg: "request",
      requestId: "r1",
      method: "POST",
      path: "/api/v1/surveys/kalix-2026/responses",
      status: 422,
      ms: 1.5,
    });
    expect(
      requestLogEntry({ ...base, method: "POST", path: "/api/v1/invitations/secret-token/responses", status: 409 })!
        .path,
    ).toBe("/api/v1/invitations/:token/responses");
    expect(requestLogEntry({ ...base, method: "GET", path: "/i/secret-token", status: 200 })!.path).toBe("/i/:token");
    expect(
      requestLogEntry({ ...base, method: "GET", path: "/api/v1/invitations/secret-token", status: 200 })!.path,
    ).toBe("/api/v1/invitations/:token");
  });
});

describe("errorFields", () => {
  it("gives the message, and the stack only when asked", () => {
    const e = new Error("boom");
    expect(errorFields(e)).toEqual({ error: "boom" });
    expect(errorFields(e, { stack: true }).stack).toContain("boom");
    expect(errorFields("plain")).toEqual({ error: "plain" });
    expect(errorFields({ code: 1 })).toEqual({ error: '{"code":1}' });
  });
});
