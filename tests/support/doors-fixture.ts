// The doors tests' shared world (doors-*.test.ts): the app with PUBLIC_URL set and a lower account lock-out limit,
// Haparanda's open staff and citizen surveys, and a cookie-keeping client over node:http that can send from a
// chosen loopback address (127.0.0.x, to play distinct sources) and with any Host header.
import { afterAll, beforeAll } from "vitest";
import http from "node:http";
import { seedDemo } from "../../db/seed/index";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { DEMO_PROFILES, standardCitizenDefinition } from "../../db/seed/synthetic";
import { buildStandardSurvey, DEFAULT_UNITS } from "../../app/features/surveys/domain/question-bank";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { sha256 } from "../../app/platform/crypto.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { startApp, type TestApp } from "./app-server";

// Read once by the app's environment module, which this test file's process loads fresh.
export const PUBLIC = "https://trygghet.example.se";
process.env.PUBLIC_URL = PUBLIC;
process.env.LOGIN_MAX_FAILURES_ACCOUNT = "12";

export let app: TestApp;
export const sv = { staff: "", citizen: "" };

export type Reply = { status: number; headers: http.IncomingHttpHeaders; text: string };

/** A cookie-keeping client over node:http that can send from a chosen loopback address and with any Host header. */
export class Client {
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

export const sessionCookie = (c: Client) => c.cookies.get("td_session");

/** Registers the file's set-up: the demo seed and an open staff survey and citizen survey of Haparanda. */
export function setUpDoorsFixture() {
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
}

/** The stored session of a client's cookie (a query to execute). */
export const sessionOf = (c: Client) =>
  app.open.db
    .selectFrom("session")
    .select("last_seen_at")
    .where("id_hash", "=", sha256(sessionCookie(c)!));
/** Dates a client's session as last seen at `at`. */
export const setLastSeen = (c: Client, at: Date) =>
  app.open.db
    .updateTable("session")
    .set({ last_seen_at: at })
    .where("id_hash", "=", sha256(sessionCookie(c)!))
    .execute();
