import { expect, expectAccessible, login, test } from "./fixtures";

test("the public start page is Swedish by default, switches to English and is accessible @phone", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1, name: "Trygghet där du bor" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Safety where you live" })).toBeVisible();
  await page.goto("/?lang=sv");
});

test("the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Hoppa till innehållet" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("an analyst signs in, sees only her kommun, and signs out", async ({ page }) => {
  await page.goto("/app");
  await expect(page).toHaveURL(/\/logga-in\?next=%2Fapp/);
  await expectAccessible(page);
  await login(page, "analytiker@haparanda.example");
  await expect(page.getByRole("heading", { name: "Översikt" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Haparanda kommun" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Kalix kommun" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page.getByRole("link", { name: "Logga in" })).toBeVisible();
  await page.goto("/app");
  await expect(page).toHaveURL(/\/logga-in/);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill("redaktor@harjedalen.example");
  await page.getByLabel("Lösenord").fill("fel-losenord");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("alert")).toContainText("Fel e-postadress eller lösenord");
  await expectAccessible(page);
});

test("a police editor of the LPO reaches all four of its kommuner but not Härjedalen", async ({ page }) => {
  await login(page, "kommunpolis@ostranorrbotten.example");
  for (const name of ["Haparanda kommun", "Kalix kommun", "Pajala kommun", "Övertorneå kommun"]) {
    await expect(page.getByRole("link", { name })).toBeVisible();
  }
  await expect(page.getByRole("link", { name: "Härjedalens kommun" })).toHaveCount(0);
});

test("a cross-site form post is rejected (CSRF) and does not sign out", async ({ page, context }) => {
  await login(page, "lasare@haparanda.example");
  // A form without the CSRF token, as another site would submit it: the browser sends the cookie, not the token.
  const res = await context.request.post("/logga-ut", {
    form: { csrf: "forged-token-value-xxxxxxxx" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  await page.goto("/app");
  await expect(page.getByRole("heading", { name: "Översikt" })).toBeVisible();
});

test("the account page lets a user create an API token that works as Bearer", async ({ page, request }) => {
  await login(page, "analytiker@kalix.example");
  await page.getByRole("link", { name: "Mitt konto" }).click();
  await expectAccessible(page);
  await page.getByLabel("Namn på nyckeln").fill("Excel-koppling");
  await page.getByRole("button", { name: "Skapa API-nyckel" }).click();
  const token = (await page.getByTestId("new-token").textContent())!;
  expect(token).toMatch(/^td_/);
  const res = await request.get("/app", { headers: { authorization: `Bearer ${token}` }, maxRedirects: 0 });
  expect(res.status()).toBe(200);
});
