import { expect, expectAccessible, login, test } from "./fixtures";

// Files this week's reports for two zones, so it runs once (desktop); the phone project checks the form below.
test("a reporter files the week's report, and 'nothing to report' for the next area in one tap", async ({ page }) => {
  await login(page, "rapportor@kalix.example");
  await expect(page).toHaveURL(/\/app\/kalix\/est\/rapport$/);
  await expect(page.getByRole("heading", { level: 1, name: "Veckorapport" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("group", { name: "Klotter" }).getByLabel("Antal").fill("2");
  await page.getByRole("group", { name: "Nedskräpning" }).getByRole("radio", { name: "En del" }).check();
  const fire = page.getByRole("group", { name: "Bränder" });
  await fire.getByLabel("Antal").fill("1");
  await fire.getByText("Plats och kommentar").click();
  await fire.getByLabel(/^Plats/).fill("Återvinningsstationen");
  await page.getByRole("button", { name: "Skicka rapporten" }).click();
  await expect(page.getByRole("status")).toContainText(/Tack! Rapporten för Kalix centralort, vecka \d+, är sparad/);
  await expect(page.getByRole("group", { name: "Klotter" }).getByLabel("Antal")).toHaveValue("2");
  await expectAccessible(page);

  await page.getByRole("link", { name: /^Nästa område utan rapport: Nyborg/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Nyborg, vecka/ })).toBeVisible();
  await page.getByRole("button", { name: "Inget att rapportera" }).click();
  await expect(page.getByRole("status")).toContainText(/Rapporten för Nyborg, vecka \d+, är sparad/);

  // The reporter reaches nothing else of the kommun.
  const res = await page.goto("/app/kalix");
  expect(res?.status()).toBe(403);
});

test("the weekly report form fits a phone's screen and is accessible @phone", async ({ page }) => {
  await login(page, "rapportor@kalix.example");
  await expect(page.getByRole("heading", { level: 1, name: "Veckorapport" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Inget att rapportera" })).toBeVisible();
  // Nothing wider than the screen: no sideways scrolling on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the weekly report works as a plain form, and a place without a number comes back with its message", async ({
    page,
  }) => {
    await login(page, "rapportor@kalix.example");
    await page.goto("/app/kalix/est/rapport");
    await page.getByLabel("Område", { exact: true }).selectOption({ label: "Töre" });
    await page.getByRole("button", { name: "Byt" }).click();
    await expect(page.getByRole("heading", { level: 2, name: /^Töre, vecka/ })).toBeVisible();
    // A place without a number: only the server can tell.
    const damage = page.getByRole("group", { name: "Skadegörelse" });
    await damage.getByText("Plats och kommentar").click();
    await damage.getByLabel(/^Plats/).fill("Skolan");
    await page.getByRole("button", { name: "Skicka rapporten" }).click();
    await expect(page.getByRole("alert")).toContainText(
      "Du har skrivit plats eller kommentar för Skadegörelse men inte angett antal eller nivå.",
    );
    await expect(page.getByRole("group", { name: "Skadegörelse" }).getByLabel("Antal")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await page.getByLabel("Övrigt om veckan (valfritt)").fill("Lugn vecka.");
    await page.getByRole("group", { name: "Skadegörelse" }).getByLabel("Antal").fill("1");
    await page.getByRole("button", { name: "Skicka rapporten" }).click();
    await expect(page.getByRole("status")).toContainText(/Rapporten för Töre, vecka \d+, är sparad/);
    await expect(page.getByText("Alla dina områden är rapporterade för veckan.")).toBeVisible();
  });
});

test("the coordinator reviews the week, reads the picture per tertial with its chart, table and map", async ({
  page,
}) => {
  await login(page, "analytiker@kalix.example");
  await page.goto("/app/kalix");
  await page.getByRole("link", { name: "EST-veckorapporter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "EST-bilden" })).toBeVisible();
  await expect(page.getByText("Exempeldata: rapporterna är påhittade")).toBeVisible();
  await expect(page.getByRole("figure").filter({ hasText: "Händelser per vecka" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("form", { name: "Tertial" }).getByLabel("Tertial").selectOption("1");
  await page.getByRole("form", { name: "Tertial" }).getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/period=tertial/);
  await expect(page.getByRole("heading", { level: 2, name: /^Tertial 1/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Händelser per kategori och område" })).toBeVisible();

  // The map: one category per zone, the zones without a reviewed report hatched and named so in the legend.
  await expect(page.getByRole("heading", { level: 3, name: "På karta" })).toBeVisible();
  const mapForm = page.getByRole("form", { name: "Kategori på kartan" });
  await mapForm.getByLabel("Kategori på kartan").selectOption({ label: "Klotter" });
  await mapForm.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/period=tertial.*kategori=klotter/);
  const map = page.getByRole("figure").filter({ hasText: /Klotter per område, Tertial 1/ });
  await expect(map).toBeVisible();
  await expect(map.locator("svg path")).toHaveCount(8);
  await expect(map.locator("svg text", { hasText: "Ingen granskad rapport" })).toBeAttached();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Veckans rapporter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Veckans rapporter" })).toBeVisible();
  await expect(page.getByText(/\d av 3 rapporter inkomna/)).toBeVisible();
  await expectAccessible(page);
  // Last week: the demo's latest reports, which await review.
  await page.getByLabel("Vecka", { exact: true }).selectOption({ index: 1 });
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page.getByText("3 av 3 rapporter inkomna, 0 saknas, 3 väntar på granskning.")).toBeVisible();
  await page.getByRole("button", { name: /^Markera rapporten för Kalix centralort från/ }).click();
  await expect(page.getByRole("status")).toContainText("1 rapporter markerades som granskade.");
  await expect(page.getByText("3 av 3 rapporter inkomna, 0 saknas, 2 väntar på granskning.")).toBeVisible();
  await page.getByRole("link", { name: "Rapportörer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rapportörer" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Kalixbo (demo) (Bostadsbolag)" })).toBeVisible();
  await expectAccessible(page);
});

test("the coordinator maps an own category to a theme, and the theme ranking shows EST with its weight", async ({
  page,
}) => {
  await login(page, "analytiker@kalix.example");
  await page.goto("/app/kalix/est/kategorier");
  await expect(page.getByRole("heading", { level: 1, name: "Kategorier" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Standardkategorier" })).toContainText("Trygghet i offentlig miljö");
  await page.getByLabel("Namn").fill("Mopedåkning i centrum");
  await page.getByLabel("Tema i rangordningen av teman").selectOption({ label: "Trafiksäkerhet" });
  await page.getByRole("button", { name: "Lägg till kategori" }).click();
  await expect(page.getByRole("status")).toContainText("Kategorin är tillagd.");
  await expect(page.getByLabel("Tema för Mopedåkning i centrum")).toHaveValue("traffic_safety");
  await page.getByLabel("Tema för Mopedåkning i centrum").selectOption({ label: "Unga och unga vuxna" });
  await page.getByRole("button", { name: "Spara temat för Mopedåkning i centrum" }).click();
  await expect(page.getByRole("status")).toContainText("Temat är sparat.");
  await expect(page.getByLabel("Tema för Mopedåkning i centrum")).toHaveValue("youth");
  await expectAccessible(page);

  await page.goto("/app/kalix/rangordning");
  await expect(page.getByLabel("Vikt: EST-veckorapporter")).toHaveValue("0.1");
  await expect(
    page.getByText(/^EST-veckorapporter vecka \d{4}-W\d{2}–\d{4}-W\d{2}: \d+ granskade rapporter/),
  ).toBeVisible();
  const link = page.getByRole("link", { name: "Se EST-bilden" });
  await expect(link).toHaveAttribute("href", /^\/app\/kalix\/est\/bild\?period=ar&ar=\d{4}$/);
  await expectAccessible(page);

  // Leave the checklist as the demo has it.
  await page.goto("/app/kalix/est/kategorier");
  await page.getByRole("button", { name: "Ta bort kategorin Mopedåkning i centrum" }).click();
  await expect(page.getByRole("status")).toContainText("Kategorin är borttagen");
});

test("the promises' indicators page has the EST reports' section, which says when the period has none", async ({
  page,
}) => {
  await login(page, "analytiker@kalix.example");
  await page.goto("/app/kalix/loften");
  await page.getByRole("link", { name: "Kalix – medborgarlöften" }).first().click();
  await expect(page).toHaveURL(/\/app\/kalix\/loften\/\d+/);
  await page.goto(`${new URL(page.url()).pathname.replace(/\/$/, "")}/indikatorer`);
  const est = page.getByRole("region", { name: "EST-rapporterna" });
  await expect(est).toBeVisible();
  // The demo document's period (2022–2023) is before the demo reports.
  await expect(est).toContainText("Inga granskade EST-rapporter under dokumentets period.");
  await expect(est.getByRole("link", { name: "Se EST-bilden" })).toHaveAttribute(
    "href",
    /^\/app\/kalix\/est\/bild\?period=ar&ar=\d{4}$/,
  );
  await expectAccessible(page);
});
