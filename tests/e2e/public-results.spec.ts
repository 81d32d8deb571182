import { expect, expectAccessible, login, test } from "./fixtures";

// "Det här svarade ni": an analyst publishes a selection of a closed citizen survey's questions, and anyone can read
// them, as charts with a sentence and a table each (docs/domain/feedback-to-citizens.md).

test("an analyst publishes chosen questions of a closed survey; the public page shows them, accessible", async ({
  page,
  browser,
}) => {
  await login(page, "analytiker@haparanda.example");
  await page.goto("/app/haparanda/enkater/haparanda-2024");
  await page.getByRole("link", { name: "Publicera för invånarna" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Publicera resultat för invånarna/ })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(/Inte publicerad/);
  await expectAccessible(page);

  // Publishing nothing is refused, per field, and nothing is stored.
  await page.getByRole("checkbox", { name: /^Publicera \(sidan visas/ }).check();
  await page.getByRole("button", { name: "Spara" }).click();
  await expect(page.getByRole("alert")).toContainText("Välj minst en fråga innan du publicerar.");
  await expect(page.getByRole("status")).toHaveText(/Inte publicerad/);

  const questions = page.getByRole("group", { name: "Frågor att visa" }).getByRole("checkbox");
  expect(await questions.count()).toBeGreaterThan(3);
  const indicator = page
    .getByRole("group", { name: "Frågor att visa" })
    .getByRole("checkbox", { name: /\(indikator\)$/ })
    .first();
  await indicator.check();
  await questions.nth(2).check();
  const chosen = await page
    .getByRole("group", { name: "Frågor att visa" })
    .locator("label")
    .filter({ has: page.locator("input:checked") })
    .allInnerTexts();
  expect(chosen).toHaveLength(2);
  await page.getByRole("textbox", { name: /^Inledande text/ }).fill("Tack till alla som svarade!");
  await page.getByRole("checkbox", { name: /^Publicera \(sidan visas/ }).check();
  await page.getByRole("button", { name: "Spara" }).click();
  await expect(page.getByRole("status")).toHaveText(/Publicerad av Anna Analytiker .*Sparat\./);
  await expectAccessible(page);

  // Anyone, not signed in, from the kommun's promise page.
  const context = await browser.newContext({ locale: "sv-SE" });
  const visitor = await context.newPage();
  await visitor.goto("/lofte/haparanda");
  await visitor.getByRole("region", { name: "Det här svarade ni i enkäten" }).getByRole("link").first().click();
  await expect(visitor).toHaveURL(/\/resultat\/haparanda\/haparanda-2024$/);
  await expect(visitor.getByRole("heading", { level: 1, name: "Det här svarade ni" })).toBeVisible();
  await expect(visitor.getByText("Tack till alla som svarade!")).toBeVisible();
  await expect(visitor.getByRole("heading", { level: 2, name: "Om siffrorna" })).toBeVisible();
  await expect(visitor.getByText(/små grupper/)).toBeVisible();
  const charts = visitor.getByRole("region", { name: "Svaren" }).getByRole("heading", { level: 3 });
  await expect(charts).toHaveCount(2);
  // Each chart: an image named by its title and sentence, and a table behind "Visa tabell".
  await expect(visitor.getByRole("img").first()).toHaveAccessibleName(/\(\d+\s%\)/);
  await expect(visitor.getByText(/^(Ungefär|Nästan|Färre|Vanligaste)/).first()).toBeVisible();
  await visitor.getByText("Visa tabell").first().click();
  await expect(visitor.getByRole("table").first()).toBeVisible();
  await expectAccessible(visitor);

  // The promise page charts the published questions on the problems its promises answer, accessible too.
  await visitor.goto("/lofte/haparanda");
  await visitor
    .locator('main a[href^="/lofte/haparanda/"]:not([href*="prenumer"]):not([href$=".atom"])')
    .first()
    .click();
  const problems = visitor.getByRole("region", { name: "Det här oroar invånarna" });
  await expect(problems).toBeVisible();
  await expect(problems.getByRole("img").first()).toHaveAccessibleName(/\(\d+\s%\)/);
  await expect(problems.getByRole("link", { name: "Alla publicerade svar från enkäten" })).toHaveAttribute(
    "href",
    "/resultat/haparanda/haparanda-2024",
  );
  await expectAccessible(visitor);

  // In English: the page's own texts in English, the survey's texts marked as Swedish.
  await visitor.goto("/resultat/haparanda/haparanda-2024?lang=en");
  await expect(visitor.getByRole("heading", { level: 1, name: "What you told us" })).toBeVisible();
  await expect(visitor.locator("html")).toHaveAttribute("lang", "en");
  await expectAccessible(visitor);
  // In Finnish too, the charts' own words included.
  await visitor.goto("/resultat/haparanda/haparanda-2024?lang=fi");
  await expect(visitor.getByRole("heading", { level: 1, name: "Näin vastasitte" })).toBeVisible();
  await expect(visitor.locator("html")).toHaveAttribute("lang", "fi");
  await expect(visitor.getByText("Näytä taulukko").first()).toBeVisible();
  await expectAccessible(visitor);
  await context.close();
});
