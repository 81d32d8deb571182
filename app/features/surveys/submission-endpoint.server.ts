import type { IncomingMessage, ServerResponse } from "node:http";
import { acceptSubmission } from "~/features/surveys/submission.server";
import { requireUser } from "~/features/accounts/index.server";
import { getDb } from "../../platform/db.server";
import { translate } from "~/i18n/i18n";
import { errorPayload } from "../../platform/errors.server";
import { MAX_JSON_BYTES, jsonBodyProblems } from "../../platform/http.server";
import type { Log } from "../../platform/log.server";

/**
 * The citizens' submission endpoint, `POST /api/v1/surveys/:slug/responses`, as a plain Node handler that server.mjs
 * mounts in front of Remix. A survey launch sends this one request thousands of times a minute; going through Remix
 * costs a Fetch Request/Response pair, the matching of every route and a streamed body per answer (about half of the
 * CPU time per request, measured with `bench-submit --cpu-prof`). The work itself is the same function the Remix
 * route calls (acceptSubmission), and the body rules (415, 413 while reading, 400) are the same as readJson's, so
 * the answers do not depend on which of the two served a request. The middleware before it (request id, security
 * headers, client address) still runs.
 */
export function submissionEndpoint(log: Log = () => {}) {
  return (req: IncomingMessage & { params?: Record<string, string> }, res: ServerResponse) => {
    void handle(req, res, log);
  };
}

class ClientGone extends Error {}

// As readJson: invalid bytes become U+FFFD and a leading byte-order mark is dropped.
const utf8 = new TextDecoder("utf-8", { fatal: false });

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** Reads the body up to `limit` bytes; "too-large" as soon as it is exceeded (the rest is drained, not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!over) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    req.on("error", reject);
    // The client went away before the body ended: nothing to answer (and nothing was stored).
    req.on("close", () => {
      if (!req.complete && !over) reject(new ClientGone());
    });
  });
}

async function handle(req: IncomingMessage & { params?: Record<string, string> }, res: ServerResponse, log: Log) {
  try {
    if (!jsonBodyProblems.isJson(req.headers["content-type"] ?? "")) {
      const { status, error } = jsonBodyProblems.unsupported;
      req.resume();
      return send(res, status, { error });
    }
    const tooLarge = jsonBodyProblems.tooLarge(MAX_JSON_BYTES);
    if (Number(req.headers["content-length"] ?? "0") > MAX_JSON_BYTES) {
      req.resume();
      return send(res, tooLarge.status, { error: tooLarge.error });
    }
    const raw = await readBody(req, MAX_JSON_BYTES);
    if (raw === "too-large") return send(res, tooLarge.status, { error: tooLarge.error });
    let body: unknown;
    try {
      body = JSON.parse(utf8.decode(raw));
    } catch {
      const { status, error } = jsonBodyProblems.malformed;
      return send(res, status, { error });
    }
    const slug = req.params?.slug ?? "";
    const result = await acceptSubmission({
      db: await getDb(),
      slug,
      body,
      address: String(req.headers["x-td-client-address"] ?? "unknown"),
      // Staff channels only (paper, phone): the session or API token, checked as for any other request.
      authenticate: () => requireUser(toFetchRequest(req)),
    });
    send(res, result.status, { id: result.id });
  } catch (err) {
    if (err instanceof ClientGone) return;
    if (err instanceof Response) {
      // e.g. a refused CSRF check of a staff session
      const headers: Record<string, string> = {};
      err.headers.forEach((v, k) => (headers[k] = v));
      const text = await err.text();
      if (!res.headersSent) res.writeHead(err.status, headers).end(text);
      return;
    }
    const payload = errorPayload(err);
    if (payload) return send(res, payload.status, payload.body, payload.headers);
    log({ level: "error", msg: "submission failed", error: err instanceof Error ? err.stack : String(err) });
    send(res, 500, { error: translate("sv", "problem.unexpected") });
  }
}

/** The request's headers as a Fetch Request, for the session and CSRF checks of staff entries. */
function toFetchRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  return new Request(`http://localhost${req.url ?? "/"}`, { method: req.method ?? "POST", headers });
}
