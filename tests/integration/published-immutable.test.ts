// A published promise document is immutable in the database itself (migration 191000's triggers), not only in the
// model: direct SQL that changes a published document, its focus areas, figure links or promises is refused with a
// clear error, while the whole workflow (draft → approvals → fastställt → publicerat → revidera → publish the
// revision) and what follows publication (follow-up entries, comments) still work, and an edit through the page
// still shows the model's own message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { seedDemo } from "../../db/seed/index";
import { createPromiseDocument, versionInForce } from "../../app/features/promises/documents.server";
import { updateDocumentFields, updatePromise } from "../../app/features/promises/editing.server";
import { Immutable } from "../../app/features/promises/workflow.server";
import { approve, submitForReview } from "../../app/features/promises/review.server";
import { publish } from "../../app/features/promises/publishing.server";
import { revise } from "../../app/features/promises/revising.server";
import { startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";
import { organisationId } from "../support/kommun-surveys";
import { signInDemo } from "../support/sign-in";

const IMMUTABLE_SV = "Ett publicerat dokument kan inte ändras. Starta en revidering för att göra en ny version.";
let app: TestApp;
let haparandaId = 0;
const accounts = { kommun: 0, polis: 0 };
let publishedId = 0;

const db = () => app.open.db;

async function firstPromise(documentId: number) {
  return db()
    .selectFrom("promise as p")
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .selectAll("p")
    .select(["f.id as focusAreaId", "f.title as focusAreaTitle"])
    .where("f.document_id", "=", documentId)
    .orderBy("f.position")
    .orderBy("p.position")
    .executeTakeFirstOrThrow();
}

/** Everything of a document that the triggers protect, for before/after comparison. */
async function documentState(documentId: number) {
  const doc = await db()
    .selectFrom("promise_document")
    .selectAll()
    .where("id", "=", documentId)
    .executeTakeFirstOrThrow();
  const areas = await db()
    .selectFrom("focus_area")
    .selectAll()
    .where("document_id", "=", documentId)
    .orderBy("id")
    .execute();
  const ids = areas.map((a) => a.id);
  const promises = ids.length
    ? await db().selectFrom("promise").selectAll().where("focus_area_id", "in", ids).orderBy("id").execute()
    : [];
  const links = ids.length
    ? await db().selectFrom("figure_link").selectAll().where("focus_area_id", "in", ids).orderBy("id").execute()
    : [];
  return { doc, areas, promises, links };
}

/** The error a statement fails with (or null when it succeeds). */
async function failureOf(run: () => Promise<unknown>): Promise<{ code?: string; message: string } | null> {
  try {
    await run();
    return null;
  } catch (err) {
    const e = err as { code?: string; message: string };
    return { code: e.code, message: e.message };
  }
}

const quantityTarget = (quantity: number) => ({
  kind: "quantity" as const,
  quantity,
  per: "year" as const,
  comparator: "at_least" as const,
});

beforeAll(async () => {
  app = await startApp();
  // The seed creates published documents with their focus areas and promises in one transaction each: the
  // triggers must let that through.
  await seedDemo({ db: db(), withSurveys: false });
  haparandaId = await organisationId(db(), "haparanda");
  for (const [side, email] of [
    ["kommun", "redaktor@haparanda.example"],
    ["polis", "kommunpolis@ostranorrbotten.example"],
  ] as const)
    accounts[side] = (
      await db().selectFrom("account").select("id").where("email", "=", email).executeTakeFirstOrThrow()
    ).id;
  publishedId = (
    await db()
      .selectFrom("promise_document")
      .select("id")
      .where("kommun_id", "=", haparandaId)
      .where("status", "=", "publicerat")
      .orderBy("id")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => app?.close());

describe(`published promise documents are immutable in the database (${testEngine()})`, () => {
  it("refuses a direct SQL UPDATE of a published promise's text with a clear error and changes nothing", async () => {
    const before = await documentState(publishedId);
    const p = await firstPromise(publishedId);
    const failure = await failureOf(() =>
      sql`update promise set activity_text = 'Ändrad i smyg' where id = ${p.id}`.execute(db()),
    );
    expect(failure).not.toBeNull();
    expect(failure!.code).toBe("55000");
    expect(failure!.message).toBe(
      `published promise document ${publishedId} is immutable: UPDATE of promise ${p.id} refused`,
    );
    expect(await documentState(publishedId)).toEqual(before);
  });

  it("refuses every other change of a published document's text-bearing rows, and new rows in it", async () => {
    const before = await documentState(publishedId);
    const p = await firstPromise(publishedId);
    const attempts: [string, () => Promise<unknown>][] = [
      [
        "UPDATE of promise_document",
        () => db().updateTable("promise_document").set({ title: "Ny titel" }).where("id", "=", publishedId).execute(),
      ],
      [
        "UPDATE of promise_document",
        () =>
          db()
            .updateTable("promise_document")
            .set({ sections: JSON.stringify({ inledning: "Ny" }) })
            .where("id", "=", publishedId)
            .execute(),
      ],
      // Back to draft would reopen it for edits through the model.
      [
        "UPDATE of promise_document",
        () => db().updateTable("promise_document").set({ status: "utkast" }).where("id", "=", publishedId).execute(),
      ],
      ["DELETE of promise_document", () => db().deleteFrom("promise_document").where("id", "=", publishedId).execute()],
      [
        "UPDATE of focus_area",
        () =>
          db()
            .updateTable("focus_area")
            .set({ background: "Annan bakgrund" })
            .where("id", "=", p.focusAreaId)
            .execute(),
      ],
      ["DELETE of focus_area", () => db().deleteFrom("focus_area").where("id", "=", p.focusAreaId).execute()],
      [
        "INSERT of focus_area",
        () =>
          db().insertInto("focus_area").values({ document_id: publishedId, position: 99, title: "Smygande" }).execute(),
      ],
      [
        "UPDATE of promise",
        () =>
          db()
            .updateTable("promise")
            .set({ target: JSON.stringify(quantityTarget(1)) })
            .where("id", "=", p.id)
            .execute(),
      ],
      ["DELETE of promise", () => db().deleteFrom("promise").where("id", "=", p.id).execute()],
      [
        "INSERT of promise",
        () =>
          db()
            .insertInto("promise")
            .values({
              focus_area_id: p.focusAreaId,
              position: 99,
              responsible: JSON.stringify("polis"),
              activity_type: "trafikkontroll",
              target: JSON.stringify(quantityTarget(2)),
            })
            .execute(),
      ],
      [
        "INSERT of figure_link",
        () =>
          db()
            .insertInto("figure_link")
            .values({ focus_area_id: p.focusAreaId, position: 1, label: "Smygande siffra", href: "/x" })
            .execute(),
      ],
    ];
    for (const [what, run] of attempts) {
      const failure = await failureOf(run);
      expect(failure?.code, what).toBe("55000");
      expect(failure?.message, what).toContain(`published promise document ${publishedId} is immutable: ${what}`);
    }
    expect(await documentState(publishedId)).toEqual(before);
    // A statement touching only updated_at changes no text and is let through.
    await db().updateTable("promise_document").set({ updated_at: new Date() }).where("id", "=", publishedId).execute();
  });

  it("keeps what follows publication in its own tables writable: follow-up entries and comments", async () => {
    const p = await firstPromise(publishedId);
    const entry = await db()
      .insertInto("follow_up_entry")
      .values({ promise_id: p.id, done_on: "2025-03-01", quantity: 2, place: "Torget", created_by: accounts.kommun })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db()
      .updateTable("follow_up_entry")
      .set({ quantity: 3, updated_at: new Date() })
      .where("id", "=", entry.id)
      .execute();
    await db().deleteFrom("follow_up_entry").where("id", "=", entry.id).execute();
    await db()
      .insertInto("promise_comment")
      .values({ document_id: publishedId, promise_id: p.id, body: "Bra löfte", author_id: accounts.kommun })
      .execute();
  });

  it("lets an operator change a published document only on purpose, for one transaction", async () => {
    const p = await firstPromise(publishedId);
    await db()
      .transaction()
      .execute(async (trx) => {
        await sql`select set_config('td.allow_published_change', 'on', true)`.execute(trx);
        await trx.updateTable("promise").set({ description: "Rättat av driften" }).where("id", "=", p.id).execute();
      });
    expect((await firstPromise(publishedId)).description).toBe("Rättat av driften");
    // The permission ended with the transaction.
    expect(
      (await failureOf(() => db().updateTable("promise").set({ description: "" }).where("id", "=", p.id).execute()))
        ?.code,
    ).toBe("55000");
  });

  it("runs the whole workflow: draft → approvals → fastställt → publicerat → revidera → the revision published", async () => {
    const v1 = await createPromiseDocument({
      db: db(),
      input: {
        kommunId: haparandaId,
        lpoId: null,
        periodLabel: "2031",
        periodStart: "2031-01-01",
        periodEnd: "2031-12-31",
        title: "Haparandas löften 2031",
        sections: {},
        focusAreas: [
          {
            title: "Trafik",
            themes: ["traffic_safety"],
            background: "",
            promises: [{ responsible: "polis", activityType: "trafikkontroll", target: quantityTarget(4) }],
          },
        ],
      },
    });
    const scope = { db: db(), kommunId: haparandaId, documentId: v1 };
    const p1 = await firstPromise(v1);
    await updatePromise({
      ...scope,
      accountId: accounts.kommun,
      promiseId: p1.id,
      input: { responsible: "polis", partners: [], activityType: "trafikkontroll", target: quantityTarget(6) },
    });
    await submitForReview({ ...scope, accountId: accounts.kommun });
    expect(await approve({ ...scope, accountId: accounts.kommun, side: "kommun" })).toBe("granskning");
    expect(await approve({ ...scope, accountId: accounts.polis, side: "polis" })).toBe("faststallt");
    await publish({ ...scope, accountId: accounts.polis });
    const published = await documentState(v1);
    expect(published.doc.status).toBe("publicerat");

    // The model refuses first, with its own message: the database rule is never what an editor meets.
    const refused = updatePromise({
      ...scope,
      accountId: accounts.kommun,
      promiseId: p1.id,
      input: { responsible: "polis", partners: [], activityType: "trafikkontroll", target: quantityTarget(1) },
    });
    await expect(refused).rejects.toBeInstanceOf(Immutable);
    await expect(refused).rejects.toThrow(IMMUTABLE_SV);

    const v2 = await revise({ ...scope, accountId: accounts.kommun });
    const scope2 = { db: db(), kommunId: haparandaId, documentId: v2 };
    const p2 = await firstPromise(v2);
    expect(p2.revised_from_id).toBe(p1.id);
    await updatePromise({
      ...scope2,
      accountId: accounts.kommun,
      promiseId: p2.id,
      input: { responsible: "polis", partners: [], activityType: "trafikkontroll", target: quantityTarget(8) },
    });
    await updateDocumentFields({
      ...scope2,
      accountId: accounts.kommun,
      input: {
        title: "Haparandas löften 2031, reviderade",
        lead: "",
        periodLabel: "2031",
        periodStart: "2031-01-01",
        periodEnd: "2031-12-31",
        followUpDue: "",
        sections: {} as never,
      },
    });
    await submitForReview({ ...scope2, accountId: accounts.kommun });
    await approve({ ...scope2, accountId: accounts.polis, side: "polis" });
    expect(await approve({ ...scope2, accountId: accounts.kommun, side: "kommun" })).toBe("faststallt");
    await publish({ ...scope2, accountId: accounts.polis });

    expect((await documentState(v2)).doc.status).toBe("publicerat");
    expect((await firstPromise(v2)).target).toEqual(quantityTarget(8));
    expect(await versionInForce({ db: db(), documentId: v2 })).toMatchObject({ current: true, currentId: v2 });
    // The earlier version is untouched by its revision's whole life.
    expect(await documentState(v1)).toEqual(published);
    // And the revision is as immutable as the original once published.
    expect(
      (await failureOf(() => db().updateTable("promise").set({ activity_text: "x" }).where("id", "=", p2.id).execute()))
        ?.code,
    ).toBe("55000");
  });

  it("shows the editor the model's message, not the database's, for an edit of a published document through the page", async () => {
    const { kommun: editor } = await signInDemo(app.url, ["kommun"]);
    const p = await firstPromise(publishedId);
    const before = await documentState(publishedId);
    const res = await editor.post(`/app/haparanda/loften/${publishedId}`, {
      intent: "savePromise",
      promiseId: String(p.id),
      responsible: "polis",
      activityType: "trafikkontroll",
      activityText: "",
      places: "",
      targetKind: "quantity",
      quantity: "1",
      per: "year",
      atLeast: "on",
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(IMMUTABLE_SV);
    expect(html).not.toContain("is immutable");
    expect(await documentState(publishedId)).toEqual(before);
  });
});
