import { expect, expectAccessible, login, test } from "./fixtures";

test("an analyst adjusts the ranking's weights, opens a theme's figures, and codes, accepts and pins comments", async ({
  page,
}) => {
  await login(page, "analytiker@haparanda.example");
  await page.goto("/app/haparanda");
  await page.getByRole("link", { name: "Rangordning av teman" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rangordning av teman" })).toBeVisible();
  await expect(page.getByRole("figure").filter({ hasText: "Teman efter sammanvägd poäng" })).toBeVisible();
  const list = page.getByRole("list", { name: "Rangordnade teman" });
  await expect(list.getByRole("listitem").filter({ has: page.locator("details") })).toHaveCount(11);
  await expect(page.getByText(/^Standardvikterna används/)).toBeVisible();
  await expectAccessible(page);

  // Only the meetings and the free text count: the ranking changes and the weights travel in the URL.
  await page.getByLabel("Vikt: medborgarenkät").fill("0");
  await page.getByLabel("Vikt: medarbetardialog").fill("0");
  await page.getByRole("button", { name: "Visa rangordning" }).click();
  await expect(page).toHaveURL(/w_citizen=0&w_staff=0/);
  await expect(page.getByText(/^Vikterna kommer från adressen/)).toBeVisible();
  await expect(page.getByText(/Vikter nu: Medborgarenkät 0, Medarbetardialog 0,/)).toBeVisible();
  await page.getByRole("link", { name: "Återställ standardvikterna" }).click();
  await expect(page).toHaveURL(/w_citizen=0.5/);
  await expect(page.getByLabel("Vikt: medborgarenkät")).toHaveValue("0.5");

  // The top theme opens to the figures behind its score, each linked to the view it comes from.
  const first = list.getByRole("listitem").first();
  await first.locator("summary").click();
  await expect(first.getByRole("table")).toBeVisible();
  const evidence = first.getByRole("link", { name: /^visa: \d+\s%/ }).first();
  await expect(evidence).toHaveAttribute("href", /\/app\/haparanda\/enkater\/haparanda-2026\/resultat/);
  await expectAccessible(page);

  // The promise link carries the selected themes; unticking one takes it out.
  const create = page.getByRole("link", { name: "Skapa medborgarlöften från valda teman" });
  await expect(create).toHaveAttribute(
    "href",
    /^\/app\/haparanda\/loften\/ny\?themes=[a-z_]+,[a-z_]+,[a-z_]+&survey=haparanda-2026$/,
  );
  const href = (await create.getAttribute("href"))!;
  const topTheme = href.match(/themes=([a-z_]+),/)![1]!;
  await first.getByRole("checkbox").uncheck();
  await expect(create).not.toHaveAttribute("href", new RegExp(`themes=${topTheme}[,&]`));

  // Free text: search, accept a suggestion, add a theme by hand, pin the comment as a quote.
  await page.getByRole("link", { name: "Koda fritextsvaren" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Fritextsvar: Trygghetsenkät 2026/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Sök i kommentarerna").fill("busstationen på kvällarna");
  await page.getByRole("button", { name: "Sök", exact: true }).click();
  await expect(page).toHaveURL(/q=busstationen/);
  const comment = page.getByRole("list", { name: "Kommentarer" }).getByRole("listitem").first();
  await expect(comment.getByRole("blockquote")).toContainText("busstationen på kvällarna");
  const accept = comment.getByRole("button", { name: /^Godta / }).first();
  const theme = (await accept.textContent())!.replace(/^Godta /, "");
  await accept.click();
  await expect(comment.getByRole("button", { name: `Ta bort ${theme}` })).toBeVisible();
  await expect(comment.getByRole("button", { name: `Godta ${theme}` })).toHaveCount(0);
  await comment.getByLabel("Tema att lägga till för kommentar 1").selectOption({ label: "Våldsbrott" });
  await comment.getByRole("button", { name: "Lägg till tema" }).click();
  await expect(comment.getByRole("button", { name: "Ta bort Våldsbrott" })).toBeVisible();
  const reject = comment.getByRole("button", { name: /^Avvisa / }).first();
  if (await reject.count()) {
    const rejected = (await reject.textContent())!.replace(/^Avvisa /, "");
    await reject.click();
    await expect(comment.getByText(`Avvisade förslag: ${rejected}`)).toBeVisible();
  }
  await comment.getByRole("button", { name: "Välj ut som citat" }).click();
  await expect(comment.getByRole("button", { name: "Ta bort som citat" })).toBeVisible();
  const quoted = (await comment.getByRole("blockquote").textContent())!;
  await expect(page.locator(".quote-list blockquote").filter({ hasText: quoted })).toBeVisible();
  await expectAccessible(page);

  // A group below the minimum base shows no comments at all.
  await page.goto(
    "/app/haparanda/enkater/haparanda-2026/fritext?where=area:kukkola&where=age_band:16-19&where=gender:other",
  );
  await expect(page.getByRole("status").filter({ hasText: /Färre än 5 svarande i urvalet/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Kommentarer" })).toHaveCount(0);
});

test("a viewer reads the ranking and the comments but cannot code them", async ({ page }) => {
  await login(page, "lasare@haparanda.example");
  await page.goto("/app/haparanda/rangordning");
  await expect(page.getByRole("heading", { level: 1, name: "Rangordning av teman" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Spara vikterna för kommunen" })).toHaveCount(0);
  await page.goto("/app/haparanda/enkater/haparanda-2026/fritext");
  await expect(page.getByText("Du kan läsa kommentarerna. Kodning görs av analytiker.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Kommentarer" }).getByRole("listitem").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /^Godta / })).toHaveCount(0);
  await expectAccessible(page);
});
