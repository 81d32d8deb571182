// Production server: Express in front of the Remix build. Adds request ids, JSON logs, security headers
// (CSP with a per-request nonce), the client-address header used for hashed rate limits, and a clean
// shutdown that closes the database (PGlite must not leave its folder locked).
// `createServerApp` is also used by the integration tests, so they exercise exactly this stack over real HTTP.
import cluster from "node:cluster";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";

const here = path.dirname(fileURLToPath(import.meta.url));

export function makeLogger(level = process.env.LOG_LEVEL ?? "info") {
  return (obj) => {
    if (level !== "silent") process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...obj }) + "\n");
  };
}

export async function loadBuild() {
  return import(pathToFileURL(path.join(here, process.env.TD_BUILD_DIR ?? "build", "index.js")).href);
}

export function createServerApp(build, log = makeLogger()) {
  const server = express();
  server.disable("x-powered-by");
  server.set("trust proxy", false);

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
    if (process.env.COOKIE_SECURE === "true") res.setHeader("Strict-Transport-Security", "max-age=31536000");
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      // Path only: query strings can carry search terms or codes; never bodies, addresses or user agents.
      log({ level: "info", msg: "request", requestId, method: req.method, path: req.path, status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100 });
    });
    next();
  });

  // The citizens' submissions skip Remix (see app/utils/submission-endpoint.server.ts); same answers, less work.
  if (build.entry.module.submissionEndpoint) server.post("/api/v1/surveys/:slug/responses", build.entry.module.submissionEndpoint(log));
  server.use("/build", express.static(path.resolve(here, process.env.TD_ASSETS_DIR ?? "public/build"), { immutable: true, maxAge: "1y" }));
  server.use(express.static(path.join(here, "public"), { maxAge: "1h" }));
  // Whatever is fetched signed in (pages, their data, the API with a token) stays out of shared and browser caches.
  server.use((req, res, next) => {
    if (/(?:^|;\s*)(?:__Host-)?td_session=/.test(req.headers.cookie ?? "") || req.headers.authorization) res.setHeader("Cache-Control", "no-store");
    next();
  });
  server.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV ?? "production",
      getLoadContext: (_req, res) => ({ nonce: res.locals.nonce, requestId: res.locals.requestId }),
    }),
  );
  return server;
}

async function main() {
  const log = makeLogger();
  const build = await loadBuild();
  await build.entry.module.startup(log);
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  const listener = createServerApp(build, log).listen(port, host, () =>
    log({ level: "info", msg: "listening", url: `http://localhost:${port}` }),
  );
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    log({ level: "info", msg: "shutting down", signal });
    listener.close();
    listener.closeAllConnections?.();
    try {
      await build.entry.module.shutdown();
    } finally {
      process.exit(0);
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
function workerCount() {
  const setting = process.env.WEB_CONCURRENCY;
  if (!process.env.DATABASE_URL || !setting) return 1;
  const n = setting === "auto" ? (os.availableParallelism?.() ?? os.cpus().length) : Number(setting);
  return Number.isInteger(n) && n > 1 ? n : 1;
}

/**
 * The cluster's primary: migrates once, then runs the workers (each is `main()`, sharing the port), replaces a
 * worker that dies, and on SIGTERM/SIGINT stops them all and exits when they have. Workers exit on their own if
 * the primary dies (Node's cluster disconnects them). Everything a request needs is in the database (docs/scaling.md).
 */
async function primary(n) {
  const log = makeLogger();
  const build = await loadBuild();
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
  const workers = workerCount();
  (cluster.isPrimary && workers > 1 ? primary(workers) : main()).catch((err) => {
    console.error(JSON.stringify({ level: "error", msg: "failed to start", error: err instanceof Error ? err.message : String(err) }));
    process.exit(1);
  });
}
