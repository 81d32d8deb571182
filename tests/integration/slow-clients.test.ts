// Slow clients (server.mjs, HTTP_TIMEOUTS): a connection that trickles its headers or its body is closed by the
// server instead of being held open for ever; an idle kept-alive connection is kept longer than the idle timeout of
// common proxies. The production limits are a minute and more, so the connections here run against the same server
// with the limits scaled down; the production values themselves are checked against Node's rules.
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app-server";

const root = path.resolve(__dirname, "../..");
const LIMITS = { keepAliveTimeout: 1000, headersTimeout: 1500, requestTimeout: 3000, connectionsCheckingInterval: 100 };
let app: TestApp;

beforeAll(async () => {
  app = await startApp({ timeouts: LIMITS });
});

afterAll(async () => {
  await app?.close();
});

/**
 * Opens a connection, writes `first`, then `drip()` every 200 ms until the server closes the connection (or
 * `giveUpMs` passes); resolves with when it was closed and what the server wrote.
 */
function trickle(
  first: string,
  drip: () => string,
  giveUpMs: number,
): Promise<{ closedAfterMs: number | null; received: string }> {
  const { port } = new URL(app.url);
  return new Promise((resolve) => {
    const started = Date.now();
    let received = "";
    const socket = net.connect(Number(port), "127.0.0.1", () => socket.write(first));
    const timer = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write(drip());
    }, 200);
    const finish = (closedAfterMs: number | null) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ closedAfterMs, received });
    };
    const giveUp = setTimeout(() => finish(null), giveUpMs);
    socket.on("data", (d) => (received += d.toString()));
    socket.on("error", () => undefined);
    socket.on("close", () => finish(Date.now() - started));
  });
}

describe("slow clients", () => {
  it("a connection that trickles its headers is closed once the headers time limit has passed", async () => {
    let n = 0;
    const r = await trickle("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n", () => `X-Slow-${n++}: a\r\n`, 8000);
    expect(r.closedAfterMs, "the server closed the connection").not.toBeNull();
    expect(r.closedAfterMs!).toBeGreaterThanOrEqual(LIMITS.headersTimeout - 100);
    expect(r.closedAfterMs!).toBeLessThan(LIMITS.headersTimeout + 3000);
    expect(r.received).toMatch(/^HTTP\/1\.1 408/);
  });

  it("a connection that trickles its body is closed once the request time limit has passed", async () => {
    const head =
      "POST /logga-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n";
    const r = await trickle(head, () => "a", 10_000);
    expect(r.closedAfterMs, "the server closed the connection").not.toBeNull();
    expect(r.closedAfterMs!).toBeLessThan(LIMITS.requestTimeout + 3000);
  });

  it("an idle kept-alive connection is closed after the keep-alive time limit, not before", async () => {
    const { port } = new URL(app.url);
    const result = await new Promise<{ answered: boolean; closedAfterMs: number }>((resolve) => {
      let answeredAt = 0;
      const socket = net.connect(Number(port), "127.0.0.1", () =>
        socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
      );
      socket.on("data", () => (answeredAt ||= Date.now()));
      socket.on("error", () => undefined);
      socket.on("close", () => resolve({ answered: answeredAt > 0, closedAfterMs: Date.now() - answeredAt }));
    });
    expect(result.answered).toBe(true);
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(LIMITS.keepAliveTimeout - 100);
    expect(result.closedAfterMs).toBeLessThan(LIMITS.keepAliveTimeout + 3000);
  });

  it("the production limits: keep-alive above a 60 s proxy idle timeout, headers above keep-alive, request above headers", async () => {
    const { HTTP_TIMEOUTS, createHttpServer } = (await import(pathToFileURL(path.join(root, "server.mjs")).href)) as {
      HTTP_TIMEOUTS: Record<string, number>;
      createHttpServer: (app: unknown) => import("node:http").Server;
    };
    expect(HTTP_TIMEOUTS.keepAliveTimeout).toBeGreaterThan(60_000);
    expect(HTTP_TIMEOUTS.headersTimeout).toBeGreaterThan(HTTP_TIMEOUTS.keepAliveTimeout!);
    expect(HTTP_TIMEOUTS.requestTimeout).toBeGreaterThan(HTTP_TIMEOUTS.headersTimeout!);
    const server = createHttpServer(() => undefined);
    expect({
      keepAliveTimeout: server.keepAliveTimeout,
      headersTimeout: server.headersTimeout,
      requestTimeout: server.requestTimeout,
    }).toEqual({
      keepAliveTimeout: HTTP_TIMEOUTS.keepAliveTimeout,
      headersTimeout: HTTP_TIMEOUTS.headersTimeout,
      requestTimeout: HTTP_TIMEOUTS.requestTimeout,
    });
  });
});
