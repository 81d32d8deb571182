// A graceful shutdown (SIGTERM, as an orchestrator sends it before a restart) in the middle of a stream of
// submissions, on the engine of the pass; with PostgreSQL also in cluster mode (WEB_CONCURRENCY=2). The server
// stops accepting connections, finishes the requests in flight, answers anything that still arrives on a kept-alive
// connection with 503 + Retry-After + `Connection: close`, and only then closes the database. So: no 500 ever,
// every acknowledged answer stored exactly once, a request that was mid-body at the signal still stored and
// acknowledged, and (PGlite) the folder unlocked for the next process.
import fs from "node:fs";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { testEngine } from "../../support/test-db";
import {
  acknowledged,
  checkStorage,
  newPending,
  retryUnacknowledged,
  sleep,
  setUpFaultRun,
  statusCounts,
  backgroundStream,
  type Pending,
} from "./support";

const engine = testEngine();

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses the HTTP/1.1 responses (Content-Length bodies) a raw connection received. */
function parseResponses(raw: string): RawResponse[] {
  const out: RawResponse[] = [];
  let rest = raw;
  while (rest.startsWith("HTTP/1.1 ")) {
    const end = rest.indexOf("\r\n\r\n");
    if (end < 0) break;
    const [statusLine, ...lines] = rest.slice(0, end).split("\r\n");
    const headers = Object.fromEntries(
      lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
    );
    const length = Number(headers["content-length"] ?? 0);
    out.push({ status: Number(statusLine!.split(" ")[1]), headers, body: rest.slice(end + 4, end + 4 + length) });
    rest = rest.slice(end + 4 + length);
  }
  return out;
}

describe.each(engine === "postgres" ? [{ workers: 1 }, { workers: 2 }] : [{ workers: 1 }])(
  `SIGTERM under load (${engine}, %o)`,
  ({ workers }) => {
    const run = setUpFaultRun(engine, 400, 31, "td-faults-sigterm-");

    it(
      "finishes requests in flight, answers late ones 503, never 500; acknowledged answers stored once; the folder unlocked",
      { timeout: 180_000 },
      async () => {
        const { target, survey } = run;
        const env = { ...target.env, LOG_LEVEL: "info", ...(workers > 1 ? { WEB_CONCURRENCY: String(workers) } : {}) };
        const server = await run.start(env, { timeoutMs: 90_000 });
        const { port } = new URL(server.url);

        // One answer whose body is still arriving when the signal comes, on a kept-alive connection, followed on the same
        // connection by a second request sent once the server is shutting down.
        const slow = newPending(survey.answers[399]!);
        const late = newPending(survey.answers[398]!);
        const bodyOf = (p: Pending) => JSON.stringify({ id: p.id, data: p.data, locale: "sv", channel: "web" });
        const request = (body: string) =>
          `POST /api/v1/surveys/${survey.slug}/responses HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
        const slowBody = bodyOf(slow);
        let received = "";
        const socket = net.connect(Number(port), "127.0.0.1");
        socket.on("data", (d) => (received += d.toString()));
        socket.on("error", () => undefined);
        const socketClosed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
        await new Promise<void>((resolve) => socket.once("connect", () => resolve()));

        // Six clients send without pause (fetch keeps its connections alive) until the server is gone.
        const streaming = backgroundStream(server.url, survey.slug, survey.answers.slice(0, 390), { concurrency: 6 });
        const { sent } = streaming;
        await streaming.acknowledged(40);
        socket.write(request(slowBody) + slowBody.slice(0, 20));
        await sleep(200);

        server.child.kill("SIGTERM");
        const signalled = Date.now();
        while (!/"msg":"shutting down"/.test(server.output()) && Date.now() - signalled < 10_000) await sleep(10);
        expect(server.output()).toMatch(/"msg":"shutting down"/);
        await sleep(300);
        // The rest of the slow body, and right behind it (pipelined) a new request on the same connection.
        const lateBody = bodyOf(late);
        socket.write(slowBody.slice(20) + request(lateBody) + lateBody);

        const exit = await server.exited;
        streaming.stop();
        await streaming.done;
        await Promise.race([socketClosed, sleep(5000)]);
        socket.destroy();
        expect(exit, server.output().slice(-3000)).toEqual({ code: 0, signal: null });

        // The answer in flight at the signal was finished and acknowledged; the late one refused cleanly, and the
        // connection closed.
        const [first, second] = parseResponses(received);
        expect(first?.status, received).toBe(201);
        expect(second?.status, received).toBe(503);
        expect(second?.headers["retry-after"]).toMatch(/^\d+$/);
        expect(second?.headers.connection).toBe("close");
        slow.outcomes.push({ status: first!.status, retryAfter: null, contentType: null, body: first!.body, ms: 0 });
        late.outcomes.push({
          status: second!.status,
          retryAfter: second!.headers["retry-after"] ?? null,
          contentType: null,
          body: second!.body,
          ms: 0,
        });

        // What the stream saw: stored (201), refused for now (503 with Retry-After), or no answer (a connection closed
        // or refused by the stopped server); never a 500 or any other error status.
        const seen = statusCounts(sent);
        expect(
          Object.keys(seen).filter((k) => !["0", "201", "503"].includes(k)),
          JSON.stringify(seen),
        ).toEqual([]);
        for (const p of sent) for (const o of p.outcomes) if (o.status === 503) expect(o.retryAfter).toMatch(/^\d+$/);
        expect(server.output()).not.toMatch(/"status":5(?!03)\d\d/);
        expect(server.output()).not.toMatch(/destroyed|unhandled/);
        if (target.lockFile) expect(fs.existsSync(target.lockFile), "the PGlite folder stayed locked").toBe(false);

        // Every acknowledged answer is stored once; the restarted server takes the client's retries of the others.
        const all = [...sent, slow, late];
        let open = await target.open();
        try {
          const check = await checkStorage(open, survey, all);
          expect({ lost: check.lost, doubled: check.doubled, broken: check.broken, foreign: check.foreign }).toEqual({
            lost: [],
            doubled: [],
            broken: [],
            foreign: [],
          });
        } finally {
          await open.close();
        }
        const again = await run.start(env, { timeoutMs: 90_000 });
        await retryUnacknowledged(again.url, survey.slug, all);
        for (const p of all)
          expect(acknowledged(p), `${p.id}: ${JSON.stringify(p.outcomes.map((o) => [o.status, o.error]))}`).toBe(true);
        expect(await again.stop()).toEqual({ code: 0, signal: null });
        open = await target.open();
        try {
          expect(await checkStorage(open, survey, all)).toEqual({
            rows: all.length,
            lost: [],
            doubled: [],
            broken: [],
            foreign: [],
          });
        } finally {
          await open.close();
        }
      },
    );
  },
);
