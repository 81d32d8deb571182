// The doors into the signed-in part of the app, over real HTTP against the production build: redirects after sign-in
// stay on the site, the CSRF token belongs to one session, signed-in pages stay out of caches, absolute links come
// from PUBLIC_URL and not from the Host header, and an import is refused before its body is read. Secure-cookie
// behaviour (__Host- names, HSTS) is in doors-secure.test.ts.
import { describe, expect, it } from "vitest";
import http from "node:http";
import QRCode from "qrcode";
import { sql } from "kysely";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { testEngine } from "../support/test-db";
import { PUBLIC, app, sv, Client, setUpDoorsFixture } from "../support/doors-fixture";

setUpDoorsFixture();

describe(`doors on ${testEngine()}`, () => {
  // Each is a next= value as it would appear decoded from the query string or in the form's hidden field.
  const OFFSITE = [
    "/\\evil.example/x",
    "/%5Cevil.example/x",
    "/%255cevil.example/x",
    "/\t/evil.example",
    "/%09/evil.example",
    "/%0a%0d/evil.example",
    "//evil.example/x",
    "/%2F/evil.example",
    "///evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "\\\\evil.example",
    "/\u0000/evil.example",
  ];

  it("sends a signed-in user only to a same-site path, whatever ?next= says", async () => {
    const c = await new Client().signedIn("lasare@haparanda.example");
    for (const next of OFFSITE) {
      const res = await c.request(`/logga-in?next=${encodeURIComponent(next)}`);
      expect([res.status, res.headers.location], next).toEqual([302, "/app"]);
    }
    // The reported open-redirect URL (backslash after the slash), byte for byte.
    expect((await c.request("/logga-in?next=%2F%5Cevil.example%2Fx")).headers.location).toBe("/app");
    const ok = await c.request(`/logga-in?next=${encodeURIComponent("/app/haparanda?x=%C3%96%20y")}`);
    expect(ok.headers.location).toBe("/app/haparanda?x=%C3%96%20y");
  });

  it("ignores an off-site next in the sign-in form, and does not put one in its hidden field", async () => {
    const page = await new Client().request("/logga-in?next=%2F%5Cevil.example%2Fx");
    // (The query string itself stays in same-site links such as the language switch; only the field matters.)
    expect([...page.text.matchAll(/name="next" value="([^"]*)"/g)].map((m) => m[1])).toEqual(["/app"]);
    for (const next of OFFSITE) {
      const c = new Client();
      const res = await c.signIn("lasare@haparanda.example", DEMO_PASSWORD, next);
      expect([res.status, res.headers.location], next).toEqual([302, "/app"]);
    }
  });

  it("binds the CSRF token to the session: another session's token, a planted cookie or a pre-sign-in token gets 403", async () => {
    const tokens = async () =>
      (
        await app.open.db
          .selectFrom("api_token")
          .select(sql<number>`count(*)::int`.as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await tokens();
    const victim = await new Client().signedIn("analytiker@haparanda.example");
    const attacker = await new Client("127.0.0.9").signedIn("analytiker@kalix.example");
    const attackerToken = await attacker.csrf();
    // The attacker's valid token, sent with the victim's cookies.
    expect((await victim.post("/konto", { intent: "token", label: "evil" }, { csrf: attackerToken })).status).toBe(403);
    // A pre-session cookie the attacker planted (say from a sibling subdomain), with the token it stood for.
    const anon = new Client("127.0.0.9");
    const plantedToken = await anon.csrf();
    victim.cookies.set("td_csrf", anon.cookies.get("td_csrf")!);
    expect((await victim.post("/konto", { intent: "token", label: "evil" }, { csrf: plantedToken })).status).toBe(403);
    // A token handed out before sign-in stops working once signed in (the session is new, so is the token).
    const c = new Client();
    const preSignIn = await c.csrf();
    await c.signedIn("analytiker@haparanda.example");
    expect((await c.post("/konto", { intent: "token", label: "evil" }, { csrf: preSignIn })).status).toBe(403);
    expect(await tokens()).toBe(before);
    // The session's own token works.
    expect((await c.post("/konto", { intent: "token", label: "mine" })).status).toBe(200);
    // Every page masks it afresh (pages are compressed: a fixed secret beside echoed text would leak by size,
    // BREACH): two pages give different strings, and each is accepted.
    const page = async () => /name="csrf" value="([^"]+)"/.exec((await c.request("/")).text)![1]!;
    const [one, two] = [await page(), await page()];
    expect(one).not.toBe(two);
    expect((await c.post("/konto", { intent: "token", label: "one" }, { csrf: one })).status).toBe(200);
    expect((await c.post("/konto", { intent: "token", label: "two" }, { csrf: two })).status).toBe(200);
    // A token that is not a masked one (the bare HMAC) is refused.
    const bare = Buffer.from(one, "base64url");
    const unmaskedToken = Buffer.from(bare.subarray(0, 32).map((b, i) => b ^ bare[32 + i]!)).toString("base64url");
    expect((await c.post("/konto", { intent: "token", label: "bare" }, { csrf: unmaskedToken })).status).toBe(403);
    expect(await tokens()).toBe(before + 3);
  });

  it("keeps signed-in pages and their data out of caches, and sends no HSTS over plain http", async () => {
    const c = await new Client().signedIn("lasare@haparanda.example");
    for (const path of ["/app/haparanda", "/konto", "/konto.data", "/"]) {
      expect((await c.request(path)).headers["cache-control"], path).toMatch(/no-store/);
    }
    // Static files keep their own caching, signed in or not.
    expect((await c.request("/favicon.svg")).headers["cache-control"]).toMatch(/max-age=3600/);
    expect((await new Client().request("/")).headers["cache-control"] ?? "").not.toMatch(/no-store/);
    expect((await c.request("/")).headers["strict-transport-security"]).toBeUndefined();
  });

  it("builds invitation links, the poster's address and the QR code from PUBLIC_URL, never from the Host header", async () => {
    const evil = { host: "evil.example" };
    const c = await new Client().signedIn("analytiker@haparanda.example");
    const made = await c.post(
      `/app/haparanda/enkater/${sv.staff}/inbjudningar`,
      { intent: "counts", "count-school": "2" },
      { headers: evil },
    );
    expect(made.status).toBe(200);
    expect(made.text).not.toContain("evil.example");
    const links = [...made.text.matchAll(/https?:\/\/[^"\\\s]+\/i\/[A-Za-z0-9_-]+/g)].map((m) => m[0]);
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const l of links) expect(l.startsWith(`${PUBLIC}/i/`)).toBe(true);

    const poster = await new Client().request(`/e/${sv.citizen}/affisch`, { headers: evil });
    expect(poster.status).toBe(200);
    expect(poster.text).toContain(`${PUBLIC}/e/${sv.citizen}`);
    expect(poster.text).not.toContain("evil.example");

    const qr = await new Client().request(`/e/${sv.citizen}/qr.svg`, { headers: evil });
    const expected = await QRCode.toString(`${PUBLIC}/e/${sv.citizen}`, {
      type: "svg",
      errorCorrectionLevel: "M",
      margin: 2,
      color: { dark: "#000000", light: "#ffffff" },
    });
    expect(qr.text).toBe(expected);
  });

  it("refuses an import by a viewer or another kommun's analyst before reading the upload", async () => {
    for (const email of ["lasare@haparanda.example", "analytiker@kalix.example"]) {
      const c = await new Client().signedIn(email);
      // Announce 10 MB, send 64 KiB and then nothing: only a server that answers before reading the body replies.
      const status = await new Promise<number | "no answer">((resolve, reject) => {
        const url = new URL(app.url);
        const boundary = "----doors";
        const req = http.request({
          host: url.hostname,
          port: url.port,
          path: `/app/haparanda/enkater/${sv.citizen}/import`,
          method: "POST",
          headers: {
            cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
            "content-type": `multipart/form-data; boundary=${boundary}`,
            "content-length": String(10 * 1024 * 1024),
          },
        });
        const timer = setTimeout(() => {
          req.destroy();
          resolve("no answer");
        }, 5000);
        req.on("response", (res) => {
          clearTimeout(timer);
          res.resume();
          req.destroy();
          resolve(res.statusCode!);
        });
        req.on("error", (err) =>
          String(err).includes("socket hang up") || String(err).includes("ECONNRESET") ? undefined : reject(err),
        );
        req.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n` +
            "a;b\n".repeat(16 * 1024),
        );
      });
      expect(status, email).toBe(403);
    }
  });
});
