// Sign-in throttling over real HTTP against the production build: it locks out the guesser rather than the person
// guessed at, admins see lock-outs, and the current-password check is throttled too. Requests come from several
// loopback addresses (127.0.0.x) to play distinct sources.
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { testEngine } from "../support/test-db";
import { app, Client, setUpDoorsFixture } from "../support/doors-fixture";

setUpDoorsFixture();

describe(`doors on ${testEngine()}`, () => {
  it("locks a guesser out of one account from its own address only; the owner and an office stay in", async () => {
    const attacker = new Client("127.0.0.2");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await attacker.signIn("redaktor@haparanda.example", "wrong-password")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Even the right password does not help the guesser now.
    const locked = await attacker.signIn("redaktor@haparanda.example");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(14 * 60);
    // The owner, from another address, signs in as usual.
    expect((await new Client("127.0.0.1").signIn("redaktor@haparanda.example")).status).toBe(302);

    // Twenty failures from one office address (mistyped or unknown accounts) do not lock a colleague out.
    const office = "127.0.0.3";
    for (let i = 0; i < 20; i++)
      expect((await new Client(office).signIn(`colleague${i}@haparanda.example`, "typo")).status).toBe(401);
    expect((await new Client(office).signIn("analytiker@haparanda.example")).status).toBe(302);
  });

  it("locks the account everywhere only after many failures from many addresses, and each repeat lock lasts longer", async () => {
    const email = "redaktor@kalix.example";
    // 5 + 5 from two addresses: both pairs locked, the account not yet (limit 12 in this file).
    for (const from of ["127.0.0.4", "127.0.0.5"])
      for (let i = 0; i < 5; i++) await new Client(from).signIn(email, "wrong");
    expect((await new Client("127.0.0.1").signIn(email)).status).toBe(302);
    // The owner's success above started the account's count afresh; three more addresses take it over its limit,
    // and then it is locked from everywhere, the owner's address too.
    for (const [from, n] of [
      ["127.0.0.6", 5],
      ["127.0.0.11", 5],
      ["127.0.0.12", 2],
    ] as const)
      for (let i = 0; i < n; i++) await new Client(from).signIn(email, "wrong");
    expect((await new Client("127.0.0.1").signIn(email)).status).toBe(429);

    // When a pair's lock has run out, the next lock for that pair lasts twice as long.
    await app.open.db.deleteFrom("login_throttle").where("key", "like", "account:%").execute();
    await app.open.db
      .updateTable("login_throttle")
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where("key", "like", "pair:%")
      .where("lock_count", ">", 0)
      .execute();
    const again = new Client("127.0.0.4");
    for (let i = 0; i < 5; i++) await again.signIn(email, "wrong");
    const second = await again.signIn(email);
    expect(second.status).toBe(429);
    expect(Number(second.headers["retry-after"])).toBeGreaterThan(29 * 60);
  });

  it("shows admins who is locked out, since when and how many failures, without addresses; others see nothing", async () => {
    for (let i = 0; i < 5; i++) await new Client("127.0.0.8").signIn("lasare@haparanda.example", "wrong");
    const admin = await new Client().signedIn("admin@trygghetsdialog.example");
    const page = (await admin.request("/app/haparanda")).text;
    expect(page).toContain("Spärrade inloggningar");
    const row = page.slice(page.indexOf("lasare@haparanda.example"));
    expect(page).toContain("lasare@haparanda.example");
    expect(row).toMatch(/<td class="num">5<\/td>/);
    expect(row).toContain("Från 1 adress(er)");
    expect(page).not.toMatch(/127\.0\.0\.\d/);
    const analyst = await new Client().signedIn("analytiker@haparanda.example");
    expect((await analyst.request("/app/haparanda")).text).not.toContain("Spärrade inloggningar");
    // The stored rows name the account but hold no address or email in clear.
    const rows = await app.open.db.selectFrom("login_throttle").select(["key"]).execute();
    expect(rows.every((r) => !/127\.0\.0|@/.test(r.key))).toBe(true);
  });

  it("throttles the current-password check on /konto like sign-in", async () => {
    const c = await new Client("127.0.0.10").signedIn("analytiker@ostranorrbotten.example");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await c.post("/konto", { intent: "password", current: "not-it", next: "a-new-long-password" })).status,
      );
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
    const right = await c.post("/konto", { intent: "password", current: DEMO_PASSWORD, next: "a-new-long-password" });
    expect(right.status).toBe(429);
    expect(right.headers["retry-after"]).toMatch(/^\d+$/);
  });
});
