// Things a client controls never end in a 500 (docs/api.md: "5xx never carries details", and none is owed to a
// client's own mistake): ids outside PostgreSQL's integer range and other non-ids in URLs (404) and form fields
// (422 with a message for that field), form posts from another site (403), methods the app does not answer (405),
// and Remix `?_data=` requests from anonymous clients. Each is answered with one request log line and nothing on
// the error log (no "unhandled", no stack trace).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { createApiToken } from "../../app/features/accounts/accounts.server";
import { createMeeting } from "../../app/features/dialogue/meetings.server";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

const PASSWORD = "demo-endast-2026";
const BAD_IDS = [
  "2147483648",
  "99999999999999999999999",
  "-1",
  "0",
  "abc",
  "1e3",
  "1.5",
  "0x10",
  "%20",
  "9".repeat(400),
];
const ENTRIES: Record<string, unknown>[] = [];
let app: TestApp;
let admin: Browser;
let editor: Browser;
let analyst: Browser;
let docId = 0;
let meetingId = 0;
const errorLog: string[] = [];

beforeAll(async () => {
  app = await startApp({ log: (entry) => ENTRIES.push(entry) });
  await seedDemo({ db: app.open.db, withSurveys: false });
  const kommun = await getOrganisationBySlug({ db: app.open.db, slug: "haparanda", kind: "kommun" });
  const doc = await app.open.db
    .selectFrom("promise_document")
    .select("id")
    .where("kommun_id", "=", kommun.id)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  docId = doc.id;
  meetingId = await createMeeting({
    db: app.open.db,
    kommunId: kommun.id,
    accountId: null,
    input: {
      kind: "medborgardialog",
      heldOn: "2026-03-01",
      place: "Folkets hus",
      participants: {},
      notes: "",
      themes: [],
    },
  });
  admin = new Browser(app.url);
  await admin.login("admin@trygghetsdialog.example", PASSWORD);
  editor = new Browser(app.url);
  await editor.login("redaktor@haparanda.example", PASSWORD);
  analyst = new Browser(app.url);
  await analyst.login("analytiker@haparanda.example", PASSWORD);
  // The build runs in this process: whatever it reports as an error lands here.
  for (const method of ["error", "warn"] as const) {
    vi.spyOn(console, method).mockImplementation(
      (...args: unknown[]) => void errorLog.push(args.map(String).join(" ")),
    );
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  await app?.close();
});

/** Asserts the error log stayed empty since `mark` (one request line each is the server's own log). */
function expectNoErrorLog(mark: number, what: string) {
  expect(errorLog.slice(mark), what).toEqual([]);
}

describe(`client-controlled input never gives a 500 (${testEngine()})`, () => {
  it("ids that are not integer-range ids in URL params and query values are 404", async () => {
    const mark = errorLog.length;
    const urls = (bad: string) => [
      `/lofte/haparanda/${bad}`,
      `/api/v1/promises/${bad}`,
      `/app/haparanda/loften/${bad}`,
      `/app/haparanda/loften/${bad}/historik`,
      `/app/haparanda/loften/${bad}/indikatorer`,
      `/app/haparanda/loften/${bad}/uppfoljning`,
      `/app/haparanda/loften/${bad}/uppfoljning/rapport`,
      `/app/haparanda/loften/${bad}/uppfoljning/rapport.csv`,
      `/app/haparanda/moten/${bad}`,
    ];
    const seen: string[] = [];
    for (const bad of BAD_IDS) {
      for (const url of urls(bad)) {
        const browser = url.startsWith("/app/") ? analyst : admin;
        const res = await browser.fetch(url);
        await res.arrayBuffer();
        seen.push(`${res.status} ${url.slice(0, 80)}`);
        expect(res.status, url).toBe(404);
      }
    }
    // Tokens and slugs are text, but equally out of any table: not found, never an error.
    for (const url of [
      "/i/2147483648",
      "/i/x%00y",
      "/e/2147483648",
      "/e/2147483648/affisch",
      "/e/2147483648/qr.svg",
      "/app/2147483648",
    ]) {
      const res = await analyst.fetch(url);
      await res.arrayBuffer();
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(res.status, url).toBeLessThan(500);
    }
    const invitation = await fetch(`${app.url}/api/v1/invitations/2147483648/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ data: {} }),
    });
    expect(invitation.status).toBeGreaterThanOrEqual(400);
    expect(invitation.status).toBeLessThan(500);
    // A query value that is not an id is ignored or not found, not a database error.
    for (const q of ["andra=2147483648", "andra=-5", "andra=99999999999999999999"]) {
      const res = await editor.fetch(`/app/haparanda/loften/${docId}/uppfoljning?${q}`);
      await res.arrayBuffer();
      expect(res.status, q).toBe(200);
    }
    for (const q of ["ar=2147483648", "ar=-1"]) {
      const res = await analyst.fetch(`/app/haparanda/loften/${docId}/uppfoljning/rapport?${q}`);
      await res.arrayBuffer();
      expect(res.status, q).toBe(404);
    }
    expectNoErrorLog(mark, seen.join("\n"));
  });

  it("ids that are not integer-range ids in form fields are 422 with a message for that field", async () => {
    const mark = errorLog.length;
    const forms: [Browser, string, Record<string, string>, string][] = [
      [admin, `/app/haparanda/moten/${meetingId}`, { intent: "findingStatus", status: "fixed" }, "findingId"],
      [admin, `/app/haparanda/moten/${meetingId}`, { intent: "deleteFinding" }, "findingId"],
      [editor, `/app/haparanda/loften/${docId}`, { intent: "saveFocusArea", title: "x" }, "focusAreaId"],
      [editor, `/app/haparanda/loften/${docId}`, { intent: "deleteFocusArea" }, "focusAreaId"],
      [editor, `/app/haparanda/loften/${docId}`, { intent: "addPromise" }, "focusAreaId"],
      [editor, `/app/haparanda/loften/${docId}`, { intent: "savePromise" }, "promiseId"],
      [editor, `/app/haparanda/loften/${docId}`, { intent: "deletePromise" }, "promiseId"],
      [analyst, `/app/haparanda/loften/${docId}`, { intent: "comment", body: "En kommentar" }, "promiseId"],
      [analyst, `/app/haparanda/loften/${docId}/indikatorer`, { intent: "delete" }, "indicatorId"],
      [
        editor,
        `/app/haparanda/loften/${docId}/uppfoljning`,
        { intent: "add", doneOn: "2026-01-01", quantity: "1" },
        "promiseId",
      ],
      [
        editor,
        `/app/haparanda/loften/${docId}/uppfoljning`,
        { intent: "update", doneOn: "2026-01-01", quantity: "1" },
        "entryId",
      ],
      [editor, `/app/haparanda/loften/${docId}/uppfoljning`, { intent: "delete" }, "entryId"],
      [analyst, "/konto", { intent: "revoke" }, "tokenId"],
    ];
    for (const bad of ["2147483648", "99999999999999999999999", "-1", "0", "abc", "1e3", " "]) {
      for (const [browser, url, fields, field] of forms) {
        const res = await browser.post(url, { ...fields, [field]: bad });
        // The page is rendered with the action's data ({errors: [{field, message}]}) serialised into it.
        const html = await res.text();
        expect(res.status, `${url} ${fields.intent} ${field}=${bad}`).toBe(422);
        expect(html, `${url} ${fields.intent}`).toContain("Ogiltigt id");
        expect(html, `${url} ${fields.intent}`).toContain(`\\"${field}\\"`);
      }
    }
    // Counts in a form are bounded too (an integer column): the meeting form's votes per theme.
    for (const n of ["2147483648", "99999999999999999999999"]) {
      const res = await admin.post(`/app/haparanda/moten/${meetingId}`, {
        intent: "update",
        kind: "medborgardialog",
        heldOn: "2026-03-01",
        place: "Folkets hus",
        "theme-youth": "on",
        "raised-youth": "1",
        "votes-youth": n,
      });
      expect(res.status, `votes ${n}`).toBe(422);
      expect(await res.text()).toContain("theme-youth");
    }
    // A stale or forged base revision is not an id either: ignored, never a database error.
    const res = await editor.post(`/app/haparanda/loften/${docId}`, {
      intent: "saveFocusArea",
      focusAreaId: "2147483647",
      title: "x",
      baseRevision: "2147483648",
    });
    expect(res.status).toBeLessThan(500);
    expectNoErrorLog(mark, "form ids");
  });

  it("a form post from another site is 403 with a short message; same-site, token and public API posts still work", async () => {
    const mark = errorLog.length;
    for (const origin of ["http://evil.example", "null", "http://127.0.0.1:1", "not a url"]) {
      for (const path of ["/logga-in", "/konto", `/app/haparanda/moten/${meetingId}`, "/api/v1/surveys", "/logga-ut"]) {
        const res = await fetch(app.url + path, {
          method: "POST",
          headers: {
            origin,
            "content-type": "application/x-www-form-urlencoded",
            cookie: `td_csrf=${analyst.cookies.get("td_csrf")}`,
          },
          body: "email=a&password=b",
          redirect: "manual",
        });
        expect(res.status, `${origin} ${path}`).toBe(403);
        const text = await res.text();
        expect(text.length).toBeLessThan(200);
        // The API's errors are JSON (docs/api.md).
        if (path.startsWith("/api/"))
          expect(JSON.parse(text)).toEqual({ error: expect.stringMatching(/annan webbplats/) });
      }
    }
    // The same browser, same site: signs in as before.
    const sameSite = new Browser(app.url);
    const signIn = await sameSite.post("/logga-in", {
      email: "analytiker@haparanda.example",
      password: PASSWORD,
      next: "/app",
    });
    expect(signIn.status).toBe(302);
    const own = await analyst.fetch("/konto", {
      method: "POST",
      headers: { origin: app.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "token", label: "same-site", csrf: await analyst.csrf() }),
    });
    expect(own.status).toBe(200);
    // The public submission endpoint (an unknown survey: 404 from the endpoint, not 403 from the origin check).
    const submit = await fetch(`${app.url}/api/v1/surveys/no-such-survey/responses`, {
      method: "POST",
      headers: { origin: "http://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ id: crypto.randomUUID(), data: {} }),
    });
    expect(submit.status).toBe(404);
    await own.arrayBuffer();
    // An API token is not ambient authority: a client that holds one may send any Origin.
    const account = await app.open.db
      .selectFrom("account")
      .select("id")
      .where("email", "=", "analytiker@haparanda.example")
      .executeTakeFirstOrThrow();
    const token = await createApiToken({ db: app.open.db, accountId: account.id, label: "client-errors" });
    const bearer = await fetch(`${app.url}/api/v1/surveys`, {
      method: "POST",
      headers: { origin: "http://evil.example", authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({}),
    });
    expect(bearer.status).toBe(422);
    expectNoErrorLog(mark, "origin");
  });

  it("methods the app does not answer are 405 with Allow", async () => {
    const mark = errorLog.length;
    const http = await import("node:http");
    const { port } = new URL(app.url);
    for (const method of ["TRACE", "PROPFIND", "MKCOL", "LOCK", "CONNECT", "SEARCH"]) {
      for (const path of ["/", "/api/v1/surveys", "/lofte/haparanda"]) {
        const { status, allow } = await new Promise<{ status: number; allow: string | undefined }>(
          (resolve, reject) => {
            const req = http.request(
              { host: "127.0.0.1", port: Number(port), method, path: method === "CONNECT" ? "127.0.0.1:1" : path },
              (res) => {
                res.resume();
                resolve({ status: res.statusCode ?? 0, allow: res.headers.allow });
              },
            );
            // Node answers CONNECT through the 'connect' event: with no listener it closes the socket, a clean refusal.
            req.on("error", () => resolve({ status: 0, allow: undefined }));
            req.on("connect", (res, socket) => {
              socket.destroy();
              resolve({ status: res.statusCode ?? 0, allow: res.headers.allow });
            });
            req.setTimeout(5000, () => reject(new Error("timeout")));
            req.end();
          },
        );
        if (method === "CONNECT") {
          expect(status === 0 || (status >= 400 && status < 500), `${method} ${path}: ${status}`).toBe(true);
          continue;
        }
        expect(status, `${method} ${path}`).toBe(405);
        expect(allow).toMatch(/\bGET\b.*\bPOST\b/);
      }
    }
    expectNoErrorLog(mark, "methods");
  });

  it("anonymous ?_data= requests are answered without an error log line each", async () => {
    const mark = errorLog.length;
    const before = ENTRIES.length;
    const urls = [
      "/app/haparanda?_data=routes%2Fapp.%24kommun._index",
      `/app/haparanda/loften/${docId}?_data=routes%2Fapp.%24kommun.loften.%24id._index`,
      "/app/haparanda/loften/2147483648?_data=routes%2Fapp.%24kommun.loften.%24id._index",
      "/konto?_data=routes%2Fkonto",
      "/app?_data=routes%2Fapp._index",
      "/?_data=root",
      "/app/haparanda?_data=no-such-route",
      "/lofte/haparanda/2147483648?_data=routes%2Flofte.%24kommun.%24id",
    ];
    for (const url of urls) {
      const res = await fetch(app.url + url, { redirect: "manual" });
      await res.arrayBuffer();
      expect(res.status, url).toBeLessThan(500);
    }
    expectNoErrorLog(mark, "_data");
    // One request line each, and nothing else on the server's log.
    expect(ENTRIES.slice(before).map((e) => e.msg)).toEqual(urls.map(() => "request"));
  });

  it("every refusal above was one request line, none logged as an error", () => {
    expect(ENTRIES.filter((e) => e.level !== "info" || e.msg !== "request")).toEqual([]);
    expect(ENTRIES.filter((e) => Number(e.status) >= 500)).toEqual([]);
  });
});
