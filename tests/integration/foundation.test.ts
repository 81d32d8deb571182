import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
});
afterAll(async () => app?.close());

describe(`foundation on ${testEngine()}`, () => {
  it("runs on the engine the run asked for", () => {
    expect(app.open.kind).toBe(testEngine());
  });

  it("answers /healthz with 200 when the database is reachable", async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "reachable" });
  });

  it("the root loader sets the CSRF cookie on a first visit and the language cookie on ?lang=, and renders the locale", async () => {
    const res = await fetch(`${app.url}/?lang=en`);
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => /^(__Host-)?td_csrf=[^;]+/.test(c))).toBe(true);
    expect(cookies.some((c) => c.startsWith("td_lang=en;"))).toBe(true);
    expect(await res.text()).toMatch(/<html lang="en"/);
    // With the CSRF cookie already there, none is set again; without ?lang=, no language cookie.
    const again = await fetch(`${app.url}/`, { headers: { cookie: cookies.map((c) => c.split(";")[0]).join("; ") } });
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it("sets security headers on every response", async () => {
    const res = await fetch(`${app.url}/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    // The page's inline scripts carry the same nonce, or the browser would refuse them.
    const nonce = csp.match(/nonce-([^']+)/)![1];
    expect(await res.text()).toContain(`nonce="${nonce}"`);
  });

  it("seeding twice changes nothing", async () => {
    const count = async () =>
      (
        await sql<{ o: number; a: number; m: number }>`select (select count(*) from organisation)::int as o,
        (select count(*) from account)::int as a, (select count(*) from membership)::int as m`.execute(app.open.db)
      ).rows[0];
    const before = await count();
    await seedDemo({ db: app.open.db, withSurveys: false });
    expect(await count()).toEqual(before);
    expect(before!.o).toBe(8);
  });

  it("signs in, keeps the session in an httpOnly SameSite cookie, and signs out", async () => {
    const b = new Browser(app.url);
    const anon = await b.fetch("/app");
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toMatch(/^\/logga-in\?next=/);

    const res = await b.login("analytiker@haparanda.example", DEMO_PASSWORD);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("td_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const dash = await b.fetch("/app");
    expect(dash.status).toBe(200);
    expect(await dash.text()).toContain("Haparanda kommun");

    // The session is stored hashed: the cookie value itself is nowhere in the table.
    const token = b.cookies.get("td_session")!;
    const rows = await app.open.db.selectFrom("session").select("id_hash").execute();
    expect(rows.some((r) => r.id_hash === token)).toBe(false);

    const out = await b.post("/logga-ut", {});
    expect(out.status).toBe(302);
    b.cookies.set("td_session", token); // replaying the old cookie after logout must not work
    expect((await b.fetch("/app")).status).toBe(302);
  });

  it("rejects a state-changing form without the CSRF token and changes nothing", async () => {
    const b = new Browser(app.url);
    await b.login("analytiker@haparanda.example", DEMO_PASSWORD);
    const before = await app.open.db
      .selectFrom("api_token")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    const res = await b.post("/konto", { intent: "token", label: "evil" }, { csrf: false });
    expect(res.status).toBe(403);
    const forged = await b.post("/konto", { intent: "token", label: "evil", csrf: "x".repeat(32) }, { csrf: false });
    expect(forged.status).toBe(403);
    const after = await app.open.db
      .selectFrom("api_token")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // A sign-in form without the token is refused too (login CSRF).
    const anon = new Browser(app.url);
    expect((await anon.post("/logga-in", { email: "a@b.c", password: "x" }, { csrf: false })).status).toBe(403);
  });

  it("gives a new session id at sign-in (no fixation)", async () => {
    const b = new Browser(app.url);
    b.cookies.set("td_session", "planted-by-attacker");
    await b.login("analytiker@haparanda.example", DEMO_PASSWORD);
    expect(b.cookies.get("td_session")).not.toBe("planted-by-attacker");
  });

  it("throttles repeated failed sign-ins per account, even with the right password afterwards", async () => {
    const b = new Browser(app.url);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await b.post("/logga-in", { email: "lasare@haparanda.example", password: "wrong-password" })).status,
      );
    expect(statuses.slice(0, 4).every((s) => s === 401)).toBe(true);
    expect(statuses[5]).toBe(429);
    const right = await b.post("/logga-in", { email: "lasare@haparanda.example", password: DEMO_PASSWORD });
    expect(right.status).toBe(429);
    expect(right.headers.get("retry-after")).toMatch(/^\d+$/);
    // The throttle stores only hashes: neither the email nor an address appears.
    const keys = await app.open.db.selectFrom("login_throttle").select("key").execute();
    expect(keys.every((k) => !k.key.includes("lasare") && !k.key.includes("127.0.0.1"))).toBe(true);
  });

  it("changes a password and ends the other sessions", async () => {
    const a = new Browser(app.url);
    const other = new Browser(app.url);
    await a.login("redaktor@kalix.example", DEMO_PASSWORD);
    await other.login("redaktor@kalix.example", DEMO_PASSWORD);
    const bad = await a.post("/konto", { intent: "password", current: "not-it", next: "short" });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("Nuvarande lösenord stämmer inte");
    expect(html).toContain("minst 10 tecken");
    const ok = await a.post("/konto", { intent: "password", current: DEMO_PASSWORD, next: "a-new-long-password" });
    expect(ok.status).toBe(200);
    expect((await a.fetch("/app")).status).toBe(200);
    expect((await other.fetch("/app")).status).toBe(302);
    const again = new Browser(app.url);
    await again.login("redaktor@kalix.example", "a-new-long-password");
  });

  it("accepts a personal API token as Bearer, stores it hashed and honours revocation", async () => {
    const b = new Browser(app.url);
    await b.login("analytiker@kalix.example", DEMO_PASSWORD);
    const res = await b.post("/konto", { intent: "token", label: "R-skript" });
    const token = (await res.text()).match(/data-testid="new-token">(td_[A-Za-z0-9_-]+)</)![1]!;
    expect(token).toMatch(/^td_/);
    const stored = await app.open.db
      .selectFrom("api_token")
      .select(["id", "token_hash"])
      .where("label", "=", "R-skript")
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const authed = await fetch(`${app.url}/app`, { headers: { authorization: `Bearer ${token}` } });
    expect(authed.status).toBe(200);
    // Revoking asks for a tick first: without it nothing changes.
    const unticked = await b.post("/konto", { intent: "revoke", tokenId: String(stored.id) });
    expect(unticked.status).toBe(422);
    expect(await unticked.text()).toContain("Kryssa i att du förstår att nyckeln slutar fungera");
    expect((await fetch(`${app.url}/app`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await b.post("/konto", { intent: "revoke", tokenId: String(stored.id), confirm: "yes" })).status).toBe(200);
    const revoked = await fetch(`${app.url}/app`, {
      headers: { authorization: `Bearer ${token}` },
      redirect: "manual",
    });
    expect(revoked.status).toBe(302);
  });
});
