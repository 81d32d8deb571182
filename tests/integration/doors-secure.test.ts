// With secure cookies on (COOKIE_SECURE=true, the setting behind HTTPS): the session and CSRF cookies carry the
// __Host- prefix (Secure, Path=/, no Domain), so a sibling subdomain cannot plant or overwrite them, responses ask
// browsers to keep to HTTPS (HSTS), and signing in, forms and signing out work with the prefixed names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

// Read once by the app's environment module and per request by server.mjs; this file's process is its own.
process.env.COOKIE_SECURE = "true";

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
});
afterAll(async () => {
  delete process.env.COOKIE_SECURE;
  await app?.close();
});

describe(`secure cookies on ${testEngine()}`, () => {
  it("names the cookies __Host-, marks them Secure for Path=/ without a Domain, and sends HSTS", async () => {
    const first = await fetch(`${app.url}/logga-in`);
    expect(first.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    const csrf = first.headers.getSetCookie().find((c) => c.startsWith("__Host-td_csrf="));
    expect(csrf).toBeDefined();
    expect(csrf).toMatch(/; Secure/);
    expect(csrf).toMatch(/; Path=\//);
    expect(csrf).not.toMatch(/Domain=/i);
    expect(first.headers.getSetCookie().some((c) => c.startsWith("td_csrf="))).toBe(false);

    const b = new Browser(app.url);
    const res = await b.login("analytiker@haparanda.example", DEMO_PASSWORD);
    const session = res.headers.getSetCookie().find((c) => c.startsWith("__Host-td_session="));
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; Secure/);
    expect(session).not.toMatch(/Domain=/i);
    expect(b.cookies.has("td_session")).toBe(false);
  });

  it("signs in, accepts the session's forms, keeps pages out of caches and signs out with the prefixed names", async () => {
    const b = new Browser(app.url);
    await b.login("analytiker@haparanda.example", DEMO_PASSWORD);
    const dash = await b.fetch("/app/haparanda");
    expect(dash.status).toBe(200);
    expect(dash.headers.get("cache-control")).toMatch(/no-store/);
    expect((await b.post("/konto", { intent: "token", label: "secure" })).status).toBe(200);
    // A cookie without the prefix (as a subdomain could set) is not a session.
    const planted = new Browser(app.url);
    planted.cookies.set("td_session", b.cookies.get("__Host-td_session")!);
    expect((await planted.fetch("/app")).status).toBe(302);
    expect((await b.post("/logga-ut", {})).status).toBe(302);
    expect((await b.fetch("/app")).status).toBe(302);
  });
});
