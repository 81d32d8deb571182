// The crime statistics rows of docs/roles.md's matrix, end to end over HTTP: everyone with a role in the kommun
// (the police side of the LPO included) reads; analysts, admins and the kommun's own editors import; a refused
// request changes nothing. Roles: see tests/support/access-fixture.ts.
import { sql } from "kysely";
import { describe, it } from "vitest";
import { testEngine } from "../support/test-db";
import { app, matrix, page, row, type Actor, setUpAccessFixture } from "../support/access-fixture";

setUpAccessFixture();

const base = "/app/haparanda/brottsstatistik";
const crimeFile = "\uFEFFår;område;brottskategori;antal;folkmängd\r\n2024;Haparanda;Rån;2;9 600\r\n";
const uploadCrime =
  (path: string, fields: Record<string, string>) =>
  async (a: Actor): Promise<Response> => {
    const fd = new FormData();
    fd.set("csrf", await a.browser.csrf());
    fd.set("file", new Blob([crimeFile], { type: "text/csv" }), "brott.csv");
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    return a.browser.fetch(path, { method: "POST", body: fd });
  };
const state = async () => ({
  figures: (await sql<{ n: number }>`select count(*)::int as n from crime_figure`.execute(app.open.db)).rows[0]!.n,
  imports: (await sql<{ n: number }>`select count(*)::int as n from crime_import`.execute(app.open.db)).rows[0]!.n,
});

//                     anonymous viewer analyst editorPolis editorKommun admin otherKommun otherAdmin
const readers = row("login", 200, 200, 200, 200, 200, 403, 403);
const importers = row("login", 403, 200, 403, 200, 200, 403, 403);

describe(`crime statistics in the role matrix on ${testEngine()}`, () => {
  it("reading: every role of the kommun, the police side included", async () => {
    await matrix("GET brottsstatistik", page(base), readers);
    await matrix("GET brottsstatistik (a category)", page(`${base}?kategori=assault&fran=2019`), readers);
    await matrix(
      "GET brottsstatistik of an unknown kommun",
      page("/app/ingen-kommun/brottsstatistik"),
      row("login", 404, 404, 404, 404, 404, 404, 404),
    );
  });

  it("importing: analysts, admins and the kommun's editors; a refusal changes nothing", async () => {
    await matrix("GET brottsstatistik/import", page(`${base}/import`), importers);
    await matrix(
      "POST brottsstatistik/import (check)",
      uploadCrime(`${base}/import`, { intent: "check" }),
      importers,
      state,
    );
    await matrix(
      "POST brottsstatistik/import/rapport.csv",
      uploadCrime(`${base}/import/rapport.csv`, {}),
      importers,
      state,
    );
  });
});
