// Sessions over HTTP for every role of docs/roles.md: sign-in and sign-out, expiry, a disabled account and a removed
// role taking effect on the next request.
//
// Roles (Haparanda is the kommun under test; it lies in LPO Östra Norrbotten, in Polisregion Nord): see
// tests/support/access-fixture.ts.
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { sha256 } from "../../app/platform/crypto.server";
import { Browser } from "../support/app-server";
import { testEngine } from "../support/test-db";
import {
  RoleName,
  PASSWORD,
  app,
  actors,
  sv,
  row,
  all,
  matrix,
  count,
  setUpAccessFixture,
  signedIn,
  sessionRow,
} from "../support/access-fixture";

setUpAccessFixture();

describe(`sessions and CSRF on ${testEngine()}`, () => {
  it("POST /logga-in and POST /logga-ut for every role (each in a fresh browser)", async () => {
    const fresh = new Map<RoleName, Browser>();
    await matrix(
      "POST /logga-in (anonymous: a wrong password)",
      async (a) => {
        const b = new Browser(app.url);
        fresh.set(a.role, b);
        return b.post("/logga-in", {
          email: a.email ?? "nobody@access.example",
          password: a.email ? PASSWORD : "wrong-password",
          next: "/app",
        });
      },
      row(401, "->/app", "->/app", "->/app", "->/app", "->/app", "->/app", "->/app"),
    );
    await matrix("POST /logga-ut", (a) => fresh.get(a.role)!.post("/logga-ut", {}), all("->/"));
    for (const [role, b] of fresh)
      expect((await b.fetch("/app")).headers.get("location") ?? "", role).toMatch(/^\/logga-in\?next=/);
  });

  it("signs out: only with the CSRF token; the cookie is cleared and the old session is dead everywhere", async () => {
    const b = await signedIn("analyst");
    const token = b.cookies.get("td_session")!;
    expect((await b.post("/logga-ut", {}, { csrf: false })).status).toBe(403);
    expect((await b.fetch("/app")).status).toBe(200);
    const out = await b.post("/logga-ut", {});
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/");
    expect(out.headers.getSetCookie().find((c) => c.startsWith("td_session="))).toMatch(/Max-Age=0/i);
    expect(b.cookies.has("td_session")).toBe(false);
    expect(
      await app.open.db.selectFrom("session").select("id_hash").where("id_hash", "=", sha256(token)).executeTakeFirst(),
    ).toBeUndefined();
    b.cookies.set("td_session", token);
    expect((await b.fetch("/app")).headers.get("location")).toMatch(/^\/logga-in\?next=/);
    expect((await b.fetch(`/app/haparanda/enkater/${sv.hpOpen}`)).status).toBe(302);
    expect((await b.post(`/app/haparanda/enkater/${sv.hpOpen}`, { intent: "codes", count: "1" })).status).toBe(302);
    // With the dead cookie the API treats the caller as the public.
    expect((await b.fetch(`/api/v1/surveys/${sv.hpDraft}`)).status).toBe(404);
  });

  it("expires: a session past its time is refused on the next request and deleted", async () => {
    const b = await signedIn("analyst");
    expect((await b.fetch(`/api/v1/surveys/${sv.hpDraft}`)).status).toBe(200);
    const before = await count("access_code");
    await sql`update session set expires_at = now() - interval '1 minute' where id_hash = ${sha256(b.cookies.get("td_session")!)}`.execute(
      app.open.db,
    );
    expect((await b.fetch("/app")).headers.get("location")).toMatch(/^\/logga-in\?next=/);
    expect(await sessionRow(b)).toBeUndefined();
    expect(
      (await b.post(`/app/haparanda/enkater/${sv.hpOpen}`, { intent: "codes", count: "1" })).headers.get("location"),
    ).toMatch(/^\/logga-in/);
    expect((await b.fetch(`/api/v1/surveys/${sv.hpDraft}`)).status).toBe(404);
    expect(await count("access_code")).toBe(before);
  });

  it("follows the account: a disabled account and a removed role take effect on the next request", async () => {
    const viewer = await signedIn("viewer");
    expect((await viewer.fetch("/app/haparanda")).status).toBe(200);
    const account = await app.open.db
      .selectFrom("account")
      .select("id")
      .where("email", "=", actors.viewer.email!)
      .executeTakeFirstOrThrow();
    await app.open.db.deleteFrom("membership").where("account_id", "=", account.id).execute();
    expect((await viewer.fetch("/app/haparanda")).status).toBe(403);
    await app.open.db.updateTable("account").set({ disabled_at: new Date() }).where("id", "=", account.id).execute();
    expect((await viewer.fetch("/app")).status).toBe(302);
    expect(
      (
        await fetch(`${app.url}/app`, {
          headers: { authorization: `Bearer ${actors.viewer.token}` },
          redirect: "manual",
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await fetch(`${app.url}/api/v1/surveys/${sv.hpDraft}`, {
          headers: { authorization: `Bearer ${actors.viewer.token}` },
        })
      ).status,
    ).toBe(401);
  });
});
