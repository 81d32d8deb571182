import { expect, expectAccessible, login, test } from "./fixtures";

const YEAR = new Date().getFullYear();
const csv = (...rows: string[]) =>
  Buffer.from(`\uFEFFår;område;brottskategori;antal;folkmängd;per 100 000 invånare\r\n${rows.join("\r\n")}\r\n`);

// The law's documents in Chromium, one journey like a person's: Kalix's analyst imports this year's crime
// statistics (a file with errors is rejected with its rows listed first), drafts a lägesbild from the evidence (the
// imported figures in it), creates prioritised problems from the ranked themes, starts an åtgärdsplan with a measure
// and links it to a published medborgarlöfte (and unlinks and links it again), the editor records the decision, the
// promise points back to the measure, a step of Brå's checklist is ticked on the start page; axe on every page.
test("from imported crime statistics to a decided åtgärdsplan linked to a promise, with axe on every page", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await login(page, "analytiker@kalix.example");
  await page.goto("/app/kalix");
  await expect(page.getByRole("heading", { level: 2, name: "Brås arbetsprocess" })).toBeVisible();
  await expectAccessible(page);

  // Crime statistics: a file with errors changes nothing and lists its rows; a good one is stored.
  await page.getByRole("link", { name: "Brottsstatistik: anmälda brott över tid" }).click();
  await page.getByRole("link", { name: "Importera brottsstatistik" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Importera brottsstatistik" })).toBeVisible();
  await expect(page.getByText(/^Varje år som finns i filen ersätter/)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("CSV-fil").setInputFiles({
    name: "fel.csv",
    mimeType: "text/csv",
    buffer: csv(`${YEAR};Kalix;Misshandel;12,5;15 800;`, `${YEAR};Kalix;Tidsresor;3;15 800;`),
  });
  await page.getByRole("button", { name: "Importera", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Ingenting har sparats: 2 av 2 rader avvisades.");
  const problems = page.getByRole("table").filter({ hasText: "Okänd brottskategori" });
  await expect(problems.getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("button", { name: "Ladda ner rapporten över avvisade rader (CSV)" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("CSV-fil").setInputFiles({
    name: "kalix.csv",
    mimeType: "text/csv",
    buffer: csv(`${YEAR};Kalix;Misshandel;120;15 800;`, `${YEAR};Norrbottens län;Misshandel;;;790,4`),
  });
  await page.getByRole("button", { name: "Importera", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(`Importerat: 2 rader för åren ${YEAR}.`);
  await expect(page.getByRole("cell", { name: "kalix.csv" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(`/app/kalix/brottsstatistik?kategori=assault&fran=${YEAR}`);
  await expect(page.getByRole("cell", { name: "759,5" }).first()).toBeVisible(); // 120 / 15 800 × 100 000
  await expect(page.getByRole("note")).toHaveCount(0); // this year's figures are not demo

  await page.goto("/app/kalix");
  await page.getByRole("link", { name: "Lägesbild", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lägesbild" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Period (t.ex. 2026–2027)").fill(String(YEAR));
  await page.getByLabel("Periodens första dag (ÅÅÅÅ-MM-DD)").fill(`${YEAR}-01-01`);
  await page.getByLabel("Periodens sista dag (ÅÅÅÅ-MM-DD)").fill(`${YEAR}-12-31`);
  await page.getByRole("button", { name: "Skapa utkast" }).click();
  // Drafting ranks every theme over the demo surveys (thousands of answers): give it time on a busy machine.
  await expect(page.getByRole("heading", { level: 1, name: `Lägesbild Kalix kommun ${YEAR}` })).toBeVisible({
    timeout: 90_000,
  });
  await expect(page.getByRole("table", { name: "Källor i lägesbilden" })).toContainText("Brottsstatistik");
  await expect(page.getByRole("textbox", { name: "Källor: använda, inte använda och vad det begränsar" })).toHaveValue(
    new RegExp(`Brottsstatistik \\(\\d+ brottskategorier, senast ${YEAR}`),
  );
  // The imported figures are in the mapping and the comparison, each linked to the view that produced them.
  const mapped = page.getByRole("link", {
    name: `Anmälda brott, misshandel, ${YEAR}: 120 (759,5 per 100 000 invånare)`,
  });
  await expect(mapped).toHaveAttribute("href", /\/app\/kalix\/brottsstatistik\?kategori=assault/);
  await expect(
    page.getByRole("link", { name: `Misshandel ${YEAR}: kommunen 759,5 per 100 000 invånare, Norrbottens län 790,4` }),
  ).toBeVisible();
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
    .selectOption({ label: `Lägesbild Kalix kommun ${YEAR} (Utkast, version 1)` });
  await page.getByRole("button", { name: "Skapa åtgärdsplan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Åtgärdsplan Kalix kommun ${YEAR}` })).toBeVisible();
  const add = page.locator("form").filter({ has: page.getByRole("button", { name: "Lägg till åtgärd" }) });
  await add.getByLabel("Åtgärd", { exact: true }).fill("Vuxna på stan fredagskvällar");
  await add.getByLabel("Ansvarig (typ)").selectOption("forening");
  await add.getByLabel("Ansvarig (namn)").fill("Nattvandrarna i Kalix");
  await add.getByLabel("Hur många (tomt = inget antal)").fill("40");
  await add.getByLabel("Per", { exact: true }).selectOption("year");
  await add.getByRole("button", { name: "Lägg till åtgärd" }).click();
  await expect(page.getByRole("heading", { level: 3, name: "Vuxna på stan fredagskvällar" })).toBeVisible();
  await expectAccessible(page);
  // Linked to a published promise, unlinked, and linked again.
  const measure = page.getByRole("region", { name: "Vuxna på stan fredagskvällar" });
  const choice = measure.getByLabel("Koppla löfte");
  const published = (await choice.locator("option").allInnerTexts()).find((o) => o.includes("publicerat"))!;
  expect(published).toBeTruthy();
  await choice.selectOption({ label: published });
  await measure.getByRole("button", { name: "Koppla löfte" }).click();
  const promiseText = published.slice(published.indexOf("): ") + 3);
  await expect(measure.getByRole("button", { name: /^Ta bort kopplingen till: / })).toHaveCount(1);
  await expect(measure.getByText(promiseText.slice(0, 40)).first()).toBeVisible();
  await expectAccessible(page);
  await measure.getByRole("button", { name: /^Ta bort kopplingen till: / }).click();
  await expect(measure.getByText("Inga kopplade löften.")).toBeVisible();
  await measure.getByLabel("Koppla löfte").selectOption({ label: published });
  await measure.getByRole("button", { name: "Koppla löfte" }).click();
  await expect(measure.getByRole("button", { name: /^Ta bort kopplingen till: / })).toHaveCount(1);
  const promiseDoc = await measure.locator('a[href^="/app/kalix/loften/"]').first().getAttribute("href");
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

  // The promise points back to the measure it belongs to.
  await page.goto(promiseDoc!);
  const back = page.getByRole("region", { name: "Hör till åtgärdsplanen" });
  await expect(
    back.getByRole("link", { name: `Åtgärdsplan Kalix kommun ${YEAR}: Vuxna på stan fredagskvällar` }),
  ).toBeVisible();
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
