import { expect, expectAccessible, login, test } from "./fixtures";

// An editor follows up the Kalix promises: dashboard, logging (add, change, delete an own entry), outcome
// indicators, and the written report in print emulation. The demo seed (surveys included) is the starting point.
// Run on E2E_PORT=3316 here: 3306 is MariaDB's port on these machines.
test("an editor logs follow-up, sees the dashboard and prints the report", async ({ page }) => {
  await login(page, "redaktor@kalix.example");

  await page.goto("/app/kalix/uppfoljning");
  await expect(page.getByRole("heading", { level: 1, name: "Uppföljning av medborgarlöftena" })).toBeVisible();
  const table = page.getByRole("table", { name: /Löften och förlopp per/ });
  await expect(table).toBeVisible();
  // What is behind comes first.
  await expect(table.getByRole("row").nth(1)).toContainText("Efter plan");
  await expectAccessible(page);

  await page.getByRole("link", { name: "Logga uppföljning" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Uppföljning: Kalix/ })).toBeVisible();
  await expectAccessible(page);

  // Log two trafiksäkerhetsinsatser (the promise that is behind).
  const promise = page.getByLabel("Löfte", { exact: true });
  const option = await promise.locator("option", { hasText: "trafiksäkerhetsinsatser" }).first().getAttribute("value");
  await promise.selectOption(option!);
  await page.getByLabel("Datum då det gjordes").fill("2023-06-10");
  await page.getByLabel("Hur många").fill("2");
  await page.getByLabel("Var (plats, område)").fill("Riksväg 4 vid Nyborg");
  await page.getByLabel("Anteckning").fill("Kontroll av mopeder och A-traktorer e2e");
  await page.getByRole("button", { name: "Spara uppföljningen" }).click();
  await expect(page.getByRole("status")).toHaveText("Uppföljningen är sparad.");
  const section = page.locator(`#promise-${option}`);
  await expect(section.getByRole("cell", { name: "Riksväg 4 vid Nyborg" })).toBeVisible();
  // 6 seeded + 2 = the whole period's 8: the promise is now done.
  await expect(section).toContainText("Genomfört");
  await expect(section).toContainText("8 av 8");

  // A bad quantity is refused with a message at the field, and nothing is saved.
  await promise.selectOption(option!);
  await page.getByLabel("Datum då det gjordes").fill("2023-06-11");
  await page.getByLabel("Hur många").evaluate((el: HTMLInputElement) => el.removeAttribute("min"));
  await page.getByLabel("Hur många").fill("-4");
  await page.getByRole("button", { name: "Spara uppföljningen" }).click();
  await expect(page.getByRole("alert")).toContainText("Ange hur många som ett heltal");
  await expect(page.getByLabel("Hur många")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  // Change the own entry, then delete it.
  await page.goto(page.url().split("?")[0]!);
  await section.getByRole("link", { name: "Ändra raden från 2023-06-10" }).click();
  await expect(page.getByRole("heading", { name: "Ändra uppföljning" })).toBeVisible();
  await page.getByLabel("Hur många").fill("1");
  await page.getByRole("button", { name: "Spara ändringen" }).click();
  await expect(page.getByRole("status")).toHaveText("Uppföljningen är sparad.");
  await expect(section).toContainText("7 av 8");
  await expect(section).toContainText("Efter plan");
  await section.getByRole("button", { name: "Ta bort raden från 2023-06-10" }).click();
  await expect(page.getByRole("status")).toHaveText("Raden är borttagen.");
  await expect(section.getByRole("cell", { name: "Riksväg 4 vid Nyborg" })).toHaveCount(0);

  // Outcome indicators: the seeded ones with their change since 2022, and a new one from the form.
  await page.getByRole("link", { name: "Effektmått" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Effektmått/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Effektmått och förändring sedan utgångsläget" })).toContainText("2024");
  await page.getByLabel("Fokusområde").selectOption({ label: "Mängdbrott" });
  const item = page.getByLabel("Indikator");
  await item.selectOption(
    (await item.locator("option", { hasText: "Inbrott i bostäder" }).first().getAttribute("value"))!,
  );
  await page.getByLabel("Avgränsning (område)").selectOption({ label: "Kalix centralort" });
  await page.getByLabel("Benämning (valfri; annars frågans text)").fill("Inbrott i Kalix centralort e2e");
  await page.getByRole("button", { name: "Spara effektmåttet" }).click();
  await expect(page.getByRole("status")).toHaveText("Effektmåttet är sparat.");
  await expect(page.getByRole("rowheader", { name: /Inbrott i Kalix centralort e2e/ })).toBeVisible();
  await expectAccessible(page);

  // The written report, printed.
  await page.getByRole("link", { name: "Skriftlig uppföljning (rapport)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Skriftlig uppföljning: Kalix/ })).toBeVisible();
  await expect(page.getByText("Den skriftliga uppföljningen ska vara klar senast 2024-02-29.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Effekt: trygghetsmätningens indikatorer" }).first()).toBeVisible();
  await expect(page.getByText("Inbrott i Kalix centralort e2e")).toBeVisible();
  await expectAccessible(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Skriv ut" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Ladda ner som CSV" })).toBeHidden();
  await expect(page.locator("header.site-header")).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: /^Skriftlig uppföljning/ })).toBeVisible();
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
  await page.emulateMedia({ media: "screen" });

  // The yearly review of 2023.
  await page.getByRole("navigation", { name: "Period eller år" }).getByRole("link", { name: "2023" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /, 2023$/ })).toBeVisible();
  await expect(page.getByText("Årlig avstämning: insatser från 2023-01-01 till 2023-12-31")).toBeVisible();
  await expectAccessible(page);

  // The CSV export downloads.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Ladda ner som CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("uppfoljning-kalix-2023.csv");
});

test("an editor changes an entry logged under the earlier version from the revised version's page", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const trafficOption = async () => {
    const select = page.getByLabel("Löfte", { exact: true });
    return (await select.locator("option", { hasText: "trafiksäkerhetsinsatser" }).first().getAttribute("value"))!;
  };

  // Logged against version 1 while it is in force.
  await login(page, "redaktor@kalix.example");
  await page.goto("/app/kalix/uppfoljning");
  await page.getByRole("link", { name: "Logga uppföljning" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Uppföljning: Kalix/ })).toBeVisible();
  const v1Url = /^.*\/app\/kalix\/loften\/\d+/.exec(page.url())![0];
  const v1FollowUp = `${v1Url}/uppfoljning`;
  await page.getByLabel("Löfte", { exact: true }).selectOption(await trafficOption());
  await page.getByLabel("Datum då det gjordes").fill("2023-06-12");
  await page.getByLabel("Hur många").fill("1");
  await page.getByLabel("Var (plats, område)").fill("Vägkorset e2e v1");
  await page.getByRole("button", { name: "Spara uppföljningen" }).click();
  await expect(page.getByRole("status")).toHaveText("Uppföljningen är sparad.");

  // A revision is started, signed by both sides and published: version 2.
  await page.goto(v1Url);
  await page.getByRole("button", { name: "Revidera (ny version)" }).click();
  await expect(page.getByText("Status: Utkast")).toBeVisible();
  const v2Url = /^.*\/app\/kalix\/loften\/\d+/.exec(page.url())![0];
  expect(v2Url).not.toBe(v1Url);
  await page.getByRole("button", { name: "Skicka på granskning" }).click();
  await page.getByRole("button", { name: "Godkänn för kommunen" }).click();
  await expect(page.getByText(/Godkänt för kommunen av/)).toBeVisible();
  await page.context().clearCookies();
  await login(page, "kommunpolis@ostranorrbotten.example");
  await page.goto(v2Url);
  await page.getByRole("button", { name: "Godkänn för polisen" }).click();
  await expect(page.getByText("Status: Fastställt")).toBeVisible();
  // Publishing cannot be undone: the editor ticks that they know before the button does anything.
  await page.getByLabel("Jag förstår att publiceringen inte kan ångras.").check();
  await page.getByRole("button", { name: "Publicera" }).click();
  await expect(page.getByText("Status: Publicerat")).toBeVisible();

  // Version 2's follow-up lists the version 1 entry, says so, and its author changes and deletes it there.
  await page.context().clearCookies();
  await login(page, "redaktor@kalix.example");
  await page.goto(`${v2Url}/uppfoljning`);
  const section = page.locator(`#promise-${await trafficOption()}`);
  const row = section.getByRole("row").filter({ hasText: "Vägkorset e2e v1" });
  await expect(row).toContainText("Loggad under version 1");
  await expectAccessible(page);
  await row.getByRole("link", { name: "Ändra raden från 2023-06-12" }).click();
  await expect(page.getByRole("heading", { name: "Ändra uppföljning" })).toBeVisible();
  await expect(page.getByText("Raden loggades under version 1 av dokumentet")).toBeVisible();
  await page.getByLabel("Hur många").fill("3");
  await page.getByLabel("Var (plats, område)").fill("Vägkorset e2e v1, rättad");
  await page.getByRole("button", { name: "Spara ändringen" }).click();
  await expect(page.getByRole("status")).toHaveText("Uppföljningen är sparad.");
  expect(page.url()).toContain(v2Url);
  const changed = section.getByRole("row").filter({ hasText: "Vägkorset e2e v1, rättad" });
  await expect(changed.getByRole("cell", { name: "3", exact: true })).toBeVisible();
  await expect(changed).toContainText("Loggad under version 1");
  // The same rules as for the version's own entries: the field's message for a bad quantity.
  await changed.getByRole("link", { name: "Ändra raden från 2023-06-12" }).click();
  await expect(page.getByRole("heading", { name: "Ändra uppföljning" })).toBeVisible();
  await page.getByLabel("Hur många").evaluate((el: HTMLInputElement) => el.removeAttribute("min"));
  await page.getByLabel("Hur många").fill("-1");
  await page.getByRole("button", { name: "Spara ändringen" }).click();
  await expect(page.getByRole("alert")).toContainText("Ange hur många som ett heltal");
  await page.goto(`${v2Url}/uppfoljning`);
  await section
    .getByRole("row")
    .filter({ hasText: "Vägkorset e2e v1, rättad" })
    .getByRole("button", { name: "Ta bort raden från 2023-06-12" })
    .click();
  await expect(page.getByRole("status")).toHaveText("Raden är borttagen.");
  await expect(section.getByRole("row").filter({ hasText: "Vägkorset e2e v1" })).toHaveCount(0);
  // Gone from version 1's page too: it was the one row.
  await page.goto(v1FollowUp);
  await expect(page.getByRole("row").filter({ hasText: "Vägkorset e2e v1" })).toHaveCount(0);
});
