import { expect, expectAccessible, login, test } from "./fixtures";

test("an analyst reads the problembild, filters it by area, and a too small group is suppressed", async ({ page }) => {
  await login(page, "analytiker@haparanda.example");
  await page.goto("/app/haparanda/enkater/haparanda-2026");
  await page.getByRole("link", { name: "Problembild och resultat" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Problembild: Trygghetsenkät 2026/ })).toBeVisible();
  await expect(
    page.getByRole("figure").filter({ hasText: "Andel som anser att följande är ett stort problem" }),
  ).toBeVisible();
  await expectAccessible(page);
  const all = Number((await page.getByText(/^\d+ svarande i urvalet$/).textContent())!.match(/(\d+)/)![1]);
  expect(all).toBeGreaterThan(1000);
  await page.getByLabel("Område", { exact: true }).selectOption({ label: "Seskarö" });
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/where=area%3Aseskaro/);
  await expect(page.getByText(/^\d+ svarande i urvalet$/)).not.toHaveText(`${all} svarande i urvalet`);
  const some = Number((await page.getByText(/^\d+ svarande i urvalet$/).textContent())!.match(/(\d+)/)![1]);
  expect(some).toBeLessThan(all);
  // A group too small to show: no figure at all, only the explanation.
  await page.goto(
    "/app/haparanda/enkater/haparanda-2026/resultat?where=area:kukkola&where=age_band:16-19&where=gender:other",
  );
  await expect(page.getByRole("status").filter({ hasText: /Färre än 5 svarande i urvalet/ })).toBeVisible();
  await expect(page.getByText(/^\d+ svarande i urvalet$/)).toHaveCount(0);
  await expectAccessible(page);
});

test("a viewer of another kommun cannot open Haparanda's problembild", async ({ page }) => {
  await login(page, "analytiker@kalix.example");
  const res = await page.goto("/app/haparanda/enkater/haparanda-2026/resultat");
  expect(res!.status()).toBe(403);
});
