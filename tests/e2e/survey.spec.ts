import type { Page } from "@playwright/test";
import { DEMO_SURVEY, answerToEnd, expect, expectAccessible, storedCount, test } from "./fixtures";

const SLUG = DEMO_SURVEY;

const texts = {
  sv: {
    q1: /i det område där du bor/,
    choice: "Ganska trygg",
    next: "Nästa",
    complete: "Slutför",
    area: "Var i kommunen bor du?",
    thanks: "Tack! Ditt svar är registrerat.",
    heading: "Trygghetsenkät 2026",
  },
  en: {
    q1: /in the area where you live/,
    choice: "Fairly safe",
    next: "Next",
    complete: "Complete",
    area: "Where in the municipality do you live?",
    thanks: "Thank you! Your answer has been received.",
    heading: "Community safety survey",
  },
  fi: {
    q1: /asuinalueellasi/,
    choice: "Melko turvalliseksi",
    next: "Seuraava",
    complete: "Valmis",
    area: "Missä päin kuntaa asut?",
    thanks: "Kiitos! Vastauksesi on vastaanotettu.",
    heading: "Turvallisuuskysely",
  },
};

/** Answers the first question, walks to the last page, picks an area and completes, in the language. */
const answer = (page: Page, lang: keyof typeof texts) => answerToEnd(page, texts[lang]);

for (const lang of ["sv", "en", "fi"] as const) {
  test(`a citizen answers on a phone in ${lang}, and the answer is stored once @phone`, async ({ page, browser }) => {
    const before = await storedCount(browser);
    await page.goto(`/e/${SLUG}?lang=${lang}`);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByRole("heading", { level: 1, name: texts[lang].heading })).toBeVisible();
    await expectAccessible(page);
    await answer(page, lang);
    await expect(page.getByText(texts[lang].thanks)).toBeVisible();
    await expectAccessible(page);
    expect(await storedCount(browser)).toBe(before + 1);
  });
}

test("the survey page is server-rendered: questions show before any JavaScript runs", async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(`/e/${SLUG}`);
  await expect(page.getByText(/Hur trygg eller otrygg skulle du känna dig/).first()).toBeVisible();
  await ctx.close();
});

test("progress survives a reload", async ({ page }) => {
  await page.goto(`/e/${SLUG}`);
  const group = page.getByRole("radiogroup", { name: texts.sv.q1 });
  await group.getByText("Mycket otrygg", { exact: true }).click();
  await page.reload();
  await expect(page.getByText("Vi har fyllt i det du svarade förra gången")).toBeVisible();
  await expect(
    page.getByRole("radiogroup", { name: texts.sv.q1 }).getByRole("radio", { name: "Mycket otrygg" }),
  ).toBeChecked();
});

test("offline at the moment of sending: the answer waits, then arrives exactly once", async ({
  page,
  context,
  browser,
}) => {
  const before = await storedCount(browser);
  await page.goto(`/e/${SLUG}`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await context.setOffline(true);
  await answer(page, "sv");
  await expect(page.getByText(/Ingen anslutning just nu/)).toBeVisible();
  // Still offline after a reload from cache is not possible; the answer is kept in storage.
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("td:survey:")).length);
  expect(stored).toBe(1);
  await context.setOffline(false);
  await expect(page.getByText("Tack! Ditt svar är registrerat.")).toBeVisible({ timeout: 20_000 });
  expect(await storedCount(browser)).toBe(before + 1);
});

test("a lost acknowledgement is retried with the same id and stored once", async ({ page, browser }) => {
  const before = await storedCount(browser);
  let calls = 0;
  // The first POST reaches the server and is stored, but its answer is lost on the way back.
  await page.route(`**/api/v1/surveys/${SLUG}/responses`, async (route) => {
    calls++;
    const response = await route.fetch();
    if (calls === 1) await route.abort("connectionreset");
    else await route.fulfill({ response });
  });
  await page.goto(`/e/${SLUG}`);
  await answer(page, "sv");
  await expect(page.getByText("Tack! Ditt svar är registrerat.")).toBeVisible({ timeout: 20_000 });
  expect(calls).toBeGreaterThanOrEqual(2);
  expect(await storedCount(browser)).toBe(before + 1);
});

test("a closed and an unknown survey say so in the respondent's language", async ({ page }) => {
  const closed = await page.goto("/e/haparanda-2024?lang=fi");
  expect(closed!.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "Kysely on suljettu" })).toBeVisible();
  await expectAccessible(page);
  const unknown = await page.goto("/e/finns-inte-2099?lang=sv");
  expect(unknown!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Enkäten finns inte" })).toBeVisible();
});

test("keyboard only: a respondent can answer the first question and move on", async ({ page }) => {
  await page.goto(`/e/${SLUG}`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const radio = page.getByRole("radiogroup", { name: texts.sv.q1 }).getByRole("radio").first();
  await radio.focus();
  await page.keyboard.press("Space");
  await expect(radio).toBeChecked();
});

test("the poster page shows the QR code and is accessible", async ({ page }) => {
  await page.goto(`/e/${SLUG}/affisch`);
  await expect(page.getByRole("img", { name: /QR-kod som leder till enkäten/ })).toBeVisible();
  await expectAccessible(page);
});
