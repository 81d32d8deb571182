import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

// The signed-in pages crawled with axe on a narrow screen, where wide tables scroll: every scroll container is a
// named region reachable and scrollable by keyboard. And a user who picks Suomi: pages without a Finnish
// catalogue declare the Swedish they show, and Finnish public pages mark the Swedish document text.
test.use({ viewport: { width: 390, height: 844 } });

/** Every table scroll container is a named, focusable region; returns how many could be scrolled by keyboard. */
async function checkScrollRegions(page: Page): Promise<number> {
  const wraps = page.locator(".table-wrap");
  const n = await wraps.count();
  expect(n, page.url()).toBeGreaterThan(0);
  let scrolled = 0;
  for (let i = 0; i < n; i++) {
    const wrap = wraps.nth(i);
    await expect(wrap).toHaveAttribute("tabindex", "0");
    await expect(wrap).toHaveAttribute("role", "region");
    const name = await wrap.getAttribute("aria-label");
    expect(name?.trim(), page.url()).toBeTruthy();
    await expect(page.getByRole("region", { name: name!, exact: true, includeHidden: true }).first()).toBeAttached();
    if (!(await wrap.isVisible())) continue;
    const overflows = await wrap.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    if (!overflows) continue;
    await wrap.focus();
    await expect(wrap).toBeFocused();
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => wrap.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    scrolled++;
  }
  return scrolled;
}

test("wide tables on the follow-up pages, the follow-up report, the promise list and the results scroll by keyboard", async ({
  page,
}) => {
  test.setTimeout(180_000);
  let scrolled = 0;
  await login(page, "redaktor@kalix.example");
  await page.goto("/app/kalix/uppfoljning");
  await expect(page.getByRole("heading", { level: 1, name: "Uppföljning av medborgarlöftena" })).toBeVisible();
  scrolled += await checkScrollRegions(page);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Logga uppföljning" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Uppföljning: Kalix/ })).toBeVisible();
  const followUp = new URL(page.url()).pathname;
  scrolled += await checkScrollRegions(page);
  await expectAccessible(page);

  await page.goto(`${followUp}/rapport`);
  scrolled += await checkScrollRegions(page);
  await expectAccessible(page);

  await page.goto("/app/kalix/loften");
  scrolled += await checkScrollRegions(page);
  await expectAccessible(page);

  await page.context().clearCookies();
  await login(page, "analytiker@haparanda.example");
  for (const path of [
    "/app/haparanda/enkater/haparanda-2026/resultat",
    "/app/haparanda/enkater/haparanda-2026/rapport",
  ]) {
    await page.goto(path);
    scrolled += await checkScrollRegions(page);
    await expectAccessible(page);
  }
  // On a phone-wide screen some of these tables are wider than the screen: they were scrolled by keyboard.
  expect(scrolled).toBeGreaterThan(0);
});

test("a user who picks Suomi: staff pages say they are Swedish; public pages are Finnish with the Swedish document marked", async ({
  page,
}) => {
  await login(page, "redaktor@kalix.example");
  await page.goto("/app/kalix/uppfoljning");
  await page.getByRole("link", { name: "Suomi" }).click();
  await expect(page).toHaveURL(/lang=fi/);
  // No Finnish catalogue for staff pages: what is shown is Swedish, and the page says so.
  await expect(page.getByRole("heading", { level: 1, name: "Uppföljning av medborgarlöftena" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("link", { name: "Suomi" })).toHaveAttribute("aria-current", "true");
  await expectAccessible(page);
  // The choice holds (cookie) on the next staff page too.
  await page.goto("/app/kalix/loften");
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");

  // The public pages are Finnish; the document is Swedish, and its text says so.
  await page.goto("/lofte/kalix");
  await expect(page.locator("html")).toHaveAttribute("lang", "fi");
  await page.locator("main a[href^='/lofte/kalix/']").first().click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveAttribute("lang", "sv");
  // The footer's tagline has no Finnish text: it is declared Swedish.
  await expect(page.locator("footer p")).toHaveAttribute("lang", "sv");
  await expectAccessible(page);
});

test("invitations: one new link is '1 ny länk', and revoking a link asks for an explicit tick", async ({ page }) => {
  await login(page, "analytiker@haparanda.example");
  await page.goto("/app/haparanda/enkater/ny");
  await page.getByLabel("Titel").fill("Medarbetardialog e2e-länkar");
  await page.getByLabel("Period", { exact: true }).fill("2034");
  await page.getByLabel("Medarbetardialog").check();
  await page.getByRole("button", { name: "Skapa enkäten" }).click();
  await expect(page).toHaveURL(/\/bygg$/);
  const slug = /enkater\/([^/]+)\/bygg/.exec(page.url())![1]!;
  await page.goto(`/app/haparanda/enkater/${slug}/inbjudningar`);
  // Not open yet: the page says the links work only once it is.
  await expect(page.getByText("Medarbetardialogen är inte öppen än")).toBeVisible();
  await page.getByLabel("Antal länkar för Skola").fill("1");
  await page.getByRole("button", { name: "Skapa länkar", exact: true }).click();
  await expect(page.getByRole("heading", { name: "1 ny länk", exact: true })).toBeVisible();
  const link = (await page.getByTestId("links").getByRole("code").allTextContents())[0]!;
  await expectAccessible(page);

  await page.getByLabel("Länken som ska dras tillbaka").fill(link);
  const tick = page.getByLabel("Jag förstår att länken slutar fungera för gott och inte kan öppnas igen.");
  await expect(tick).not.toBeChecked();
  // Without the tick the form does not go anywhere (the browser asks for it; the server would refuse it too).
  await page.getByRole("button", { name: "Dra tillbaka", exact: true }).click();
  await expect(page.getByText("Länken är tillbakadragen")).toHaveCount(0);
  await tick.check();
  await page.getByRole("button", { name: "Dra tillbaka", exact: true }).click();
  await expect(page.getByText("Länken är tillbakadragen och fungerar inte längre.")).toBeVisible();
  await expectAccessible(page);
});

/** Drafts a document for the period as Haparanda's kommun editor and has both sides approve it; returns its path. */
async function signedDocument(page: Page, title: string, start: string, end: string) {
  await page.context().clearCookies();
  await login(page, "redaktor@haparanda.example");
  await page.goto("/app/haparanda/loften/ny");
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Period (t.ex. 2027–2028)").fill(`${start.slice(0, 4)}–${end.slice(0, 4)}`);
  await page.getByLabel("Perioden börjar").fill(start);
  await page.getByLabel("Perioden slutar").fill(end);
  await page.getByRole("button", { name: "Skapa utkastet" }).click();
  await expect(page).toHaveURL(/\/app\/haparanda\/loften\/\d+$/);
  const path = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Skicka på granskning" }).click();
  await page.getByRole("button", { name: "Godkänn för kommunen" }).click();
  await expect(page.getByText(/Godkänt för kommunen av/)).toBeVisible();
  await page.context().clearCookies();
  await login(page, "kommunpolis@ostranorrbotten.example");
  await page.goto(path);
  await page.getByRole("button", { name: "Godkänn för polisen" }).click();
  await expect(page.getByText("Status: Fastställt")).toBeVisible();
  return path;
}

test("publishing a second document for a period in force says it replaces that one, and asks for a tick", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const first = await signedDocument(page, "Löften e2e första", "2040-01-01", "2041-12-31");
  await expect(page.getByText("Publiceringen kan inte ångras")).toBeVisible();
  await page.getByLabel("Jag förstår att publiceringen inte kan ångras.").check();
  await page.getByRole("button", { name: "Publicera", exact: true }).click();
  await expect(page.getByText("Status: Publicerat")).toBeVisible();

  const second = await signedDocument(page, "Löften e2e andra", "2041-01-01", "2042-12-31");
  // The form names the document in force that publishing replaces, before anything is pressed.
  await expect(page.getByText("För perioden gäller redan ”Löften e2e första”")).toBeVisible();
  await expectAccessible(page);
  await page
    .getByLabel("Jag förstår att publiceringen inte kan ångras och att det ersätter ”Löften e2e första”.")
    .check();
  await page.getByRole("button", { name: "Publicera och ersätt det gällande" }).click();
  await expect(page.getByText("Status: Publicerat")).toBeVisible();

  // The public pages agree on which one is in force.
  await page.context().clearCookies();
  await page.goto(first.replace("/app/haparanda/loften/", "/lofte/haparanda/"));
  await page.getByRole("link", { name: /Ersatt av version 2/ }).click();
  await expect(page).toHaveURL(new RegExp(`${second.replace("/app/haparanda/loften/", "/lofte/haparanda/")}$`));
  await expect(page.getByText("Version 2 gäller för perioden.")).toBeVisible();
  await expectAccessible(page);
});
