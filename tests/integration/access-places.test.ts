// The places rows of docs/roles.md's matrix, end to end over HTTP: every role of the kommun reads the zone map;
// analysts and admins import zones; a refused request changes nothing. Roles: see tests/support/access-fixture.ts.
import { sql } from "kysely";
import { describe, it } from "vitest";
import { testEngine } from "../support/test-db";
import { app, matrix, page, row, sv, type Actor, setUpAccessFixture } from "../support/access-fixture";

setUpAccessFixture();

const base = "/app/haparanda/platser";
const zoneFile = JSON.stringify({
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { code: "A1", name: "Åtkomst" },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [24.1, 65.8],
            [24.2, 65.8],
            [24.2, 65.9],
            [24.1, 65.8],
          ],
        ],
      },
    },
  ],
});
const upload =
  (intent: string) =>
  async (a: Actor): Promise<Response> => {
    const fd = new FormData();
    fd.set("csrf", await a.browser.csrf());
    fd.set("file", new Blob([zoneFile], { type: "application/geo+json" }), "zoner.geojson");
    fd.set("intent", intent);
    fd.set("kind", "own");
    return a.browser.fetch(`${base}/import`, { method: "POST", body: fd });
  };
const state = async () => ({
  zones: (await sql<{ n: number }>`select count(*)::int as n from zone`.execute(app.open.db)).rows[0]!.n,
});

//                     anonymous viewer analyst editorPolis editorKommun admin otherKommun otherAdmin
const readers = row("login", 200, 200, 200, 200, 200, 403, 403);
const importers = row("login", 403, 200, 403, 403, 200, 403, 403);

describe(`places in the role matrix on ${testEngine()}`, () => {
  it("reading the zone map: every role of the kommun", async () => {
    await matrix("GET platser", page(base), readers);
    await matrix(
      "GET platser of an unknown kommun",
      page("/app/ingen-kommun/platser"),
      row("login", 404, 404, 404, 404, 404, 404, 404),
    );
  });

  it("the zone aggregates of a survey as GeoJSON: every role of the kommun, like the problembild's exports", async () => {
    await matrix(
      "GET enkater/:slug/platser.geojson",
      page(`/app/haparanda/enkater/${sv.hpOpen}/platser.geojson`),
      readers,
    );
  });

  it("importing zones: analysts and admins; a refusal changes nothing", async () => {
    await matrix("GET platser/import", page(`${base}/import`), importers);
    await matrix("POST platser/import (check)", upload("check"), importers, state);
  });
});
