import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

// The promise workflow end to end (docs/decisions/006-promise-sign-off-and-history.md, docs/domain/README.md
// #the-cycle-the-product-supports): an analyst and two editors (kommun and polis) go from the seeded problembild's theme ranking
// to a published document with measurable promises, and the public page shows it. axe on every page on the way.

async function signOutAndIn(page: Page, email: string) {
  await page.context().clearCookies();
  await login(page, email);
}

test("an analyst and two editors go from the ranking to a published document with measurable promises", async ({
  page,
}) => {
  test.setTimeout(240_000);

  // The analyst picks the top themes on the ranking and starts the draft.
  await login(page, "analytiker@haparanda.example");
  await page.goto("/app/haparanda/rangordning");
  await page.getByRole("link", { name: "Skapa medborgarlöften från valda teman" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nya medborgarlöften" })).toBeVisible();
  await expect(page.getByText("Temarangordningen från problembilden är inte tillgänglig")).toHaveCount(0);
  await expectAccessible(page);
  const chosen = page.getByRole("checkbox", { checked: true });
  await expect(chosen).toHaveCount(3);
  await page.getByLabel("Period (t.ex. 2027–2028)").fill("2026–2027");
  await page.getByLabel("Perioden börjar").fill("2026-01-01");
  await page.getByLabel("Perioden slutar").fill("2027-12-31");
  await page.getByLabel("Titel").fill("Medborgarlöften Haparanda 2026–2027");
  await page.getByRole("button", { name: "Skapa utkastet" }).click();
  await expect(page).toHaveURL(/\/app\/haparanda\/loften\/\d+$/);
  const docUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: "Medborgarlöften Haparanda 2026–2027" })).toBeVisible();
  // Each focus area has a background drafted from the figures, and the figures are linked to their views.
  const firstArea = page.locator("section.focus-area").first();
  await expect(firstArea.getByLabel("Bakgrund")).toHaveCount(0); // analysts do not edit
  await expect(firstArea.getByText(/kommer på plats 1 av \d+ teman i problembilden/)).toBeVisible();
  await expect(firstArea.getByRole("heading", { name: "Underlag (siffrorna bakom texten)" })).toBeVisible();
  await expect(firstArea.locator(".figure-links a").first()).toHaveAttribute("href", /^\/app\/haparanda\//);
  await expectAccessible(page);
  // The analyst comments on the problembild.
  const problembild = page.locator("details").filter({ hasText: "Kommentera: Problembild" });
  await problembild.locator("summary").click();
  await problembild
    .getByLabel("Kommentar till Problembild")
    .fill("Ta med andelen som är otrygga i centrum på kvällen.");
  await problembild.getByRole("button", { name: "Spara kommentaren" }).click();
  await expect(page.getByText("Kommentaren är sparad.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Kommentarer till Problembild" })).toContainText(
    "Ta med andelen som är otrygga",
  );

  // The kommun's editor writes the text and a measurable promise, sends it for review and approves for the kommun.
  await signOutAndIn(page, "redaktor@haparanda.example");
  await page.goto(docUrl);
  await page
    .getByLabel("Inledning", { exact: true })
    .fill("Polisen och Haparanda kommun lovar invånarna att arbeta tillsammans mot det som gör kommunen otrygg.");
  await page.getByLabel("Uppföljning senast").fill("2028-02-29");
  await page.getByRole("button", { name: "Spara dokumentets text" }).click();
  await expect(page.getByText("Sparat.")).toBeVisible();
  const add = page
    .locator("section.focus-area")
    .first()
    .locator("details")
    .filter({ hasText: "Lägg till ett löfte under" });
  await add.locator("summary").click();
  await add.getByLabel("Ansvarig", { exact: true }).selectOption("polis");
  await add.getByLabel("Aktivitet", { exact: true }).selectOption("riktad_insats");
  await add.getByLabel("Aktivitet i fritext").fill("mot narkotika");
  await add.getByLabel("Mål", { exact: true }).selectOption("quantity");
  await add.getByLabel("Antal", { exact: true }).fill("4");
  await add.getByLabel("Per", { exact: true }).selectOption("year");
  // Rendered live in the documents' own style while typing.
  await expect(add.getByText("Genomföra minst fyra (4) riktade insatser mot narkotika per år.")).toBeVisible();
  await expect(add.getByText("Mätbart.")).toBeVisible();
  await expectAccessible(page);
  await add.getByRole("button", { name: "Lägg till löftet" }).click();
  await expect(page.getByText("Sparat.")).toBeVisible();
  await expect(page.getByText("1 av 1 löften är mätbara")).toBeVisible();
  await page.getByRole("button", { name: "Skicka på granskning" }).click();
  await expect(page.getByText("Status: Granskning")).toBeVisible();
  await page.getByRole("button", { name: "Godkänn för kommunen" }).click();
  await expect(page.getByText(/Godkänt för kommunen av Kim Kommunredaktör/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Godkänn för polisen" })).toHaveCount(0);
  await expectAccessible(page);

  // The police editor approves for the police, which makes it fastställt, and publishes it.
  await signOutAndIn(page, "kommunpolis@ostranorrbotten.example");
  await page.goto(docUrl);
  await page.getByRole("button", { name: "Godkänn för polisen" }).click();
  await expect(page.getByText("Status: Fastställt")).toBeVisible();
  // Publishing cannot be undone: the editor ticks that they know before the button does anything.
  await page.getByLabel("Jag förstår att publiceringen inte kan ångras.").check();
  await page.getByRole("button", { name: "Publicera" }).click();
  await expect(page.getByText("Status: Publicerat")).toBeVisible();
  await expect(page.getByText(/Den här versionen är publicerad och kan inte ändras/)).toBeVisible();
  await expect(page.getByLabel("Inledning", { exact: true })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Historik och ändringar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Historik" })).toBeVisible();
  await expect(page.getByText(/Fastställt → publicerat/)).toBeVisible();
  await expect(page.locator("ins", { hasText: "Polisen och Haparanda kommun lovar" })).toBeVisible();
  await expectAccessible(page);

  // Anyone reads it on the public page, which says which version is in force.
  await page.context().clearCookies();
  await page.goto("/lofte/haparanda");
  await page.getByRole("link", { name: /Medborgarlöften Haparanda 2026–2027/ }).click();
  await expect(page.getByText("Version 1 gäller för perioden.")).toBeVisible();
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: /^Genomföra minst fyra \(4\) riktade insatser mot narkotika per år\.$/ }),
  ).toBeVisible();
  await expect(page.getByText("1 av 1 löften är mätbara")).toBeVisible();
  await expectAccessible(page);
});

test("the kommun's list of promise documents shows every status and version @phone", async ({ page }) => {
  await login(page, "lasare@haparanda.example");
  await page.goto("/app/haparanda");
  await page.getByRole("link", { name: "Medborgarlöften", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Medborgarlöften" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Medborgarlöften för Haparanda kommun" })).toContainText("Publicerat");
  // A viewer reads but is not offered to write.
  await expect(page.getByRole("link", { name: "Skriv nya medborgarlöften" })).toHaveCount(0);
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an editor drafts a document and adds a measurable promise with plain forms", async ({ page }) => {
    await login(page, "redaktor@haparanda.example");
    await page.goto("/app/haparanda/loften/ny?themes=traffic_safety");
    await page.getByLabel("Period (t.ex. 2027–2028)").fill("2029–2030");
    await page.getByLabel("Perioden börjar").fill("2029-01-01");
    await page.getByLabel("Perioden slutar").fill("2030-12-31");
    await page.getByRole("button", { name: "Skapa utkastet" }).click();
    await expect(page).toHaveURL(/\/app\/haparanda\/loften\/\d+$/);
    const area = page
      .locator("section.focus-area")
      .filter({ has: page.getByRole("heading", { name: "Trafiksäkerhet" }) });
    const add = area.locator("details").filter({ hasText: "Lägg till ett löfte under" });
    await add.locator("summary").click();
    await add.getByLabel("Ansvarig", { exact: true }).selectOption("bada");
    await add.getByLabel("Aktivitet", { exact: true }).selectOption("trafikkontroll");
    await add.getByLabel("Platser (kommaseparerade)").fill("Storgatan, skolorna");
    await add.getByLabel("Antal", { exact: true }).fill("2");
    await add.getByLabel("Per", { exact: true }).selectOption("month");
    await add.getByRole("button", { name: "Lägg till löftet" }).click();
    await expect(area.locator(".promise-text")).toHaveText(
      "Polisen och kommunen Genomföra minst två (2) trafikkontroller per månad på följande platser: Storgatan och skolorna.",
    );
    await expect(page.getByText("1 av 1 löften är mätbara")).toBeVisible();
    // Bad input comes back with a message per field and nothing added.
    await add.locator("summary").click();
    await add.getByLabel("Antal", { exact: true }).fill("0");
    await add.getByRole("button", { name: "Lägg till löftet" }).click();
    await expect(page.getByRole("alert")).toContainText("Ange ett antal större än noll");
    await expect(page.getByText("1 av 1 löften är mätbara")).toBeVisible();
    // No axe here: it runs as a script in the page. The same page is checked with JavaScript in the test above.
  });
});
