// One promise document in force per kommun and period (docs/decisions/012-one-document-in-force.md), over HTTP and in
// the database itself: publishing a second document for a period already covered asks to replace the one in force,
// the replaced one is superseded everywhere (lists, public page, follow-up dashboard), the database refuses a second
// one past the model, and of two publishes at once exactly one wins.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { todayInSweden } from "../../app/features/promises/domain/follow-up-progress";
import { createPeriodDocument, policeQuantityArea } from "../support/promise-documents";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";
import { organisationId } from "../support/kommun-surveys";
import { signInDemo } from "../support/sign-in";

let app: TestApp;
let editor: Browser;
let viewer: Browser;
let haparandaId = 0;

type ApiList = {
  documents: { id: number; version: number; current: boolean; inForce: boolean; supersedesId: number | null }[];
};

/** A document signed by both sides (fastställt), ready to publish. */
const signedDocument = (title: string, periodStart: string, periodEnd: string) =>
  createPeriodDocument(app.open.db, {
    kommunId: haparandaId,
    periodStart,
    periodEnd,
    title,
    status: "faststallt",
    focusAreas: [policeQuantityArea("Närvaro", "police_presence", "fotpatrullering", 1, "week")],
  });

const statusOf = async (id: number) =>
  await app.open.db
    .selectFrom("promise_document")
    .select(["status", "supersedes_id", "version"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
const publishedCount = async (ids: number[]) =>
  (
    await app.open.db
      .selectFrom("promise_document")
      .select("id")
      .where("id", "in", ids)
      .where("status", "=", "publicerat")
      .execute()
  ).length;
const list = async () => (await (await fetch(`${app.url}/api/v1/promises?kommun=haparanda`)).json()) as ApiList;
const sqlState = (err: unknown) => (err as { code?: string }).code;

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
  haparandaId = await organisationId(app.open.db, "haparanda");
  ({ kommun: editor, viewer } = await signInDemo(app.url, ["kommun", "viewer"]));
});
afterAll(async () => app?.close());

describe(`one promise document in force per kommun and period on ${testEngine()}`, () => {
  const year = Number(todayInSweden().slice(0, 4));
  let first = 0;
  let second = 0;

  it("publishing asks for an explicit confirmation; without it nothing is published (422)", async () => {
    first = await signedDocument("Haparandas första löften i år", `${year}-01-01`, `${year}-12-31`);
    const page = await (await editor.fetch(`/app/haparanda/loften/${first}`)).text();
    expect(page).toContain("Publiceringen kan inte ångras");
    expect(page).toMatch(/<input type="checkbox" id="publish-confirm" name="confirm"[^>]*required/);
    const res = await editor.post(`/app/haparanda/loften/${first}`, { intent: "publish" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("publish-confirm");
    expect((await statusOf(first)).status).toBe("faststallt");
    expect((await editor.post(`/app/haparanda/loften/${first}`, { intent: "publish", confirm: "yes" })).status).toBe(
      200,
    );
    expect((await statusOf(first)).status).toBe("publicerat");
  });

  it("a second document for an overlapping period must say it replaces the one in force, which is then superseded", async () => {
    second = await signedDocument("Haparandas nya löften", `${year}-07-01`, `${year + 1}-12-31`);
    const path = `/app/haparanda/loften/${second}`;
    // The form says what publishing would replace, before anyone presses it.
    const page = await (await editor.fetch(path)).text();
    expect(page).toContain("För perioden gäller redan ”Haparandas första löften i år”");
    expect(page).toContain(`name="replace" value="${first}"`);
    // Confirmed, but not as a replacement (a page loaded before the first was published): refused, nothing changes.
    const refused = await editor.post(path, { intent: "publish", confirm: "yes" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Haparandas första löften i år");
    expect((await statusOf(second)).status).toBe("faststallt");
    expect((await list()).documents.find((d) => d.id === first)?.current).toBe(true);

    expect((await editor.post(path, { intent: "publish", confirm: "yes", replace: String(first) })).status).toBe(200);
    expect(await statusOf(second)).toEqual({ status: "publicerat", supersedes_id: first, version: 2 });
    const docs = (await list()).documents;
    expect(docs.find((d) => d.id === second)).toMatchObject({ current: true, inForce: true, supersedesId: first });
    expect(docs.find((d) => d.id === first)).toMatchObject({ current: false, inForce: false });
    expect(docs.filter((d) => d.inForce).map((d) => d.id)).toEqual([second]);
    // The public pages agree: the old one points to the new one, which says it is in force.
    expect(await (await fetch(`${app.url}/lofte/haparanda/${first}`)).text()).toContain("Ersatt av version 2");
    expect(await (await fetch(`${app.url}/lofte/haparanda/${second}`)).text()).toContain("Version 2 gäller");
    // The follow-up dashboard shows the one in force, not the replaced one.
    const dashboard = await (await viewer.fetch("/app/haparanda/uppfoljning")).text();
    expect(dashboard).toContain("Haparandas nya löften");
    expect(dashboard).not.toContain("Haparandas första löften i år");
  });

  it("the database itself refuses a second document in force for an overlapping period, past the model", async () => {
    const third = await signedDocument("Förbi modellen", `${year + 1}-01-01`, `${year + 1}-12-31`);
    let err: unknown;
    await app.open.db
      .updateTable("promise_document")
      .set({ status: "publicerat", published_at: new Date() })
      .where("id", "=", third)
      .execute()
      .catch((e: unknown) => (err = e));
    expect(sqlState(err)).toBe("23P01");
    expect((await statusOf(third)).status).toBe("faststallt");
    // Inserting one already published is refused too; a period that overlaps nothing in force is fine.
    const insert = (start: string, end: string) =>
      createPeriodDocument(app.open.db, {
        kommunId: haparandaId,
        periodLabel: start.slice(0, 4),
        periodStart: start,
        periodEnd: end,
        title: "Direkt",
        status: "publicerat",
      });
    err = undefined;
    await insert(`${year + 1}-12-31`, `${year + 3}-12-31`).catch((e: unknown) => (err = e));
    expect(sqlState(err)).toBe("23P01");
    // The replaced document may not be "replaced" again by another, either: it is no longer in force.
    err = undefined;
    await app.open.db
      .updateTable("promise_document")
      .set({ status: "publicerat", supersedes_id: first })
      .where("id", "=", third)
      .execute()
      .catch((e: unknown) => (err = e));
    expect(sqlState(err)).toBe("23P01");
    expect(await insert(`${year + 10}-01-01`, `${year + 10}-12-31`)).toBeGreaterThan(0);
  });

  it("two publishes at once for one period: exactly one wins, the other is refused with 409", async () => {
    const a = await signedDocument("Samtidigt A", `${year + 20}-01-01`, `${year + 21}-12-31`);
    const b = await signedDocument("Samtidigt B", `${year + 21}-01-01`, `${year + 22}-12-31`);
    const { polis: other } = await signInDemo(app.url, ["polis"]);
    await other.fetch("/");
    await editor.fetch("/");
    const statuses = await Promise.all([
      editor.post(`/app/haparanda/loften/${a}`, { intent: "publish", confirm: "yes" }).then((r) => r.status),
      other.post(`/app/haparanda/loften/${b}`, { intent: "publish", confirm: "yes" }).then((r) => r.status),
    ]);
    expect(statuses.sort()).toEqual([200, 409]);
    expect(await publishedCount([a, b])).toBe(1);
  });

  it("two transactions publishing past the model at once: the database lets only the first commit", async () => {
    const a = await signedDocument("Rått A", `${year + 30}-01-01`, `${year + 30}-12-31`);
    const b = await signedDocument("Rått B", `${year + 30}-06-01`, `${year + 31}-12-31`);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstUpdated!: () => void;
    const updated = new Promise<void>((r) => (firstUpdated = r));
    const t1 = app.open.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("promise_document")
        .set({ status: "publicerat", published_at: new Date() })
        .where("id", "=", a)
        .execute();
      firstUpdated();
      await held;
    });
    await updated;
    const t2 = app.open.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable("promise_document")
          .set({ status: "publicerat", published_at: new Date() })
          .where("id", "=", b)
          .execute();
      })
      .then(
        () => "committed",
        (e: unknown) => sqlState(e),
      );
    // The second waits for the first (PostgreSQL: the trigger's lock; PGlite: one connection), then sees it.
    await new Promise((r) => setTimeout(r, 300));
    release();
    await t1;
    expect(await t2).toBe("23P01");
    expect(await publishedCount([a, b])).toBe(1);
    expect((await statusOf(a)).status).toBe("publicerat");
  });

  it("rows from before the rule that overlap are resolved the same way whatever order they come in", async () => {
    const db = app.open.db;
    const mk = (title: string, publishedAt: string) =>
      db.transaction().execute(async (trx) => {
        await sql`alter table promise_document disable trigger promise_document_one_in_force`.execute(trx);
        const { id } = await trx
          .insertInto("promise_document")
          .values({
            kommun_id: haparandaId,
            period_label: "1999",
            period_start: "1999-01-01",
            period_end: "1999-12-31",
            title,
            status: "publicerat",
            published_at: new Date(publishedAt),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await sql`alter table promise_document enable trigger promise_document_one_in_force`.execute(trx);
        return id;
      });
    // Both version 1 of the same period; the later published is the one in force, though it has the lower id.
    const later = await mk("Gammal dubblett, senare", "1999-03-01T12:00:00Z");
    const earlier = await mk("Gammal dubblett, tidigare", "1999-01-15T12:00:00Z");
    for (let i = 0; i < 3; i++) {
      const docs = (await list()).documents;
      expect(docs.find((d) => d.id === later)?.current).toBe(true);
      expect(docs.find((d) => d.id === earlier)?.current).toBe(false);
    }
    expect(await (await fetch(`${app.url}/lofte/haparanda/${earlier}`)).text()).toContain("Ersatt av version 1");
  });
});
