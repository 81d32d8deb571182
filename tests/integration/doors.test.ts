// The doors into the signed-in part of the app, over real HTTP against the production build: redirects after sign-in
// stay on the site, the CSRF token belongs to one session, absolute links come from PUBLIC_URL and not from the Host
// header, an import is refused before its body is read, sign-in throttling locks out the guesser rather than the
// person guessed at (and admins see lock-outs), the current-password check is throttled, a password change revokes
// API tokens, and idle sessions end. Requests come from several loopback addresses (127.0.0.x) to play distinct
// sources. Secure-cookie behaviour (__Host- names, HSTS) is in doors-secure.test.ts.
import http from "node:http";
import QRCode from "qrcode";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { DEMO_PROFILES, standardCitizenDefinition } from "../../db/seed/synthetic";
import { buildStandardSurvey, DEFAULT_UNITS } from "../../app/features/surveys/domain/question-bank";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { sha256 } from "../../app/platform/crypto.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

// Read once by the app's environment module, which this test file's process loads fresh.
const PUBLIC = "https://trygghet.example.se";
process.env.PUBLIC_URL = PUBLIC;
process.env.LOGIN_MAX_FAILURES_ACCOUNT = "12";

let app: TestApp;
const sv = { staff: "", citizen: "" };

type Reply = { status: number; headers: http.IncomingHttpHeaders; text: string };

/** A cookie-keeping client over node:http that can send from a chosen loopback address and with any Host header. */
class Client {
  cookies = new Map<string, string>();
  private token = { key: "", value: "" };
  constructor(readonly from = "127.0.0.1") {}

  request(
    path: string,
    { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Reply> {
    const url = new URL(app.url + path);
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (body !== undefined) h["content-length"] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          headers: h,
          localAddress: this.from,
        },
        (res) => {
          for (const c of res.headers["set-cookie"] ?? []) {
            const [k, ...v] = c.split(";")[0]!.split("=");
            if (/max-age=0/i.test(c)) this.cookies.delete(k!);
            else this.cookies.set(k!, v.join("="));
          }
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }),
          );
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** The CSRF token as a page shows it in its hidden field (sign-out form when signed in, else the sign-in form). */
  async csrf(): Promise<string> {
    const key = [...this.cookies].map(([k, v]) => `${k}=${v}`).join(";");
    if (this.token.key === key && this.token.value) return this.token.value;
    for (const page of ["/", "/logga-in"]) {
      const m = /name="csrf" value="([^"]+)"/.exec((await this.request(page)).text);
      if (m) {
        this.token = { key: [...this.cookies].map(([k, v]) => `${k}=${v}`).join(";"), value: m[1]! };
        return m[1]!;
      }
    }
    throw new Error("no CSRF token");
  }

  async post(
    path: string,
    fields: Record<string, string>,
    { csrf, headers = {} }: { csrf?: string; headers?: Record<string, string> } = {},
  ) {
    const body = new URLSearchParams({ ...fields, csrf: csrf ?? (await this.csrf()) }).toString();
    return this.request(path, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    });
  }

  signIn(email: string, password = DEMO_PASSWORD, next = "/app") {
    return this.post("/logga-in", { email, password, next });
  }

  async signedIn(email: string) {
    const res = await this.signIn(email);
    if (res.status !== 302) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
    return this;
  }
}

const sessionCookie = (c: Client) => c.cookies.get("td_session");

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
  const db = app.open.db;
  const haparanda = (await getOrganisationBySlug({ db, slug: "haparanda" }))!;
  const staff = await createSurvey({
    db,
    kommunId: haparanda.id,
    kommunSlug: "haparanda",
    period: "2031",
    kind: "medarbetardialog",
    title: "Medarbetardialog 2031",
    definition: buildStandardSurvey({ kind: "medarbetardialog", areas: [], units: DEFAULT_UNITS }),
  });
  await setSurveyStatus({ db, surveyId: staff.id, status: "open" });
  const citizen = await createSurvey({
    db,
    kommunId: haparanda.id,
    kommunSlug: "haparanda",
    period: "2031",
    kind: "medborgarenkat",
    title: "Trygghet 2031",
    definition: standardCitizenDefinition(DEMO_PROFILES.haparanda!),
  });
  await setSurveyStatus({ db, surveyId: citizen.id, status: "open" });
  sv.staff = staff.slug;
  sv.citizen = citizen.slug;
});
afterAll(async () => app?.close());

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
    expect(await tokens()).toBe(before + 1);
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
    const mine = () =>
      app.open.db
        .selectFrom("session")
        .select("last_seen_at")
        .where("id_hash", "=", sha256(sessionCookie(c)!));
    const setIdle = (hours: number) =>
      app.open.db
        .updateTable("session")
        .set({ last_seen_at: new Date(Date.now() - hours * 3600_000) })
        .where("id_hash", "=", sha256(sessionCookie(c)!))
        .execute();
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
    const mine = () =>
      app.open.db
        .selectFrom("session")
        .select("last_seen_at")
        .where("id_hash", "=", sha256(sessionCookie(c)!))
        .executeTakeFirstOrThrow();
    const idleSince = new Date(Date.now() - 2 * 3600_000);
    await app.open.db
      .updateTable("session")
      .set({ last_seen_at: idleSince })
      .where("id_hash", "=", sha256(sessionCookie(c)!))
      .execute();
    expect((await c.request(`/e/${sv.citizen}`)).status).toBe(200);
    expect((await c.request("/i/not-a-real-token")).status).toBeLessThan(500);
    expect(new Date((await mine()).last_seen_at).getTime()).toBe(idleSince.getTime());
  });
});
