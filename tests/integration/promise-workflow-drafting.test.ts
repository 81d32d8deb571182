// Drafting and concurrent editing of promise documents (docs/decisions/006-promise-sign-off-and-history.md) on a real
// database: a draft from the problembild's ranking, who may start one, stale edits and conflicts, and two people
// needed for two sides.
import { describe, expect, it } from "vitest";
import { approve, submitForReview } from "../../app/features/promises/review.server";
import { createDraftDocument } from "../../app/features/promises/draft.server";
import { Conflict } from "../../app/platform/errors.server";
import { createMeeting } from "../../app/features/dialogue/meetings.server";
import { Browser } from "../support/app-server";
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
  setUpPromiseWorkflowFixture,
} from "../support/promise-workflow-fixture";

setUpPromiseWorkflowFixture();

describe(`promise workflow on ${testEngine()}`, () => {
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
      (await savePromise(as.polis, p, first!.id, { baseRevision: await baseOf(as.polis), quantity: "10" })).status,
    ).toBe(200);
    const stale = await savePromise(as.kommun, p, first!.id, { baseRevision: kommunBase, quantity: "5" });
    expect(stale.status).toBe(422);
    expect(await stale.text()).toContain("Någon annan har ändrat detta sedan du öppnade sidan");
    expect((await promisesOf(id))[0]!.target).toMatchObject({ quantity: 10 });
    // The second promise and the document's own text were not touched by the police editor: those edits go through.
    expect((await savePromise(as.kommun, p, second!.id, { baseRevision: kommunBase, quantity: "7" })).status).toBe(200);
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
});
