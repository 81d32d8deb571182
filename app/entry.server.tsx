import { spawn } from "node:child_process";
import fs from "node:fs";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { backgroundFolds } from "~/features/results/index.server";
import { startResultsPrefold, stopResultsPrefold } from "~/features/results/index.server";
import { startMailDelivery, stopMailDelivery } from "~/features/promises/index.server";
import { smtpTransport, type MailTransport } from "~/platform/mail.server";
import { appDatabase, isNewEmbeddedFolder } from "~/platform/db.server";
import { env } from "~/platform/env.server";
import { errorFields, log as processLog, type Log } from "~/platform/log.server";
import { migrateToLatest } from "../db/migrate";
import { NonceProvider } from "~/platform/nonce";
import { htmlBodyStream } from "~/platform/html-stream.server";
import { registerAllCatalogues } from "~/i18n/catalogues.server";

// Every locale's messages, for rendering any page in any locale (the browser loads only the one picked).
registerAllCatalogues();

export { submissionEndpoint } from "~/features/surveys/index.server";
// For server.mjs: the validated environment and the one logger (with the request log's privacy rules).
export { env } from "~/platform/env.server";
export { log, requestLogEntry } from "~/platform/log.server";

// Remix's default is 5 s, for streamed (deferred) data; no loader defers, so this only bounds a render. With the
// embedded database a fold in the background runs its statements on this event loop (up to ≈ 4 s each at 100k
// answers, ADR 011), and a render waiting behind one must not be cut off as if it had hung.
const ABORT_DELAY = 30_000;

/**
 * The demo seed, built apart from this bundle into seed.js beside it (scripts/build-seed.mjs, `npm run build`), so
 * that only a first start over a new embedded database loads it. A path the bundler cannot follow, on purpose.
 */
const SEED_BUNDLE = new URL("./seed.js", import.meta.url);

function seedBundle(): string {
  if (!fs.existsSync(SEED_BUNDLE)) {
    throw new Error(
      `The demo seed bundle ${SEED_BUNDLE.pathname} is missing: build with \`npm run build\` (remix build alone leaves it out), or set AUTO_SEED=never.`,
    );
  }
  return SEED_BUNDLE.href;
}

/** Called by server.mjs before it listens: migrate, and fill a brand-new embedded database with demo data. */
export async function startup(log: Log = processLog) {
  const e = env();
  let seededMigrations = 0;
  if (!e.DATABASE_URL && e.AUTO_SEED === "auto" && isNewEmbeddedFolder(e.PGLITE_DIR)) {
    // In a short-lived child process: seeding builds thousands of answers, and the V8 heap and PGlite memory it
    // grew would stay with the server for its whole life (first start 337 MB against 225–236 MB after a restart,
    // docs/benchmarks.md, "Memory with the embedded database").
    log({ level: "info", msg: "new embedded database: seeding demo data" });
    const summary = await prepareFolderInChild(e.PGLITE_DIR, log);
    seededMigrations = summary.migrated;
    log({ level: "info", msg: "demo data seeded", ...summary.seeded });
  }
  const open = await appDatabase();
  const result = await migrateToLatest(open.db);
  log({
    level: "info",
    msg: "database ready",
    kind: open.kind,
    migrated: seededMigrations + (result.results?.length ?? 0),
  });
  // An in-memory database (memory://) cannot be filled by another process.
  if (open.kind === "pglite" && open.freshEmbedded && e.AUTO_SEED === "auto") {
    log({ level: "info", msg: "new embedded database: seeding demo data" });
    const { seedDemo } = (await import(/* @vite-ignore */ seedBundle())) as typeof import("../db/seed/entry");
    const summary = await seedDemo({ db: open.db, log });
    log({ level: "info", msg: "demo data seeded", ...summary });
  }
  startResultsPrefold(open.db, e.RESULTS_PREFOLD_SECONDS, log, { vacuum: open.kind === "pglite" });
  // Subscribers' mails wait in the outbox until an SMTP server is configured (docs/operations.md).
  if (e.SMTP_URL) {
    mailTransport = smtpTransport(e.SMTP_URL, e.MAIL_FROM);
    startMailDelivery(open.db, mailTransport, e.MAIL_OUTBOX_SECONDS, log);
  }
}

let mailTransport: MailTransport | undefined;

type ChildMessage = { log: Parameters<Log>[0] } | { done: { migrated: number; seeded: Record<string, unknown> } };

/**
 * Runs the seed bundle's `prepareEmbeddedFolder` (db/seed/entry.ts) in a child process, which exits before the
 * server opens the folder. Its log entries come back as JSON lines on stdout and are logged here; it stops if this
 * process goes away (its stdin closes), so it never keeps the folder locked after us.
 */
async function prepareFolderInChild(dir: string, log: Log) {
  const script = `const out = (m) => process.stdout.write(JSON.stringify(m) + "\\n");
process.stdin.on("end", () => process.exit(1)).resume();
import(process.argv[1])
  .then((m) => m.prepareEmbeddedFolder(process.argv[2], (entry) => out({ log: entry })))
  .then((done) => { out({ done }); process.exit(0); }, (err) => { console.error(String((err && err.stack) || err)); process.exit(1); });`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script, seedBundle(), dir], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let done: Extract<ChildMessage, { done: unknown }>["done"] | undefined;
  let stderr = "";
  let pending = "";
  child.stdout.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    let nl: number;
    while ((nl = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      try {
        const message = JSON.parse(line) as ChildMessage;
        if ("log" in message) log(message.log);
        else done = message.done;
      } catch {
        if (line.trim()) log({ level: "info", msg: "seeding", output: line });
      }
    }
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0 || !done) {
    throw new Error(
      `Could not fill the new embedded database in ${dir} with demo data (exit ${code}): ${stderr.trim().slice(-2000)}`,
    );
  }
  return done;
}

/** Called on SIGTERM/SIGINT: close the database so PGlite flushes and unlocks its folder. */
export async function shutdown() {
  await stopResultsPrefold();
  await stopMailDelivery(mailTransport);
  await backgroundFolds();
  const open = await appDatabase();
  await open.close();
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { nonce?: string }).nonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          // Not a plain PassThrough: React 18.3 may leave NUL bytes in the stream (platform/html-stream.server.ts).
          const body = htmlBodyStream();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          processLog({ level: "error", msg: "render error", shellRendered, ...errorFields(error, { stack: true }) });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Thrown Responses and route error responses (404, 403 ...) are answers, not faults.
  if (error instanceof Response || isRouteErrorResponse(error)) return;
  // Remix reports every `?_data=` request of a single-fetch app as this "error"; the app never makes one (scanners
  // and stale tabs do), the request is answered as usual and logged once as a request: no stack trace per request.
  if (
    error instanceof Error &&
    error.message.startsWith("Warning: Single fetch-enabled apps should not be making ?_data requests")
  )
    return;
  processLog({
    level: "error",
    msg: "unhandled",
    requestId: request.headers.get("x-request-id"),
    ...errorFields(error, { stack: true }),
  });
}
