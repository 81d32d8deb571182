// The survey admin page as an analyst uses it: dates that stay the days typed (Stockholm time, summer and winter),
// closing only after a ticked confirmation, words that say Ja/Nej, and for a staff survey no link that leads to a 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { createAccount } from "../../app/features/accounts/accounts.server";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

const PASSWORD = "ett långt lösenord för admin-testet";
const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "radiogroup", name: "feel", choices: ["safe", "unsafe"] },
        { type: "dropdown", name: "unit", choices: ["a", "b"] },
      ],
    },
  ],
};

let app: TestApp;
let browser: Browser;
let citizen: { id: number; slug: string };
let staff: { id: number; slug: string };
const db = () => app.open.db;
const adminPath = (slug: string) => `/app/pajala/enkater/${slug}`;

/** The page's text with React's text separators removed. */
const pageText = async (slug: string) => (await (await browser.fetch(adminPath(slug))).text()).replace(/<!-- -->/g, "");
const inputValue = (html: string, id: string) =>
  new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(html)?.[0].match(/value="([^"]*)"/)?.[1] ?? "";

async function stored(id: number) {
  const r = await db()
    .selectFrom("survey")
    .select(["opens_at", "closes_at", "status"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return {
    opens: r.opens_at ? new Date(r.opens_at).toISOString() : null,
    closes: r.closes_at ? new Date(r.closes_at).toISOString() : null,
    status: r.status,
  };
}

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: db(), withSurveys: false });
  const pajala = await getOrganisationBySlug({ db: db(), slug: "pajala" });
  await createAccount({
    db: db(),
    email: "admin-analyst@pajala.example",
    password: PASSWORD,
    role: "analyst",
    organisationId: pajala.id,
  });
  citizen = await createSurvey({
    db: db(),
    kommunId: pajala.id,
    kommunSlug: "pajala",
    period: "2030",
    kind: "medborgarenkat",
    title: "Medborgare",
    definition,
  });
  staff = await createSurvey({
    db: db(),
    kommunId: pajala.id,
    kommunSlug: "pajala",
    period: "2030",
    kind: "medarbetardialog",
    title: "Personal",
    definition,
  });
  browser = new Browser(app.url);
  await browser.login("admin-analyst@pajala.example", PASSWORD);
});
afterAll(async () => app?.close());

describe(`survey admin page on ${testEngine()}`, () => {
  it.each([
    ["winter", "2030-01-01", "2030-02-28", "2029-12-31T23:00:00.000Z", "2030-02-28T23:00:00.000Z"],
    ["summer", "2030-06-01", "2030-06-30", "2030-05-31T22:00:00.000Z", "2030-06-30T22:00:00.000Z"],
    [
      "across the change to winter time",
      "2030-10-01",
      "2030-10-27",
      "2030-09-30T22:00:00.000Z",
      "2030-10-27T23:00:00.000Z",
    ],
  ])(
    "keeps the dates typed in %s: save, reload, save again, unchanged",
    async (_season, opensAt, closesAt, opensInstant, closesInstant) => {
      const save = (o: string, c: string) =>
        browser.post(`${adminPath(citizen.slug)}?index`, { intent: "schedule", opensAt: o, closesAt: c });
      expect((await save(opensAt, closesAt)).status).toBe(200);
      // Stored as instants: the start of the opening day and the start of the day after the closing day, Stockholm time.
      expect(await stored(citizen.id)).toMatchObject({ opens: opensInstant, closes: closesInstant });
      let html = await pageText(citizen.slug);
      expect([inputValue(html, "opensAt"), inputValue(html, "closesAt")]).toEqual([opensAt, closesAt]);
      for (let i = 0; i < 3; i++) {
        expect((await save(inputValue(html, "opensAt"), inputValue(html, "closesAt"))).status).toBe(200);
        html = await pageText(citizen.slug);
      }
      expect([inputValue(html, "opensAt"), inputValue(html, "closesAt")]).toEqual([opensAt, closesAt]);
      expect(await stored(citizen.id)).toMatchObject({ opens: opensInstant, closes: closesInstant });
    },
  );

  it("refuses a closing day before the opening day and an impossible date, changing nothing", async () => {
    const before = await stored(citizen.id);
    const bad = await browser.post(`${adminPath(citizen.slug)}?index`, {
      intent: "schedule",
      opensAt: "2030-06-10",
      closesAt: "2030-06-09",
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Stängningsdatum kan inte vara före öppningsdatum");
    expect(
      (
        await browser.post(`${adminPath(citizen.slug)}?index`, {
          intent: "schedule",
          opensAt: "2030-02-30",
          closesAt: "",
        })
      ).status,
    ).toBe(422);
    expect(await stored(citizen.id)).toEqual(before);
    // Cleared again for the tests below.
    expect(
      (await browser.post(`${adminPath(citizen.slug)}?index`, { intent: "schedule", opensAt: "", closesAt: "" }))
        .status,
    ).toBe(200);
  });

  it("closes a survey only after the box 'Jag förstår …' is ticked, also without JavaScript", async () => {
    await setSurveyStatus({ db: db(), surveyId: citizen.id, status: "open" });
    const html = await pageText(citizen.slug);
    const box = /<input[^>]*name="confirm"[^>]*>/.exec(html)?.[0] ?? "";
    expect(box).toMatch(/type="checkbox"/);
    expect(box).toMatch(/required=""/);
    expect(html).toContain("Jag förstår att enkäten slutar ta emot svar direkt");
    const unconfirmed = await browser.post(`${adminPath(citizen.slug)}?index`, { intent: "status", status: "closed" });
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain("Kryssa i rutan för att bekräfta att enkäten ska stängas.");
    expect((await stored(citizen.id)).status).toBe("open");
    expect(
      (await browser.post(`${adminPath(citizen.slug)}?index`, { intent: "status", status: "closed", confirm: "yes" }))
        .status,
    ).toBe(200);
    expect((await stored(citizen.id)).status).toBe("closed");
  });

  it("says Ja or Nej for the code requirement", async () => {
    expect(await pageText(citizen.slug)).toContain("Kräv kod för att svara på webben: <strong>Nej</strong>");
    expect(
      (await browser.post(`${adminPath(citizen.slug)}?index`, { intent: "requireCode", requireCode: "on" })).status,
    ).toBe(200);
    const html = await pageText(citizen.slug);
    expect(html).toContain("Kräv kod för att svara på webben: <strong>Ja</strong>");
    expect(html).not.toMatch(/: [–✓]</);
  });

  it("offers a staff survey only what works for it: invitations, no public link, poster or codes", async () => {
    await setSurveyStatus({ db: db(), surveyId: staff.id, status: "open" });
    const html = await pageText(staff.slug);
    expect(html).toContain(`${adminPath(staff.slug)}/inbjudningar`);
    expect(html).toContain("Personalen svarar bara via personliga inbjudningslänkar");
    expect(html).not.toContain(`/e/${staff.slug}`);
    expect(html).not.toContain('name="intent" value="codes"');
    // Every link the page offers leads somewhere.
    const links = [...html.matchAll(/href="(\/[^"#]*)"/g)]
      .map((m) => m[1]!.replace(/&amp;/g, "&"))
      .filter((h) => !h.startsWith("/build/"));
    expect(links.length).toBeGreaterThan(3);
    for (const href of new Set(links)) expect((await browser.fetch(href)).status, href).toBeLessThan(400);
    const codes = await browser.post(`${adminPath(staff.slug)}?index`, { intent: "codes", count: "5" });
    expect(codes.status).toBe(422);
    expect(
      await db().selectFrom("access_code").select("code_hash").where("survey_id", "=", staff.id).execute(),
    ).toEqual([]);
  });
});
