/**
 * The app's one logger: a JSON line `{time, level, msg, ...fields}` per entry. Routine lines (debug, info) go to
 * stdout; warnings and errors to stderr, where process supervisors (and the tests' error checks) look for them.
 * LOG_LEVEL (the validated env) sets the lowest level written; `silent` (the tests) drops everything but errors.
 * server.mjs takes this logger from the build, so the bootstrap, requests, the submission endpoint, startup,
 * shutdown, the background folds and the seed all write the same lines.
 *
 * What the request log leaves out is decided here too (docs/privacy.md, "The app's request log").
 */
import { env, type Env } from "./env.server";

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogSetting = Env["LOG_LEVEL"];

export interface LogEntry {
  level: LogLevel;
  msg: string;
  [field: string]: unknown;
}

/** Where every part of the app logs to: a function, so a test can hand in its own and read what was logged. */
export type Log = (entry: LogEntry) => void;

/** The line writers; replaceable for a test of the logger itself. */
export interface LogSink {
  out(line: string): void;
  err(line: string): void;
}

const consoleSink: LogSink = {
  out: (line) => void process.stdout.write(line + "\n"),
  // console.error, not process.stderr: an in-process test spies on it to see every error the build reports.
  err: (line) => console.error(line),
};

/** A logger writing entries at or above `setting` (`silent`: errors only). */
export function makeLogger(setting: LogSetting, sink: LogSink = consoleSink): Log {
  const min = setting === "silent" ? LOG_LEVELS.indexOf("error") : LOG_LEVELS.indexOf(setting);
  return (entry) => {
    const rank = LOG_LEVELS.indexOf(entry.level);
    if (rank < min) return;
    const line = JSON.stringify({ time: new Date().toISOString(), ...entry });
    if (rank >= LOG_LEVELS.indexOf("warn")) sink.err(line);
    else sink.out(line);
  };
}

let processLog: Log | null = null;

/**
 * The process's logger at LOG_LEVEL. Resolved at the first entry, not at import, so that importing a module that
 * logs never reads the environment.
 */
export const log: Log = (entry) => (processLog ??= makeLogger(env().LOG_LEVEL))(entry);

/** An error as log fields: its message, and its stack when `stack` (unexpected faults, not refusals). */
export function errorFields(error: unknown, { stack = false } = {}): { error: string; stack?: string } {
  if (error instanceof Error)
    return stack && error.stack ? { error: error.message, stack: error.stack } : { error: error.message };
  return { error: typeof error === "string" ? error : (JSON.stringify(error) ?? String(error)) };
}

// docs/privacy.md: an accepted answer leaves no line (its time, matched to the order answers are stored in, would
// date it), and invitation tokens, which could name the staff member a link was sent to, never appear in a path.
const ANSWER_PATH = /^\/api\/v1\/(surveys|invitations)\/[^/]+\/responses\/?$/;
const loggedPath = (p: string) =>
  p.replace(/^\/i\/[^/]+/, "/i/:token").replace(/^\/api\/v1\/invitations\/[^/]+/, "/api/v1/invitations/:token");

/**
 * The request log's line for a finished request, or null when it must leave none. Path only: query strings can
 * carry search terms or codes; never bodies, addresses or user agents.
 */
export function requestLogEntry(r: {
  requestId: string;
  method: string;
  path: string;
  status: number;
  ms: number;
}): LogEntry | null {
  if (r.method === "POST" && r.status < 300 && ANSWER_PATH.test(r.path)) return null;
  return {
    level: "info",
    msg: "request",
    requestId: r.requestId,
    method: r.method,
    path: loggedPath(r.path),
    status: r.status,
    ms: r.ms,
  };
}
