// The place question (docs/domain/places.md, "The place question") end to end on a real database: the builder adds
// it over the kommun's zones, the survey page draws the map above the named list, the server refuses a zone the
// kommun lacks, and the results count answers per zone with the same small-group rule and cell-key protection as
// every other figure.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { Browser, type TestApp } from "../support/app-server";
import { startDemoApp, storeAnswers } from "../support/survey-setup";
import { testEngine } from "../support/test-db";

let app: TestApp;
let surveyId = 0;
let slug = "";
const START = {
  pages: [{ name: "p1", elements: [{ type: "radiogroup", name: "feel", choices: ["safe", "unsafe"] }] }],
};

async function analyst() {
  const b = new Browser(app.url);
  await b.login("analytiker@kalix.example", DEMO_PASSWORD);
  return b;
}
const definitionOf = async () =>
  (
    await app.open.db
      .selectFrom("survey_version")
      .select("definition")
      .where("survey_id", "=", surveyId)
      .orderBy("version", "desc")
      .executeTakeFirstOrThrow()
  ).definition as { pages: { elements: Record<string, unknown>[] }[] };

beforeAll(async () => {
  app = await startDemoApp();
  const kalix = await getOrganisationBySlug({ db: app.open.db, slug: "kalix" });
  const created = await createSurvey({
    db: app.open.db,
    kommunId: kalix.id,
    kommunSlug: "kalix",
    period: "2026",
    kind: "medborgarenkat",
    title: "Platsenkät",
    definition: START,
  });
  surveyId = created.id;
  slug = created.slug;
});
afterAll(async () => app?.close());

describe(`the place question on ${testEngine()}`, () => {
  it("is added by the builder over the kommun's zones, with its map and its four parts", async () => {
    const b = await analyst();
    const bygg = `/app/kalix/enkater/${slug}/bygg`;
    expect(await (await b.fetch(bygg)).text()).toContain("Lägg till en platsfråga");
    const fd = new FormData();
    fd.set("csrf", await b.csrf());
    fd.set("intent", "addPlace");
    const res = await b.fetch(bygg, { method: "POST", body: fd });
    expect(res.status).toBe(200);
    const elements = (await definitionOf()).pages[0].elements;
    expect(elements.map((e) => e.name)).toEqual([
      "feel",
      "place",
      "place_safety",
      "place_category",
      "place_time",
      "place_weekday",
    ]);
    const place = elements[1] as {
      type: string;
      choices: { value: string }[];
      mapShapes: { value: string; d: string }[];
    };
    expect(place.type).toBe("place");
    expect(place.choices.map((c) => c.value).sort()).toEqual(
      ["batskarsnas", "kalix", "karlsborg", "nyborg", "palang", "rolfs", "sangis", "tore"].sort(),
    );
    expect(place.mapShapes.map((s) => s.value)).toEqual(place.choices.map((c) => c.value));
    expect(place.mapShapes.every((s) => /^M[\d.,]+(L[\d.,]+)+Z$/.test(s.d))).toBe(true);
    // A second one under the same name is refused with a message, and changes nothing.
    const before = await definitionOf();
    const fd2 = new FormData();
    fd2.set("csrf", await b.csrf());
    fd2.set("intent", "addPlace");
    const again = await b.fetch(bygg, { method: "POST", body: fd2 });
    expect(again.status).toBe(422);
    expect(await definitionOf()).toEqual(before);
  });

  it("serves the zones as a plain list of named radio buttons on the survey page", async () => {
    await setSurveyStatus({ db: app.open.db, surveyId, status: "open" });
    const html = await (await fetch(`${app.url}/e/${slug}`)).text();
    // The page is served as the plain form (docs/decisions/015-survey-without-javascript.md): the zones are named
    // radio buttons; the map is drawn by SurveyJS once the page has JavaScript.
    expect(html).toMatch(/type="radio"[^>]*value="tore"|value="tore"[^>]*type="radio"/);
  });

  it("refuses a zone the kommun does not have (422), and stores nothing", async () => {
    const id = crypto.randomUUID();
    const res = await fetch(`${app.url}/api/v1/surveys/${slug}/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id, data: { place: "stockholm" }, locale: "sv", channel: "web" }),
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain("place");
    expect(await app.open.db.selectFrom("response").select("id").where("id", "=", id).execute()).toEqual([]);
  });

  it("counts answers per zone in the results, a zone of fewer than 5 never shown", async () => {
    const rows = [
      ...Array.from({ length: 20 }, () => ({ place: "kalix", place_safety: "unsafe", place_time: ["night"] })),
      ...Array.from({ length: 9 }, () => ({ place: "tore", place_safety: "safe" })),
      ...Array.from({ length: 3 }, () => ({ place: "nyborg", place_safety: "unsafe" })),
      ...Array.from({ length: 6 }, () => ({ feel: "safe" })),
    ].map((data, i) => ({ data, submittedOn: `2026-03-${String(1 + (i % 20)).padStart(2, "0")}` }));
    await storeAnswers(app.open.db, surveyId, rows, "paper");
    const b = await analyst();
    const res = await b.fetch(`/api/v1/surveys/${slug}/results`);
    expect(res.status).toBe(200);
    const api = (await res.json()) as {
      questions: {
        name: string;
        answered: number | null;
        options: { value: string; n: number | null; suppressed: boolean }[];
      }[];
    };
    const place = api.questions.find((q) => q.name === "place")!;
    const option = (v: string) => place.options.find((o) => o.value === v)!;
    // Counts are cell-key perturbed by at most 2 (docs/domain/statistics.md), never shown below 5.
    expect(Math.abs(place.answered! - 32)).toBeLessThanOrEqual(2);
    expect(Math.abs(option("kalix").n! - 20)).toBeLessThanOrEqual(2);
    expect(option("nyborg")).toMatchObject({ n: null, suppressed: true, reason: "below_min_base" });
    // Nyborg's 3 could be recovered as answered − Kalix − Töre: so Töre is hidden too (differencing).
    expect(option("tore")).toMatchObject({ n: null, suppressed: true, reason: "complementary" });
    // A zone nobody named is a true zero, not a small group.
    expect(option("sangis")).toMatchObject({ n: 0, suppressed: false });
    // The same figure however it is asked for: the cell key keeps it stable.
    const again = (await (await b.fetch(`/api/v1/surveys/${slug}/results`)).json()) as typeof api;
    expect(again.questions.find((q) => q.name === "place")).toEqual(place);
  });

  it("colours the zones by their published share in the problembild, a hidden zone hatched, with the table", async () => {
    const b = await analyst();
    const res = await b.fetch(`/app/kalix/enkater/${slug}/resultat`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Platser på karta");
    expect(html).toMatch(/<title>Nyborg: Visas inte \(färre än 5 svar/);
    expect(html).toMatch(/<title>Töre: Visas inte/);
    expect(html).toMatch(/<path d="M[^"]+" fill="url\(#[^"]+-hatch\)"[^>]*><title>Nyborg/);
    expect(html).toMatch(/<title>Kalix centralort: \d+ \(\d+\s?%\)<\/title>/);
    expect(html).toContain(`href="/app/kalix/enkater/${slug}/platser.geojson"`);
  });

  it("exports the zone figures as GeoJSON: the published counts on the zones, no hidden figure, no point", async () => {
    const b = await analyst();
    const res = await b.fetch(`/app/kalix/enkater/${slug}/platser.geojson`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/geo+json");
    const fc = (await res.json()) as {
      type: string;
      features: { properties: Record<string, unknown>; geometry: { type: string } }[];
    };
    expect(fc.type).toBe("FeatureCollection");
    const api = (await (await b.fetch(`/api/v1/surveys/${slug}/results`)).json()) as {
      questions: { name: string; options: { value: string; n: number | null }[] }[];
    };
    const published = api.questions.find((q) => q.name === "place")!.options;
    expect(fc.features.map((f) => [f.properties.code, f.properties.n])).toEqual(published.map((o) => [o.value, o.n]));
    const nyborg = fc.features.find((f) => f.properties.code === "nyborg")!;
    expect(nyborg.properties).toMatchObject({ n: null, share: null, suppressed: true, reason: "below_min_base" });
    expect(fc.features.every((f) => f.geometry.type === "Polygon" && f.properties.demo === true)).toBe(true);
    expect(Object.keys(nyborg.properties).sort()).toEqual(
      ["ci_high", "ci_low", "code", "demo", "n", "name", "question", "reason", "share", "suppressed"].sort(),
    );
    // Filtered like the problembild: a group below the minimum shows nothing.
    const small = (await (
      await b.fetch(`/app/kalix/enkater/${slug}/platser.geojson?where=place:nyborg`)
    ).json()) as typeof fc;
    expect(small.features.every((f) => f.properties.n === null || f.properties.n === 0)).toBe(true);
    // Another kommun's analyst cannot read it.
    const other = new Browser(app.url);
    await other.login("analytiker@haparanda.example", DEMO_PASSWORD);
    expect((await other.fetch(`/app/kalix/enkater/${slug}/platser.geojson`)).status).toBe(403);
  });
});
