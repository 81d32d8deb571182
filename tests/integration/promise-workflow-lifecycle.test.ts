// Joint editing and sign-off of promise documents (docs/decisions/006-promise-sign-off-and-history.md), through the
// pages as the editors use them, on a real database: one document's life from a draft built from themes, through
// approvals by both sides, withdrawal on edit, immutability after publishing, revision to a new version, comments
// and history, to the kommun boundary.
import { describe, expect, it } from "vitest";
import { updatePromise } from "../../app/features/promises/editing.server";
import { Immutable } from "../../app/features/promises/workflow.server";
import { testEngine } from "../support/test-db";
import {
  app,
  as,
  haparandaId,
  promiseFields,
  documentRow,
  standingSides,
  promisesOf,
  newDraft,
  savePromise,
  focusAreasOf,
  setUpPromiseWorkflowFixture,
} from "../support/promise-workflow-fixture";

setUpPromiseWorkflowFixture();

const RESIDENT_TEXT =
  "Många av er har sagt att ni känner er otrygga i centrum på kvällarna. Därför lovar vi att vara där oftare.";

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
    const [area] = await focusAreasOf(docId);
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
    const [area] = await focusAreasOf(docId);
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
    expect((await savePromise(as.polis, page, p!.id, { quantity: "6" })).status).toBe(200);
    expect(await standingSides(docId)).toEqual([]);
    // Saving the same values again is no change and withdraws nothing.
    expect((await as.kommun.post(page, { intent: "approve" })).status).toBe(200);
    expect((await savePromise(as.polis, page, p!.id, { quantity: "6" })).status).toBe(200);
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
          "sections.invanare": RESIDENT_TEXT,
          "sections.problembild": "Andelen otrygga i centrum kvällstid var 41 % (±2) av de svarande (haparanda-2026).",
        })
      ).status,
    ).toBe(200);
    // The editors see the plain-language check of the text for residents before they publish.
    const editorPage = await (await as.kommun.fetch(page)).text();
    expect(editorPage).toMatch(/Klarspråkskontroll(<!-- -->)?: <\/strong>LIX \d+ \(lättläst\)/);
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
    expect((await savePromise(as.kommun, page, p!.id, { quantity: "1" })).status).toBe(409);
    expect((await as.kommun.post(page, { intent: "addFocusArea", title: "Nytt" })).status).toBe(409);
    expect(await promisesOf(docId)).toEqual(before);
    expect((await documentRow(docId)).updated_at).toEqual(published.updated_at);
    // The public page and the API show it: the text for residents first, the drafted evidence folded away.
    const pub = await fetch(`${app.url}/lofte/haparanda/${docId}`);
    expect(pub.status).toBe(200);
    const html = await pub.text();
    expect(html).toContain("Genomföra minst sex (6) trafikkontroller per år");
    const background = html.indexOf(RESIDENT_TEXT);
    expect(background).toBeGreaterThan(html.indexOf("<h2>Bakgrund</h2>"));
    expect(html.indexOf("<summary>Underlaget: problembilden från analysen</summary>")).toBeGreaterThan(background);
    expect(html).toContain("Andelen otrygga i centrum kvällstid");
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
    expect((await savePromise(as.kommun, p2, p!.id, { quantity: "8" })).status).toBe(200);
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
