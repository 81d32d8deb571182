import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-endast-2026";

/** No serious or critical axe violation on the page as it stands (WCAG 2.1 A/AA rules). */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).toHaveURL(/\/app/);
}

/** The demo citizen survey every respondent walk answers. */
export const DEMO_SURVEY = "haparanda-2026";

/** What a respondent reads in the demo survey: the first question, one of its answers, the buttons, the area. */
export interface SurveyWalk {
  q1: RegExp;
  choice: string;
  next: string;
  area: string;
  complete: string;
}

/** The demo survey in Swedish, answered "Ganska trygg". */
export const SWEDISH_WALK: SurveyWalk = {
  q1: /i det område där du bor/,
  choice: "Ganska trygg",
  next: "Nästa",
  area: "Var i kommunen bor du?",
  complete: "Slutför",
};

/** Answers the first question, walks to the last page, picks the area (Nikkala unless named) and completes. */
export async function answerToEnd(page: Page, walk: SurveyWalk = SWEDISH_WALK, area = "Nikkala") {
  await page.getByRole("radiogroup", { name: walk.q1 }).getByText(walk.choice, { exact: true }).click();
  for (let i = 0; i < 12; i++) {
    const next = page.getByRole("button", { name: walk.next, exact: true });
    if (!(await next.isVisible())) break;
    await next.click();
  }
  // SurveyJS draws its own dropdown: a read-only combobox input inside a clickable box, with a popup list.
  await page.getByRole("combobox", { name: walk.area }).locator("xpath=..").click();
  await page.getByRole("option", { name: area }).click();
  await page.getByRole("button", { name: walk.complete, exact: true }).click();
}

/** The analyst's count of stored answers for the survey, read from the survey page in a context of its own. */
export async function storedCount(browser: Browser, slug = DEMO_SURVEY): Promise<number> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await login(page, "analytiker@haparanda.example");
  await page.goto(`/app/haparanda/enkater/${slug}`);
  const text = (await page.getByText(/Totalt \d+ svar/).textContent())!;
  await ctx.close();
  return Number(text.match(/(\d+)/)![1]);
}

export const test = base;
export { expect };
