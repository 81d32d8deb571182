import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

// The survey without JavaScript (docs/decisions/015-survey-without-javascript.md): a citizen with scripts off answers
// page by page through plain forms, sees errors on a page answered wrongly, and sends; the answer stored is the one
// SurveyJS stores for the same answers. axe checks the same pages in a browser whose scripts never arrive (axe needs
// scripts of its own), which is also what a phone that fails to load the bundle shows.

const DEFINITION = {
  pages: [
    {
      name: "p1",
      title: "Om dig",
      elements: [
        {
          type: "radiogroup",
          name: "feel",
          title: "Hur trygg känner du dig i ditt område?",
          isRequired: true,
          choices: [
            { value: "safe", text: "Trygg" },
            { value: "unsafe", text: "Otrygg" },
          ],
        },
        {
          type: "comment",
          name: "why",
          title: "Vad gör dig otrygg?",
          visibleIf: "{feel} = 'unsafe'",
          isRequired: true,
        },
      ],
    },
    {
      name: "p2",
      title: "Platser",
      elements: [
        {
          type: "matrix",
          name: "places",
          title: "Hur trygg är du på de här platserna?",
          isRequired: true,
          eachRowRequired: true,
          columns: [
            { value: "1", text: "Trygg" },
            { value: "2", text: "Otrygg" },
          ],
          rows: [
            { value: "bus", text: "Busshållplatsen" },
            { value: "park", text: "Parken" },
          ],
        },
      ],
    },
    {
      name: "p3",
      elements: [
        { type: "dropdown", name: "area", title: "Var bor du?", isRequired: true, choices: ["Centrum", "Norr"] },
      ],
    },
  ],
};

let slug = "";

/** An analyst makes and opens the survey under test (its own, so that other specs' counts stay as they are). */
test.beforeAll(async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await login(page, "analytiker@haparanda.example");
  await page.goto("/app/haparanda/enkater/ny");
  await page.getByLabel("Titel").fill("Utan skript");
  await page.getByLabel("Period", { exact: true }).fill("2034");
  await page.getByLabel(/Områden/).fill("Centrum");
  await page.getByRole("button", { name: /Skapa/ }).click();
  await expect(page).toHaveURL(/\/bygg/);
  slug = /enkater\/([^/]+)\/bygg/.exec(page.url())![1]!;
  await page.getByLabel("Klistra in en SurveyJS-definition (JSON)").fill(JSON.stringify(DEFINITION));
  await page.getByRole("button", { name: "Granska och importera" }).click();
  await expect(page.getByText(/Definitionen är importerad/)).toBeVisible();
  await page.goto(`/app/haparanda/enkater/${slug}`);
  await page.getByRole("button", { name: "Öppna enkäten" }).click();
  await expect(page.getByRole("button", { name: "Stäng enkäten" })).toBeVisible();
  await ctx.close();
});

/** Presses a button of the form and returns the status of the page it posted to. */
async function press(page: Page, name: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/e/")),
    page.getByRole("button", { name, exact: true }).click(),
  ]);
  await page.waitForLoadState("domcontentloaded");
  return response.status();
}

/** Answers the survey through the plain forms, with a wrong page on the way; axe on each kind of page if asked. */
async function answerWithoutScripts(page: Page, checkAccessible: boolean): Promise<string> {
  const axe = async () => {
    if (checkAccessible) await expectAccessible(page);
  };
  await page.goto(`/e/${slug}`);
  await expect(page.getByText("Sida 1 av 3")).toBeVisible();
  const feel = page.getByRole("group", { name: /Hur trygg känner du dig i ditt område\?/ });
  await expect(feel).toBeVisible();
  await axe();

  // Nothing answered: 422, an error summary linking to the question, and the error beside it.
  expect(await press(page, "Nästa")).toBe(422);
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Svaren på sidan behöver rättas");
  // Without a script to move it, focus is on the summary: the form posts to its fragment.
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: /Hur trygg känner du dig i ditt område\?/ })).toHaveAttribute(
    "href",
    "#nq-feel-c0",
  );
  await expect(page.getByRole("group", { name: /Hur trygg känner du dig/ })).toHaveAccessibleDescription(
    /Frågan måste besvaras/,
  );
  await axe();

  // "Otrygg" reveals a question on the same page: shown before the page is checked.
  await page.getByLabel("Otrygg", { exact: true }).check();
  expect(await press(page, "Nästa")).toBe(200);
  await expect(page.getByText("Ditt svar gav fler frågor på den här sidan")).toBeVisible();
  await page.getByLabel(/Vad gör dig otrygg\?/).fill("Mörkt vid busshållplatsen");
  expect(await press(page, "Nästa")).toBe(200);

  // The required matrix: one row left out is an error on the matrix.
  await expect(page.getByText("Sida 2 av 3")).toBeVisible();
  await page.getByRole("radio", { name: "Busshållplatsen: Otrygg" }).check();
  expect(await press(page, "Nästa")).toBe(422);
  await expect(
    page.getByRole("alert").getByRole("link", { name: /Hur trygg är du på de här platserna\?/ }),
  ).toBeVisible();
  await expect(page.getByRole("radio", { name: "Busshållplatsen: Otrygg" })).toBeChecked();
  await axe();
  await page.getByRole("radio", { name: "Parken: Trygg" }).check();
  expect(await press(page, "Nästa")).toBe(200);

  await expect(page.getByText("Sida 3 av 3")).toBeVisible();
  await page.getByLabel(/Var bor du\?/).selectOption("Centrum");
  // Back and forth keeps the answers.
  expect(await press(page, "Föregående")).toBe(200);
  await expect(page.getByRole("radio", { name: "Parken: Trygg" })).toBeChecked();
  expect(await press(page, "Nästa")).toBe(200);
  await expect(page.getByLabel(/Var bor du\?/)).toHaveValue("Centrum");
  await axe();
  const responseId = await page.locator('input[name="_rid"]').inputValue();
  expect(await press(page, "Slutför")).toBe(200);
  await expect(page.getByText("Tack! Ditt svar är registrerat.")).toBeVisible();
  await axe();
  return responseId;
}

/** The response id of the answer sent without JavaScript (the first test), for the comparison with SurveyJS's. */
let sentWithoutScripts = "";

test("without JavaScript a citizen answers page by page, is told what to correct, and sends once", async ({
  browser,
}) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  sentWithoutScripts = await answerWithoutScripts(page, false);
  await ctx.close();
});

test("the plain form pages pass axe (a browser whose scripts never arrive shows the same)", async ({ browser }) => {
  const ctx = await noScripts(browser);
  const page = await ctx.newPage();
  await answerWithoutScripts(page, true);
  await ctx.close();
});

test("the answer stored without JavaScript equals the one SurveyJS sends for the same answers", async ({ page }) => {
  expect(sentWithoutScripts).not.toBe("");
  await page.goto(`/e/${slug}`);
  const feel = page.getByRole("radiogroup", { name: /Hur trygg känner du dig i ditt område\?/ });
  await feel.getByText("Otrygg", { exact: true }).click();
  await page.getByRole("textbox", { name: /Vad gör dig otrygg\?/ }).fill("Mörkt vid busshållplatsen");
  await page.getByRole("button", { name: "Nästa", exact: true }).click();
  await page.getByRole("radio", { name: "rad Busshållplatsen, kolumn Otrygg" }).check({ force: true });
  await page.getByRole("radio", { name: "rad Parken, kolumn Trygg" }).check({ force: true });
  await page.getByRole("button", { name: "Nästa", exact: true }).click();
  await page
    .getByRole("combobox", { name: /Var bor du\?/ })
    .locator("xpath=..")
    .click();
  await page.getByRole("option", { name: "Centrum" }).click();
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith(`/api/v1/surveys/${slug}/responses`)),
    page.getByRole("button", { name: "Slutför", exact: true }).click(),
  ]);
  await expect(page.getByText("Tack! Ditt svar är registrerat.")).toBeVisible();
  const sent = request.postDataJSON() as { data: Record<string, unknown> };

  // SurveyJS's answer sent again under the id of the plain form's: the server acknowledges it as a retry of what it
  // stored (200) only when the stored answer is the same; another answer under that id is a conflict (409).
  const url = `/api/v1/surveys/${slug}/responses`;
  const same = await page.request.post(url, { data: { id: sentWithoutScripts, data: sent.data, locale: "sv" } });
  expect(same.status()).toBe(200);
  const other = await page.request.post(url, {
    data: { id: sentWithoutScripts, data: { ...sent.data, area: "Norr" }, locale: "sv" },
  });
  expect(other.status()).toBe(409);
});

test("what was ticked before the scripts ran is carried into SurveyJS", async ({ page }) => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route(/\/build\/.*\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(`/e/${slug}`, { waitUntil: "commit" });
  await page.getByLabel("Otrygg", { exact: true }).check();
  release();
  const feel = page.getByRole("radiogroup", { name: /Hur trygg känner du dig i ditt område\?/ });
  await expect(feel.getByRole("radio", { name: "Otrygg" })).toBeChecked();
  // The question its answer reveals shows at once, as SurveyJS shows it.
  await expect(page.getByRole("textbox", { name: /Vad gör dig otrygg\?/ })).toBeVisible();
  // One survey on the page: the plain form is gone.
  await expect(page.locator("form.native-survey")).toHaveCount(0);
});

test("a staff invitation is answered and sent without JavaScript", async ({ browser }) => {
  const staff = await browser.newContext();
  const s = await staff.newPage();
  await login(s, "analytiker@haparanda.example");
  await s.goto("/app/haparanda/enkater/ny");
  await s.getByLabel("Titel").fill("Medarbetare utan skript");
  await s.getByLabel("Period", { exact: true }).fill("2035");
  await s.getByLabel("Medarbetardialog").check();
  await s.getByRole("button", { name: "Skapa enkäten" }).click();
  await expect(s).toHaveURL(/\/bygg$/);
  const staffSlug = /enkater\/([^/]+)\/bygg/.exec(s.url())![1]!;
  await s.goto(`/app/haparanda/enkater/${staffSlug}`);
  await s.getByRole("button", { name: "Öppna enkäten" }).click();
  await expect(s.getByRole("button", { name: "Stäng enkäten" })).toBeVisible();
  await s.goto(`/app/haparanda/enkater/${staffSlug}/inbjudningar`);
  await s.getByLabel("Antal länkar för Skola").fill("1");
  await s.getByRole("button", { name: "Skapa länkar", exact: true }).click();
  await expect(s.getByTestId("links").getByRole("code")).toHaveCount(1);
  const [link] = await s.getByTestId("links").getByRole("code").allTextContents();
  await staff.close();

  // axe on the invitation's first page, as a browser whose scripts never arrive shows it.
  const blocked = await noScripts(browser);
  const b = await blocked.newPage();
  await b.goto(link!);
  await expect(b.locator("form.native-survey")).toBeVisible();
  await expectAccessible(b);
  await blocked.close();

  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p = await ctx.newPage();
  await p.goto(link!);
  await expect(p.getByRole("heading", { name: "Medarbetare utan skript" })).toBeVisible();
  for (let i = 0; i < 10; i++) {
    const next = p.getByRole("button", { name: "Nästa", exact: true });
    if (!(await next.isVisible())) break;
    await next.click();
    await p.waitForLoadState("domcontentloaded");
  }
  await p.getByRole("button", { name: "Slutför", exact: true }).click();
  await expect(p.getByText("Tack! Ditt svar är registrerat.")).toBeVisible();
  // The link is used: opening it again says so.
  const again = await p.goto(link!);
  expect(again!.status()).toBe(410);
  await ctx.close();
});

/** A browser context in which the app's scripts never load: the page stays as the server rendered it. */
async function noScripts(browser: Browser): Promise<BrowserContext> {
  const ctx = await browser.newContext();
  await ctx.route(/\/build\/.*\.js$/, (route) => route.abort());
  return ctx;
}
