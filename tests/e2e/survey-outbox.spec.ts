// What a respondent on a slow or failing connection is told about their answer (SurveyRunner's outbox): that it is
// waiting to be sent, that it is being tried again, and that it has arrived; in text on the page and in a live region
// that a screen reader announces.
import type { Route } from "@playwright/test";
import { answerToEnd, expect, expectAccessible, test } from "./fixtures";

const SLUG = "haparanda-2026";

test.describe.configure({ timeout: 120_000 });

const cases = [
  {
    lang: "sv",
    q1: /i det område där du bor/,
    choice: "Ganska otrygg",
    next: "Nästa",
    area: "Var i kommunen bor du?",
    complete: "Slutför",
    waiting: "Ditt svar väntar på att skickas",
    retrying: /Försöker skicka ditt svar igen \(försök \d+\) …/,
    arrived: "Tack! Ditt svar är registrerat.",
  },
  {
    lang: "en",
    q1: /in the area where you live/,
    choice: "Fairly unsafe",
    next: "Next",
    area: "Where in the municipality do you live?",
    complete: "Complete",
    waiting: "Your answer is waiting to be sent",
    retrying: /Trying to send your answer again \(attempt \d+\) …/,
    arrived: "Thank you! Your answer has been received.",
  },
] as const;

for (const c of cases) {
  test(`a blocked submission (${c.lang}): the answer is shown waiting, then retried, then arrived`, async ({
    page,
  }) => {
    // The submission route is blocked (the server cannot be reached) until the test lets it through; the try after
    // that is held back for a moment so that "trying again" can be seen before the answer arrives.
    let blocked = true;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let tries = 0;
    await page.route(`**/api/v1/surveys/${SLUG}/responses`, async (route: Route) => {
      tries++;
      if (blocked) return route.fulfill({ status: 503, headers: { "Retry-After": "2" }, body: "{}" });
      await held;
      return route.continue();
    });
    await page.goto(`/e/${SLUG}?lang=${c.lang}`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await answerToEnd(page, c);

    const status = page.locator(".survey-status");
    await expect(status).toHaveAttribute("aria-live", "polite");
    await expect(page.getByRole("heading", { name: c.waiting })).toBeVisible();
    await expect(page.getByRole("status")).toContainText(c.waiting);
    await expectAccessible(page);

    blocked = false;
    await expect(page.getByText(c.retrying)).toBeVisible({ timeout: 20_000 });
    await expect(status).toContainText(c.retrying);
    release();
    await expect(page.getByRole("heading", { name: c.arrived })).toBeVisible({ timeout: 20_000 });
    await expect(status).toHaveAttribute("aria-live", "polite");
    expect(tries).toBeGreaterThanOrEqual(2);
  });
}

test("a choice tapped before the scripts arrive is the answer once they have", async ({ page }) => {
  // The page's scripts are held back, as on a slow connection, while the respondent taps the first choice.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.goto(`/e/${SLUG}`);
  await page.evaluate(() => localStorage.clear());
  await page.route("**/build/**/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.reload({ waitUntil: "domcontentloaded" });
  // Before the scripts: the server's plain form (docs/decisions/015-survey-without-javascript.md).
  const plain = page.getByRole("group", { name: /i det område där du bor/ });
  await plain.getByLabel("Ganska otrygg", { exact: true }).click();
  await expect(plain.getByRole("radio", { name: "Ganska otrygg" })).toBeChecked();
  release();
  const first = page.getByRole("radiogroup", { name: /i det område där du bor/ });
  // Once SurveyJS has taken over, its model holds the value: the draft kept in the browser has it, and its radio is
  // checked.
  const draft = () =>
    page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith("td:survey:"));
      return key ? Object.values((JSON.parse(localStorage.getItem(key)!) as { data: object }).data) : [];
    });
  await expect.poll(draft, { timeout: 30_000 }).toContain("rather_unsafe");
  await expect(first.getByRole("radio", { name: "Ganska otrygg" })).toBeChecked();
});
