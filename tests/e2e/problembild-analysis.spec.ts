import { expect, expectAccessible, login, test } from "./fixtures";

const BASE = "/app/haparanda/enkater/haparanda-2026/resultat";

test("the overview shows responses by channel and day; ranked bars sort, and charts download as SVG and PNG", async ({
  page,
}) => {
  await login(page, "analytiker@haparanda.example");
  await page.goto(BASE);
  await expect(page.getByRole("heading", { level: 2, name: "Svar per kanal och dag" })).toBeVisible();
  const channels = page.getByRole("figure").filter({ has: page.getByRole("heading", { name: "Svar per kanal" }) });
  await expect(channels.getByText(/Flest svar kom via Webb/)).toBeVisible();
  // Hover: the value of the column under the pointer appears beside it (hovered again until the page has hydrated:
  // a hover before the scripts run shows nothing).
  await expect(async () => {
    await page.mouse.move(0, 0);
    await channels.locator('g[data-part="column"]').first().hover();
    await expect(channels.locator("div").filter({ hasText: /^Webb: \d/ })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const byDay = page.getByRole("figure").filter({ has: page.getByRole("heading", { name: "Svar per dag" }) });
  await byDay.getByText("Visa tabell").click();
  await expect(byDay.getByRole("table")).toBeVisible();
  await expectAccessible(page);

  // Sorting the ranked problem bars alphabetically and back.
  const problems = page.getByRole("figure").filter({ hasText: "Andel som anser att följande är ett stort problem" });
  const firstRow = () => problems.locator('g[data-part="bar-row"]').first().getAttribute("data-item");
  const ranked = await firstRow();
  await problems.getByRole("button", { name: "Sortera i bokstavsordning" }).click();
  await expect(problems.getByRole("button", { name: "Sortera efter andel" })).toBeVisible();
  const labels = await problems
    .locator('g[data-part="bar-row"]')
    .evaluateAll((rows) =>
      rows.map((g) =>
        [...(g.querySelector("text")?.querySelectorAll("tspan") ?? [])].map((t) => t.textContent).join(" "),
      ),
    );
  expect(labels.length).toBeGreaterThan(3);
  expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, "sv")));
  await problems.getByRole("button", { name: "Sortera efter andel" }).click();
  expect(await firstRow()).toBe(ranked);

  // Downloads: a standalone SVG file and a PNG.
  const [svg] = await Promise.all([
    page.waitForEvent("download"),
    channels.getByRole("button", { name: "Ladda ned SVG" }).click(),
  ]);
  expect(svg.suggestedFilename()).toBe("haparanda-2026-svar-per-kanal.svg");
  const text = await (await svg.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(text).toContain("<title>Svar per kanal</title>");
  const [png] = await Promise.all([
    page.waitForEvent("download"),
    channels.getByRole("button", { name: "Ladda ned PNG" }).click(),
  ]);
  expect(png.suggestedFilename()).toBe("haparanda-2026-svar-per-kanal.png");
  const bytes = await (await png.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks));
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
});

test("breakdowns by one dimension or two crossed, with panels toggled and small groups suppressed", async ({
  page,
}) => {
  await login(page, "analytiker@haparanda.example");
  await page.goto(BASE);
  await page.getByRole("navigation", { name: "Problembildens vyer" }).getByRole("link", { name: "Uppdelning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Uppdelning: Trygghetsenkät 2026/ })).toBeVisible();
  await expect(page.getByRole("figure").filter({ hasText: "Stort problem efter Område" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Dela upp efter").selectOption({ label: "Ålder" });
  await page.getByLabel("och (valfritt)").selectOption({ label: "Kön" });
  await page.getByRole("button", { name: "Visa uppdelning" }).click();
  await expect(page).toHaveURL(/by=age_band&by=gender/);
  const chart = page.getByRole("figure").filter({ hasText: "Stort problem efter Ålder och Kön" });
  await expect(chart).toBeVisible();
  const panels = chart.locator('g[data-part="panel"]');
  const before = await panels.count();
  expect(before).toBeGreaterThan(6);
  // Crossed groups include ones with fewer than 5 answers: shown as suppressed, never as a number.
  await expect(
    page
      .getByRole("table")
      .filter({ hasText: /efter Ålder och Kön/ })
      .getByText("färre än 5 svar")
      .first(),
  ).toBeVisible();
  const toggle = chart.getByRole("group", { name: "Visa grupper" }).getByRole("checkbox").first();
  await toggle.uncheck();
  await expect(panels).toHaveCount(before - 1);
  await toggle.check();
  await expect(panels).toHaveCount(before);
  await expectAccessible(page);

  // A bad dimension in the URL: a message, not a broken page.
  const res = await page.goto(`${BASE}/uppdelning?by=shoe_size`);
  expect(res!.status()).toBe(422);
  await expect(page.getByRole("alert")).toContainText("Dela upp efter en eller två av area, age_band och gender");
  await expectAccessible(page);
});

test("comparison with earlier waves: changes flagged, trends over three waves, filters applied to every wave", async ({
  page,
}) => {
  await login(page, "analytiker@haparanda.example");
  await page.goto(`${BASE}/jamforelse`);
  await expect(page.getByRole("heading", { level: 1, name: /Jämförelse över tid: Trygghetsenkät 2026/ })).toBeVisible();
  await expect(page.getByText(/Mätningar: 2022, 2024, 2026/)).toBeVisible();
  const change = page.getByRole("figure").filter({ hasText: "Förändring: andel som ser ett stort problem" });
  await expect(change).toBeVisible();
  // The demo's earlier waves had more drug, alcohol and moped problems: some changes are significant.
  const table = page.getByRole("table", { name: /Förändring per fråga \(Stort problem\)/ });
  await expect(table.getByText("Ja, signifikant").first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Utveckling över tid" })).toBeVisible();
  const trends = page.locator("figure").filter({ has: page.locator('g[data-part="series"]') });
  expect(await trends.count()).toBeGreaterThan(5);
  await expectAccessible(page);

  await page.getByLabel("Område", { exact: true }).selectOption({ label: "Seskarö" });
  await page.getByRole("button", { name: "Visa", exact: true }).click();
  await expect(page).toHaveURL(/jamforelse\?where=area%3Aseskaro/);
  await expect(page.getByText(/Mätningar: 2022, 2024, 2026/)).toBeVisible();
  await expectAccessible(page);
});

test("weighting: an analyst enters the population; bad figures are refused; weighted shares appear beside unweighted", async ({
  page,
}) => {
  await login(page, "analytiker@haparanda.example");
  await page.goto(`${BASE}/vagning`);
  await expect(page.getByRole("heading", { level: 1, name: /Vägning: Trygghetsenkät 2026/ })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Ingen befolkning är inlagd" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Källa").fill("SCB, folkmängd 31 december 2025");
  await page.getByLabel("Folkmängd, Kvinna, 16–19 år").fill("tre hundra");
  await page.getByRole("button", { name: "Spara befolkning" }).click();
  await expect(page.getByRole("alert")).toContainText("heltal");
  await expectAccessible(page);

  const population: Record<string, [number, number]> = {
    "16–19 år": [180, 200],
    "20–29 år": [520, 590],
    "30–44 år": [780, 820],
    "45–64 år": [1150, 1230],
    "65–79 år": [900, 860],
    "80 år eller äldre": [420, 260],
  };
  for (const [age, [women, men]] of Object.entries(population)) {
    await page.getByLabel(`Folkmängd, Kvinna, ${age}`).fill(String(women));
    await page.getByLabel(`Folkmängd, Man, ${age}`).fill(String(men));
  }
  await page.getByRole("button", { name: "Spara befolkning" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Så vägs svaren" })).toBeVisible();
  await expect(page.getByText(/poststratifiering|Poststratifiering/).first()).toBeVisible();
  await expect(page.getByText(/n_eff = \(Σw\)² \/ Σw²/)).toBeVisible();
  const chart = page.getByRole("figure").filter({ hasText: "Stort problem, ovägt och vägt" });
  await expect(chart.locator('g[data-part="panel"][data-group="weighted"]')).toBeVisible();
  await expect(chart.locator('g[data-part="panel"][data-group="unweighted"]')).toBeVisible();
  await expect(page.getByRole("table", { name: /Ovägda och vägda andelar \(Stort problem\)/ })).toBeVisible();
  await page.getByText(/Visa fördelningen för \d+ frågor/).click();
  await expect(page.getByRole("table", { name: "Hur gammal är du?" })).toBeVisible();
  await expectAccessible(page);

  // The overview now has a response rate.
  await page.getByRole("navigation", { name: "Problembildens vyer" }).getByRole("link", { name: "Översikt" }).click();
  await expect(page.getByText(/Svarsfrekvens: .* enligt SCB, folkmängd 31 december 2025/)).toBeVisible();
  await page.getByText("Visa svarsfrekvens efter ålder och kön").click();
  const rates = page.getByRole("table", { name: /Svarsfrekvens efter ålder och kön/ });
  await expect(rates.getByRole("row", { name: /Kvinna, 45–64 år/ })).toContainText("1 150");
  await expectAccessible(page);
});

test("a viewer reads the weighting but cannot change the population", async ({ page }) => {
  await login(page, "lasare@haparanda.example");
  await page.goto(`${BASE}/vagning`);
  await expect(page.getByRole("heading", { level: 1, name: /Vägning/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Spara befolkning" })).toHaveCount(0);
  await expectAccessible(page);
});
