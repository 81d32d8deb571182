// A respondent's answer under network and server faults (docs/operations.md): the browser's outbox keeps the answer in
// localStorage, tells the person so, survives a reload while offline, and sends it with the same response id
// until the server has it, which then counts it exactly once (read as an analyst, through the app).
import type { Page, Request } from "@playwright/test";
import { DEMO_SURVEY, SWEDISH_WALK, answerToEnd, expect, expectAccessible, storedCount, test } from "./fixtures";

const SLUG = DEMO_SURVEY;
const THANKS = "Tack! Ditt svar är registrerat.";
/** Generous: these tests wait for real retries, and CI machines are shared (load far above their two cores). */
const DELIVERED = { timeout: 45_000 };

test.describe.configure({ timeout: 150_000 });

/** Answers the demo survey "Ganska otrygg" to the end. */
const answer = (page: Page) => answerToEnd(page, { ...SWEDISH_WALK, choice: "Ganska otrygg" });

/** The answer waiting in the browser's outbox, if any. */
function outbox(page: Page) {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("td:survey:"));
    return key
      ? (JSON.parse(localStorage.getItem(key)!) as { id: string; pending: boolean; data: Record<string, unknown> })
      : null;
  });
}

/** Records the response id of every answer POST the page attempts (also those that never reach the server). */
function watchSends(page: Page) {
  const ids: string[] = [];
  page.on("request", (r: Request) => {
    if (r.method() === "POST" && r.url().endsWith(`/api/v1/surveys/${SLUG}/responses`))
      ids.push((r.postDataJSON() as { id: string }).id);
  });
  return ids;
}

async function freshSurvey(page: Page) {
  await page.goto(`/e/${SLUG}`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
}

test("offline when sending: the page says the answer is kept, and going online sends it exactly once", async ({
  page,
  context,
  browser,
}) => {
  const before = await storedCount(browser);
  const sends = watchSends(page);
  await freshSurvey(page);
  await context.setOffline(true);
  await answer(page);
  await expect(page.getByRole("alert")).toContainText(
    "Ingen anslutning just nu. Ditt svar är sparat i webbläsaren och skickas automatiskt",
  );
  const kept = await outbox(page);
  expect(kept).toMatchObject({ pending: true });
  await context.setOffline(false);
  await expect(page.getByText(THANKS)).toBeVisible(DELIVERED);
  expect(await outbox(page)).toBeNull();
  expect(new Set(sends)).toEqual(new Set([kept!.id]));
  expect(await storedCount(browser)).toBe(before + 1);
});

test("offline when sending: a reload while offline keeps the answer, and it arrives exactly once when the connection is back", async ({
  page,
  context,
  browser,
}) => {
  const before = await storedCount(browser);
  const sends = watchSends(page);
  await freshSurvey(page);
  await context.setOffline(true);
  await answer(page);

  // The person is told the answer is kept and will be sent by itself.
  await expect(page.getByRole("alert")).toContainText(
    "Ingen anslutning just nu. Ditt svar är sparat i webbläsaren och skickas automatiskt",
  );
  await expectAccessible(page);
  const kept = await outbox(page);
  expect(kept).toMatchObject({ pending: true });
  expect(kept!.id).toMatch(/^[0-9a-f-]{36}$/);

  // A reload while still offline fails (no network, no page), but the answer stays in the browser.
  const reloadError = await page.reload().then(
    () => null,
    (e: Error) => e.message,
  );
  expect(reloadError).toMatch(/ERR_INTERNET_DISCONNECTED/);
  // The browser's own error page replaces the survey; then the connection returns and the survey is opened again.
  await page.waitForURL(/^chrome-error:/);
  await context.setOffline(false);
  await page.goto(`/e/${SLUG}`);
  // Back online, the waiting answer is sent by whichever document of this tab gets to it first: the new page, which
  // finds it in the outbox and sends it without the person doing anything (then it thanks them), or the page that
  // was left, which Chromium may still hold and wake with the 'online' event. (Chromium's offline emulation also
  // lets the first attempt reach the server at times while reporting a failure to the page.) Whichever it is, the
  // answer arrives exactly once, under the id it was given, and leaves the outbox.
  await expect.poll(() => storedCount(browser), DELIVERED).toBe(before + 1);
  await expect.poll(() => outbox(page), DELIVERED).toBeNull();
  expect(sends.length).toBeGreaterThanOrEqual(1);
  expect(new Set(sends)).toEqual(new Set([kept!.id]));
  await expectAccessible(page);
  // And it stays once: a further reload sends nothing new.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await storedCount(browser)).toBe(before + 1);
});

test("the network drops for the API only: a reload keeps the answer, the outbox sends it when the connection returns", async ({
  page,
  browser,
}) => {
  const before = await storedCount(browser);
  const sends = watchSends(page);
  let down = true;
  await page.route(`**/api/v1/surveys/${SLUG}/responses`, (route) =>
    down ? route.abort("internetdisconnected") : route.continue(),
  );
  await freshSurvey(page);
  await answer(page);
  await expect(page.getByRole("alert")).toContainText("Ingen anslutning just nu");
  const kept = await outbox(page);
  expect(kept).toMatchObject({ pending: true });

  // The page reloads (the page itself still loads), finds the waiting answer and tries again: still no connection.
  const attemptsBefore = sends.length;
  await page.reload();
  await expect(page.getByRole("alert")).toContainText("Ingen anslutning just nu");
  expect(sends.length).toBeGreaterThan(attemptsBefore);
  expect(await outbox(page)).toMatchObject({ id: kept!.id, pending: true });
  await expectAccessible(page);

  // The connection is back: the next automatic retry (every 5 s while offline) delivers it.
  down = false;
  await expect(page.getByText(THANKS)).toBeVisible(DELIVERED);
  expect(new Set(sends)).toEqual(new Set([kept!.id]));
  expect(await outbox(page)).toBeNull();
  expect(await storedCount(browser)).toBe(before + 1);
});

test("the server answers 503 with Retry-After (database down): the page says it will retry, and the answer is stored once", async ({
  page,
  browser,
}) => {
  const before = await storedCount(browser);
  const sends = watchSends(page);
  let refused = 0;
  // What the app answers while its database is unreachable (see tests/integration/faults/pg-restart.test.ts).
  await page.route(`**/api/v1/surveys/${SLUG}/responses`, (route) => {
    if (refused < 2) {
      refused++;
      return route.fulfill({
        status: 503,
        headers: { "Retry-After": "1", "content-type": "application/json" },
        body: JSON.stringify({ error: "Tjänsten är tillfälligt otillgänglig, försök igen om en stund" }),
      });
    }
    return route.continue();
  });
  await freshSurvey(page);
  await answer(page);
  await expect(page.getByRole("alert")).toContainText(
    "Något gick fel hos oss. Ditt svar är sparat i webbläsaren och vi försöker skicka det igen om 1 sekunder.",
  );
  await expectAccessible(page);
  await expect(page.getByText(THANKS)).toBeVisible(DELIVERED);
  expect(refused).toBe(2);
  expect(sends.length).toBe(3);
  expect(new Set(sends).size).toBe(1);
  expect(await storedCount(browser)).toBe(before + 1);
});
