import { expect, expectAccessible, login, test } from "./fixtures";

test("invitation links: made by an analyst for a unit, answered once in the browser, then refused", async ({
  browser,
}) => {
  const staff = await browser.newContext();
  const s = await staff.newPage();
  await login(s, "analytiker@haparanda.example");
  // A staff survey of its own, opened, so the test does not depend on other specs.
  await s.goto("/app/haparanda/enkater/ny");
  await s.getByLabel("Titel").fill("Medarbetardialog e2e");
  await s.getByLabel("Period", { exact: true }).fill("2033");
  await s.getByLabel("Medarbetardialog").check();
  await s.getByRole("button", { name: "Skapa enkäten" }).click();
  await expect(s).toHaveURL(/\/enkater\/haparanda-2033-personal[^/]*\/bygg$/);
  const slug = /enkater\/([^/]+)\/bygg/.exec(s.url())![1]!;
  await s.goto(`/app/haparanda/enkater/${slug}`);
  await s.getByRole("button", { name: "Öppna enkäten" }).click();
  await expect(s.getByRole("button", { name: "Stäng enkäten" })).toBeVisible();

  await s.goto(`/app/haparanda/enkater/${slug}/inbjudningar`);
  await expectAccessible(s);
  await s.getByLabel("Antal länkar för Skola").fill("2");
  await s.getByRole("button", { name: "Skapa länkar", exact: true }).click();
  // allTextContents does not wait: wait for the action's answer to render first.
  await expect(s.getByTestId("links").getByRole("code")).toHaveCount(2);
  const links = await s.getByTestId("links").getByRole("code").allTextContents();
  expect(links).toHaveLength(2);
  await expectAccessible(s);

  const person = await browser.newContext();
  const p = await person.newPage();
  await p.goto(links[0]!);
  await expect(p.getByRole("heading", { name: "Medarbetardialog e2e" })).toBeVisible();
  await expectAccessible(p);
  for (let i = 0; i < 10; i++) {
    const next = p.getByRole("button", { name: "Nästa", exact: true });
    if (!(await next.isVisible())) break;
    await next.click();
  }
  await p.getByRole("button", { name: "Slutför", exact: true }).click();
  await expect(p.getByText("Tack! Ditt svar är registrerat.")).toBeVisible();

  const again = await p.goto(links[0]!);
  expect(again!.status()).toBe(410);
  await expect(p.getByRole("heading", { name: "Länken är redan använd" })).toBeVisible();
  await expectAccessible(p);
  const unknown = await p.goto("/i/okand-lank-som-inte-finns-1234?lang=en");
  expect(unknown!.status()).toBe(404);
  await expect(p.getByRole("heading", { name: "Link not found" })).toBeVisible();

  // The analyst sees the invitations, with fewer than 5 answers not shown exactly.
  await s.reload();
  const school = s.getByRole("table", { name: "Inbjudna och svar per enhet" }).getByRole("row", { name: /Skola/ });
  await expect(school.getByRole("cell").nth(1)).toHaveText("färre än 5");
  await staff.close();
  await person.close();
});

test("meetings: an analyst records a walk with a place to follow up", async ({ page }) => {
  await login(page, "analytiker@haparanda.example");
  await page.goto("/app/haparanda/moten");
  await expectAccessible(page);
  await page.getByLabel("Typ av möte").selectOption("trygghetsvandring");
  await page.getByLabel("Datum").fill("2026-05-12");
  await page.getByLabel("Plats eller område").fill("Centrum");
  await page.getByLabel("Område i kommunen").selectOption({ label: "Haparanda centralort" });
  await page.getByLabel("Boende").fill("14");
  await page.getByLabel("Fysisk miljö: Antal som tog upp det").fill("9");
  await page.getByRole("button", { name: "Spara mötet" }).click();
  await expect(page.getByRole("heading", { name: "Trygghetsvandring 2026-05-12" })).toBeVisible();
  await expect(page.getByText("Område i kommunen: Haparanda centralort")).toBeVisible();
  await page.getByLabel("Plats", { exact: true }).fill("Gångtunneln vid stationen");
  // The finding's own zone: the finding form's select (the edit form below has one for the meeting).
  await page.locator("#f-zoneId").selectOption({ label: "Nikkala" });
  await page.getByLabel("Dålig belysning").check();
  await page.getByLabel("Förslag till åtgärd").fill("Ny belysning");
  await page.getByRole("button", { name: "Lägg till platsen" }).click();
  await expect(page.getByRole("rowheader", { name: "Gångtunneln vid stationen" })).toBeVisible();
  await page.getByLabel("Status: Gångtunneln vid stationen").selectOption("fixed");
  await page.getByRole("button", { name: "Spara status" }).click();
  await expect(page.getByRole("status")).toHaveText("Sparat.");
  await expectAccessible(page);
  const meeting = page.url();
  // The places page lists the walk under both zones, with a marker on the map.
  await page.goto("/app/haparanda/platser");
  const activity = page.getByRole("region", { name: "Vad händer i områdena" });
  await expect(activity.getByRole("region", { name: "Nikkala" })).toContainText("(iakttagelse i området)");
  await expect(activity.getByRole("region", { name: "Haparanda centralort" })).toContainText(
    "1 möte eller trygghetsvandring",
  );
  await expectAccessible(page);
  await page.goto(meeting);
  await page.getByRole("button", { name: "Ta bort mötet" }).click();
  await expect(page).toHaveURL(/\/app\/haparanda\/moten$/);
});
