// Updates for residents (docs/domain/feedback-to-citizens.md): an editor marks a follow-up entry public with a text
// of its own; the public promise pages and the Atom feeds show that text, dated, and never the internal note; bad
// input changes nothing; the feeds are well-formed Atom and answer 404 for what is not public.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { getPublicProgress } from "../../app/features/promises/follow-up.server";
import { Browser } from "../support/app-server";
import { testEngine } from "../support/test-db";
import {
  app,
  ids,
  users,
  count,
  snapshot,
  errorFields,
  base,
  promisesOf,
  postEntry,
  setUpFollowUpFixture,
} from "../support/follow-up-fixture";

setUpFollowUpFixture();

const PUBLIC = "Vi lagade belysningen vid busshållplatsen i Töre.";
const INTERNAL = "Internt: kostnad 12 000 kr, faktura till tekniska.";

const parser = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === "entry" || n === "link" });
type Entry = { id: string; title: string; updated: string; summary: { "#text": string }; link: { "@_href": string }[] };

async function feed(path: string) {
  const res = await new Browser(app.url).fetch(path);
  const xml = await res.text();
  return { res, xml, parsed: res.status === 200 ? parser.parse(xml) : null };
}

describe(`public updates on ${testEngine()}`, () => {
  it("refuses a public entry without a text for residents, and changes nothing", async () => {
    const [p] = await promisesOf(ids.kalixDoc);
    const before = await snapshot();
    const res = await postEntry(users.editor, p!.id, {
      doneOn: "2023-11-03",
      quantity: "1",
      public: "on",
      publicNote: "   ",
    });
    expect(res.status).toBe(422);
    expect(await errorFields(res)).toEqual(["publicNote"]);
    const tooLong = await postEntry(users.editor, p!.id, {
      doneOn: "2023-11-03",
      quantity: "1",
      public: "on",
      publicNote: "x".repeat(601),
    });
    expect(tooLong.status).toBe(422);
    expect(await errorFields(tooLong)).toEqual(["publicNote"]);
    expect(await snapshot()).toEqual(before);
  });

  it("shows a public entry's own text on the public pages and in both feeds, never its internal note", async () => {
    const [p] = await promisesOf(ids.kalixDoc);
    const before = await count("follow_up_entry");
    const res = await postEntry(users.editor, p!.id, {
      doneOn: "2023-11-04",
      quantity: "1",
      place: "Töre",
      note: INTERNAL,
      public: "on",
      publicNote: PUBLIC,
    });
    expect(res.status).toBe(302);
    expect(await count("follow_up_entry")).toBe(before + 1);
    const row = await app.open.db
      .selectFrom("follow_up_entry")
      .select(["id", "public", "public_note"])
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ public: true, public_note: PUBLIC });

    const anyone = new Browser(app.url);
    const docPage = await (await anyone.fetch(`/lofte/kalix/${ids.kalixDoc}`)).text();
    expect(docPage).toContain(PUBLIC);
    expect(docPage).toContain(`id="uppdatering-${row.id}"`);
    expect(docPage).not.toContain(INTERNAL);
    expect(docPage).toContain(`href="/lofte/kalix/${ids.kalixDoc}/flode.atom"`);
    const kommunPage = await (await anyone.fetch(`/lofte/kalix`)).text();
    expect(kommunPage).toContain("Senaste uppdateringarna");
    expect(kommunPage).toContain('type="application/atom+xml"');
    expect(kommunPage).not.toContain(INTERNAL);

    for (const path of [`/lofte/kalix/${ids.kalixDoc}/flode.atom`, `/lofte/kalix/flode.atom`]) {
      const { res: r, xml, parsed } = await feed(path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
      expect(XMLValidator.validate(xml), path).toBe(true);
      expect(xml).not.toContain(INTERNAL);
      const f = parsed.feed;
      expect(f["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
      for (const k of ["id", "title", "updated", "author"]) expect(f[k], `${path} ${k}`).toBeDefined();
      const entries = f.entry as Entry[];
      for (const e of entries) {
        expect(e.id).toMatch(/^tag:[a-z0-9.-]+,2026:kalix\//);
        expect(Number.isNaN(Date.parse(e.updated))).toBe(false);
        expect(e.link[0]!["@_href"]).toMatch(/^https?:\/\//);
      }
      // Unique ids, newest first.
      expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
      const times = entries.map((e) => Date.parse(e.updated));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const mine = entries.find((e) => e.id.endsWith(`/update/${row.id}`));
      expect(mine?.summary["#text"]).toBe(PUBLIC);
      expect(mine?.link[0]!["@_href"]).toMatch(new RegExp(`/lofte/kalix/${ids.kalixDoc}#uppdatering-${row.id}$`));
      expect(entries.some((e) => e.id.endsWith(`/document/${ids.kalixDoc}`))).toBe(true);
    }
    // Another kommun's feed knows nothing of it.
    const { xml: haparanda } = await feed(`/lofte/haparanda/flode.atom`);
    expect(haparanda).not.toContain(PUBLIC);

    // Open data carries the same: the update's own text, the promises with their progress as the page shows it.
    type Rows = { rows: Record<string, string | number | boolean | null>[] };
    const updates = (await (await anyone.fetch("/oppna-data/kalix/uppdateringar.json")).json()) as Rows;
    expect(updates.rows.find((r) => r.uppdatering_id === row.id)).toMatchObject({ text: PUBLIC, datum: "2023-11-04" });
    expect(JSON.stringify(updates)).not.toContain(INTERNAL);
    const promises = (await (await anyone.fetch("/oppna-data/kalix/loften.json")).json()) as Rows;
    const progress = await getPublicProgress({ db: app.open.db, documentId: ids.kalixDoc });
    const ofDoc = promises.rows.filter((r) => r.dokument_id === ids.kalixDoc);
    expect(ofDoc.map((r) => [r.lofte_id, r.gjort, r.status])).toEqual(
      progress.promises.map((p) => [p.id, p.progress.done, p.progress.status]),
    );

    // Taken back: no longer public anywhere.
    const off = await users.editor.post(`${base()}/uppfoljning`, {
      intent: "update",
      entryId: String(row.id),
      doneOn: "2023-11-04",
      quantity: "1",
      place: "Töre",
      note: INTERNAL,
      publicNote: PUBLIC,
    });
    expect(off.status).toBe(302);
    expect(await (await anyone.fetch(`/lofte/kalix/${ids.kalixDoc}`)).text()).not.toContain(PUBLIC);
    expect((await feed(`/lofte/kalix/flode.atom`)).xml).not.toContain(PUBLIC);
  });

  it("answers 404 for a feed of what is not public", async () => {
    for (const path of [
      `/lofte/ingen-kommun/flode.atom`,
      `/lofte/kalix/${ids.draftDoc}/flode.atom`,
      `/lofte/kalix/${ids.haparandaDoc}/flode.atom`,
      `/lofte/kalix/999999999/flode.atom`,
      `/lofte/kalix/abc/flode.atom`,
    ]) {
      const { res } = await feed(path);
      expect(res.status, path).toBe(404);
    }
  });
  it("prints a poster of a published document with its progress, latest updates and a QR code to its page", async () => {
    const anyone = new Browser(app.url);
    const res = await anyone.fetch(`/lofte/kalix/${ids.kalixDoc}/affisch`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<h1>Vi lovade – så gick det</h1>");
    expect(html).toContain(`src="/lofte/kalix/${ids.kalixDoc}/qr.svg"`);
    expect(html).toContain(`http://localhost:3000/lofte/kalix/${ids.kalixDoc}`);
    const progress = await getPublicProgress({ db: app.open.db, documentId: ids.kalixDoc });
    for (const p of progress.promises.slice(0, 3)) expect(html).toContain(p.text.replace(/"/g, "&quot;").slice(0, 40));
    const qr = await anyone.fetch(`/lofte/kalix/${ids.kalixDoc}/qr.svg`);
    expect(qr.headers.get("content-type")).toBe("image/svg+xml");
    expect((await qr.text()).startsWith("<svg")).toBe(true);
    for (const path of [`/lofte/kalix/${ids.draftDoc}/affisch`, `/lofte/haparanda/${ids.kalixDoc}/qr.svg`])
      expect((await anyone.fetch(path)).status, path).toBe(404);
  });
});
