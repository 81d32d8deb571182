// Production server: Express in front of the Remix build. Adds request ids, the request log, security headers
// (CSP with a per-request nonce), the client-address header used for hashed rate limits, Brotli or gzip compression
// (server-compression.mjs), clean 4xx for what a client controls (foreign-origin posts, unknown methods), time limits
// for slow clients, and a graceful shutdown that drains requests before it closes the database (PGlite must not
// leave its folder locked); docs/operations.md.
// `createServerApp` and `createHttpServer` are also used by the integration tests, so they exercise exactly this
// stack over real HTTP. Settings and the logger come from the build (app/platform/env.server.ts, log.server.ts): a
// bad value fails at boot with the schema's message, before anything listens.
import cluster from "node:cluster";
import crypto from "node:crypto";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import { compressResponses, staticWithEncodings } from "./server-compression.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The server build. Its folder is the one setting read before the validated env, which lives in the build. */
export async function loadBuild() {
  return import(pathToFileURL(path.join(here, process.env.TD_BUILD_DIR ?? "build", "index.js")).href);
}

/** Methods the app answers. undici's Request, which Remix builds for each request, throws on TRACE and CONNECT. */
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True when a browser says the request comes from another site's page (or from an opaque origin, `null`). Same
 * origin means the Host, or the first X-Forwarded-Host as Remix reads it; a request without Origin (curl, older
 * browsers) passes on to the CSRF token check.
 */
function isForeignOrigin(req) {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  let host;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  const forwarded = req.headers["x-forwarded-host"]?.split(",")[0]?.trim();
  return !host || (host !== req.headers.host && host !== forwarded);
}

/** A refusal made before Remix: JSON `{error}` on the API (docs/api.md), plain text elsewhere. */
function refuse(req, res, status, message) {
  if (req.path.startsWith("/api/")) res.status(status).json({ error: message });
  else res.status(status).type("text/plain").send(message);
}

/**
 * The shutdown state of one app: requests in flight, and whether it drains. While it drains, a request that still
 * arrives (on a kept-alive connection) is told 503 with Retry-After and `Connection: close` before it can reach a
 * database that is being closed.
 */
function lifecycle() {
  const state = { draining: false, inFlight: 0, idle: [] };
  state.whenIdle = () =>
    state.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => state.idle.push(resolve));
  state.done = () => {
    if (--state.inFlight === 0) for (const resolve of state.idle.splice(0)) resolve();
  };
  return state;
}

/** The app around a loaded build; `log` defaults to the build's logger (tests hand in their own to read it). */
export function createServerApp(build, log = build.entry.module.log) {
  const { env, requestLogEntry } = build.entry.module;
  const e = env();
  const server = express();
  server.disable("x-powered-by");
  server.set("trust proxy", false);
  const life = lifecycle();
  server.locals.lifecycle = life;

  server.use((req, res, next) => {
    const requestId = crypto.randomUUID();
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.requestId = requestId;
    res.locals.nonce = nonce;
    // Only our own idea of the peer counts; a client-sent value is overwritten.
    req.headers["x-td-client-address"] = req.socket.remoteAddress ?? "unknown";
    req.headers["x-request-id"] = requestId;
    res.setHeader("X-Request-Id", requestId);
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("X-Frame-Options", "DENY");
    // not "no-referrer": with it Chromium sends `Origin: null` on form posts, which Remix rightly refuses.
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    // Secure cookies mean HTTPS: browsers then keep to HTTPS for a year (docs/operations.md).
    if (e.COOKIE_SECURE === "true") res.setHeader("Strict-Transport-Security", "max-age=31536000");
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      // What the line may show, and when there is none (an accepted answer): requestLogEntry, docs/privacy.md.
      const entry = requestLogEntry({
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      });
      if (entry) log(entry);
    });
    next();
  });

  server.use((req, res, next) => {
    if (life.draining) {
      res.setHeader("Retry-After", "5");
      res.setHeader("Connection", "close");
      refuse(req, res, 503, "Tjänsten startar om, försök igen om en stund");
      return;
    }
    if (!METHODS.includes(req.method)) {
      res.setHeader("Allow", METHODS.join(", "));
      refuse(req, res, 405, "Metoden stöds inte");
      return;
    }
    life.inFlight++;
    res.once("close", life.done);
    next();
  });

  // The citizens' submissions skip Remix (see app/features/surveys/submission-endpoint.server.ts); same answers, less work.
  if (build.entry.module.submissionEndpoint)
    server.post("/api/v1/surveys/:slug/responses", build.entry.module.submissionEndpoint(log));
  // Static files, from the Brotli or gzip copy written at build when the client takes it (server-compression.mjs).
  server.use("/build", staticWithEncodings(path.resolve(here, e.TD_ASSETS_DIR), { immutable: true, maxAge: "1y" }));
  server.use(staticWithEncodings(path.join(here, "public"), { maxAge: "1h" }));
  // Pages, data and the API compressed on the fly (not the submission endpoint above: its answers are tiny).
  server.use(compressResponses());
  // Cross-site form posts are refused here with a clean 403 (Remix would throw, and answer 500, for a page's
  // action). The public submission endpoint above is exempt, and so is a request with an API token, which a
  // browser never adds on its own; cookies are what a foreign page could make a browser send.
  server.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method) || /^Bearer /i.test(req.headers.authorization ?? "") || !isForeignOrigin(req))
      return next();
    refuse(req, res, 403, "Begäran kom från en annan webbplats och avvisades");
  });
  // Whatever is fetched signed in (pages, their data, the API with a token) stays out of shared and browser caches.
  server.use((req, res, next) => {
    if (/(?:^|;\s*)(?:__Host-)?td_session=/.test(req.headers.cookie ?? "") || req.headers.authorization)
      res.setHeader("Cache-Control", "no-store");
    next();
  });
  server.all(
    "*",
    createRequestHandler({
      build,
      mode: e.NODE_ENV,
      getLoadContext: (_req, res) => ({ nonce: res.locals.nonce, requestId: res.locals.requestId }),
    }),
  );
  return server;
}

/**
 * Time limits of the HTTP server (milliseconds). A client that trickles its headers or body is cut off rather than
 * holding a connection for ever. Kept-alive connections outlive the idle timeouts of common load balancers and proxies
 * (60 s), so that the proxy, not this server, closes an idle connection (else it may reuse one being closed here
 * and turn a user's request into a 502). Node checks the limits every `connectionsCheckingInterval`, so they apply
 * within a few seconds of being reached; headersTimeout above keepAliveTimeout and requestTimeout above both, as
 * Node requires.
 */
export const HTTP_TIMEOUTS = {
  keepAliveTimeout: 65_000,
  headersTimeout: 66_000,
  // A 20 MB import (the largest body the app takes) needs about 1.5 Mbit/s to arrive within this.
  requestTimeout: 120_000,
  connectionsCheckingInterval: 2_000,
};

/** The production HTTP server around an app from createServerApp, with HTTP_TIMEOUTS (overridable for tests). */
export function createHttpServer(app, timeouts = {}) {
  const t = { ...HTTP_TIMEOUTS, ...timeouts };
  const server = http.createServer(
    {
      requestTimeout: t.requestTimeout,
      headersTimeout: t.headersTimeout,
      keepAliveTimeout: t.keepAliveTimeout,
      connectionsCheckingInterval: t.connectionsCheckingInterval,
    },
    app,
  );
  return server;
}

/**
 * How long a shutdown waits for requests in flight before it closes the database anyway: within the 10 s that
 * Docker gives a container between SIGTERM and SIGKILL (Kubernetes gives 30 s), with time left to close it.
 */
const DRAIN_MS = 8_000;

/**
 * Stops one server gracefully: no new connections; requests already in flight are finished (at most DRAIN_MS),
 * while a request that still arrives on a kept-alive connection gets 503 with Retry-After (the lifecycle
 * middleware); then the database is closed, which for PGlite also flushes and unlocks its folder.
 */
export async function drainAndClose(listener, app, closeDatabase, log) {
  const life = app.locals.lifecycle;
  life.draining = true;
  const closed = new Promise((resolve) => listener.close(resolve));
  listener.closeIdleConnections();
  // A connection becomes idle when its response is sent; close those as they come, so the process can exit.
  const sweep = setInterval(() => listener.closeIdleConnections(), 100);
  const timedOut = await Promise.race([
    life.whenIdle().then(() => false),
    new Promise((r) => setTimeout(() => r(true), DRAIN_MS).unref()),
  ]);
  if (timedOut)
    log({ level: "warn", msg: "shutdown: requests still in flight after the wait", inFlight: life.inFlight });
  try {
    await closeDatabase();
  } finally {
    clearInterval(sweep);
    listener.closeAllConnections();
    await Promise.race([closed, new Promise((r) => setTimeout(r, 1000).unref())]);
  }
}

async function main(build) {
  const { log } = build.entry.module;
  const { PORT: port, HOST: host } = build.entry.module.env();
  await build.entry.module.startup(log);
  const app = createServerApp(build, log);
  const listener = createHttpServer(app).listen(port, host, () =>
    log({ level: "info", msg: "listening", url: `http://localhost:${port}` }),
  );
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    log({ level: "info", msg: "shutting down", signal });
    let code = 0;
    try {
      await drainAndClose(listener, app, () => build.entry.module.shutdown(), log);
    } catch (err) {
      code = 1;
      log({ level: "error", msg: "shutdown failed", error: err instanceof Error ? err.message : String(err) });
    } finally {
      process.exit(code);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

/**
 * Worker processes: WEB_CONCURRENCY (a number, or "auto" for one per core) with PostgreSQL, since one Node process
 * saturates one core long before the database does; always one with PGlite, which allows one process. Off by
 * default: with workers, a SIGKILL of the primary lets the workers finish their requests before they exit, which
 * the fault tests (tests/integration/faults/kill.test.ts) do not expect of "the app process".
 */
function workerCount({ DATABASE_URL, WEB_CONCURRENCY }) {
  if (!DATABASE_URL || !WEB_CONCURRENCY) return 1;
  return WEB_CONCURRENCY === "auto" ? (os.availableParallelism?.() ?? os.cpus().length) : WEB_CONCURRENCY;
}

/**
 * The cluster's primary: migrates once, then runs the workers (each is `main()`, sharing the port), replaces a
 * worker that dies, and on SIGTERM/SIGINT stops them all and exits when they have. Workers exit on their own if
 * the primary dies (Node's cluster disconnects them). Everything a request needs is in the database (docs/scaling.md).
 */
async function primary(build, n) {
  const { log } = build.entry.module;
  await build.entry.module.startup(log);
  await build.entry.module.shutdown();
  let stopping = false;
  const alive = () => Object.keys(cluster.workers ?? {}).length;
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (alive() === 0) process.exit(0);
      return;
    }
    log({ level: "error", msg: "worker exited; starting another", pid: worker.process.pid, code, signal });
    setTimeout(() => cluster.fork(), 1000).unref();
  });
  // Workers share one address key (rate limits count across them) even without ADDRESS_KEY_SECRET: a random one,
  // in memory only (docs/privacy.md).
  if (!build.entry.module.env().ADDRESS_KEY_SECRET)
    process.env.ADDRESS_KEY_SECRET = crypto.randomBytes(32).toString("hex");
  for (let i = 0; i < n; i++) cluster.fork();
  log({ level: "info", msg: "cluster started", workers: n });
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log({ level: "info", msg: "shutting down workers", signal });
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    if (alive() === 0) process.exit(0);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const start = async () => {
    const build = await loadBuild();
    // Validates every setting (and throws "Invalid environment: ..." naming each bad one) before anything starts.
    const workers = workerCount(build.entry.module.env());
    await (cluster.isPrimary && workers > 1 ? primary(build, workers) : main(build));
  };
  start().catch((err) => {
    // Not the build's logger: the failure may be that the build, or its settings, could not be loaded.
    console.error(
      JSON.stringify({
        time: new Date().toISOString(),
        level: "error",
        msg: "failed to start",
        error: err instanceof Error ? err.message : String(err),
      }),
    );
    process.exit(1);
  });
}
