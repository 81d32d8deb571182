import { expect, expectAccessible, login, test } from "./fixtures";

// The import of crime statistics is part of the law's journey in plans.spec.ts.

test("a viewer reads the crime statistics: demo banner, chart with its table, a category's trend", async ({ page }) => {
  await login(page, "lasare@haparanda.example");
  await page.goto("/app/haparanda");
  await page.getByRole("link", { name: "Brottsstatistik: anmälda brott över tid" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Brottsstatistik" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("Påhittade demosiffror");
  await expect(page.getByRole("link", { name: "Importera brottsstatistik" })).toHaveCount(0);
  const figure = page.getByRole("figure").filter({ hasText: "Samtliga anmälda brott: anmälda brott per 100 000" });
  await expect(figure).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Brottskategori").selectOption({ label: "Bostadsinbrott" });
  await page.getByLabel("Från år").selectOption("2021");
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/kategori=residential_burglary&fran=2021/);
  await expect(page.getByRole("heading", { level: 2, name: "Bostadsinbrott" })).toBeVisible();
  await expect(page.getByText("Hör till temana: Mängdbrott")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Områden i kommunen" })).toBeVisible();
  await expectAccessible(page);
});
