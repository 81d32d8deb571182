import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { appDatabase } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "../db/seed/index";
import { NonceProvider } from "~/utils/nonce";

export { submissionEndpoint } from "~/utils/submission-endpoint.server";

const ABORT_DELAY = 5_000;

type Log = (entry: Record<string, unknown>) => void;

/** Called by server.mjs before it listens: migrate, and fill a brand-new embedded database with demo data. */
export async function startup(log: Log) {
  const e = env();
  const open = await appDatabase();
  const result = await migrateToLatest(open.db);
  log({ level: "info", msg: "database ready", kind: open.kind, migrated: result.results?.length ?? 0 });
  if (open.kind === "pglite" && open.freshEmbedded && e.AUTO_SEED === "auto") {
    log({ level: "info", msg: "new embedded database: seeding demo data" });
    const summary = await seedDemo({ db: open.db, log });
    log({ level: "info", msg: "demo data seeded", ...summary });
  }
}

/** Called on SIGTERM/SIGINT: close the database so PGlite flushes and unlocks its folder. */
export async function shutdown() {
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
          const body = new PassThrough();
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
          if (shellRendered) console.error(JSON.stringify({ level: "error", msg: "render error", error: String(error) }));
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
  const e = error instanceof Error ? { message: error.message, stack: error.stack } : { message: JSON.stringify(error) };
  console.error(JSON.stringify({ level: "error", msg: "unhandled", requestId: request.headers.get("x-request-id"), ...e }));
}
