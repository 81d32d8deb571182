import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type OpenDatabase } from "../../app/platform/db.server";

// The app pointed at a PostgreSQL that does not answer (nothing listens on port 1): /healthz must say 503,
// an API read must be a clean 503 with a retry hint, and the process keeps serving.
let server: Server;
let open: OpenDatabase;
let url: string;

beforeAll(async () => {
  open = await openDatabase({ url: "postgres://nobody@127.0.0.1:1/none", poolSize: 1 });
  globalThis.__tdDatabase = Promise.resolve(open);
  const root = path.resolve(__dirname, "../..");
  const build = await import(pathToFileURL(path.join(root, process.env.TD_BUILD_DIR ?? "build", "index.js")).href);
  const { createServerApp } = (await import(pathToFileURL(path.join(root, "server.mjs")).href)) as {
    createServerApp: (
      b: unknown,
      log: (o: unknown) => void,
    ) => { listen: (p: number, h: string, cb: () => void) => Server };
  };
  server = await new Promise<Server>((resolve) => {
    const s = createServerApp(build, () => undefined).listen(0, "127.0.0.1", () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await open?.close();
  globalThis.__tdDatabase = undefined;
});

it("answers /healthz with 503 when the database is unreachable", async () => {
  const res = await fetch(`${url}/healthz`);
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ status: "unavailable", database: "unreachable" });
});

it("answers an API request with 503 and Retry-After, not a crash, and keeps serving", async () => {
  const res = await fetch(`${url}/api/v1/surveys`);
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
  expect((await fetch(`${url}/healthz`)).status).toBe(503);
});
