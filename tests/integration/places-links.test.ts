// Places linked to what happens there (docs/domain/places.md, "What happens in a zone") over HTTP on a real
// database: meetings and walk findings, promises and åtgärdsplan measures name a zone of their kommun, chosen in the
// existing forms; another kommun's zone is refused with 422 on the field and nothing changes; a published document
// keeps its zones (409) and a revision copies them; the public promise page shows the zone's name only; the places
// page lists per zone what happens there; deleting a zone clears draft links but not a published promise's.
import { describe, expect, it } from "vitest";
import { testEngine } from "../support/test-db";
import { rowCount } from "../support/rows";
import {
  app,
  as,
  haparandaId,
  focusAreasOf,
  newDraft,
  promiseFields,
  promisesOf,
  setUpPromiseWorkflowFixture,
} from "../support/promise-workflow-fixture";
import { Browser } from "../support/app-server";

setUpPromiseWorkflowFixture();

const db = () => app.open.db;
const zoneOf = async (slug: string, code: string) =>
  db()
    .selectFrom("zone as z")
    .innerJoin("organisation as o", "o.id", "z.kommun_id")
    .select(["z.id", "z.name", "z.geometry"])
    .where("o.slug", "=", slug)
    .where("z.code", "=", code)
    .executeTakeFirstOrThrow();
const zoneIdOf = async (table: "meeting" | "walk_finding" | "promise" | "plan_measure", id: number) =>
  (await db().selectFrom(table).select("zone_id").where("id", "=", id).executeTakeFirstOrThrow()).zone_id;
const location = (res: Response) => Number(res.headers.get("location")!.split("/").pop());

describe(`zone links on ${testEngine()}`, () => {
  let meetingId = 0;
  let docId = 0;
  let promiseId = 0;
  let planId = 0;
  let measureId = 0;

  it("links a meeting and a walk finding to a zone of the kommun; another kommun's zone is a 422 on the field", async () => {
    const centre = await zoneOf("haparanda", "haparanda");
    const nikkala = await zoneOf("haparanda", "nikkala");
    const kalix = await zoneOf("kalix", "kalix");
    const meeting = { kind: "trygghetsvandring", heldOn: "2026-05-12", place: "Stadskärnan", "p-boende": "9" };
    const before = await rowCount(db(), "meeting");
    let res = await as.kommun.post("/app/haparanda/moten", { ...meeting, zoneId: String(kalix.id) });
    expect(res.status).toBe(422);
    let body = await res.text();
    expect(body).toContain('href="#zoneId"');
    expect(body).toContain("Välj ett av kommunens egna områden i listan.");
    expect(await rowCount(db(), "meeting")).toBe(before);
    // The form offers the kommun's zones only, as a plain labelled select.
    const form = await (await as.kommun.fetch("/app/haparanda/moten")).text();
    expect(form).toMatch(/<label for="zoneId">Område i kommunen<\/label><select id="zoneId" name="zoneId"/);
    expect(form).toContain(`<option value="${centre.id}">${centre.name}</option>`);
    expect(form).not.toContain(`value="${kalix.id}"`);

    res = await as.kommun.post("/app/haparanda/moten", { ...meeting, zoneId: String(centre.id) });
    expect(res.status).toBe(302);
    meetingId = location(res);
    expect(await zoneIdOf("meeting", meetingId)).toBe(centre.id);
    const page = `/app/haparanda/moten/${meetingId}`;

    // A finding in another zone of the kommun; another kommun's zone is refused on the finding's own field.
    const finding = { intent: "addFinding", place: "Gångtunneln", problems: "poor_lighting" };
    res = await as.kommun.post(page, { ...finding, zoneId: String(kalix.id) });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('href="#f-zoneId"');
    expect(await db().selectFrom("walk_finding").select("id").where("meeting_id", "=", meetingId).execute()).toEqual(
      [],
    );
    res = await as.kommun.post(page, { ...finding, zoneId: String(nikkala.id) });
    expect(res.status).toBe(200);
    const f = await db().selectFrom("walk_finding").selectAll().where("meeting_id", "=", meetingId).execute();
    expect(f.map((x) => x.zone_id)).toEqual([nikkala.id]);

    // Editing: another kommun's zone changes nothing; the empty choice clears the zone, then it is set again.
    res = await as.kommun.post(page, { intent: "update", ...meeting, zoneId: String(kalix.id) });
    expect(res.status).toBe(422);
    expect(await zoneIdOf("meeting", meetingId)).toBe(centre.id);
    expect((await as.kommun.post(page, { intent: "update", ...meeting, zoneId: "" })).status).toBe(200);
    expect(await zoneIdOf("meeting", meetingId)).toBeNull();
    expect((await as.kommun.post(page, { intent: "update", ...meeting, zoneId: "abc" })).status).toBe(422);
    expect((await as.kommun.post(page, { intent: "update", ...meeting, zoneId: String(centre.id) })).status).toBe(200);
    expect(await zoneIdOf("meeting", meetingId)).toBe(centre.id);

    // The viewer reads the zone on the meeting and in the list; viewers may not link.
    body = await (await as.viewer.fetch(page)).text();
    expect(body).toContain(`Område i kommunen: ${centre.name}`);
    expect(body).toContain(`<td>${nikkala.name}</td>`);
    expect((await as.viewer.post(page, { intent: "update", ...meeting, zoneId: "" })).status).toBe(403);
    expect(await zoneIdOf("meeting", meetingId)).toBe(centre.id);
  });

  it("links a promise of a draft to a zone through the editor (recorded in the history); 422 for another kommun's", async () => {
    const centre = await zoneOf("haparanda", "haparanda");
    const kalix = await zoneOf("kalix", "kalix");
    docId = await newDraft("2031–2032", ["traffic_safety"]);
    const page = `/app/haparanda/loften/${docId}`;
    const [area] = await focusAreasOf(docId);
    const prefix = `new${area!.id}-`;
    let res = await as.kommun.post(page, {
      intent: "addPromise",
      focusAreaId: String(area!.id),
      ...promiseFields({ zoneId: String(kalix.id) }),
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(`href="#${prefix}zoneId"`);
    expect(await promisesOf(docId)).toEqual([]);
    res = await as.kommun.post(page, {
      intent: "addPromise",
      focusAreaId: String(area!.id),
      ...promiseFields({ zoneId: String(centre.id) }),
    });
    expect(res.status).toBe(200);
    const added = await promisesOf(docId);
    expect(added).toHaveLength(1);
    promiseId = added[0]!.id;
    expect(await zoneIdOf("promise", promiseId)).toBe(centre.id);

    const revisions = () => rowCount(db(), "promise_revision");
    const before = await revisions();
    res = await as.kommun.post(page, {
      intent: "savePromise",
      promiseId: String(promiseId),
      ...promiseFields({ zoneId: String(kalix.id) }),
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(`href="#p${promiseId}-zoneId"`);
    expect(await zoneIdOf("promise", promiseId)).toBe(centre.id);
    expect(await revisions()).toBe(before);

    // A change of the zone alone is a change of the document: recorded, with the zone in the history's diff.
    res = await as.kommun.post(page, { intent: "savePromise", promiseId: String(promiseId), ...promiseFields() });
    expect(res.status).toBe(200);
    expect(await zoneIdOf("promise", promiseId)).toBeNull();
    expect(await revisions()).toBe(before + 1);
    res = await as.kommun.post(page, {
      intent: "savePromise",
      promiseId: String(promiseId),
      ...promiseFields({ zoneId: String(centre.id) }),
    });
    expect(res.status).toBe(200);
    expect(await zoneIdOf("promise", promiseId)).toBe(centre.id);
    const history = await (await as.kommun.fetch(`${page}/historik`)).text();
    expect(history).toContain("område");
    const editor = await (await as.viewer.fetch(page)).text();
    expect(editor).toContain(`Område: ${centre.name}`);
  });

  it("keeps a published document's zones (409, nothing changed) and shows the zone's name only on the public page", async () => {
    const centre = await zoneOf("haparanda", "haparanda");
    const nikkala = await zoneOf("haparanda", "nikkala");
    const page = `/app/haparanda/loften/${docId}`;
    expect((await as.kommun.post(page, { intent: "submit" })).status).toBe(200);
    expect((await as.kommun.post(page, { intent: "approve" })).status).toBe(200);
    expect((await as.polis.post(page, { intent: "approve" })).status).toBe(200);
    expect((await as.polis.post(page, { intent: "publish", confirm: "yes" })).status).toBe(200);

    const res = await as.kommun.post(page, {
      intent: "savePromise",
      promiseId: String(promiseId),
      ...promiseFields({ zoneId: String(nikkala.id) }),
    });
    expect(res.status).toBe(409);
    expect(await zoneIdOf("promise", promiseId)).toBe(centre.id);
    // The database refuses it too (the published-document guard covers the new column).
    await expect(
      db().updateTable("promise").set({ zone_id: nikkala.id }).where("id", "=", promiseId).execute(),
    ).rejects.toThrow(/immutable/);
    // Nor can the zone be deleted from under the published promise: its set-null is refused the same way.
    await expect(db().deleteFrom("zone").where("id", "=", centre.id).execute()).rejects.toThrow(/immutable/);
    expect(await zoneIdOf("promise", promiseId)).toBe(centre.id);

    for (const lang of ["sv", "en", "fi"]) {
      const html = await (await new Browser(app.url).fetch(`/lofte/haparanda/${docId}?lang=${lang}`)).text();
      const label = { sv: "Område", en: "Area", fi: "Alue" }[lang];
      expect(html, lang).toContain(`${label}: ${centre.name}`);
      // No shape and no coordinate of the zone reaches the page.
      const geometry = centre.geometry as { coordinates: number[][][] };
      const [lon, lat] = geometry.coordinates[0]![0]!;
      expect(html).not.toContain(String(lon));
      expect(html).not.toContain(String(lat));
      expect(html).not.toContain("coordinates");
    }

    // A revision copies the promises with their zones.
    const revised = await as.kommun.post(page, { intent: "revise" });
    expect(revised.status).toBe(302);
    const copyId = location(revised);
    const copies = await promisesOf(copyId);
    expect(await Promise.all(copies.map((p) => zoneIdOf("promise", p.id)))).toEqual([centre.id]);
  });

  it("links a measure of a draft åtgärdsplan to a zone; another kommun's is a 422 and nothing is stored", async () => {
    const tore = await zoneOf("kalix", "tore");
    const haparanda = await zoneOf("haparanda", "haparanda");
    const plan = await db()
      .selectFrom("action_plan as a")
      .innerJoin("organisation as o", "o.id", "a.kommun_id")
      .select("a.id")
      .where("o.slug", "=", "kalix")
      .where("a.status", "=", "utkast")
      .executeTakeFirstOrThrow();
    planId = plan.id;
    const page = `/app/kalix/atgardsplan/${planId}`;
    const measure = {
      intent: "addMeasure",
      title: "Belysning vid stationen",
      ownerKind: "forvaltning",
      ownerName: "Tekniska förvaltningen",
      status: "planerad",
    };
    const before = await rowCount(db(), "plan_measure");
    let res = await as.kalix.post(page, { ...measure, zoneId: String(haparanda.id) });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Välj ett av kommunens egna områden i listan.");
    expect(await rowCount(db(), "plan_measure")).toBe(before);
    const form = await (await as.kalix.fetch(page)).text();
    expect(form).toContain(`<option value="${tore.id}">${tore.name}</option>`);
    res = await as.kalix.post(page, { ...measure, zoneId: String(tore.id) });
    expect(res.status).toBe(200);
    const m = await db()
      .selectFrom("plan_measure")
      .select(["id", "zone_id"])
      .where("plan_id", "=", planId)
      .where("title", "=", measure.title)
      .executeTakeFirstOrThrow();
    measureId = m.id;
    expect(m.zone_id).toBe(tore.id);
    res = await as.kalix.post(page, {
      ...measure,
      intent: "saveMeasure",
      measureId: String(measureId),
      zoneId: String(haparanda.id),
    });
    expect(res.status).toBe(422);
    expect(await zoneIdOf("plan_measure", measureId)).toBe(tore.id);
    expect(await (await as.kalix.fetch(page)).text()).toMatch(
      new RegExp(`<dt>Område i kommunen</dt><dd>${tore.name}</dd>`),
    );
  });

  it("lists per zone what happens there on the places page: counts and links, zone-level only", async () => {
    const centre = await zoneOf("haparanda", "haparanda");
    const nikkala = await zoneOf("haparanda", "nikkala");
    const html = await (await as.viewer.fetch("/app/haparanda/platser")).text();
    expect(html).toContain("Vad händer i områdena");
    const section = (zoneId: number) => {
      const start = html.indexOf(`id="zone-${zoneId}"`);
      expect(start).toBeGreaterThan(0);
      const end = html.indexOf("</section>", start);
      return html.slice(start, end);
    };
    const c = section(centre.id);
    // The meeting held there, and the newest version of the promise document (the revision's draft) only.
    expect(c).toContain("1 möte eller trygghetsvandring, 1 löfte, 0 åtgärder i åtgärdsplaner.");
    expect(c).toContain(`href="/app/haparanda/moten/${meetingId}"`);
    expect(c).toMatch(/href="\/app\/haparanda\/loften\/\d+#promise-\d+"/);
    const n = section(nikkala.id);
    expect(n).toContain("1 möte eller trygghetsvandring, 0 löften");
    expect(n).toContain("1 iakttagelse från trygghetsvandringar, 1 öppen.");
    expect(n).toContain("(iakttagelse i området)");
    const tore = await zoneOf("kalix", "tore");
    const k = await (await as.kalix.fetch("/app/kalix/platser")).text();
    const ks = k.slice(k.indexOf(`id="zone-${tore.id}"`));
    expect(ks).toContain(`href="/app/kalix/atgardsplan/${planId}#m-${measureId}"`);
    // Nothing of Haparanda's leaks into Kalix's page.
    expect(k).not.toContain(`/app/haparanda/`);
    expect(haparandaId).toBeGreaterThan(0);
  });

  it("clears the links of a deleted zone (on delete set null) where no published document holds it", async () => {
    const nikkala = await zoneOf("haparanda", "nikkala");
    await db().deleteFrom("zone").where("id", "=", nikkala.id).execute();
    const f = await db().selectFrom("walk_finding").select("zone_id").where("meeting_id", "=", meetingId).execute();
    expect(f.map((x) => x.zone_id)).toEqual([null]);
  });
});
