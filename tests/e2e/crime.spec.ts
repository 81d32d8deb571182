import { expect, expectAccessible, login, test } from "./fixtures";

const YEAR = new Date().getFullYear();
const csv = (...rows: string[]) =>
  Buffer.from(`\uFEFFår;område;brottskategori;antal;folkmängd;per 100 000 invånare\r\n${rows.join("\r\n")}\r\n`);

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

test("an analyst imports crime statistics: a file with errors is rejected with its rows listed, a good one is stored", async ({
  page,
}) => {
  await login(page, "analytiker@kalix.example");
  await page.goto("/app/kalix/brottsstatistik");
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
});
