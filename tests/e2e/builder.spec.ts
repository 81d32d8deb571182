import { expect, expectAccessible, login, test } from "./fixtures";

// One survey made by the analyst in the first test; the viewer test checks she cannot reach its builder.
let builderPath = "";

test.describe.serial("the survey builder", () => {
  test("an analyst builds a survey from the standard survey, edits it, previews, exports and imports", async ({
    page,
  }) => {
    // The builder must hydrate (the focus handling and the preview depend on it): no script error, no mismatch.
    const scriptErrors: string[] = [];
    page.on("pageerror", (e) => scriptErrors.push(e.message));
    page.on("console", (m) => {
      // Network statuses (the 422 of a refused edit, the browser's own /favicon.ico) are not script errors.
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) scriptErrors.push(m.text());
    });
    await login(page, "analytiker@haparanda.example");
    await page.goto("/app/haparanda/enkater/ny");
    await expect(page.getByRole("heading", { level: 1, name: "Ny enkät" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Titel").fill("Trygghetsenkät Haparanda (byggtest)");
    await page.getByLabel("Period").fill("2031");
    await page.getByLabel("Medborgarenkät").check();
    await page.getByLabel("Områden (tätorter och byar), ett per rad").fill("Haparanda centralort\nSeskarö\nNikkala");
    await page.getByRole("button", { name: "Skapa enkäten" }).click();
    await expect(page).toHaveURL(/\/app\/haparanda\/enkater\/haparanda-2031[^/]*\/bygg$/);
    builderPath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1, name: /Bygg enkäten/ })).toBeVisible();
    await expect(page.getByText("Version 1 · period 2031")).toBeVisible();
    const preview = page.getByRole("region", { name: "Förhandsgranskning" });
    // Area choices come from the areas given at creation.
    await expect(page.getByRole("button", { name: "Ta bort fråga area" })).toBeVisible();
    await expectAccessible(page);

    // Remove a bank question: it leaves the list and the preview.
    const worryTitle = "Hur ofta har du under det senaste året känt dig orolig för att utsättas för brott?";
    await expect(preview.getByText(worryTitle)).toBeVisible();
    await page.getByRole("button", { name: "Ta bort fråga worry_crime" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Ändringen är sparad" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Ta bort fråga worry_crime" })).toHaveCount(0);
    await expect(preview.getByText(worryTitle)).toHaveCount(0);

    // Move a question with the keyboard: focus stays on the button that was pressed.
    await page.getByRole("button", { name: "Flytta ned fråga safe_night_area" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.locator(".builder-question code").nth(1)).toHaveText("safe_night_area");
    await expect(page.locator(".builder-question code").nth(0)).toHaveText("safe_night_centre");
    await expect(page.getByRole("button", { name: "Flytta ned fråga safe_night_area" })).toBeFocused();

    // A name that breaks the rules is refused with an error summary.
    await page.getByLabel("Frågetyp").selectOption("radiogroup");
    await page.getByLabel("Namn (identifierare)").fill("Pendling");
    await page.locator("#title_sv").fill("Pendlar du över gränsen till Torneå?");
    await page.locator("#choices_sv").fill("Ja, varje vecka\nIbland\nAldrig");
    await page.evaluate(() => document.getElementById("name")?.removeAttribute("pattern"));
    await page.getByRole("button", { name: "Lägg till den egna frågan" }).click();
    await expect(page.getByRole("alert")).toContainText("Namnet Pendling går inte att använda");

    // A custom radiogroup with Swedish and English texts.
    await page.getByLabel("Namn (identifierare)").fill("commute_tornio");
    await page.locator("#title_sv").fill("Pendlar du över gränsen till Torneå?");
    await page.locator("#title_en").fill("Do you commute across the border to Tornio?");
    await page.locator("#choices_sv").fill("Ja, varje vecka\nIbland\nAldrig");
    await page.locator("#choices_en").fill("Yes, every week\nSometimes\nNever");
    await page.getByRole("button", { name: "Lägg till den egna frågan" }).click();
    await expect(page.getByRole("button", { name: "Ta bort fråga commute_tornio" })).toBeVisible();
    await expect(preview.getByText("Pendlar du över gränsen till Torneå?")).toBeVisible();
    await expect(preview.getByText("Ibland")).toBeVisible();

    // The preview in English.
    await page.getByLabel("Förhandsgranskningens språk").selectOption("en");
    await page.getByRole("button", { name: "Visa", exact: true }).click();
    await expect(page).toHaveURL(/preview=en/);
    await expect(preview.getByText("Do you commute across the border to Tornio?")).toBeVisible();
    await expect(preview.getByText("Sometimes")).toBeVisible();
    await expect(preview.locator(".builder-preview-survey")).toHaveAttribute("lang", "en");

    // Edit a text per language.
    await page.getByRole("link", { name: "Redigera texter fråga commute_tornio" }).click();
    await expect(page.getByRole("heading", { name: "Texter för fråga commute_tornio" })).toBeFocused();
    await page.locator("#edit-title_fi").fill("Pendelöitkö rajan yli Tornioon?");
    await page.getByRole("button", { name: "Spara texterna" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Ändringen är sparad" })).toBeVisible();

    // The areas: saved in the settings and as the choices of the area questions.
    await page.getByLabel("Områden, ett per rad").fill("Haparanda centralort\nSeskarö\nNikkala\nKarungi");
    await page.getByRole("button", { name: "Spara områdena" }).click();
    await expect(page.getByLabel("Områden, ett per rad")).toHaveValue(/Karungi/);

    // Demographics: gender is no longer a breakdown; the mapping is kept in the settings.
    await expect(page.getByLabel("Kön", { exact: true })).toHaveValue("gender");
    await page.getByLabel("Kön", { exact: true }).selectOption("");
    const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/bygg"));
    await page.getByRole("button", { name: "Spara bakgrundsfrågorna" }).click();
    expect((await saved).status()).toBe(200);
    await page.reload();
    await expect(page.getByLabel("Kön", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("Område", { exact: true })).toHaveValue("area");

    // Export: the current definition as a download, with the new question.
    const href = await page.getByRole("link", { name: "Ladda ned definitionen (SurveyJS JSON)" }).getAttribute("href");
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-disposition"]).toMatch(/attachment; filename="haparanda-2031.*-v1\.json"/);
    const exported = JSON.parse(await res.text()) as { pages: { elements: { name: string; title: unknown }[] }[] };
    const all = exported.pages.flatMap((p) => p.elements);
    expect(all.find((e) => e.name === "commute_tornio")?.title).toEqual({
      default: "Pendlar du över gränsen till Torneå?",
      en: "Do you commute across the border to Tornio?",
      fi: "Pendelöitkö rajan yli Tornioon?",
    });
    expect(all.some((e) => e.name === "worry_crime")).toBe(false);
    const areaChoices = (all.find((e) => e.name === "unsafe_area_pick") as unknown as { choices: { value: string }[] })
      .choices;
    expect(areaChoices.map((c) => c.value)).toEqual([
      "haparanda-centralort",
      "seskaro",
      "nikkala",
      "karungi",
      "none_specific",
    ]);

    // Import of an unsupported definition: a report naming the type; nothing changes.
    await page.getByLabel("Klistra in en SurveyJS-definition (JSON)").fill(
      JSON.stringify({
        pages: [{ name: "p1", elements: [{ type: "paneldynamic", name: "household", templateElements: [] }] }],
      }),
    );
    await page.getByRole("button", { name: "Granska och importera" }).click();
    const report = page.locator("#import-report");
    await expect(report).toContainText("Definitionen kan inte importeras");
    await expect(report).toContainText("paneldynamic");
    await expect(report).toContainText("household");
    await expect(page.getByRole("button", { name: "Ta bort fråga commute_tornio" })).toBeVisible();
    await expectAccessible(page);

    // Import the exported definition back (as a file): accepted, same questions.
    await page.locator("#file").setInputFiles({
      name: "export.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(exported)),
    });
    await page.getByRole("button", { name: "Granska och importera" }).click();
    await expect(page.locator("#import-report")).toContainText("Definitionen är importerad");
    await expect(page.getByRole("button", { name: "Ta bort fråga commute_tornio" })).toBeVisible();
    await expect(page.getByText("Version 1 · period 2031")).toBeVisible();
    expect(scriptErrors).toEqual([]);
  });

  test("an edit of a survey that has been open makes a new version and says so", async ({ page }) => {
    expect(builderPath).not.toBe("");
    const slug = builderPath.split("/")[4];
    await login(page, "analytiker@haparanda.example");
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const setStatus = async (status: "open" | "closed") => {
      const res = await page.request.post(`/api/v1/surveys/${slug}/status`, {
        data: { status },
        headers: { "x-csrf-token": csrf },
      });
      expect(res.status()).toBe(200);
    };
    await setStatus("open");
    try {
      await page.goto(builderPath);
      await expect(page.getByText("Enkäten har varit öppen.")).toBeVisible();
      await page.getByRole("button", { name: "Gör obligatorisk fråga commute_tornio" }).click();
      await expect(page.getByRole("status")).toContainText("Ändringen är sparad som en ny version: version 2");
      await expect(page.getByText("Version 2 · period 2031")).toBeVisible();
      await expect(page.getByRole("button", { name: "Gör frivillig fråga commute_tornio" })).toBeVisible();
      await expectAccessible(page);
    } finally {
      // Closed again, so that the public list of open surveys is as other tests expect it.
      await setStatus("closed");
    }
  });

  test("a viewer of the kommun gets 403 on the builder, the export and the new-survey page", async ({ page }) => {
    expect(builderPath).not.toBe("");
    await login(page, "lasare@haparanda.example");
    for (const path of [builderPath, builderPath.replace(/bygg$/, "definition.json"), "/app/haparanda/enkater/ny"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
    }
    await expect(page.getByRole("alert")).toBeVisible();
  });
});
