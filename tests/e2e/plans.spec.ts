import { expect, expectAccessible, login, test } from "./fixtures";

// The law's documents in Chromium, like a person: Kalix's analyst drafts a lägesbild from the evidence, creates
// prioritised problems from the ranked themes, starts an åtgärdsplan with a measure, the editor records the
// decision, a step of Brå's checklist is ticked on the start page; axe on every new page, and the police side reads.
test("from the evidence to a decided åtgärdsplan, with axe on every page", async ({ page }) => {
  test.setTimeout(240_000);
  await login(page, "analytiker@kalix.example");
  await page.goto("/app/kalix");
  await expect(page.getByRole("heading", { level: 2, name: "Brås arbetsprocess" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Lägesbild", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lägesbild" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Period (t.ex. 2026–2027)").fill("2026");
  await page.getByLabel("Periodens första dag (ÅÅÅÅ-MM-DD)").fill("2026-01-01");
  await page.getByLabel("Periodens sista dag (ÅÅÅÅ-MM-DD)").fill("2026-12-31");
  await page.getByRole("button", { name: "Skapa utkast" }).click();
  // Drafting ranks every theme over the demo surveys (thousands of answers): give it time on a busy machine.
  await expect(page.getByRole("heading", { level: 1, name: "Lägesbild Kalix kommun 2026" })).toBeVisible({
    timeout: 90_000,
  });
  await expect(page.getByRole("table", { name: "Källor i lägesbilden" })).toContainText("Brottsstatistik");
  await expect(page.getByRole("textbox", { name: "Källor: använda, inte använda och vad det begränsar" })).toHaveValue(
    /Brottsstatistik \(\d+ brottskategorier, senast \d{4}; påhittade demosiffror/,
  );
  await expectAccessible(page);

  // Problems from the ranked themes (Kalix's demo surveys rank them); the cause analysis is written in place.
  const themes = page.getByRole("group", { name: "Teman (i rangordning)" }).getByRole("checkbox");
  await expect(themes.first()).toBeVisible();
  await themes.first().check();
  await page.getByRole("button", { name: "Lägg till valda teman" }).click();
  await expect(page.getByRole("textbox", { name: "Orsaker" })).toHaveCount(1, { timeout: 60_000 });
  await page.getByRole("textbox", { name: "Orsaker" }).fill("Få vuxna ute kvällstid.");
  const problem = page.locator("form").filter({ has: page.getByRole("textbox", { name: "Orsaker" }) });
  await problem.getByRole("button", { name: "Spara" }).click();
  await expect(page.getByRole("textbox", { name: "Orsaker" })).toHaveValue("Få vuxna ute kvällstid.");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Utskriftsvy (A4)" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Analys" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/app/kalix/atgardsplan");
  await expect(page.getByRole("heading", { level: 1, name: "Åtgärdsplan" })).toBeVisible();
  await expectAccessible(page);
  await page
    .getByLabel("Bygger på lägesbild")
    .selectOption({ label: "Lägesbild Kalix kommun 2026 (Utkast, version 1)" });
  await page.getByRole("button", { name: "Skapa åtgärdsplan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Åtgärdsplan Kalix kommun 2026" })).toBeVisible();
  const add = page.locator("form").filter({ has: page.getByRole("button", { name: "Lägg till åtgärd" }) });
  await add.getByLabel("Åtgärd", { exact: true }).fill("Vuxna på stan fredagskvällar");
  await add.getByLabel("Ansvarig (typ)").selectOption("forening");
  await add.getByLabel("Ansvarig (namn)").fill("Nattvandrarna i Kalix");
  await add.getByLabel("Hur många (tomt = inget antal)").fill("40");
  await add.getByLabel("Per", { exact: true }).selectOption("year");
  await add.getByRole("button", { name: "Lägg till åtgärd" }).click();
  await expect(page.getByRole("heading", { level: 3, name: "Vuxna på stan fredagskvällar" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(page.url().replace(/\/?$/, "/utskrift"));
  await expect(page.getByRole("heading", { level: 3, name: "Vuxna på stan fredagskvällar" })).toBeVisible();
  await expectAccessible(page);
  const planUrl = page.url().replace(/\/utskrift$/, "");

  // The editor of the kommun's side records the decision; a missing diarienummer is refused first.
  await page.context().clearCookies();
  await login(page, "redaktor@kalix.example");
  await page.goto(planUrl);
  await page.getByLabel("Beslutande organ").fill("Kommunstyrelsen");
  await page.getByLabel("Beslutsdatum (ÅÅÅÅ-MM-DD)").fill("2026-01-15");
  await page.getByRole("button", { name: "Registrera beslutet" }).click();
  await expect(page.getByRole("alert")).toContainText("Ange diarienumret.");
  await expectAccessible(page);
  await page.getByLabel("Beslutande organ").fill("Kommunstyrelsen");
  await page.getByLabel("Beslutsdatum (ÅÅÅÅ-MM-DD)").fill("2026-01-15");
  await page.getByLabel("Diarienummer").fill("KS 2026/17");
  await page.getByRole("button", { name: "Registrera beslutet" }).click();
  await expect(page.getByText(/Beslutad av Kommunstyrelsen 2026-01-15, dnr KS 2026\/17/)).toBeVisible();
  await expect(page.getByText(/Nästa revidering: 2028-01-15/)).toBeVisible();
  await expectAccessible(page);

  await page.goto("/app/kalix");
  await page.getByRole("button", { name: "Bocka av: Åtgärdsplan beslutad" }).click();
  await expect(page.getByText(/Avbockat av Kalle Kommunredaktör/).first()).toBeVisible();
  await expectAccessible(page);
});

test("the police side reads Härjedalen's decided demo plan and is reminded of its overdue revision", async ({
  page,
}) => {
  await login(page, "polis@harjedalen.example");
  await page.goto("/app/harjedalen");
  await expect(page.getByRole("status")).toContainText("skulle ha reviderats");
  await page.getByRole("status").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: /Åtgärdsplan Härjedalens kommun 2019/ })).toBeVisible();
  await expect(page.getByText(/Demodata/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Registrera beslutet" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Lägesbild", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Lägesbild Härjedalens kommun 2019/ })).toBeVisible();
  await expectAccessible(page);
});
