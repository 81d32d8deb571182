import { sql } from "kysely";
import { decode } from "turbo-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { importCsv } from "../../app/features/surveys/import.server";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

let app: TestApp;
let survey: { id: number; slug: string };
let draft: { id: number; slug: string };

// A small definition written for this test: choices with Swedish texts, a list, a scale, a matrix, yes/no.
const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        {
          type: "radiogroup",
          name: "feel",
          title: "Hur trygg känner du dig?",
          isRequired: true,
          choices: [
            { value: "safe", text: "Trygg" },
            { value: "unsafe", text: "Otrygg" },
            { value: "dont_know", text: "Vet ej" },
          ],
        },
        { type: "checkbox", name: "where", choices: ["park", "station", "school"] },
        { type: "rating", name: "score", rateMin: 0, rateMax: 10 },
        { type: "matrix", name: "prob", columns: ["1", "2", "3", "4"], rows: ["litter", "speed"] },
        { type: "boolean", name: "victim" },
        {
          type: "dropdown",
          name: "area",
          choices: [
            { value: "centrum", text: "Centrum" },
            { value: "by", text: "Byn" },
          ],
        },
      ],
    },
  ],
};

const HEADER = "Hur trygg känner du dig?;where;score;prob.litter;prob.speed;victim;area;datum";
const FEEL = ["Trygg", "Otrygg", "Vet ej", "safe"];
const row = (i: number) =>
  [
    FEEL[i % 4],
    i % 3 ? "park|station" : "",
    String(i % 11),
    String((i % 4) + 1),
    "",
    i % 2 ? "ja" : "nej",
    i % 5 ? "Centrum" : "by",
    `2026-01-${String((i % 28) + 1).padStart(2, "0")}`,
  ].join(";");
const csv = (rows: string[]) => `\uFEFF${HEADER}\r\n${rows.join("\r\n")}\r\n`;

const base = () => `/app/haparanda/enkater/${survey.slug}/import`;
const countImported = async (surveyId: number) =>
  (
    await sql<{
      n: number;
    }>`select count(*)::int as n from response where survey_id = ${surveyId} and channel = 'import'`.execute(
      app.open.db,
    )
  ).rows[0]!.n;

async function signedIn(email: string) {
  const b = new Browser(app.url);
  await b.login(email, DEMO_PASSWORD);
  return b;
}

/** A multipart form as the import page's form sends it (CSRF field, file, intent, optional mapping). */
async function uploadForm(b: Browser, text: string, fields: Record<string, string> = {}) {
  const fd = new FormData();
  fd.set("csrf", await b.csrf());
  fd.set("file", new Blob([text], { type: "text/csv" }), "svar.csv");
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

/** Posts the form the way the page's script does (single-fetch `.data` endpoint) and decodes the action data. */
async function postData(b: Browser, path: string, body: FormData) {
  const res = await b.fetch(`${path}.data`, { method: "POST", body });
  expect(res.status).toBe(200);
  const { value } = await decode(res.body!);
  return (value as { data: Record<string, unknown> }).data;
}

beforeAll(async () => {
  app = await startApp();
  const db = app.open.db;
  await seedDemo({ db, withSurveys: false });
  const haparanda = await getOrganisationBySlug({ db, slug: "haparanda" });
  survey = await createSurvey({
    db,
    kommunId: haparanda.id,
    kommunSlug: "haparanda",
    period: "2031",
    kind: "medborgarenkat",
    title: "Importtest",
    definition,
  });
  await setSurveyStatus({ db, surveyId: survey.id, status: "open" });
  draft = await createSurvey({
    db,
    kommunId: haparanda.id,
    kommunSlug: "haparanda",
    period: "2032",
    kind: "medborgarenkat",
    title: "Utkast",
    definition,
  });
});
afterAll(async () => app?.close());

describe(`CSV import on ${testEngine()}`, () => {
  it("previews a file: suggested mapping, the first rows converted, every row validated", async () => {
    const b = await signedIn("analytiker@haparanda.example");
    const page = await b.fetch(base());
    expect(page.status).toBe(200);
    const html = await (
      await b.fetch(base(), {
        method: "POST",
        body: await uploadForm(b, csv([row(1), row(2), row(3)]), { intent: "preview" }),
      })
    ).text();
    expect(html).toContain("Alla rader är giltiga.");
    expect(html).toContain("Importera alla 3 svar");
    expect(html).toMatch(/<option value="feel" selected="">/);
    const data = await postData(b, base(), await uploadForm(b, csv([row(1), row(2)]), { intent: "preview" }));
    expect(data).toMatchObject({ kind: "preview", rowCount: 2, invalidRowCount: 0, problemCount: 0, delimiter: ";" });
    expect(data.mapping).toEqual(["feel", "where", "score", "prob.litter", "prob.speed", "victim", "area", "$date"]);
    expect((data.sample as { cells: unknown[] }[])[0]!.cells).toEqual([
      "unsafe",
      ["park", "station"],
      1,
      "2",
      null,
      true,
      "centrum",
      "2026-01-02",
    ]);
    expect(await countImported(survey.id)).toBe(0);
  });

  it("imports a valid file of 1,200 rows: every row stored with channel import and its date", async () => {
    const b = await signedIn("analytiker@haparanda.example");
    const rows = Array.from({ length: 1200 }, (_, i) => row(i));
    const mapping = {
      columns: JSON.stringify(HEADER.split(";")),
      ...Object.fromEntries(
        ["feel", "where", "score", "prob.litter", "prob.speed", "victim", "area", "$date"].map((t, i) => [
          `col.${i}`,
          t,
        ]),
      ),
    };
    const data = await postData(b, base(), await uploadForm(b, csv(rows), { intent: "import", ...mapping }));
    expect(data).toMatchObject({ kind: "import", stored: 1200, total: 1200, problemCount: 0 });
    expect(await countImported(survey.id)).toBe(1200);
    const days = await sql<{ day: string; n: number; locale: string }>`
      select submitted_on::text as day, count(*)::int as n, min(locale) as locale from response
      where survey_id = ${survey.id} group by submitted_on order by submitted_on`.execute(app.open.db);
    expect(days.rows).toHaveLength(28);
    expect(days.rows[0]).toEqual({ day: "2026-01-01", n: 43, locale: "sv" });
  });

  it("stores nothing when one row among 100 is bad, and the report lists that row with formula cells neutralised", async () => {
    const b = await signedIn("analytiker@haparanda.example");
    const before = await countImported(survey.id);
    const rows = Array.from({ length: 100 }, (_, i) => row(i));
    rows[41] = row(41).replace(/^[^;]+/, '=HYPERLINK("http://evil.example","klicka")');
    const text = csv(rows);
    const data = await postData(b, base(), await uploadForm(b, text, { intent: "import" }));
    expect(data).toMatchObject({ kind: "import", stored: 0, problemCount: 1 });
    expect((data.problems as { row: number; column: string }[])[0]).toMatchObject({
      row: 43,
      column: "Hur trygg känner du dig?",
    });
    expect(await countImported(survey.id)).toBe(before);

    const report = await b.fetch(`${base()}/rapport.csv`, { method: "POST", body: await uploadForm(b, text) });
    expect(report.status).toBe(200);
    expect(report.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(report.headers.get("content-disposition")).toMatch(
      /attachment; filename="avvisade-rader-haparanda-2031\.csv"/,
    );
    const lines = (await report.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("rad;kolumn;fråga;värde;fel");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^43;Hur trygg känner du dig\?;feel;"'=HYPERLINK\(""http:\/\/evil\.example"",""klicka""\)";/,
    );
  });

  it("all or nothing also through the model: a row that fails validation stops the whole import", async () => {
    const before = await countImported(survey.id);
    const rows = Array.from({ length: 600 }, (_, i) => row(i));
    rows[550] = row(550).replace(/^[^;]+/, ""); // the required question left empty
    const r = await importCsv({ db: app.open.db, surveyId: survey.id, csvText: csv(rows) });
    expect(r.stored).toBe(0);
    expect(r.problems).toEqual([expect.objectContaining({ row: 552, question: "feel" })]);
    expect(await countImported(survey.id)).toBe(before);
  });

  it("refuses a viewer and an analyst of another kommun (403), and anonymous users are sent to sign in", async () => {
    for (const email of ["lasare@haparanda.example", "analytiker@kalix.example"]) {
      const b = await signedIn(email);
      expect((await b.fetch(base())).status).toBe(403);
      expect(
        (await b.fetch(base(), { method: "POST", body: await uploadForm(b, csv([row(1)]), { intent: "import" }) }))
          .status,
      ).toBe(403);
      expect(
        (await b.fetch(`${base()}/rapport.csv`, { method: "POST", body: await uploadForm(b, csv([row(1)])) })).status,
      ).toBe(403);
    }
    const anon = new Browser(app.url);
    await anon.fetch("/");
    const res = await anon.fetch(base(), {
      method: "POST",
      body: await uploadForm(anon, csv([row(1)]), { intent: "import" }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/logga-in/);
    expect(await countImported(survey.id)).toBe(1200);
  });

  it("refuses a form without the CSRF token, and an import into a draft", async () => {
    const b = await signedIn("analytiker@haparanda.example");
    const fd = await uploadForm(b, csv([row(1)]), { intent: "import" });
    fd.delete("csrf");
    expect((await b.fetch(base(), { method: "POST", body: fd })).status).toBe(403);
    const res = await b.fetch(`/app/haparanda/enkater/${draft.slug}/import`, {
      method: "POST",
      body: await uploadForm(b, csv([row(1)]), { intent: "import" }),
    });
    expect(res.status).toBe(422);
    expect(await countImported(draft.id)).toBe(0);
  });
});
