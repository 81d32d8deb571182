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

test("residents mark a place, on the map with JavaScript and from the list without; the problembild maps it", async ({
  page,
  browser,
}) => {
  await login(page, "analytiker@kalix.example");
  await page.goto("/app/kalix");
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  const created = await page.request.post("/api/v1/surveys", {
    data: {
      kommun: "kalix",
      period: "2033",
      kind: "medborgarenkat",
      title: "Otrygga platser (e2e)",
      definition: {
        pages: [{ name: "p1", elements: [{ type: "radiogroup", name: "feel", choices: ["safe", "unsafe"] }] }],
      },
    },
    headers: { "x-csrf-token": csrf },
  });
  expect(created.status()).toBe(201);
  const { slug } = (await created.json()) as { slug: string };
  await page.goto(`/app/kalix/enkater/${slug}/bygg`);
  await page.getByRole("button", { name: "Lägg till platsfrågan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ändringen är sparad" })).toBeVisible();
  const setStatus = async (status: "open" | "closed") =>
    expect(
      (
        await page.request.post(`/api/v1/surveys/${slug}/status`, {
          data: { status },
          headers: { "x-csrf-token": csrf },
        })
      ).status(),
    ).toBe(200);
  await setStatus("open");
  try {
    // With JavaScript: tap Töre on the map.
    const withJs = await browser.newContext();
    const r1 = await withJs.newPage();
    const scriptErrors: string[] = [];
    r1.on("pageerror", (e) => scriptErrors.push(e.message));
    await r1.goto(`/e/${slug}`);
    const tore = r1.locator("svg path", { has: r1.locator("title", { hasText: /^Töre$/ }) });
    await tore.click();
    const question = r1.getByRole("radiogroup", { name: /Markera en plats/ });
    await expect(question.getByRole("radio", { name: "Töre" })).toBeChecked();
    await r1.getByRole("radiogroup", { name: "Hur känns platsen?" }).getByText("Otrygg", { exact: true }).click();
    await expectAccessible(r1);
    await r1.getByRole("button", { name: "Slutför", exact: true }).click();
    await expect(r1.getByText("Tack! Ditt svar är registrerat.")).toBeVisible();
    expect(scriptErrors).toEqual([]);
    await withJs.close();

    // Without JavaScript: the list of named zones.
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const r2 = await noJs.newPage();
    await r2.goto(`/e/${slug}`);
    await r2.getByRole("radio", { name: "Kalix centralort" }).check();
    await r2.getByRole("button", { name: "Slutför", exact: true }).click();
    // The parts a zone reveals are shown on the same page before the send.
    await expect(r2.getByRole("status")).toContainText("Ditt svar gav fler frågor på den här sidan.");
    await r2.getByRole("radio", { name: "Otrygg" }).check();
    await r2.getByRole("checkbox", { name: "Natt (22–06)" }).check();
    await r2.getByRole("button", { name: "Slutför", exact: true }).click();
    await expect(r2.getByText("Tack! Ditt svar är registrerat.")).toBeVisible();
    await noJs.close();

    // The analyst's problembild: the zone map (two answers: every zone hidden) with its table.
    await page.goto(`/app/kalix/enkater/${slug}/resultat`);
    await expect(page.getByRole("heading", { level: 2, name: "Platser på karta" })).toBeVisible();
    await expect(page.getByRole("img", { name: /svar per område/ })).toBeVisible();
    await expectAccessible(page);
  } finally {
    await setStatus("closed");
  }
});

test("the problembild broken down by area shows the indicator on the zones, with a table", async ({ page }) => {
  await login(page, "redaktor@kalix.example");
  await page.goto("/app/kalix/enkater/kalix-2024/resultat/uppdelning?by=area&kind=safety");
  await expect(page.getByRole("heading", { level: 2, name: "På karta" })).toBeVisible();
  const map = page.getByRole("img", { name: /andel per område/ });
  await expect(map).toBeVisible();
  await expect(page.getByRole("figure").filter({ has: map }).getByText("Visa tabell")).toBeVisible();
  await expectAccessible(page);
});
