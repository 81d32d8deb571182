// Sessions over real HTTP against the production build: a password change revokes API tokens and other sessions,
// idle sessions end, and public survey and invitation pages leave a session's last-seen time alone.
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { testEngine } from "../support/test-db";
import { app, sv, Client, sessionOf, setLastSeen, setUpDoorsFixture } from "../support/doors-fixture";

setUpDoorsFixture();

describe(`doors on ${testEngine()}`, () => {
  it("revokes API tokens and other sessions on a password change, keeps this session, and says so", async () => {
    const c = await new Client().signedIn("kommunpolis@ostranorrbotten.example");
    const other = await new Client().signedIn("kommunpolis@ostranorrbotten.example");
    expect((await c.request("/konto")).text).toContain("alla dina API-nycklar återkallas");
    const made = await c.post("/konto", { intent: "token", label: "script" });
    const token = /data-testid="new-token">(td_[A-Za-z0-9_-]+)</.exec(made.text)![1]!;
    const api = () => fetch(`${app.url}/app`, { headers: { authorization: `Bearer ${token}` }, redirect: "manual" });
    expect((await api()).status).toBe(200);
    const changed = await c.post("/konto", {
      intent: "password",
      current: DEMO_PASSWORD,
      next: "another-long-password",
    });
    expect(changed.status).toBe(200);
    expect((await api()).status).toBe(302);
    expect(
      await app.open.db
        .selectFrom("api_token")
        .select("id")
        .where("label", "=", "script")
        .where("revoked_at", "is", null)
        .execute(),
    ).toEqual([]);
    expect((await c.request("/app")).status).toBe(200);
    expect((await other.request("/app")).status).toBe(302);
  });

  it("ends a session after eight idle hours and slides the idle time with use", async () => {
    const c = await new Client().signedIn("analytiker@kalix.example");
    const mine = () => sessionOf(c);
    const setIdle = (hours: number) => setLastSeen(c, new Date(Date.now() - hours * 3600_000));
    await setIdle(7);
    expect((await c.request("/app")).status).toBe(200);
    expect(new Date((await mine().executeTakeFirstOrThrow()).last_seen_at).getTime()).toBeGreaterThan(
      Date.now() - 60_000,
    );
    await setIdle(9);
    const res = await c.request("/app");
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^\/logga-in/);
    expect(await mine().execute()).toEqual([]);
  });

  it("leaves a session's last-seen time alone on public survey and invitation pages (it would date an answer)", async () => {
    const c = await new Client().signedIn("analytiker@kalix.example");
    const mine = () => sessionOf(c).executeTakeFirstOrThrow();
    const idleSince = new Date(Date.now() - 2 * 3600_000);
    await setLastSeen(c, idleSince);
    expect((await c.request(`/e/${sv.citizen}`)).status).toBe(200);
    expect((await c.request("/i/not-a-real-token")).status).toBeLessThan(500);
    expect(new Date((await mine()).last_seen_at).getTime()).toBe(idleSince.getTime());
  });
});
