import { expect, expectAccessible, test } from "./fixtures";

test("anyone reads a kommun's published promises on a phone, and the page is accessible @phone", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Haparanda kommun", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Medborgarlöften i Haparanda kommun" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: /2020–2022/ }).click();
  await expect(page.getByRole("heading", { level: 3, name: "Trafiksäkerhet" })).toBeVisible();
  // The promise as the document words it, among the focus areas' promises ...
  await expect(
    page.getByRole("listitem").filter({ hasText: /^Polisiär fotpatrullering.*minst en \(1\) gång per vecka/ }),
  ).toBeVisible();
  await expect(page.getByText(/6 av 11 löften är mätbara/)).toBeVisible();
  // ... and the follow-up logged against it, rendered as a target, with its status (no places or notes).
  const progress = page.getByRole("region", { name: "Så går det" });
  await expect(progress.getByText(/Genomföra fotpatrullering minst en \(1\) gång per vecka/)).toBeVisible();
  await expect(progress.getByText(/Genomfört|Enligt plan|Efter plan|Inte påbörjat/).first()).toBeVisible();
  // What was done, in the words the editors wrote for residents, dated, with a feed to follow it.
  const updates = page.getByRole("region", { name: "Det här har vi gjort" });
  await expect(updates.getByRole("listitem").first()).toBeVisible();
  await expect(updates.getByText(/^Löftet: /).first()).toBeVisible();
  const feed = updates.getByRole("link", { name: /Följ uppdateringarna/ });
  const atom = await page.request.get((await feed.getAttribute("href"))!);
  expect(atom.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  expect(await atom.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
  await expectAccessible(page);
  // The poster to print: what was promised and how it went, with a QR code back to the page.
  await page.getByRole("link", { name: /Affisch att skriva ut/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vi lovade – så gick det" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR-kod till/ })).toBeVisible();
  await expectAccessible(page);
});

test("the kommun's open data: the datasets' files and the DCAT-AP-SE catalogue, accessible", async ({ page }) => {
  await page.goto("/lofte/kalix");
  await page.getByRole("link", { name: "Öppna data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Öppna data: Kalix/ })).toBeVisible();
  await expectAccessible(page);
  for (const file of ["loften.csv", "uppdateringar.json", "enkatresultat.csv", "dcat.rdf"]) {
    const link = page.getByRole("link", { name: file, exact: true });
    const res = await page.request.get((await link.getAttribute("href"))!);
    expect(res.status(), file).toBe(200);
  }
});

test("the start page lists the open surveys with a way to answer", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: /Svara på enkäten: Haparanda kommun/ })).toBeVisible();
});
