// Signed-in pages that left people at a dead end or said the wrong thing, over HTTP on a real database: the
// invitations page of a closed staff survey, revoking a link, "1 ny länk", the next step after an analyst starts a
// draft, the period a new document suggests, and a breakdown cell hidden as a complement.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { buildStandardSurvey, DEFAULT_UNITS } from "../../app/features/surveys/domain/question-bank";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { unitOptions } from "../../app/features/surveys/invitations.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { suggestedPeriod } from "../../app/features/promises/draft.server";
import { todayInSweden } from "../../app/features/promises/domain/follow-up-progress";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";
import { published } from "../support/published";
import { organisationId } from "../support/kommun-surveys";
import { signInDemo } from "../support/sign-in";

let app: TestApp;
let analyst: Browser;
let haparandaId = 0;

const invitationRows = async (surveyId: number) =>
  app.open.db.selectFrom("invitation").select(["token_hash", "revoked"]).where("survey_id", "=", surveyId).execute();
const revokedCount = async (surveyId: number) => (await invitationRows(surveyId)).filter((r) => r.revoked).length;

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
  haparandaId = await organisationId(app.open.db, "haparanda");
  ({ analyst } = await signInDemo(app.url, ["analyst"]));
});
afterAll(async () => app?.close());

describe(`signed-in pages without dead ends on ${testEngine()}`, () => {
  it("invitations: one new link is '1 ny länk'; revoking asks for a tick; a closed survey says so and makes no links", async () => {
    const definition = buildStandardSurvey({ kind: "medarbetardialog", areas: [], units: DEFAULT_UNITS });
    const s = await createSurvey({
      db: app.open.db,
      kommunId: haparandaId,
      kommunSlug: "haparanda",
      period: "2026",
      kind: "medarbetardialog",
      title: "Medarbetardialog 2026",
      definition,
    });
    await setSurveyStatus({ db: app.open.db, surveyId: s.id, status: "open" });
    const path = `/app/haparanda/enkater/${s.slug}/inbjudningar`;
    const unit = unitOptions(definition)[0]!.value;

    const one = await analyst.post(path, { intent: "counts", [`count-${unit}`]: "1" });
    expect(one.status).toBe(200);
    const html = await one.text();
    expect(html).toContain("1 ny länk<");
    expect(html).not.toContain("1 nya länkar");
    const link = html.match(/<code>([^<]+)<\/code>/)![1]!;
    expect((await analyst.post(path, { intent: "counts", [`count-${unit}`]: "2" })).status).toBe(200);
    expect(await (await analyst.post(path, { intent: "counts", [`count-${unit}`]: "1" })).text()).not.toContain(
      "nya länkar",
    );

    // Revoking cannot be undone: without the tick it is refused and the link still works.
    const form = await (await analyst.fetch(path)).text();
    expect(form).toMatch(/id="revoke-confirm" name="confirm"[^>]*required/);
    const unticked = await analyst.post(path, { intent: "revoke", link });
    expect(unticked.status).toBe(422);
    expect(await revokedCount(s.id)).toBe(0);
    const revoked = await analyst.post(path, { intent: "revoke", link, confirm: "yes" });
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain("Länken är tillbakadragen");
    expect(await revokedCount(s.id)).toBe(1);

    // Closed: the page says so and offers no new links; a stale form's post changes nothing.
    await setSurveyStatus({ db: app.open.db, surveyId: s.id, status: "closed" });
    const closed = await (await analyst.fetch(path)).text();
    expect(closed).toContain("Medarbetardialogen är stängd och tar inte emot fler svar");
    expect(closed).not.toContain("Skapa länkar");
    const before = (await invitationRows(s.id)).length;
    const refused = await analyst.post(path, { intent: "counts", [`count-${unit}`]: "3" });
    expect(refused.status).toBe(409);
    expect((await invitationRows(s.id)).length).toBe(before);
  });

  it("an analyst who starts a draft is told that the editors write the promises, and what comes next", async () => {
    const res = await analyst.post("/app/haparanda/loften/ny", {
      periodLabel: "2041–2042",
      periodStart: "2041-01-01",
      periodEnd: "2042-12-31",
      title: "",
      themes: "youth",
    });
    expect(res.status).toBe(302);
    const html = await (await analyst.fetch(res.headers.get("location")!)).text();
    expect(html).toContain("Nästa steg: redaktörerna för polisen och kommunen skriver löftena");
    expect(html).toContain("Inga löften ännu. Redaktörerna för polisen och kommunen skriver dem.");
    const { kommun: editor } = await signInDemo(app.url, ["kommun"]);
    const editorView = await (await editor.fetch(res.headers.get("location")!)).text();
    expect(editorView).toContain("Nästa steg: skriv löftena under varje fokusområde");
  });

  it("a new document suggests the period after the one in force, or one already begun, and says from when follow-up can be logged", async () => {
    const db = app.open.db;
    // Haparanda's seeded document covers 2020–2022.
    expect(await suggestedPeriod({ db, kommunId: haparandaId, today: "2021-05-01" })).toEqual({
      label: "2023–2024",
      start: "2023-01-01",
      end: "2024-12-31",
      startsLater: true,
    });
    expect(await suggestedPeriod({ db, kommunId: haparandaId, today: "2026-03-10" })).toEqual({
      label: "2026–2027",
      start: "2026-01-01",
      end: "2027-12-31",
      startsLater: false,
    });
    expect(await suggestedPeriod({ db, kommunId: haparandaId, today: "2026-11-10" })).toEqual({
      label: "2027–2028",
      start: "2027-01-01",
      end: "2028-12-31",
      startsLater: true,
    });
    const expected = await suggestedPeriod({ db, kommunId: haparandaId, today: todayInSweden() });
    const html = await (await analyst.fetch("/app/haparanda/loften/ny")).text();
    expect(html).toMatch(new RegExp(`id="periodStart"[^>]*value="${expected.start}"`));
    expect(html).toContain(
      expected.startsLater
        ? `Perioden börjar ${expected.start}: uppföljning kan inte loggas förrän dess.`
        : "uppföljning kan loggas från i dag",
    );
  });

  it("a breakdown cell hidden as a complement in a large group says why, apart from a truly small group", async () => {
    const definition = {
      pages: [
        {
          name: "p1",
          elements: [
            { type: "radiogroup", name: "q", title: "Vilket alternativ?", choices: ["a", "b", "c"] },
            { type: "dropdown", name: "area", title: "Område", choices: ["Norr", "Söder"] },
          ],
        },
      ],
    };
    const s = await createSurvey({
      db: app.open.db,
      kommunId: haparandaId,
      kommunSlug: "haparanda",
      period: "2025",
      kind: "medborgarenkat",
      title: "Uppdelningstest",
      definition,
      settings: {
        areas: [
          { value: "Norr", text: "Norr" },
          { value: "Söder", text: "Söder" },
        ],
      },
    });
    const rows = [
      ...Array.from({ length: 100 }, () => ({ q: "a", area: "Norr" })),
      ...Array.from({ length: 77 }, () => ({ q: "b", area: "Norr" })),
      ...Array.from({ length: 3 }, () => ({ q: "c", area: "Norr" })),
      ...Array.from({ length: 10 }, () => ({ q: "a", area: "Söder" })),
      ...Array.from({ length: 10 }, () => ({ q: "b", area: "Söder" })),
    ].map((data) => ({ data, submittedOn: "2025-05-05" }));
    expect(
      (await storeResponsesAllOrNothing({ db: app.open.db, surveyId: s.id, rows, channel: "paper" })).errors,
    ).toEqual([]);
    const html = await (
      await analyst.fetch(`/app/haparanda/enkater/${s.slug}/resultat/uppdelning?by=area&kind=problem&q=q`)
    ).text();
    const norr = html.match(/<tr><th scope="row">Norr<\/th>([\s\S]*?)<\/tr>/)![1]!;
    // Norr's 180 answers, as published (cell key, docs/decisions/014-cell-key-perturbation.md).
    const norrKeys = await app.open.db
      .selectFrom("response")
      .select("cell_key")
      .where("survey_id", "=", s.id)
      .where("area", "=", "Norr")
      .execute();
    expect(norrKeys).toHaveLength(180);
    expect(norr).toContain(`>${published(norrKeys)}<`);
    // c (3 answers) is too few; another cell is hidden only so that c cannot be worked out from the 180.
    expect(norr).toContain("färre än 5 svar");
    expect(norr).toContain("dold så att en mindre grupp inte kan räknas fram");
  });
});
