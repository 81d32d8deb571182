import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { formatPercent } from "../../app/features/results/domain/statistics";
import { Browser } from "../support/app-server";
import { testEngine } from "../support/test-db";
import type { ApiResults } from "../support/results-reference";
import { createOpenSurvey } from "../support/survey-setup";
import { app, definition, setUpResultsSurvey, slug, surveyId, viewerSession } from "../support/results-survey";

// "Det här svarade ni" (docs/domain/feedback-to-citizens.md): analysts of the kommun choose the questions, the public
// page shows exactly those, only for a closed and published citizen survey, and every figure on it is a protected
// figure of the results API for the whole survey.

setUpResultsSurvey();

let analyst: Browser;
let otherAnalyst: Browser;
const publicPath = () => `/resultat/haparanda/${slug}`;
const formPath = (s = slug, kommun = "haparanda") => `/app/${kommun}/enkater/${s}/publicera`;
const CHOSEN = ["feel", "trio", "problems.speeding", "where", "safe_night_area"];

/** Posts the publish form with repeated `questions` fields, as the browser sends the checkboxes. */
async function publish(
  b: Browser,
  fields: { questions?: string[]; intro?: string; published?: string },
  { csrf = true, path = formPath() }: { csrf?: boolean; path?: string } = {},
) {
  const body = new URLSearchParams();
  for (const q of fields.questions ?? []) body.append("questions", q);
  body.set("intro", fields.intro ?? "");
  if (fields.published !== undefined) body.set("published", fields.published);
  if (csrf) body.set("csrf", await b.csrf());
  return b.fetch(path, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

const stored = () =>
  app.open.db.selectFrom("result_publication").selectAll().where("survey_id", "=", surveyId).executeTakeFirst();

const anonymous = (path: string) => fetch(app.url + path, { redirect: "manual" });

const text = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/ +/g, " ")
    .trim();

/** The public page's questions in order, each with its summary sentence and its table rows (label, cells). */
function parsePage(html: string) {
  const chunks = html.split('data-question="').slice(1);
  return chunks.map((chunk) => {
    const name = chunk.slice(0, chunk.indexOf('"'));
    const summary = text(/<p[^>]*class="chart-summary"[^>]*>([\s\S]*?)<\/p>/.exec(chunk)?.[1] ?? "");
    const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(chunk)?.[1] ?? "";
    const rows = [...tbody.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => ({
      label: text(/<th scope="row">([\s\S]*?)<\/th>/.exec(m[1]!)?.[1] ?? ""),
      cells: [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1]!)),
    }));
    return { name, summary, rows };
  });
}

/** The public pages of Haparanda's published promise documents. */
const promisePages = async () =>
  (
    await app.open.db
      .selectFrom("promise_document as d")
      .innerJoin("organisation as k", "k.id", "d.kommun_id")
      .select("d.id")
      .where("k.slug", "=", "haparanda")
      .where("d.status", "=", "publicerat")
      .execute()
  ).map((d) => `/lofte/haparanda/${d.id}`);

const api = async () => {
  const res = await viewerSession.fetch(`/api/v1/surveys/${slug}/results`);
  expect(res.status).toBe(200);
  return (await res.json()) as ApiResults;
};

describe(`public results page on ${testEngine()}`, () => {
  beforeAll(async () => {
    analyst = new Browser(app.url);
    await analyst.login("analytiker@haparanda.example", DEMO_PASSWORD);
    otherAnalyst = new Browser(app.url);
    await otherAnalyst.login("analytiker@kalix.example", DEMO_PASSWORD);
  });

  it("is not found while nothing is published", async () => {
    expect((await anonymous(publicPath())).status).toBe(404);
    expect((await anonymous(`/resultat/haparanda/no-such-survey`)).status).toBe(404);
  });

  it("refuses bad input per field with 422 and changes nothing", async () => {
    const cases: [Parameters<typeof publish>[1], string][] = [
      [{ questions: ["feel", "no_such_question"], published: "on" }, "questions"],
      [{ questions: [], published: "on" }, "questions"],
      [{ questions: ["feel"], intro: "x".repeat(1001) }, "intro"],
      [{ questions: ["feel"], published: "maybe" }, "published"],
    ];
    for (const [fields, field] of cases) {
      const res = await publish(analyst, fields);
      expect(res.status, JSON.stringify(fields)).toBe(422);
      const html = await res.text();
      expect(html).toContain(`href="#${field}"`);
    }
    expect(await stored()).toBeUndefined();
  });

  it("refuses a form without the CSRF token, a viewer and another kommun's analyst", async () => {
    expect((await publish(analyst, { questions: ["feel"], published: "on" }, { csrf: false })).status).toBe(403);
    expect((await publish(viewerSession, { questions: ["feel"], published: "on" })).status).toBe(403);
    expect((await viewerSession.fetch(formPath())).status).toBe(403);
    expect((await publish(otherAnalyst, { questions: ["feel"], published: "on" })).status).toBe(403);
    // Through the analyst's own kommun, the other kommun's survey is not found.
    const viaOwn = await publish(
      otherAnalyst,
      { questions: ["feel"], published: "on" },
      { path: formPath(slug, "kalix") },
    );
    expect(viaOwn.status).toBe(404);
    expect(await stored()).toBeUndefined();
  });

  it("offers exactly the questions the results API returns", async () => {
    const html = await (await analyst.fetch(formPath())).text();
    const offered = [...html.matchAll(/name="questions" value="([^"]+)"/g)].map((m) => m[1]);
    expect(offered).toEqual((await api()).questions.map((q) => q.name));
  });

  it("stores a selection with who and when, and shows it only once the survey has closed", async () => {
    const res = await publish(analyst, { questions: CHOSEN, intro: "Tack för era svar!", published: "on" });
    expect(res.status).toBe(200);
    const row = await stored();
    expect(row).toMatchObject({ questions: CHOSEN, intro: "Tack för era svar!", published: true });
    expect(row!.published_by).not.toBeNull();
    expect(row!.published_at).not.toBeNull();
    expect(await (await analyst.fetch(formPath())).text()).toContain("Publicerad av Anna Analytiker");
    // Open: not shown yet.
    expect((await anonymous(publicPath())).status).toBe(404);
    await setSurveyStatus({ db: app.open.db, surveyId, status: "closed" });
    expect((await anonymous(publicPath())).status).toBe(200);
  });

  it("shows exactly the chosen questions, every percentage the protected figure of the results API", async () => {
    const res = await anonymous(publicPath());
    expect(res.status).toBe(200);
    const html = await res.text();
    const results = await api();
    const shown = parsePage(html);
    expect(shown.map((q) => q.name)).toEqual(CHOSEN);
    expect(html).toContain("Tack för era svar!");
    const pct = (p: number) => formatPercent(p, "sv");
    const allowed = new Set<string>();
    for (const q of shown) {
      const figures = results.questions.find((r) => r.name === q.name)!;
      expect(q.rows.map((r) => r.label).sort()).toEqual(figures.options.map((o) => o.label).sort());
      for (const row of q.rows) {
        const o = figures.options.find((x) => x.label === row.label)!;
        if (o.suppressed || o.share === null) {
          expect(row.cells).toEqual(["För få svar för att visa"]);
        } else {
          expect(row.cells).toEqual([pct(o.share), `${pct(o.ci_low!)}–${pct(o.ci_high!)}`]);
          allowed.add(pct(o.share)).add(pct(o.ci_low!)).add(pct(o.ci_high!));
        }
      }
      // The sentence: the indicator's share when it is shown, else the most common shown answer's.
      const indicator = results.indicators.find((i) => i.question === q.name);
      const sentencePct = /\((\d+\s%)\)/.exec(q.summary)?.[1];
      if (indicator && !indicator.suppressed) {
        expect(sentencePct).toBe(pct(indicator.share!));
        allowed.add(pct(indicator.share!));
      } else {
        const top = [...figures.options]
          .filter((o) => !o.suppressed && o.share !== null)
          .sort((a, b) => b.share! - a.share!)[0]!;
        expect(sentencePct).toBe(pct(top.share!));
        expect(q.summary).toContain(`”${top.label}”`);
      }
      expect(q.summary).not.toContain("±");
    }
    // No other percentage anywhere on the page; in the charts' SVG, besides the figures, only the axis ticks.
    const svgs = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    // The interval's level ("95 % konfidensintervall", a column header and the charts' note) is not a figure.
    const level = (s: string) => s.replace(/95\s%\skonfidensintervall/g, "");
    const outside = level(text(html.replace(/<svg[\s\S]*?<\/svg>/g, "")));
    const pctsOf = (s: string) => [...s.matchAll(/\d+\s%/g)].map((m) => m[0]);
    expect(pctsOf(outside).length).toBeGreaterThan(10);
    expect(pctsOf(outside).filter((p) => !allowed.has(p))).toEqual([]);
    const ticks = new Set([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((n) => pct(n / 100)));
    const inSvg = svgs.flatMap((s) => pctsOf(level(text(s))));
    expect(inSvg.filter((p) => !allowed.has(p) && !ticks.has(p))).toEqual([]);
    // The method paragraph gives the protected respondent count and says how figures are protected.
    expect(text(html)).toContain(
      `${new Intl.NumberFormat("sv").format(results.respondents!)} personer svarade på enkäten`,
    );
    expect(text(html)).toMatch(/små grupper/);
    expect(text(html)).toMatch(/något justerade/);
  });

  it("shows a suppressed answer without any number", async () => {
    const html = await (await anonymous(publicPath())).text();
    const trio = parsePage(html).find((q) => q.name === "trio")!;
    const results = await api();
    const hidden = results.questions.find((q) => q.name === "trio")!.options.filter((o) => o.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    for (const o of hidden) {
      const row = trio.rows.find((r) => r.label === o.label)!;
      expect(row.cells.join(" ")).toBe("För få svar för att visa");
      expect(row.cells.join(" ")).not.toMatch(/\d/);
    }
    // Not the staff pages' reason with its number ("färre än 5 svar").
    expect(html).not.toContain("färre än 5 svar");
  });

  it("is linked from the kommun's results list, its promise pages and the start page", async () => {
    const link = `href="${publicPath()}"`;
    for (const path of ["/resultat/haparanda", "/lofte/haparanda", "/"])
      expect(await (await anonymous(path)).text(), path).toContain(link);
    expect(await (await anonymous("/resultat/kalix")).text()).not.toContain(link);
  });

  it("charts on a promise page the published questions on the problems its promises answer, with the same figures", async () => {
    const docs = await app.open.db
      .selectFrom("promise_document as d")
      .innerJoin("organisation as k", "k.id", "d.kommun_id")
      .innerJoin("focus_area as f", "f.document_id", "d.id")
      .select(["d.id", "f.themes"])
      .where("k.slug", "=", "haparanda")
      .where("d.status", "=", "publicerat")
      .execute();
    const onTraffic = docs.find((d) => d.themes.includes("traffic_safety"));
    expect(onTraffic).toBeDefined();
    const html = await (await anonymous(`/lofte/haparanda/${onTraffic!.id}`)).text();
    const section = /<section[^>]*class="promise-problems"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    expect(section).toContain("Det här oroar invånarna");
    const shown = parsePage(section);
    // Only published questions, at most two; the speeding row is the published question on traffic safety.
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThanOrEqual(2);
    for (const q of shown) expect(CHOSEN).toContain(q.name);
    expect(shown.map((q) => q.name)).toContain("problems.speeding");
    const results = await api();
    const pct = (p: number) => formatPercent(p, "sv");
    for (const q of shown) {
      const figures = results.questions.find((r) => r.name === q.name)!;
      for (const row of q.rows) {
        const o = figures.options.find((x) => x.label === row.label)!;
        expect(row.cells).toEqual(
          o.suppressed || o.share === null
            ? ["För få svar för att visa"]
            : [pct(o.share), `${pct(o.ci_low!)}–${pct(o.ci_high!)}`],
        );
      }
    }
    expect(section).toContain(`href="${publicPath()}"`);
  });

  it("titles the page in the reader's language, and an analyst's page in English when asked", async () => {
    const title = async (path: string, b?: Browser) =>
      /<title>([^<]*)<\/title>/.exec(await (await (b ? b.fetch(path) : anonymous(path))).text())?.[1];
    expect(await title(publicPath())).toBe("Det här svarade ni: Resultattest – Haparanda kommun – Trygghetsdialog");
    expect(await title(`${publicPath()}?lang=fi`)).toBe(
      "Näin vastasitte: Resultattest – Haparanda kommun – Trygghetsdialog",
    );
    expect(await title(`${publicPath()}?lang=en`)).toBe(
      "What you told us: Resultattest – Haparanda kommun – Trygghetsdialog",
    );
    expect(await title(`${formPath()}?lang=en`, analyst)).toBe("Publish results – Trygghetsdialog");
    // A staff page has no Finnish: its title is Swedish, like the page.
    expect(await title(`${formPath()}?lang=fi`, analyst)).toBe("Publicera resultat – Trygghetsdialog");
    await analyst.fetch(`${formPath()}?lang=sv`); // back to Swedish for the tests after this one
  });

  it("is open data too: the same protected figures as CSV and JSON, described in DCAT-AP-SE", async () => {
    const results = await api();
    const json = (await (await anonymous("/oppna-data/haparanda/enkatresultat.json")).json()) as {
      license: string;
      rows: Record<string, string | number | boolean | null>[];
    };
    expect(json.license).toBe("CC0-1.0");
    const mine = json.rows.filter((r) => r.enkat === slug);
    expect([...new Set(mine.map((r) => r.fraga))]).toEqual(CHOSEN);
    for (const r of mine) {
      const q = results.questions.find((x) => x.name === r.fraga)!;
      const o = q.options.find((x) => x.value === r.alternativ)!;
      expect(r.dold, `${r.fraga}/${r.alternativ}`).toBe(o.suppressed);
      for (const [col, key] of [
        ["andel", "share"],
        ["ki_lag", "ci_low"],
        ["ki_hog", "ci_high"],
      ] as const)
        expect(r[col], `${r.fraga}/${r.alternativ} ${col}`).toBe(o.suppressed ? null : o[key]);
      expect(r.svarande).toBe(results.respondents);
    }
    // A hidden answer has no figure at all; the CSV says the same as the JSON, row for row.
    expect(mine.some((r) => r.dold === true && r.andel === null)).toBe(true);
    const csv = await (await anonymous("/oppna-data/haparanda/enkatresultat.csv")).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "enkat,enkat_titel,period,svarande,fraga,fraga_text,svar_pa_fragan,alternativ,alternativ_text,andel,ki_lag,ki_hog,dold",
    );
    expect(lines).toHaveLength(json.rows.length + 1);

    const rdf = await anonymous("/oppna-data/haparanda/dcat.rdf");
    expect(rdf.headers.get("content-type")).toBe("application/rdf+xml; charset=utf-8");
    const xml = await rdf.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      isArray: (n) => ["dcat:Dataset", "dcat:distribution", "dcat:dataset", "dct:title", "dct:description"].includes(n),
    }).parse(xml)["rdf:RDF"];
    expect(doc["dcat:Catalog"]["dcat:dataset"]).toHaveLength(3);
    for (const ds of doc["dcat:Dataset"]) {
      for (const k of ["dct:title", "dct:description", "dct:publisher", "dcat:contactPoint", "dcat:distribution"])
        expect(ds[k], `${ds["@_rdf:about"]} ${k}`).toBeDefined();
      for (const d of ds["dcat:distribution"]) {
        const dist = d["dcat:Distribution"];
        expect(dist["dct:license"]["@_rdf:resource"]).toBe("http://creativecommons.org/publicdomain/zero/1.0/");
        // Every file the catalogue names answers, at the app's public address.
        const url = new URL(dist["dcat:accessURL"]["@_rdf:resource"]);
        expect((await anonymous(url.pathname)).status, url.pathname).toBe(200);
      }
    }
    for (const bad of [
      "/oppna-data/haparanda/hemligt.csv",
      "/oppna-data/haparanda/loften.xml",
      "/oppna-data/ingen/loften.csv",
    ])
      expect((await anonymous(bad)).status, bad).toBe(404);
  });

  it("is not found again once unpublished, and the list forgets it", async () => {
    expect((await publish(analyst, { questions: CHOSEN })).status).toBe(200);
    expect(await stored()).toMatchObject({ published: false });
    expect((await anonymous(publicPath())).status).toBe(404);
    expect(await (await anonymous("/resultat/haparanda")).text()).not.toContain(`href="${publicPath()}"`);
    // Nor do the promise pages chart its questions any more.
    for (const path of await promisePages())
      expect(await (await anonymous(path)).text(), path).not.toContain('class="promise-problems"');
    expect((await publish(analyst, { questions: CHOSEN, published: "on" })).status).toBe(200);
    expect((await anonymous(publicPath())).status).toBe(200);
  });

  it("is never shown for a draft or a staff survey, even with a publication stored", async () => {
    const db = app.open.db;
    const staff = await createOpenSurvey(db, { title: "Personal", definition, kind: "medarbetardialog" });
    const draft = await createOpenSurvey(db, { title: "Utkast", definition });
    await setSurveyStatus({ db, surveyId: staff.id, status: "closed" });
    await db.updateTable("survey").set({ status: "draft" }).where("id", "=", draft.id).execute();
    // The form refuses a staff survey.
    expect(
      (await publish(analyst, { questions: ["feel"], published: "on" }, { path: formPath(staff.slug) })).status,
    ).toBe(404);
    for (const s of [staff, draft])
      await db
        .insertInto("result_publication")
        .values({ survey_id: s.id, questions: JSON.stringify(["feel"]), published: true })
        .execute();
    expect((await anonymous(`/resultat/haparanda/${staff.slug}`)).status).toBe(404);
    expect((await anonymous(`/resultat/haparanda/${draft.slug}`)).status).toBe(404);
    // The right survey under another kommun's address is not found either.
    expect((await anonymous(`/resultat/kalix/${slug}`)).status).toBe(404);
  });
});
