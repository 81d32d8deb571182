import { expect, expectAccessible, login, test } from "./fixtures";

test("an analyst opens the printable problembild report: themes, findings as sentences, charts, method; A4 in print without navigation", async ({
  page,
}) => {
  await login(page, "analytiker@haparanda.example");
  await page.goto("/app/haparanda/enkater/haparanda-2026/rapport");
  await expect(page.getByRole("heading", { level: 1, name: "Problembild – Haparanda kommun" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Inriktningar" })).toBeVisible();
  // Key findings read as sentences with the margin of error.
  const findings = page.getByRole("region", { name: "Viktigaste resultat" }).getByRole("listitem");
  expect(await findings.count()).toBeGreaterThanOrEqual(3);
  await expect(findings.first()).toHaveText(
    /^\d+\s%\s\(±\d+\) av de svarande i Haparanda kommun anser att .+ är ett mycket eller ganska stort problem\.$/,
  );
  // The top themes, ranked, each with the figures behind it.
  const themes = page.getByRole("region", { name: "Inriktningar" }).getByRole("listitem");
  expect(await themes.count()).toBeGreaterThanOrEqual(1);
  await expect(
    page.getByRole("heading", {
      level: 3,
      name: "Andel som anser att följande är ett mycket eller ganska stort problem",
      exact: true,
    }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Förändring sedan förra mätningen" })).toBeVisible();
  // Three demo waves: the trend of the largest problems over them.
  await expect(
    page.getByRole("heading", {
      level: 3,
      name: "Andel som anser att följande är ett mycket eller ganska stort problem, 2022–2026",
    }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Om underlaget och metoden" })).toBeVisible();
  await expect(page.getByText(/Wilsons metod/)).toBeVisible();
  await expectAccessible(page);

  // The exports are linked with the same filters.
  await expect(page.getByRole("link", { name: "Resultat som Excel (XLSX)" })).toHaveAttribute(
    "href",
    "/app/haparanda/enkater/haparanda-2026/resultat.xlsx",
  );

  // Print: no site navigation, no download links, the report itself visible, and the page box is A4.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Resultat som CSV" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Problembild – Haparanda kommun" })).toBeVisible();
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  const box = /\/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
  expect(box, "a page box in the PDF").not.toBeNull();
  // A4 is 210 × 297 mm = 595.3 × 841.9 points.
  expect(Math.abs(Number(box![1]) - 595.3)).toBeLessThan(2);
  expect(Math.abs(Number(box![2]) - 841.9)).toBeLessThan(2);
});

test("the problembild page links to the report and the exports with its filters", async ({ page }) => {
  await login(page, "analytiker@haparanda.example");
  await page.goto("/app/haparanda/enkater/haparanda-2026/resultat?where=area:seskaro");
  const links = page.getByRole("navigation", { name: "Rapport och nedladdning" });
  await expect(links.getByRole("link", { name: "Resultat som CSV" })).toHaveAttribute(
    "href",
    "/app/haparanda/enkater/haparanda-2026/resultat.csv?where=area%3Aseskaro",
  );
  await links.getByRole("link", { name: "Problembildsrapport för utskrift" }).click();
  await expect(page).toHaveURL(/\/rapport\?where=area%3Aseskaro$/);
  await expect(page.getByRole("heading", { level: 1, name: "Problembild – Haparanda kommun" })).toBeVisible();
  // The CSV as the browser downloads it.
  const res = await page.request.get("/app/haparanda/enkater/haparanda-2026/resultat.csv?where=area:seskaro");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^text\/csv/);
  expect((await res.text()).split("\r\n")[0]).toContain("Del;Fråga;Frågetext");
});

test("the report follows the problembild's filters and says when a group is too small", async ({ page }) => {
  await login(page, "lasare@haparanda.example");
  await page.goto("/app/haparanda/enkater/haparanda-2026/rapport?where=area:seskaro");
  await expect(page.getByText(/^Urval: .*Seskarö/).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Viktigaste resultat" }).getByRole("listitem").first()).toHaveText(
    /av de svarande i urvalet/,
  );
  await expect(page.getByRole("link", { name: "Anonymiserade svar som CSV" })).toHaveAttribute(
    "href",
    /svar\.csv\?where=area%3Aseskaro$/,
  );
  await expectAccessible(page);
  await page.goto(
    "/app/haparanda/enkater/haparanda-2026/rapport?where=area:kukkola&where=age_band:16-19&where=gender:other",
  );
  await expect(page.getByRole("status").filter({ hasText: /Färre än 5 svarande i urvalet/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Anonymiserade svar som CSV" })).toHaveCount(0);
  await expectAccessible(page);
});
