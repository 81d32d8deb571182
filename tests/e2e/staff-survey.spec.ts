import { SWEDISH_WALK, answerToEnd, expect, expectAccessible, login, test } from "./fixtures";

test("an analyst enters a paper questionnaire; it is counted under paper", async ({ page }) => {
  await login(page, "analytiker@haparanda.example");
  await page.goto("/app/haparanda/enkater/haparanda-2026");
  await expectAccessible(page);
  const paperRow = page.getByRole("table", { name: "Per kanal" }).getByRole("row", { name: /Papper/ });
  const before = Number((await paperRow.getByRole("cell").textContent())!.trim());
  await page.getByRole("link", { name: "Registrera pappersenkät" }).click();
  await expect(page.getByRole("heading", { name: "Registrera svar: Papper" })).toBeVisible();
  await answerToEnd(page, SWEDISH_WALK, "Seskarö");
  await expect(page.getByText("Tack! Ditt svar är registrerat.")).toBeVisible();
  await page.goto("/app/haparanda/enkater/haparanda-2026");
  await expect(
    page
      .getByRole("table", { name: "Per kanal" })
      .getByRole("row", { name: /Papper/ })
      .getByRole("cell"),
  ).toHaveText(String(before + 1));
});

test("one-time codes: made by staff, work once, and a used code is refused", async ({ browser }, testInfo) => {
  // Codes are an analyst's tool; the LPO analyst covers Pajala.
  const staff = await browser.newContext();
  const s = await staff.newPage();
  await login(s, "analytiker@ostranorrbotten.example");
  await s.goto("/app/pajala/enkater/pajala-2026");
  await s.getByLabel("Antal koder").fill("2");
  await s.getByRole("button", { name: "Skapa koder" }).click();
  // allTextContents does not wait: wait for the action's answer to render first.
  await expect(s.getByTestId("codes").getByRole("listitem")).toHaveCount(2);
  const codes = await s.getByTestId("codes").getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(2);
  await expect(s.getByText("Kräv kod för att svara på webben: Nej")).toBeVisible();
  await s.getByRole("button", { name: "Kräv kod", exact: true }).click();
  await expect(s.getByText("Kräv kod för att svara på webben: Ja")).toBeVisible();

  const citizen = await browser.newContext();
  const c = await citizen.newPage();
  // What the citizen's page sent and heard back, attached to the report: this walk once failed only in full runs.
  const posts: string[] = [];
  c.on("response", (r) => {
    if (r.request().method() === "POST")
      posts.push(`${r.status()} ${r.url()} ${r.request().postData()?.slice(0, 400)}`);
  });
  try {
    await citizenWalk();
  } finally {
    await testInfo.attach("citizen-posts", { body: JSON.stringify(posts, null, 1), contentType: "application/json" });
  }
  await staff.close();
  await citizen.close();

  async function citizenWalk() {
    await c.goto("/e/pajala-2026");
    await c.getByLabel("Kod från brevet").fill(codes[0]!.toLowerCase());
    await answerToEnd(c, SWEDISH_WALK, "Tärendö");
    await expect(c.getByText("Tack! Ditt svar är registrerat.")).toBeVisible();
    // The same code again, for a new answer, is refused.
    await c.getByRole("button", { name: /Lämna ett nytt svar/ }).click();
    await c.getByLabel("Kod från brevet").fill(codes[0]!);
    await answerToEnd(c, SWEDISH_WALK, "Tärendö");
    await expect(c.getByText(/Koden är ogiltig eller redan använd/)).toBeVisible();
    await expectAccessible(c);
    await expect(s.getByText(/0 av 2 koder använda/)).toBeVisible();
    await s.reload();
    await expect(s.getByText(/1 av 2 koder använda/)).toBeVisible();
    // Turn the requirement off again for other tests.
    await s.getByRole("button", { name: "Sluta kräva kod" }).click();
    await expect(s.getByText("Kräv kod för att svara på webben: Nej")).toBeVisible();
  }
});
