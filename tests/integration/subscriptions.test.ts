// E-mail subscriptions (docs/domain/feedback-to-citizens.md) against a real SMTP server started here (smtp-server):
// double opt-in, an update mailed only to confirmed subscribers, one-click unsubscribe (RFC 8058) without cookies,
// bounces (a 5xx refusal deletes the subscription, a 4xx is tried again), unconfirmed addresses purged, and no
// address in the app's log, the outbox's errors or the pages.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { deliverMail } from "../../app/features/promises/mail-outbox.server";
import { smtpTransport, type MailTransport } from "../../app/platform/mail.server";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";
import { organisationId } from "../support/kommun-surveys";
import { createPeriodDocument, policeQuantityArea } from "../support/promise-documents";

type Received = { to: string[]; raw: string; text: string; headers: string };
const received: Received[] = [];
let smtp: SMTPServer;
let transport: MailTransport;
let app: TestApp;
const logs: string[] = [];
let docId = 0;
let promiseId = 0;
let doneOn = "";

/** The body of a text mail as a reader sees it: quoted-printable undone, bytes as UTF-8. */
function decode(raw: string): { headers: string; text: string } {
  const [head, ...rest] = raw.split("\r\n\r\n");
  const body = rest.join("\r\n\r\n");
  const qp = /quoted-printable/i.test(head!);
  const text = qp
    ? Buffer.from(
        body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        "latin1",
      ).toString("utf8")
    : body;
  return { headers: head!.replace(/\r\n\s+/g, " "), text };
}

const tokenIn = (text: string) => /prenumeration\?token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];
const rows = () => app.open.db.selectFrom("subscription").selectAll().orderBy("id").execute();
const outbox = () => app.open.db.selectFrom("mail_outbox").selectAll().orderBy("id").execute();
const deliver = () => deliverMail({ db: app.open.db, transport });

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith("finns-inte@"))
        return cb(Object.assign(new Error("No such user"), { responseCode: 550 }));
      if (address.address.startsWith("senare@"))
        return cb(Object.assign(new Error("Try later"), { responseCode: 451 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("latin1");
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, ...decode(raw) });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  transport = smtpTransport(`smtp://127.0.0.1:${port}`, "Trygghetsdialog <no-reply@trygg.example.se>");
  app = await startApp({ log: (e) => logs.push(JSON.stringify(e)) });
  await seedDemo({ db: app.open.db, withSurveys: false });
  const doc = await app.open.db
    .selectFrom("promise_document as d")
    .innerJoin("organisation as k", "k.id", "d.kommun_id")
    .select(["d.id", "d.period_start"])
    .where("k.slug", "=", "kalix")
    .where("d.status", "=", "publicerat")
    .orderBy("d.period_start", "desc")
    .executeTakeFirstOrThrow();
  docId = doc.id;
  doneOn = doc.period_start;
  promiseId = (
    await app.open.db
      .selectFrom("promise as p")
      .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
      .select("p.id")
      .where("f.document_id", "=", docId)
      .orderBy("p.id")
      .executeTakeFirstOrThrow()
  ).id;
});

afterAll(async () => {
  transport?.close();
  await app?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

async function subscribe(email: string, path = "/lofte/kalix/prenumerera") {
  const b = new Browser(app.url);
  return b.post(path, { email });
}

describe(`e-mail subscriptions on ${testEngine()}`, () => {
  it("refuses a bad address or a form from elsewhere, and stores nothing", async () => {
    for (const email of ["", "inte-en-adress", "a@b", `${"x".repeat(250)}@example.se`]) {
      const res = await subscribe(email);
      expect(res.status, email).toBe(422);
      expect(await res.text()).toMatch(/href="#email"/);
    }
    const forged = await new Browser(app.url).post(
      "/lofte/kalix/prenumerera",
      { email: "a@example.se" },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    expect(await rows()).toEqual([]);
    expect(await outbox()).toEqual([]);
    expect((await subscribe("a@example.se", "/lofte/ingen-kommun/prenumerera")).status).toBe(404);
  });

  it("confirms by the mailed link before it sends anything else, then mails a public update with one-click unsubscribe", async () => {
    const res = await subscribe("  Anna.Andersson@Example.se ");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Om adressen inte redan prenumererar");
    const [sub] = await rows();
    expect(sub).toMatchObject({ email: "anna.andersson@example.se", confirmed_at: null, document_id: null });
    expect(await deliver()).toEqual({ sent: 1, retried: 0, dropped: 0 });
    expect(await outbox()).toEqual([]);
    const confirm = received.at(-1)!;
    expect(confirm.to).toEqual(["anna.andersson@example.se"]);
    expect(confirm.headers).toMatch(/Subject: .*=\?UTF-8\?|Subject: Bekräfta/);
    const token = tokenIn(confirm.text)!;
    expect(token).toBe(sub!.token);

    // Asking again before confirming: no second mail within the hour; the page says the same.
    expect((await subscribe("anna.andersson@example.se")).status).toBe(200);
    expect(await outbox()).toEqual([]);

    // An update made public before the confirmation is not mailed to this address.
    const editor = new Browser(app.url);
    await editor.login("redaktor@kalix.example", "demo-endast-2026");
    const add = (text: string) =>
      editor.post(`/app/kalix/loften/${docId}/uppfoljning`, {
        intent: "add",
        promiseId: String(promiseId),
        doneOn,
        quantity: "1",
        note: "Internt: 3 timmar övertid.",
        public: "on",
        publicNote: text,
      });
    expect((await add("Vi satte upp ny belysning i Töre.")).status).toBe(302);
    expect(await outbox()).toEqual([]);

    // The link in a browser: a page with a button (a link checker's GET changes nothing), then confirmed.
    const reader = new Browser(app.url);
    const page = await reader.fetch(`/lofte/kalix/prenumeration?token=${token}`);
    const html = await page.text();
    expect(html).toContain("inte bekräftad");
    expect(html).not.toContain("anna.andersson@example.se");
    expect((await rows())[0]!.confirmed_at).toBeNull();
    const confirmed = await reader.post(`/lofte/kalix/prenumeration?token=${token}`, { intent: "confirm" });
    expect(confirmed.status).toBe(200);
    expect((await rows())[0]!.confirmed_at).not.toBeNull();
    // Asking again once confirmed sends nothing.
    await subscribe("anna.andersson@example.se");
    expect(await outbox()).toEqual([]);

    // The next public update reaches the subscriber once, with its text and never the internal note.
    expect((await add("Polisen gick fotpatrull i Kalix centrum på fredagskvällen.")).status).toBe(302);
    const queued = await outbox();
    expect(queued).toHaveLength(1);
    expect(await deliver()).toEqual({ sent: 1, retried: 0, dropped: 0 });
    const update = received.at(-1)!;
    expect(update.to).toEqual(["anna.andersson@example.se"]);
    expect(update.text).toContain("Polisen gick fotpatrull i Kalix centrum på fredagskvällen.");
    expect(update.text).not.toContain("Internt");
    expect(update.headers).toContain(`List-Unsubscribe: <http://localhost:3000/lofte/kalix/avsluta?token=${token}>`);
    expect(update.headers).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

    // One click in the mail program: a POST with no cookies and no form token ends it and deletes the address.
    const oneClick = await fetch(`${app.url}/lofte/kalix/avsluta?token=${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    expect(await rows()).toEqual([]);
    // Again (a second click): still fine, nothing to end.
    expect((await fetch(`${app.url}/lofte/kalix/avsluta?token=${token}`, { method: "POST" })).status).toBe(200);
    expect((await reader.fetch(`/lofte/kalix/prenumeration?token=${token}`)).status).toBe(404);
    expect((await add("Ännu en uppdatering.")).status).toBe(302);
    expect(await outbox()).toEqual([]);
  });

  it("deletes a subscription whose address is refused, tries a passing failure again, and purges the unconfirmed", async () => {
    await subscribe("finns-inte@example.se");
    await subscribe("senare@example.se");
    await subscribe("glomd@example.se");
    expect(await deliver()).toEqual({ sent: 1, retried: 1, dropped: 1 });
    const left = await rows();
    expect(left.map((r) => r.email).sort()).toEqual(["glomd@example.se", "senare@example.se"]);
    const [waiting] = await outbox();
    expect(waiting).toMatchObject({ to_address: "senare@example.se", attempts: 1, last_error: "SMTP 451" });
    expect(new Date(waiting!.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing is tried.
    expect(await deliver()).toEqual({ sent: 0, retried: 0, dropped: 0 });
    // Unconfirmed for more than seven days: the address is deleted, with its waiting mail.
    await sql`update subscription set created_at = now() - interval '8 days'`.execute(app.open.db);
    await deliver();
    expect(await rows()).toEqual([]);
    expect(await outbox()).toEqual([]);
  });

  it("mails the kommun's subscribers when promises are published; those who followed the replaced version follow the new one", async () => {
    const kalix = await organisationId(app.open.db, "kalix");
    const haparanda = await organisationId(app.open.db, "haparanda");
    const confirmed = new Date();
    const subscription = (email: string, kommunId: number, documentId: number | null, at: Date | null) => ({
      email,
      kommun_id: kommunId,
      document_id: documentId,
      token: randomBytes(32).toString("base64url"),
      confirmed_at: at,
    });
    await app.open.db
      .insertInto("subscription")
      .values([
        subscription("hela-kommunen@example.se", kalix, null, confirmed),
        subscription("foljer-dokumentet@example.se", kalix, docId, confirmed),
        subscription("obekraftad@example.se", kalix, null, null),
        subscription("annan-kommun@example.se", haparanda, null, confirmed),
      ])
      .execute();
    const old = await app.open.db
      .selectFrom("promise_document")
      .select(["period_label", "period_start", "period_end"])
      .where("id", "=", docId)
      .executeTakeFirstOrThrow();
    const next = await createPeriodDocument(app.open.db, {
      kommunId: kalix,
      periodLabel: old.period_label,
      periodStart: old.period_start,
      periodEnd: old.period_end,
      title: "Kalix löften, reviderade",
      status: "faststallt",
      focusAreas: [policeQuantityArea("Närvaro", "police_presence", "fotpatrullering", 1, "week")],
    });
    // Signed but not yet published: nobody hears of it.
    expect(await outbox()).toEqual([]);
    const editor = new Browser(app.url);
    await editor.login("redaktor@kalix.example", "demo-endast-2026");
    const published = await editor.post(`/app/kalix/loften/${next}`, {
      intent: "publish",
      confirm: "yes",
      replace: String(docId),
    });
    expect(published.status).toBe(200);
    const queued = await outbox();
    expect(queued.map((m) => m.to_address).sort()).toEqual([
      "foljer-dokumentet@example.se",
      "hela-kommunen@example.se",
    ]);
    expect(await deliver()).toEqual({ sent: 2, retried: 0, dropped: 0 });
    const mails = received.slice(-2);
    for (const mail of mails) {
      expect(mail.text).toContain("Kalix löften, reviderade");
      expect(mail.text).toContain(`/lofte/kalix/${next}`);
      expect(mail.headers).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    }
    expect(mails.find((m) => m.to[0] === "foljer-dokumentet@example.se")!.text).toContain("ny version");
    // The follower's subscription now follows the new version, so its next update reaches them.
    const follower = (await rows()).find((r) => r.email === "foljer-dokumentet@example.se");
    expect(follower?.document_id).toBe(next);
    await app.open.db.deleteFrom("subscription").execute();
  });

  it("writes no address into the app's log", () => {
    expect(logs.join("\n")).not.toMatch(/@example\.se/);
  });
});
