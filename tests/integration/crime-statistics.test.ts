// Crime statistics (docs/domain/crime-statistics.md) end to end over HTTP on a real database: the import (check,
// store, re-import replaces a year, a file with errors changes nothing, the rejected-rows report), the trend page
// with its demo banner and Swedish numbers, and the summary the lägesbild reads.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { crimeSummary } from "../../app/features/crime/index.server";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createApiToken } from "../../app/features/accounts/accounts.server";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

let app: TestApp;
let haparanda = 0;
const IMPORT = "/app/haparanda/brottsstatistik/import";
const YEAR = new Date().getFullYear();

async function signedIn(email: string) {
  const b = new Browser(app.url);
  await b.login(email, DEMO_PASSWORD);
  return b;
}

async function upload(b: Browser, path: string, text: string, intent?: string, name = "brott.csv") {
  const fd = new FormData();
  fd.set("csrf", await b.csrf());
  fd.set("file", new Blob([text], { type: "text/csv" }), name);
  if (intent) fd.set("intent", intent);
  return b.fetch(path, { method: "POST", body: fd });
}

/** Every stored figure of Haparanda, as comparable rows. */
const figures = async () =>
  (
    await sql<{ k: string }>`select concat_ws('|', year, level, area, category, coalesce(count::text, ''),
      coalesce(population::text, ''), coalesce(rate::text, ''), demo::text) as k
      from crime_figure where kommun_id = ${haparanda} order by 1`.execute(app.open.db)
  ).rows.map((r) => r.k);
const imports = () =>
  app.open.db.selectFrom("crime_import").selectAll().where("kommun_id", "=", haparanda).orderBy("id").execute();

const HEAD = "år;område;brottskategori;antal;folkmängd;per 100 000 invånare";
const file = (...rows: string[]) => `\uFEFF${[HEAD, ...rows].join("\r\n")}\r\n`;

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
  haparanda = (await getOrganisationBySlug({ db: app.open.db, slug: "haparanda" })).id;
});
afterAll(async () => app?.close());

describe(`crime statistics on ${testEngine()}`, () => {
  it("the demo seed is marked demo, and a second run adds nothing", async () => {
    const before = await figures();
    expect(before.length).toBeGreaterThan(100);
    expect(before.every((k) => k.endsWith("|true"))).toBe(true);
    await seedDemo({ db: app.open.db, withSurveys: false });
    expect(await figures()).toEqual(before);
  });

  it("shows the trend page with the demo banner, the references and Swedish numbers", async () => {
    const b = await signedIn("lasare@haparanda.example");
    const res = await b.fetch("/app/haparanda/brottsstatistik?kategori=residential_burglary");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Påhittade demosiffror");
    expect(html).toContain("Bostadsinbrott: anmälda brott per 100 000 invånare");
    expect(html).toContain("Norrbottens län");
    expect(html).toContain("Riket");
    expect(html).toContain("<svg");
    // Rates with a decimal comma, counts of the population with a (no-break) space between thousands.
    expect(html).toMatch(/\d,\d<\/td>/);
    expect(html).toMatch(/9\u00a0\d{3}<\/td>/);
    expect(html).toContain("Haparanda centrum");
    // A viewer reads; the import link is not offered.
    expect(html).not.toContain('href="/app/haparanda/brottsstatistik/import"');
    expect((await b.fetch("/app/haparanda")).status).toBe(200);
    expect(await (await b.fetch("/app/haparanda")).text()).toContain('href="/app/haparanda/brottsstatistik"');
  });

  it("refuses an unknown category and a malformed year in the URL with 422", async () => {
    const b = await signedIn("lasare@haparanda.example");
    expect((await b.fetch("/app/haparanda/brottsstatistik?kategori=mord")).status).toBe(422);
    expect((await b.fetch("/app/haparanda/brottsstatistik?fran=20x4")).status).toBe(422);
  });

  it("checks a file without storing, then imports it (BOM, decimal comma, grouping spaces) and records the import", async () => {
    const b = await signedIn("analytiker@haparanda.example");
    const text = file(
      `${YEAR};Haparanda;Bostadsinbrott;12;9 500;`,
      `${YEAR};Haparanda;Misshandel;70;9 500;`,
      `${YEAR};Haparanda centrum;Misshandel;50;;`,
      `${YEAR};Norrbottens län;Misshandel;;;801,5`,
      `${YEAR};Riket;Misshandel;88 000;10 600 000;`,
    );
    const before = await figures();
    const checked = await upload(b, IMPORT, text, "check");
    expect(checked.status).toBe(200);
    expect(await checked.text()).toContain("har 5 rader, alla godkända");
    expect(await figures()).toEqual(before);
    expect(await imports()).toEqual([]);

    const done = await upload(b, IMPORT, text, "import", "bra-2026.csv");
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Importerat: 5 rader");
    const stored = (await figures()).filter((k) => k.startsWith(`${YEAR}|`));
    expect(stored).toEqual(
      [
        `${YEAR}|area|Haparanda centrum|assault|50|||false`,
        `${YEAR}|kommun||assault|70|9500||false`,
        `${YEAR}|kommun||residential_burglary|12|9500||false`,
        `${YEAR}|lan|Norrbottens län|assault|||801.5|false`,
        `${YEAR}|riket|Riket|assault|88000|10600000||false`,
      ].sort(),
    );
    const [record] = await imports();
    const analyst = await app.open.db
      .selectFrom("account")
      .select("id")
      .where("email", "=", "analytiker@haparanda.example")
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      outcome: "stored",
      rows_accepted: 5,
      rows_rejected: 0,
      file_name: "bra-2026.csv",
      imported_by: analyst.id,
      from_year: YEAR,
      to_year: YEAR,
    });

    // The summary the lägesbild reads: the imported year beside the references, not demo, with a link.
    const s = await crimeSummary({ db: app.open.db, kommunId: haparanda, fromYear: YEAR, toYear: YEAR });
    const assault = s.categories.find((c) => c.category === "assault")!;
    expect(assault.years).toEqual([
      {
        year: YEAR,
        count: 70,
        population: 9500,
        rate: (70 / 9500) * 100_000,
        countyRate: 801.5,
        nationalRate: (88_000 / 10_600_000) * 100_000,
        demo: false,
      },
    ]);
    expect(assault.themes).toEqual(["violent_crime"]);
    expect(assault.link).toBe(`/app/haparanda/brottsstatistik?kategori=assault&fran=${YEAR}&till=${YEAR}`);
    expect(s.demo).toBe(false);
    expect(s.county).toBe("Norrbottens län");
    const all = await crimeSummary({ db: app.open.db, kommunId: haparanda });
    expect(all.demo).toBe(true);
    expect(all.categories.find((c) => c.category === "assault")!.years.map((y) => y.year)).toEqual([
      2019,
      2020,
      2021,
      2022,
      2023,
      2024,
      2025,
      YEAR,
    ]);
  });

  it("a re-import of a year replaces that year's figures and leaves the other years", async () => {
    const b = await signedIn("redaktor@haparanda.example"); // the kommun's editor may import too
    const other = (await figures()).filter((k) => !k.startsWith(`${YEAR}|`) && !k.startsWith("2025|"));
    const res = await upload(
      b,
      IMPORT,
      file(`${YEAR};Haparanda;Narkotikabrott;31;9 500;`, `2025;Haparanda kommun;Narkotikabrott;29;9 520;`),
      "import",
    );
    expect(res.status).toBe(200);
    const now = await figures();
    expect(now.filter((k) => k.startsWith(`${YEAR}|`))).toEqual([`${YEAR}|kommun||drug_offence|31|9500||false`]);
    expect(now.filter((k) => k.startsWith("2025|"))).toEqual(["2025|kommun||drug_offence|29|9520||false"]);
    expect(now.filter((k) => !k.startsWith(`${YEAR}|`) && !k.startsWith("2025|"))).toEqual(other);
  });

  it("stores nothing from a file with errors, records the rejection, and reports every rejected row", async () => {
    const b = await signedIn("analytiker@haparanda.example");
    const text = file(
      `2024;Haparanda;Bostadsinbrott;12;9 600;`, // line 2: fine, but nothing is stored
      `2024;Haparanda;Misshandel;12,5;9 600;`, // line 3: not a whole number
      `2024;Haparanda;Mord på månen;1;9 600;`, // line 4: unknown category
      `2024;Haparanda;bostadsinbrott;13;9 600;`, // line 5: duplicate of line 2
      `2024;Riket;Rån;;;1.2.3`, // line 6: malformed rate
      `=2024;Haparanda;Rån;1;9 600;`, // line 7: year, and a formula in the report must be neutralised
    );
    const before = await figures();
    const recordsBefore = (await imports()).length;
    const res = await upload(b, IMPORT, text, "import", "fel.csv");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Ingenting har sparats: 5 av 6 rader avvisades.");
    expect(html).toContain("Okänd brottskategori. Kända: Samtliga anmälda brott, Misshandel");
    expect(html).toContain("Samma år, område och brottskategori finns redan på rad 2.");
    expect(await figures()).toEqual(before);
    const records = await imports();
    expect(records).toHaveLength(recordsBefore + 1);
    expect(records.at(-1)).toMatchObject({
      outcome: "rejected",
      rows_accepted: 0,
      rows_rejected: 5,
      file_name: "fel.csv",
    });

    const report = await upload(b, `${IMPORT}/rapport.csv`, text);
    expect(report.status).toBe(200);
    expect(report.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(report.headers.get("content-disposition")).toContain("avvisade-rader-brottsstatistik-haparanda.csv");
    const lines = (await report.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Rad;Fält;Värde;Fel");
    expect(lines.slice(1).map((l) => l.split(";").slice(0, 2).join(";"))).toEqual([
      "3;antal",
      "4;brottskategori",
      "5;",
      "6;per 100 000 invånare",
      "7;år",
    ]);
    expect(lines.find((l) => l.startsWith("7;"))).toContain("'=2024");
    expect(await figures()).toEqual(before);
  });

  it("refuses a file without the required columns, or without a file, with 422 and changes nothing", async () => {
    const b = await signedIn("analytiker@haparanda.example");
    const before = await figures();
    const records = (await imports()).length;
    const res = await upload(b, IMPORT, "år;område;antal\r\n2024;Haparanda;3\r\n", "import");
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Filen saknar kolumnerna brottskategori.");
    const fd = new FormData();
    fd.set("csrf", await b.csrf());
    fd.set("intent", "import");
    expect((await b.fetch(IMPORT, { method: "POST", body: fd })).status).toBe(422);
    expect(await figures()).toEqual(before);
    expect(await imports()).toHaveLength(records);
  });

  it("roles: anonymous to sign-in, a viewer and the police side cannot import, another kommun's analyst is refused", async () => {
    const anonymous = new Browser(app.url);
    for (const path of ["/app/haparanda/brottsstatistik", IMPORT]) {
      const res = await anonymous.fetch(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/logga-in\?next=/);
    }
    const before = await figures();
    const viewer = await signedIn("lasare@haparanda.example");
    expect((await viewer.fetch(IMPORT)).status).toBe(403);
    expect((await upload(viewer, IMPORT, file("2024;Haparanda;Rån;1;9 600;"), "import")).status).toBe(403);
    expect((await upload(viewer, `${IMPORT}/rapport.csv`, file("2024;Haparanda;Rån;1;9 600;"))).status).toBe(403);
    const police = await signedIn("polis@harjedalen.example");
    expect((await police.fetch("/app/harjedalen/brottsstatistik")).status).toBe(200);
    expect((await police.fetch("/app/harjedalen/brottsstatistik/import")).status).toBe(403);
    const kalix = await signedIn("analytiker@kalix.example");
    expect((await kalix.fetch("/app/haparanda/brottsstatistik")).status).toBe(403);
    expect((await kalix.fetch(IMPORT)).status).toBe(403);
    expect((await upload(kalix, IMPORT, file("2024;Haparanda;Rån;1;9 600;"), "import")).status).toBe(403);
    expect((await kalix.fetch("/app/ingen-kommun/brottsstatistik")).status).toBe(404);
    expect(await figures()).toEqual(before);
  });

  it("is an API too: a script with a token checks, imports and reads the figures; errors are 422 with nothing stored", async () => {
    const API = "/api/v1/kommuner/haparanda/brottsstatistik";
    const tokenOf = async (email: string) => {
      const account = await app.open.db
        .selectFrom("account")
        .select("id")
        .where("email", "=", email)
        .executeTakeFirstOrThrow();
      return createApiToken({ db: app.open.db, accountId: account.id, label: "crime" });
    };
    const analyst = await tokenOf("analytiker@haparanda.example");
    const viewer = await tokenOf("lasare@haparanda.example");
    const post = (token: string | null, text: string, query = "") => {
      const fd = new FormData();
      fd.set("file", new Blob([text], { type: "text/csv" }), "api.csv");
      return fetch(`${app.url}${API}${query}`, {
        method: "POST",
        body: fd,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        redirect: "manual",
      });
    };
    const year = YEAR - 8;
    const good = file(`${year};Haparanda;Rån;3;9 700;`, `${year};Norrbottens län;Rån;;;12,5`);
    const before = await figures();
    // A check stores nothing.
    const checked = await post(analyst, good, "?kontroll=1");
    expect(checked.status).toBe(200);
    expect(await checked.json()).toMatchObject({ stored: false, accepted: 2, rejected: 0, years: [year] });
    expect(await figures()).toEqual(before);
    // Errors: 422 with every rejected row, nothing stored.
    const bad = await post(analyst, file(`${year};Haparanda;Rån;tre;9 700;`, `${year};Haparanda;Tidsresor;1;9 700;`));
    expect(bad.status).toBe(422);
    const badBody = (await bad.json()) as { error: string; stored: boolean; problems: { line: number }[] };
    expect(badBody.stored).toBe(false);
    expect(badBody.error).toContain("Ingenting har sparats");
    expect(new Set(badBody.problems.map((p) => p.line))).toEqual(new Set([2, 3]));
    expect(await figures()).toEqual(before);
    // A viewer's token, no token and another kommun: refused, nothing stored.
    expect((await post(viewer, good)).status).toBe(403);
    expect((await post(null, good)).status).not.toBe(200);
    expect(await figures()).toEqual(before);
    // The import: stored, and read back through GET (a viewer may read).
    const stored = await post(analyst, good);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ stored: true, accepted: 2, years: [year] });
    const read = await fetch(`${app.url}${API}`, { headers: { authorization: `Bearer ${viewer}` } });
    expect(read.status).toBe(200);
    const body = (await read.json()) as {
      figures: {
        year: number;
        level: string;
        category: string;
        count: number | null;
        rate: number | null;
        demo: boolean;
      }[];
    };
    const mine = body.figures.filter((f) => f.year === year);
    expect(mine).toHaveLength(2);
    expect(mine.find((f) => f.level === "kommun")).toMatchObject({ category: "robbery", count: 3, demo: false });
    expect(mine.find((f) => f.level === "lan")?.rate).toBe(12.5);
  });
});
