import type { Page } from "@playwright/test";
import { answerToEnd, expect, expectAccessible, login, test } from "./fixtures";

// What a respondent meets on the survey page, in Chromium: yes/no questions grouped under their question, the
// dropdown's button named in the page's language, the heading in that language, a reload after the thank-you that
// says the answer was sent, and analysts' HTML that cannot run anything.

const SLUG = "haparanda-2026";
const Q1 = /i det område där du bor/;

async function freshPage(page: Page, path = `/e/${SLUG}`) {
  await page.goto(path);
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.reload();
}

/** Clicks "Nästa" (or its translation) until the given question is on screen. */
async function walkTo(page: Page, target: ReturnType<Page["getByRole"]>, next: string) {
  for (let i = 0; i < 12 && !(await target.isVisible()); i++)
    await page.getByRole("button", { name: next, exact: true }).click();
  await expect(target).toBeVisible();
}

test("a yes/no question's radios are a group named by the question", async ({ page }) => {
  await freshPage(page);
  await page.getByRole("radiogroup", { name: Q1 }).getByText("Ganska trygg", { exact: true }).click();
  const group = page.getByRole("radiogroup", { name: /kontakt med polisen under det senaste året/ });
  await walkTo(page, group, "Nästa");
  await expect(group.getByRole("radio")).toHaveCount(2);
  await expect(group.getByRole("radio", { name: "Ja" })).toBeVisible();
  await group.getByText("Nej", { exact: true }).click();
  await expect(group.getByRole("radio", { name: "Nej" })).toBeChecked();
  await expectAccessible(page);
});

for (const [lang, heading, next, button] of [
  ["sv", "Trygghetsenkät 2026", "Nästa", "Visa svarsalternativen"],
  ["en", "Community safety survey", "Next", "Show the options"],
  ["fi", "Turvallisuuskysely", "Seuraava", "Näytä vastausvaihtoehdot"],
] as const) {
  test(`in ${lang}: the heading is in that language and the dropdown's button is named for what it does`, async ({
    page,
  }) => {
    await freshPage(page, `/e/${SLUG}?lang=${lang}`);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(heading));
    // The first question is required; SurveyJS's radios are visually hidden inside their labels.
    await page.getByRole("radiogroup").first().locator("label").first().click();
    const area = page.getByRole("button", { name: button }).first();
    await walkTo(page, area, next);
    await expect(page.getByRole("button", { name: /Utvald|Valikoida/ })).toHaveCount(0);
    await expectAccessible(page);
  });
}

test("after the thank-you, a reload says the answer was sent; 'answer again' gives an empty form; a new tab starts empty", async ({
  page,
  context,
}) => {
  await freshPage(page);
  await answerToEnd(page);
  await expect(page.getByRole("heading", { name: "Tack! Ditt svar är registrerat." })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: "Ditt svar är redan skickat. Tack!" })).toBeVisible();
  await expect(page.getByRole("radiogroup", { name: Q1 })).toHaveCount(0);
  await expectAccessible(page);

  // Someone else on the same computer, in a new tab: an empty form, not the previous person's receipt.
  const other = await context.newPage();
  await other.goto(`/e/${SLUG}`);
  await expect(other.getByRole("radiogroup", { name: Q1 })).toBeVisible();
  await expect(other.getByText("Ditt svar är redan skickat")).toHaveCount(0);
  await other.close();

  await page.getByRole("button", { name: /Lämna ett nytt svar/ }).click();
  await expect(
    page.getByRole("radiogroup", { name: Q1 }).getByRole("radio", { name: "Ganska trygg" }),
  ).not.toBeChecked();
  await page.reload();
  await expect(page.getByRole("radiogroup", { name: Q1 })).toBeVisible();
});

test("an analyst's hostile HTML in a definition runs nothing on the public page", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await login(page, "analytiker@haparanda.example");
  await page.goto("/app/haparanda/enkater/ny");
  await page.getByLabel("Titel").fill("HTML-prov");
  await page.getByLabel("Period").fill("2031");
  await page.getByLabel(/Områden/).fill("Centrum");
  await page.getByRole("button", { name: /Skapa/ }).click();
  await expect(page).toHaveURL(/\/bygg/);
  const slug = /enkater\/([^/]+)\/bygg/.exec(page.url())![1]!;
  const hostile =
    '<p>Hej</p><img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">länk</a><svg onload="alert(4)"></svg><iframe src="javascript:alert(5)"></iframe>';
  const definition = {
    pages: [
      {
        name: "p1",
        elements: [
          { type: "html", name: "intro", html: hostile },
          { type: "radiogroup", name: "feel", title: "Hur känns det?", choices: ["bra", "dåligt"] },
        ],
      },
    ],
  };
  await page.getByLabel("Klistra in en SurveyJS-definition (JSON)").fill(JSON.stringify(definition));
  await page.getByRole("button", { name: "Granska och importera" }).click();
  await expect(page.getByText(/Definitionen är importerad/)).toBeVisible();
  expect(dialogs).toEqual([]);
  await page.goto(`/app/haparanda/enkater/${slug}`);
  await page.getByRole("button", { name: "Öppna enkäten" }).click();
  await expect(page.getByText("Öppen").first()).toBeVisible();

  await page.goto(`/e/${slug}`);
  await expect(page.getByText("Hej", { exact: true })).toBeVisible();
  await expect(page.getByText('<img src=x onerror="alert(1)">')).toBeVisible();
  const survey = page.locator(".survey-page");
  await expect(survey.locator("img, script, svg[onload], iframe, [onerror], [onload]")).toHaveCount(0);
  await expect(survey.locator('a[href^="javascript"]')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);

  // Closing it asks for a ticked box first (the browser's own form check, and the server's without JavaScript).
  await page.goto(`/app/haparanda/enkater/${slug}`);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Stäng enkäten" }).click();
  await expect(page.getByRole("button", { name: "Stäng enkäten" })).toBeVisible();
  await page.reload();
  await expect(page.getByText("Öppen", { exact: true })).toBeVisible();
  await page.getByLabel("Jag förstår att enkäten slutar ta emot svar direkt").check();
  await page.getByRole("button", { name: "Stäng enkäten" }).click();
  await expect(page.getByRole("button", { name: "Öppna igen" })).toBeVisible();
  expect(dialogs).toEqual([]);
});
