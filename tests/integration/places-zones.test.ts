// Zones (docs/domain/places.md) end to end over HTTP on a real database: the demo zones and their map page, the
// GeoJSON import (check, store, replace by code keeping the id), and bad files refused with 422, a message per
// feature, and nothing stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

let app: TestApp;
let kalix = 0;
const IMPORT = "/app/kalix/platser/import";

async function signedIn(email: string) {
  const b = new Browser(app.url);
  await b.login(email, DEMO_PASSWORD);
  return b;
}

async function upload(b: Browser, text: string, fields: Record<string, string> = {}) {
  const fd = new FormData();
  fd.set("csrf", await b.csrf());
  fd.set("file", new Blob([text], { type: "application/geo+json" }), "zoner.geojson");
  for (const [k, v] of Object.entries({ intent: "import", kind: "own", ...fields })) fd.set(k, v);
  return b.fetch(IMPORT, { method: "POST", body: fd });
}

/** Every zone of Kalix as comparable rows. */
const zones = async () =>
  (
    await app.open.db
      .selectFrom("zone")
      .select(["id", "code", "name", "kind", "demo", "geometry"])
      .where("kommun_id", "=", kalix)
      .orderBy("code")
      .execute()
  ).map((z) => ({ ...z, geometry: JSON.stringify(z.geometry) }));

type Pos = [number, number];
const square = (lon: number, lat: number, d = 0.01): Pos[] => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
  [lon - d, lat - d],
];
const fc = (...features: { code?: string; name?: string; ring?: Pos[]; type?: string }[]) =>
  JSON.stringify({
    type: "FeatureCollection",
    features: features.map((f) => ({
      type: "Feature",
      properties: { code: f.code, name: f.name },
      geometry: { type: f.type ?? "Polygon", coordinates: [f.ring ?? square(23.15, 65.85)] },
    })),
  });

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
  kalix = (await getOrganisationBySlug({ db: app.open.db, slug: "kalix" })).id;
});
afterAll(async () => app?.close());

describe(`zones on ${testEngine()}`, () => {
  it("seeds demo zones for the demo kommuner, marked demo, and a second run adds nothing", async () => {
    const before = await zones();
    expect(before.map((z) => z.code)).toEqual(
      ["batskarsnas", "kalix", "karlsborg", "nyborg", "palang", "rolfs", "sangis", "tore"].sort(),
    );
    expect(before.every((z) => z.demo && z.kind === "own")).toBe(true);
    await seedDemo({ db: app.open.db, withSurveys: false });
    expect(await zones()).toEqual(before);
  });

  it("shows the zone map as server-rendered SVG with the demo banner and the zones as a table, linked from the start page", async () => {
    const b = await signedIn("redaktor@kalix.example");
    const html = await (await b.fetch("/app/kalix/platser")).text();
    expect(html).toContain("Påhittade demoområden");
    expect(html).toMatch(/<svg[^>]*role="img"/);
    // One path per zone, each named by its <title>; the table lists them too.
    expect(html.match(/<path d="M/g)?.length).toBe(8);
    expect(html).toContain("<title>Töre (demo)</title>");
    expect(html).toMatch(/<th scope="row">Töre<\/th><td>tore<\/td>/);
    // An editor reads the map but is not offered the import.
    expect(html).not.toContain('href="/app/kalix/platser/import"');
    expect(await (await b.fetch("/app/kalix")).text()).toContain('href="/app/kalix/platser"');
  });

  it("checks a file without storing, then imports it: a new code adds a zone, a known code replaces it in place", async () => {
    const b = await signedIn("analytiker@kalix.example");
    const before = await zones();
    const tore = before.find((z) => z.code === "tore")!;
    const file = fc(
      { code: "tore", name: "Töre by", ring: square(22.65, 65.91) },
      { code: "K-99", name: "Nytt område" },
    );
    const checked = await upload(b, file, { intent: "check" });
    expect(checked.status).toBe(200);
    expect(await checked.text()).toContain("har 2 områden, alla godkända: 1 nya och 1 som ersätter befintliga");
    expect(await zones()).toEqual(before);

    const done = await upload(b, file, { kind: "regso" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Importerat: 1 nya områden och 1 ersatta.");
    const after = await zones();
    expect(after).toHaveLength(before.length + 1);
    const replaced = after.find((z) => z.code === "tore")!;
    expect(replaced).toMatchObject({ id: tore.id, name: "Töre by", kind: "regso", demo: false });
    // Stored to six decimals (about 0.1 m).
    const round6 = (r: Pos[]) => r.map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]);
    expect(JSON.parse(replaced.geometry)).toEqual({ type: "Polygon", coordinates: [round6(square(22.65, 65.91))] });
    expect(after.find((z) => z.code === "K-99")).toMatchObject({ name: "Nytt område", demo: false });
    // Zones the file did not name are kept as they were.
    expect(after.filter((z) => !["tore", "K-99"].includes(z.code))).toEqual(before.filter((z) => z.code !== "tore"));
  });

  it("simplifies a detailed boundary on import", async () => {
    const b = await signedIn("analytiker@kalix.example");
    // 400 points along the south edge, each off the line by ~0.5 m: all go but the corners.
    const edge: Pos[] = Array.from({ length: 400 }, (_, i) => [23 + i * 0.00005, 65.7 + (i % 2) * 0.000005]);
    const ring: Pos[] = [...edge, [23.02, 65.71], [23, 65.71], edge[0]];
    const res = await upload(b, fc({ code: "DETALJ", name: "Detaljerat", ring }));
    expect(res.status).toBe(200);
    const stored = (await zones()).find((z) => z.code === "DETALJ")!;
    const coords = JSON.parse(stored.geometry).coordinates[0] as Pos[];
    expect(coords.length).toBeLessThan(10);
    expect(await res.text()).toMatch(/förenklades från 403 till \d punkter/);
  });

  it("refuses bad files with 422, a message per feature, and stores nothing", async () => {
    const b = await signedIn("analytiker@kalix.example");
    const before = await zones();
    const bowTie: Pos[] = [
      [23.1, 65.8],
      [23.2, 65.9],
      [23.2, 65.8],
      [23.1, 65.9],
      [23.1, 65.8],
    ];
    const bad = fc(
      { code: "OK", name: "Bra" },
      { code: "ROSETT", name: "Rosett", ring: bowTie },
      { code: "OK", name: "Dubblett", ring: square(23.3, 65.8) },
      { code: "LINJE", name: "Linje", type: "LineString" },
      { code: "SWEREF", name: "Meter", ring: square(900_000, 7_300_000, 100) },
    );
    const res = await upload(b, bad);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Filen sparades inte: 4 fel i 4 av 5 områden");
    expect(html).toContain("Ring 1 korsar sig själv");
    expect(html).toContain("Koden finns redan i filen (område nr 1)");
    expect(html).toContain("Geometrin är av typen LineString");
    expect(html).toContain("ser ut att vara SWEREF 99 TM");
    expect(await zones()).toEqual(before);

    const cases: [string, string, Record<string, string>?][] = [
      ["{inte json", "Filen är inte JSON"],
      [JSON.stringify({ type: "Feature" }), "inte en GeoJSON FeatureCollection"],
      [JSON.stringify({ type: "FeatureCollection", features: [] }), "innehåller inga områden"],
      [fc({ code: "A", name: "A" }), "Välj slag av områden", { kind: "stad" }],
    ];
    for (const [text, message, fields] of cases) {
      const r = await upload(b, text, fields);
      expect(r.status, message).toBe(422);
      expect(await r.text()).toContain(message);
    }
    expect(await zones()).toEqual(before);
  });

  it("refuses a file over the size limit before reading it all", async () => {
    const b = await signedIn("analytiker@kalix.example");
    const res = await upload(b, " ".repeat(10 * 1024 * 1024 + 10) + fc({ code: "STOR", name: "Stor" }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Filen är för stor");
    expect((await zones()).some((z) => z.code === "STOR")).toBe(false);
  });
});
