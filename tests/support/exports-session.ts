import { afterAll, beforeAll, expect } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { parseCsv } from "../../app/platform/csv";
import { Browser, type TestApp } from "./app-server";
import { definition, makeAnswers } from "./exports-survey";
import type { Data } from "./reference-stats";
import { createOpenSurvey, startDemoApp, storeAnswers } from "./survey-setup";

// The app of the problembild export tests with the export survey and its answers stored, a viewer of the kommun and a
// user of another kommun, and the downloads as the viewer.

export let app: TestApp;
export let slug: string;
export let viewer: Browser;
export let otherKommun: Browser;
/** The stored answers with their record keys (`cell_key`), from which the tests recompute the published figures. */
export let raw: { data: Data; submitted_on: string; cell_key: number }[];

/** Registers the hooks that start the app with the export survey and its answers, and stop it after the file's tests. */
export function setUpExportSurvey() {
  beforeAll(async () => {
    app = await startDemoApp();
    const db = app.open.db;
    const created = await createOpenSurvey(db, { title: "Exporttest", definition });
    slug = created.slug;
    await storeAnswers(
      db,
      created.id,
      makeAnswers().map((a) => ({ data: a.data, submittedOn: a.day })),
      "web",
    );
    raw = (await db
      .selectFrom("response")
      .select(["data", "submitted_on", "cell_key"])
      .where("survey_id", "=", created.id)
      .execute()) as typeof raw;
    raw = raw.map((r) => ({
      ...r,
      submitted_on:
        typeof r.submitted_on === "string"
          ? r.submitted_on
          : new Date(r.submitted_on as unknown as Date).toISOString().slice(0, 10),
    }));
    viewer = new Browser(app.url);
    await viewer.login("lasare@haparanda.example", DEMO_PASSWORD);
    otherKommun = new Browser(app.url);
    await otherKommun.login("analytiker@kalix.example", DEMO_PASSWORD);
  });
  afterAll(async () => app?.close());
}

export const base = () => `/app/haparanda/enkater/${slug}`;

export async function download(path: string, expectStatus = 200) {
  const res = await viewer.fetch(`${base()}/${path}`);
  const body = Buffer.from(await res.arrayBuffer());
  expect(res.status, body.toString("utf8").slice(0, 500)).toBe(expectStatus);
  return { res, body };
}

/** The aggregates CSV as records keyed by column header. */
export async function aggregates(query = "") {
  const { res, body } = await download(`resultat.csv${query}`);
  expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
  expect(res.headers.get("content-disposition")).toBe(`attachment; filename="problembild-${slug}.csv"`);
  const text = body.toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const parsed = parseCsv(text);
  expect(parsed.delimiter).toBe(";");
  return {
    text,
    headers: parsed.headers,
    rows: parsed.rows.map((r) => Object.fromEntries(parsed.headers.map((h, i) => [h, r.cells[i] ?? ""]))),
  };
}
