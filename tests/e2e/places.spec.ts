import { expect, expectAccessible, login, test } from "./fixtures";

// Places (docs/domain/places.md): the zone map with its table, the GeoJSON import, and the place question in the
// builder's preview, by pointer and by keyboard.

const square = (lon: number, lat: number, d = 0.01) => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
  [lon - d, lat - d],
];
const geojson = (...features: { code: string; name: string; ring: number[][] }[]) =>
  Buffer.from(
    JSON.stringify({
      type: "FeatureCollection",
      features: features.map((f) => ({
        type: "Feature",
        properties: { code: f.code, name: f.name },
        geometry: { type: "Polygon", coordinates: [f.ring] },
      })),
    }),
  );

test("an editor reads the kommun's zones: demo banner, the map and the same zones as a table", async ({ page }) => {
  await login(page, "redaktor@kalix.example");
  await page.goto("/app/kalix");
  await page.getByRole("link", { name: "Platser: kommunens områden på karta" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Platser och områden" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("Påhittade demoområden");
  await expect(page.getByRole("link", { name: "Importera områden (GeoJSON)" })).toHaveCount(0);
  const map = page.getByRole("img", { name: /Kommunens områden/ });
  await expect(map).toBeVisible();
  await page.getByText("Visa tabell").click();
  await expect(page.getByRole("rowheader", { name: "Töre" })).toBeVisible();
  await expectAccessible(page);
});

test("an analyst imports zones: a bad file is refused with a row per problem, a good one is stored", async ({
  page,
}) => {
  await login(page, "analytiker@kalix.example");
  await page.goto("/app/kalix/platser");
  await page.getByRole("link", { name: "Importera områden (GeoJSON)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Importera områden" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel(/GeoJSON-fil/).setInputFiles({
    name: "fel.geojson",
    mimeType: "application/geo+json",
    buffer: geojson(
      { code: "E2E-1", name: "Hamnen", ring: square(23.17, 65.84) },
      { code: "E2E-1", name: "Dubblett", ring: square(23.2, 65.84) },
      { code: "E2E-2", name: "Meter", ring: square(900_000, 7_300_000, 100) },
    ),
  });
  await page.getByRole("button", { name: "Importera", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Filen sparades inte: 2 fel i 2 av 3 områden.");
  const problems = page.getByRole("table").filter({ hasText: "SWEREF 99 TM" });
  await expect(problems.getByRole("row")).toHaveCount(3);
  await expectAccessible(page);

  await page.getByLabel(/GeoJSON-fil/).setInputFiles({
    name: "hamnen.geojson",
    mimeType: "application/geo+json",
    buffer: geojson({ code: "E2E-1", name: "Hamnen", ring: square(23.17, 65.84, 0.004) }),
  });
  await page.getByRole("button", { name: "Importera", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Importerat: 1 nya områden och 0 ersatta.");
  await expectAccessible(page);
  await page.goto("/app/kalix/platser");
  await page.getByText("Visa tabell").click();
  await expect(page.getByRole("rowheader", { name: "Hamnen" })).toBeVisible();
});

test("an analyst adds a place question: the preview's map picks a zone, and so does the keyboard in the list", async ({
  page,
}) => {
  await login(page, "analytiker@kalix.example");
  await page.goto("/app/kalix/enkater/ny");
  await page.getByLabel("Titel").fill("Platsenkät Kalix (e2e)");
  await page.getByLabel("Period").fill("2032");
  await page.getByLabel("Medborgarenkät").check();
  await page.getByLabel("Områden (tätorter och byar), ett per rad").fill("Kalix centralort\nTöre");
  await page.getByRole("button", { name: "Skapa enkäten" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Bygg enkäten/ })).toBeVisible();

  await page.getByRole("button", { name: "Lägg till platsfrågan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ändringen är sparad" })).toBeVisible();
  const preview = page.getByRole("region", { name: "Förhandsgranskning" });
  const question = preview.getByRole("radiogroup", { name: /Markera en plats/ });
  await expect(question).toBeVisible();
  await expect(preview.getByText("Hur känns platsen?")).toHaveCount(0);

  // The pointer: tapping Töre on the map picks Töre in the list.
  await preview.locator("svg path", { has: page.locator("title", { hasText: /^Töre$/ }) }).click();
  await expect(question.getByRole("radio", { name: "Töre" })).toBeChecked();
  await expect(preview.getByText("Hur känns platsen?")).toBeVisible();

  // The keyboard: the list of named zones, no map needed.
  await question.getByRole("radio", { name: "Töre" }).focus();
  await page.keyboard.press("ArrowUp");
  await expect(question.getByRole("radio", { name: "Töre" })).not.toBeChecked();
  await expect(question.getByRole("radio", { checked: true })).toHaveCount(1);
  await expectAccessible(page);
});
