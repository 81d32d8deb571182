// Joint editing and sign-off of promise documents (docs/decisions/006-promise-sign-off-and-history.md), through the pages as the editors use them, on a real
// database: drafting from themes, approvals by both sides, withdrawal on edit, immutability after publishing,
// revision to a new version, comments and history, and the kommun boundary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { updatePromise } from "../../app/features/promises/editing.server";
import { Immutable } from "../../app/features/promises/workflow.server";
import { approve, submitForReview } from "../../app/features/promises/review.server";
import { createDraftDocument } from "../../app/features/promises/draft.server";
import { Conflict } from "../../app/platform/errors.server";
import { createMeeting } from "../../app/features/dialogue/meetings.server";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

const PASSWORD = "demo-endast-2026";
let app: TestApp;
const as: Record<"kommun" | "polis" | "analyst" | "viewer" | "admin" | "kalix", Browser> = {} as never;
let haparandaId = 0;

const promiseFields = (over: Record<string, string> = {}) => ({
  responsible: "polis",
  activityType: "trafikkontroll",
  activityText: "",
  places: "Torneåvägen, skolorna",
  targetKind: "quantity",
  quantity: "4",
  per: "year",
  atLeast: "on",
  ...over,
});

async function documentRow(id: number) {
  return app.open.db.selectFrom("promise_document").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
async function standingSides(id: number) {
  const rows = await app.open.db
    .selectFrom("promise_approval")
    .select("side")
    .where("document_id", "=", id)
    .where("withdrawn_at", "is", null)
    .orderBy("side")
    .execute();
  return rows.map((r) => r.side);
}
async function promisesOf(id: number) {
  return app.open.db
    .selectFrom("promise as p")
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .select(["p.id", "p.target", "f.id as focusAreaId"])
    .where("f.document_id", "=", id)
    .orderBy("p.id")
    .execute();
}

/** Creates a draft through the page as the kommun's editor; returns its id. */
async function newDraft(periodLabel: string, themes: string[]) {
  const body = new URLSearchParams({
    periodLabel,
    periodStart: `${periodLabel.slice(0, 4)}-01-01`,
    periodEnd: `${periodLabel.slice(-4)}-12-31`,
    title: "",
  });
  for (const t of themes) body.append("themes", t);
  body.set("csrf", await as.kommun.csrf());
  const res = await as.kommun.fetch("/app/haparanda/loften/ny", {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(res.status).toBe(302);
  return Number(res.headers.get("location")!.split("/").pop());
}

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
  haparandaId = (
    await app.open.db.selectFrom("organisation").select("id").where("slug", "=", "haparanda").executeTakeFirstOrThrow()
  ).id;
  const logins = {
    kommun: "redaktor@haparanda.example",
    polis: "kommunpolis@ostranorrbotten.example",
    analyst: "analytiker@haparanda.example",
    viewer: "lasare@haparanda.example",
    admin: "admin@trygghetsdialog.example",
    kalix: "redaktor@kalix.example",
  } as const;
  for (const [k, email] of Object.entries(logins)) {
    const b = new Browser(app.url);
    await b.login(email, PASSWORD);
    as[k as keyof typeof as] = b;
  }
});
afterAll(async () => app?.close());

describe(`promise workflow on ${testEngine()}`, () => {
  let docId = 0;
  let page = "";

  it("creates a draft for a period from chosen themes: one focus area per theme, for the kommun and its LPO", async () => {
    docId = await newDraft("2027–2028", ["traffic_safety", "nonsense", "youth"]);
    page = `/app/haparanda/loften/${docId}`;
    const doc = await documentRow(docId);
    expect(doc.status).toBe("utkast");
    expect(doc.kommun_id).toBe(haparandaId);
    const lpo = await app.open.db
      .selectFrom("organisation")
      .select("id")
      .where("slug", "=", "ostra-norrbotten")
      .executeTakeFirstOrThrow();
    expect(doc.lpo_id).toBe(lpo.id);
    expect(doc.period_start).toBe("2027-01-01");
    const areas = await app.open.db
      .selectFrom("focus_area")
      .selectAll()
      .where("document_id", "=", docId)
      .orderBy("position")
      .execute();
    expect(areas.map((a) => [a.title, a.themes])).toEqual([
      ["Trafiksäkerhet", ["traffic_safety"]],
      ["Unga och unga vuxna", ["youth"]],
    ]);
    const html = await (await as.viewer.fetch(page)).text();
    expect(html).toContain("Trafiksäkerhet");
  });

  it("refuses bad input with a message per field and changes nothing", async () => {
    const before = await promisesOf(docId);
    const [area] = await app.open.db
      .selectFrom("focus_area")
      .select("id")
      .where("document_id", "=", docId)
      .orderBy("position")
      .execute();
    const res = await as.kommun.post(page, {
      intent: "addPromise",
      focusAreaId: String(area!.id),
      ...promiseFields({ quantity: "-3", per: "decade", activityType: "nope" }),
    });
    expect(res.status).toBe(422);
    const body = await res.text();
    for (const f of ["quantity", "per", "activityType"]) expect(body).toContain(`new${area!.id}-${f}`);
    expect(await promisesOf(docId)).toEqual(before);
    const bad = await as.kommun.post("/app/haparanda/loften/ny", {
      periodLabel: "",
      periodStart: "2027-13-01",
      periodEnd: "2026-01-01",
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/periodLabel[\s\S]*periodStart/);
  });

  it("adds a structured promise rendered in the documents' style and counts it as measurable", async () => {
    const [area] = await app.open.db
      .selectFrom("focus_area")
      .select("id")
      .where("document_id", "=", docId)
      .orderBy("position")
      .execute();
    expect(
      (await as.kommun.post(page, { intent: "addPromise", focusAreaId: String(area!.id), ...promiseFields() })).status,
    ).toBe(200);
    expect(
      (
        await as.polis.post(page, {
          intent: "addPromise",
          focusAreaId: String(area!.id),
          ...promiseFields({ responsible: "kommun", activityType: "grannsamverkan", targetKind: "none", quantity: "" }),
        })
      ).status,
    ).toBe(200);
    const html = (await (await as.viewer.fetch(page)).text()).replaceAll("<!-- -->", "");
    expect(html).toContain(
      "Genomföra minst fyra (4) trafikkontroller per år på följande platser: Torneåvägen och skolorna.",
    );
    expect(html).toContain("1 av 2 löften är mätbara");
    expect(html).toContain(
      "Inte mätbart. Ange ett antal och en tidsram, t.ex. ”Starta minst två (2) grannsamverkansområden per år”",
    );
  });

  it("comments: analysts and editors on sections and promises; viewers may not", async () => {
    const [p] = await promisesOf(docId);
    expect(
      (
        await as.analyst.post(page, {
          intent: "comment",
          section: "problembild",
          body: "Lägg till siffran för mopeder.",
        })
      ).status,
    ).toBe(200);
    expect(
      (await as.polis.post(page, { intent: "comment", promiseId: String(p!.id), body: "Fyra räcker inte, sex?" }))
        .status,
    ).toBe(200);
    expect((await as.viewer.post(page, { intent: "comment", section: "inledning", body: "Får jag?" })).status).toBe(
      403,
    );
    expect((await as.analyst.post(page, { intent: "comment", section: "inledning", body: "" })).status).toBe(422);
    const comments = await app.open.db
      .selectFrom("promise_comment")
      .select(["section", "promise_id", "body"])
      .where("document_id", "=", docId)
      .orderBy("id")
      .execute();
    expect(comments).toEqual([
      { section: "problembild", promise_id: null, body: "Lägg till siffran för mopeder." },
      { section: null, promise_id: p!.id, body: "Fyra räcker inte, sex?" },
    ]);
    // Analysts read and comment but do not edit.
    expect((await as.analyst.post(page, { intent: "submit" })).status).toBe(403);
    expect((await documentRow(docId)).status).toBe("utkast");
  });

  it("needs both sides' approvals; an edit after an approval withdraws it; an admin cannot approve", async () => {
    expect((await as.kommun.post(page, { intent: "approve", side: "kommun" })).status).toBe(409); // not under review yet
    expect((await as.kommun.post(page, { intent: "submit" })).status).toBe(200);
    expect((await documentRow(docId)).status).toBe("granskning");

    expect((await as.admin.post(page, { intent: "approve", side: "polis" })).status).toBe(403);
    expect((await as.kommun.post(page, { intent: "approve", side: "polis" })).status).toBe(403); // not their side
    expect(await standingSides(docId)).toEqual([]);

    expect((await as.kommun.post(page, { intent: "approve" })).status).toBe(200);
    expect(await standingSides(docId)).toEqual(["kommun"]);
    expect((await documentRow(docId)).status).toBe("granskning");

    // The police editor changes the target: the kommun's approval is withdrawn.
    const [p] = await promisesOf(docId);
    expect(
      (
        await as.polis.post(page, {
          intent: "savePromise",
          promiseId: String(p!.id),
          ...promiseFields({ quantity: "6" }),
        })
      ).status,
    ).toBe(200);
    expect(await standingSides(docId)).toEqual([]);
    // Saving the same values again is no change and withdraws nothing.
    expect((await as.kommun.post(page, { intent: "approve" })).status).toBe(200);
    expect(
      (
        await as.polis.post(page, {
          intent: "savePromise",
          promiseId: String(p!.id),
          ...promiseFields({ quantity: "6" }),
        })
      ).status,
    ).toBe(200);
    expect(await standingSides(docId)).toEqual(["kommun"]);

    expect((await as.polis.post(page, { intent: "approve" })).status).toBe(200);
    expect(await standingSides(docId)).toEqual(["kommun", "polis"]);
    expect((await documentRow(docId)).status).toBe("faststallt");

    // An edit of a fastställt document withdraws both approvals and sends it back to review.
    expect(
      (
        await as.kommun.post(page, {
          intent: "saveDocument",
          title: "Medborgarlöften Haparanda 2027–2028",
          lead: "",
          periodLabel: "2027–2028",
          periodStart: "2027-01-01",
          periodEnd: "2028-12-31",
          followUpDue: "2029-02-28",
          "sections.inledning": "Polisen och kommunen lovar.",
        })
      ).status,
    ).toBe(200);
    expect(await standingSides(docId)).toEqual([]);
    expect((await documentRow(docId)).status).toBe("granskning");
    expect((await as.kommun.post(page, { intent: "publish", confirm: "yes" })).status).toBe(409);
    expect((await as.kommun.post(page, { intent: "approve" })).status).toBe(200);
    expect((await as.polis.post(page, { intent: "approve" })).status).toBe(200);
    expect((await documentRow(docId)).status).toBe("faststallt");
  });

  it("publishes; a published version is immutable in the model and through the page", async () => {
    expect((await as.analyst.post(page, { intent: "publish", confirm: "yes" })).status).toBe(403);
    expect((await as.polis.post(page, { intent: "publish", confirm: "yes" })).status).toBe(200);
    const published = await documentRow(docId);
    expect(published.status).toBe("publicerat");
    expect(published.published_at).not.toBeNull();
    const [p] = await promisesOf(docId);
    const before = await promisesOf(docId);
    await expect(
      updatePromise({
        db: app.open.db,
        kommunId: haparandaId,
        documentId: docId,
        accountId: 1,
        promiseId: p!.id,
        input: {
          responsible: "polis",
          partners: [],
          activityType: "trafikkontroll",
          target: { kind: "quantity", quantity: 1, per: "year", comparator: "at_least" },
        },
      }),
    ).rejects.toBeInstanceOf(Immutable);
    expect(
      (
        await as.kommun.post(page, {
          intent: "savePromise",
          promiseId: String(p!.id),
          ...promiseFields({ quantity: "1" }),
        })
      ).status,
    ).toBe(409);
    expect((await as.kommun.post(page, { intent: "addFocusArea", title: "Nytt" })).status).toBe(409);
    expect(await promisesOf(docId)).toEqual(before);
    expect((await documentRow(docId)).updated_at).toEqual(published.updated_at);
    // The public page and the API show it.
    const pub = await fetch(`${app.url}/lofte/haparanda/${docId}`);
    expect(pub.status).toBe(200);
    expect(await pub.text()).toContain("Genomföra minst sex (6) trafikkontroller per år");
  });

  it("revises into a new version that supersedes the published one; the public page says which is in force", async () => {
    const res = await as.kommun.post(page, { intent: "revise" });
    expect(res.status).toBe(302);
    const v2 = Number(res.headers.get("location")!.split("/").pop());
    const doc2 = await documentRow(v2);
    expect([doc2.status, doc2.version, doc2.supersedes_id]).toEqual(["utkast", 2, docId]);
    expect((await promisesOf(v2)).length).toBe(2);
    // Revising again leads to the same open revision.
    expect((await as.polis.post(page, { intent: "revise" })).headers.get("location")).toBe(
      `/app/haparanda/loften/${v2}`,
    );
    // Until v2 is published, version 1 is the one in force.
    let list = (await (await fetch(`${app.url}/api/v1/promises?kommun=haparanda`)).json()) as {
      documents: { id: number; version: number; current: boolean }[];
    };
    expect(list.documents.find((d) => d.id === docId)?.current).toBe(true);
    expect(list.documents.some((d) => d.id === v2)).toBe(false);

    const p2 = `/app/haparanda/loften/${v2}`;
    const [p] = await promisesOf(v2);
    expect(
      (
        await as.kommun.post(p2, {
          intent: "savePromise",
          promiseId: String(p!.id),
          ...promiseFields({ quantity: "8" }),
        })
      ).status,
    ).toBe(200);
    for (const [who, intent] of [
      ["kommun", "submit"],
      ["kommun", "approve"],
      ["polis", "approve"],
      ["polis", "publish"],
    ] as const) {
      expect(
        (await as[who].post(p2, { intent, ...(intent === "publish" ? { confirm: "yes" } : {}) })).status,
        `${who} ${intent}`,
      ).toBe(200);
    }
    list = (await (await fetch(`${app.url}/api/v1/promises?kommun=haparanda`)).json()) as typeof list;
    expect(list.documents.find((d) => d.id === v2)).toMatchObject({ version: 2, current: true, supersedesId: docId });
    expect(
      ((await (await fetch(`${app.url}/api/v1/promises/${v2}`)).json()) as { supersedesId: number }).supersedesId,
    ).toBe(docId);
    expect(list.documents.find((d) => d.id === docId)).toMatchObject({ version: 1, current: false });
    const oldPage = await (await fetch(`${app.url}/lofte/haparanda/${docId}`)).text();
    expect(oldPage).toContain("Ersatt av version 2");
    const newPage = await (await fetch(`${app.url}/lofte/haparanda/${v2}`)).text();
    expect(newPage).toContain("Version 2 gäller");
    expect(newPage).toContain("Genomföra minst åtta (8) trafikkontroller per år");
    // The new version's history says what changed since version 1, field by field.
    const since = await (await as.viewer.fetch(`${p2}/historik`)).text();
    expect(since).toContain("Ändringar sedan version 1");
    expect(since).toMatch(/<del>minst 6 per år<\/del> → <ins>minst 8 per år<\/ins>/);
  });

  it("keeps a history of who changed what, with a word-level diff and field-by-field targets", async () => {
    const html = await (await as.viewer.fetch(`${page}/historik`)).text();
    expect(html).toContain("Pia Kommunpolis");
    expect(html).toMatch(/<del>minst 4 per år<\/del> → <ins>minst 6 per år<\/ins>/);
    expect(html).toContain("<ins>Polisen och kommunen lovar.</ins>");
    expect(html).toContain("Godkännanden återkallade");
    expect(html).toContain("Fastställt → publicerat");
  });

  it("drafts from the problembild's ranking: the background is built from the figures, which stay linked after a rewrite", async () => {
    for (const [heldOn, themes] of [
      ["2026-03-02", ["drugs_andt", "youth"]],
      ["2026-05-10", ["drugs_andt"]],
    ] as const) {
      await createMeeting({
        db: app.open.db,
        kommunId: haparandaId,
        accountId: null,
        input: {
          kind: "medborgardialog",
          heldOn,
          place: "Centrum",
          participants: { boende: 12 },
          notes: "",
          themes: themes.map((theme) => ({ theme, raisedBy: 1, votes: null })),
        },
      });
    }
    const form = await (await as.kommun.fetch("/app/haparanda/loften/ny?themes=drugs_andt")).text();
    expect(form).not.toContain("inte tillgänglig");
    expect(form).toMatch(/2 av 2 möten/);
    const id = await newDraft("2029–2030", ["drugs_andt"]);
    const [area] = await app.open.db.selectFrom("focus_area").selectAll().where("document_id", "=", id).execute();
    expect(area!.background).toMatch(/kommer på plats 1 av \d+ teman i problembilden för Haparanda kommun\./);
    expect(area!.background).toMatch(/2 av 2 möten[^.]* tog upp/);
    const links = await app.open.db
      .selectFrom("figure_link")
      .select(["label", "href"])
      .where("focus_area_id", "=", area!.id)
      .orderBy("position")
      .execute();
    expect(links.length).toBeGreaterThanOrEqual(1);
    expect(links[0]!.href).toBe("/app/haparanda/moten");
    expect(area!.background).toContain(links[0]!.label);
    expect(((await documentRow(id)).sections as Record<string, string>).problembild).toMatch(
      /^Problembilden för Haparanda kommun rangordnar \d+ teman\. Löftena svarar mot narkotika/,
    );
    // The editor rewrites the background entirely; the figures stay linked on the page.
    const p = `/app/haparanda/loften/${id}`;
    expect(
      (
        await as.kommun.post(p, {
          intent: "saveFocusArea",
          focusAreaId: String(area!.id),
          title: "Narkotika",
          themes: "drugs_andt",
          background: "Egen text utan siffror.",
        })
      ).status,
    ).toBe(200);
    const html = await (await as.viewer.fetch(p)).text();
    expect(html).toContain("Egen text utan siffror.");
    expect(html).toContain(`href="/app/haparanda/moten"`);
    expect(
      (await app.open.db.selectFrom("figure_link").select("id").where("focus_area_id", "=", area!.id).execute()).length,
    ).toBe(links.length);
  });

  it("lets an analyst start a draft from themes but not edit it; a viewer may do neither", async () => {
    const b = new URLSearchParams({
      periodLabel: "2031",
      periodStart: "2031-01-01",
      periodEnd: "2031-12-31",
      themes: "youth",
    });
    const post = async (who: Browser) => {
      b.set("csrf", await who.csrf());
      return who.fetch("/app/haparanda/loften/ny", {
        method: "POST",
        body: b,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    };
    const before = await app.open.db.selectFrom("promise_document").select("id").execute();
    expect((await post(as.viewer)).status).toBe(403);
    expect((await app.open.db.selectFrom("promise_document").select("id").execute()).length).toBe(before.length);
    const res = await post(as.analyst);
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("location")!.split("/").pop());
    const [area] = await app.open.db
      .selectFrom("focus_area")
      .select(["id", "title"])
      .where("document_id", "=", id)
      .execute();
    expect(area!.title).toBe("Unga och unga vuxna");
    expect(
      (
        await as.analyst.post(`/app/haparanda/loften/${id}`, {
          intent: "saveFocusArea",
          focusAreaId: String(area!.id),
          title: "Ändrat",
          themes: "",
          background: "",
        })
      ).status,
    ).toBe(403);
    expect(
      (await app.open.db.selectFrom("focus_area").select("title").where("id", "=", area!.id).executeTakeFirstOrThrow())
        .title,
    ).toBe("Unga och unga vuxna");
  });

  it("refuses an edit of something another editor changed since the page was loaded; other parts stay editable", async () => {
    const id = await newDraft("2032–2033", ["traffic_safety"]);
    const p = `/app/haparanda/loften/${id}`;
    const [area] = await app.open.db.selectFrom("focus_area").select("id").where("document_id", "=", id).execute();
    for (const q of ["2", "3"])
      expect(
        (
          await as.kommun.post(p, {
            intent: "addPromise",
            focusAreaId: String(area!.id),
            ...promiseFields({ quantity: q }),
          })
        ).status,
      ).toBe(200);
    const [first, second] = await promisesOf(id);
    const baseOf = async (b: Browser) => /name="baseRevision" value="(\d+)"/.exec(await (await b.fetch(p)).text())![1]!;
    const kommunBase = await baseOf(as.kommun);
    // The police editor changes the first promise after the kommun's editor opened the page.
    expect(
      (
        await as.polis.post(p, {
          intent: "savePromise",
          promiseId: String(first!.id),
          baseRevision: await baseOf(as.polis),
          ...promiseFields({ quantity: "10" }),
        })
      ).status,
    ).toBe(200);
    const stale = await as.kommun.post(p, {
      intent: "savePromise",
      promiseId: String(first!.id),
      baseRevision: kommunBase,
      ...promiseFields({ quantity: "5" }),
    });
    expect(stale.status).toBe(422);
    expect(await stale.text()).toContain("Någon annan har ändrat detta sedan du öppnade sidan");
    expect((await promisesOf(id))[0]!.target).toMatchObject({ quantity: 10 });
    // The second promise and the document's own text were not touched by the police editor: those edits go through.
    expect(
      (
        await as.kommun.post(p, {
          intent: "savePromise",
          promiseId: String(second!.id),
          baseRevision: kommunBase,
          ...promiseFields({ quantity: "7" }),
        })
      ).status,
    ).toBe(200);
    expect((await promisesOf(id))[1]!.target).toMatchObject({ quantity: 7 });
    expect(
      (
        await as.kommun.post(p, {
          intent: "saveDocument",
          baseRevision: kommunBase,
          title: "Konflikttest",
          periodLabel: "2032–2033",
          periodStart: "2032-01-01",
          periodEnd: "2033-12-31",
        })
      ).status,
    ).toBe(200);
    expect((await documentRow(id)).title).toBe("Konflikttest");
  });

  it("shows a conflict (409) in the editor in place, inside the layout with its navigation, and offers a reload", async () => {
    const id = await newDraft("2036–2037", ["traffic_safety"]);
    const p = `/app/haparanda/loften/${id}`;
    // The police editor sends the draft for review; the kommun's editor, on a page loaded before, does the same.
    expect((await as.polis.post(p, { intent: "submit" })).status).toBe(200);
    const late = await as.kommun.post(p, { intent: "submit" });
    expect(late.status).toBe(409);
    const html = await late.text();
    expect(html).toContain('class="area-error"');
    expect(html).toContain("Någon annan ändrade det här samtidigt");
    expect(html).toContain("Bara ett utkast kan skickas på granskning");
    expect(html).toContain(`href="${p}"`);
    // The layout stays: the site's header and its main navigation are there, around the message.
    expect(html).toMatch(/<nav[^>]*class="main-nav"/);
    expect(html).toContain('href="/konto"');
  });

  it("needs two people: one account cannot approve for both sides", async () => {
    const accountId = (
      await app.open.db
        .selectFrom("account")
        .select("id")
        .where("email", "=", "redaktor@haparanda.example")
        .executeTakeFirstOrThrow()
    ).id;
    const id = await createDraftDocument({
      db: app.open.db,
      kommunId: haparandaId,
      accountId,
      input: {
        title: "",
        periodLabel: "2034",
        periodStart: "2034-01-01",
        periodEnd: "2034-12-31",
        themes: [],
        survey: "",
      },
      focusAreas: [],
    });
    const scope = { db: app.open.db, kommunId: haparandaId, documentId: id, accountId };
    await submitForReview(scope);
    expect(await approve({ ...scope, side: "kommun" })).toBe("granskning");
    await expect(approve({ ...scope, side: "polis" })).rejects.toBeInstanceOf(Conflict);
    expect(await standingSides(id)).toEqual(["kommun"]);
    expect((await documentRow(id)).status).toBe("granskning");
  });

  it("keeps other kommuner out: 403 for their users, 404 under another kommun's address", async () => {
    expect((await as.kalix.fetch(page)).status).toBe(403);
    expect((await as.kalix.post(page, { intent: "comment", section: "inledning", body: "Hej" })).status).toBe(403);
    expect((await as.kalix.fetch(`/app/kalix/loften/${docId}`)).status).toBe(404);
    expect((await as.kalix.post(`/app/kalix/loften/${docId}`, { intent: "revise" })).status).toBe(404);
    expect((await as.kalix.fetch(`${page}/historik`)).status).toBe(403);
    expect((await as.kalix.fetch("/app/haparanda/loften")).status).toBe(403);
    const kalixList = await (await as.kalix.fetch("/app/kalix/loften")).text();
    expect(kalixList).not.toContain("Medborgarlöften Haparanda 2027–2028");
  });
});
