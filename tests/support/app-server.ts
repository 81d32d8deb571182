import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { OpenDatabase } from "../../app/platform/db.server";
import { testDatabase } from "./test-db";

export interface TestApp {
  url: string;
  open: OpenDatabase;
  close(): Promise<void>;
}

/**
 * Starts the production build (build/index.js, through server.mjs's own Express stack) on a random port of
 * 127.0.0.1, over a fresh test database that the test can also query directly.
 */
export async function startApp(
  opts: { log?: (entry: Record<string, unknown>) => void; timeouts?: Record<string, number> } = {},
): Promise<TestApp> {
  const open = await testDatabase();
  // The build's db module keeps its handle on globalThis; hand it ours so the test and the app share it.
  globalThis.__tdDatabase = Promise.resolve(open);
  const root = path.resolve(__dirname, "../..");
  const build = await import(pathToFileURL(path.join(root, process.env.TD_BUILD_DIR ?? "build", "index.js")).href);
  const { createServerApp, createHttpServer } = (await import(pathToFileURL(path.join(root, "server.mjs")).href)) as {
    createServerApp: (build: unknown, log: (o: Record<string, unknown>) => void) => unknown;
    createHttpServer: (app: unknown, timeouts?: Record<string, number>) => Server;
  };
  // The production HTTP server (its time limits included) around the production app.
  const server = createHttpServer(createServerApp(build, opts.log ?? (() => undefined)), opts.timeouts);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    open,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await open.close();
      globalThis.__tdDatabase = undefined;
    },
  };
}

/** A tiny cookie-keeping client for form posts, as a browser would make them. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(pathname: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    const res = await fetch(this.base + pathname, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = pair!.split("=");
      const value = v.join("=");
      if (/max-age=0/i.test(c)) this.cookies.delete(k!);
      else this.cookies.set(k!, value);
    }
    return res;
  }

  private csrfSeen = { cookies: "", token: "" };

  /**
   * This session's CSRF token, read from a page's hidden `csrf` field as a browser would (signed in: the sign-out
   * form on the home page; not signed in: the sign-in form). Read again whenever the cookies change.
   */
  async csrf(): Promise<string> {
    const key = () =>
      [...this.cookies]
        .filter(([k]) => /td_(session|csrf)$/.test(k))
        .map(([k, v]) => `${k}=${v}`)
        .join(";");
    if (this.csrfSeen.token && this.csrfSeen.cookies === key()) return this.csrfSeen.token;
    for (const page of ["/", "/logga-in"]) {
      const res = await this.fetch(page);
      const m = /name="csrf" value="([^"]+)"/.exec(await res.text());
      if (m) {
        this.csrfSeen = { cookies: key(), token: m[1]! };
        return m[1]!;
      }
    }
    throw new Error("no CSRF token on / or /logga-in");
  }

  /** POST a form repeating this session's CSRF token (read from a page first). */
  async post(pathname: string, fields: Record<string, string>, { csrf = true }: { csrf?: boolean } = {}) {
    const body = new URLSearchParams(fields);
    if (csrf) body.set("csrf", await this.csrf());
    else if (!this.cookies.size) await this.fetch("/");
    return this.fetch(pathname, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  }

  async login(email: string, password: string) {
    const res = await this.post("/logga-in", { email, password, next: "/app" });
    if (res.status !== 302) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    return res;
  }
}
