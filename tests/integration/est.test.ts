// EST weekly reports end to end over HTTP (docs/domain/est.md): a reporter files one report per zone and week
// (filing again replaces it, nothing stored twice), bad input is refused per field with nothing changed, the
// reporter reaches nothing but the weekly report, another kommun's staff reach nothing of it, and the coordinator
// reviews, corrects (kept in the history) and reads a picture equal to an independent count.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { DEMO_REPORTER_EMAIL } from "../../db/seed/est";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { estPicture } from "../../app/features/est/index.server";
import { estSource } from "../../app/features/plans/evidence.server";
import { STANDARD_CATEGORIES, countedWeeks, shiftWeek, weekOfDay } from "../../app/features/est/index";
import { stockholmDay } from "../../app/platform/dates";
import { DEMO_PROFILES, standardCitizenDefinition } from "../../db/seed/synthetic";
import { createApiToken } from "../../app/features/accounts/accounts.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

let app: TestApp;
let reporter: Browser;
let coordinator: Browser;
let otherAnalyst: Browser;
let kalixId = 0;
const zones: Record<string, number> = {};
const week = weekOfDay(stockholmDay(new Date()));
const base = "/app/kalix/est";

const state = async () =>
  (
    await sql<{ reports: number; items: number; revisions: number; reviewed: number }>`
      select (select count(*)::int from est_report) as reports, (select count(*)::int from est_report_item) as items,
             (select count(*)::int from est_report_revision) as revisions,
             (select count(*)::int from est_report where reviewed_at is not null) as reviewed`.execute(app.open.db)
  ).rows[0]!;

const myReport = (zone: number, w = week) =>
  app.open.db
    .selectFrom("est_report")
    .selectAll()
    .where("zone_id", "=", zone)
    .where("week", "=", w)
    .where("demo", "=", false)
    .executeTakeFirst();

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
  kalixId = (
    await app.open.db.selectFrom("organisation").select("id").where("slug", "=", "kalix").executeTakeFirstOrThrow()
  ).id;
  for (const z of await app.open.db
    .selectFrom("zone")
    .select(["id", "code"])
    .where("kommun_id", "=", kalixId)
    .execute())
    zones[z.code] = z.id;
  reporter = new Browser(app.url);
  await reporter.login(DEMO_REPORTER_EMAIL, DEMO_PASSWORD);
  coordinator = new Browser(app.url);
  await coordinator.login("analytiker@kalix.example", DEMO_PASSWORD);
  otherAnalyst = new Browser(app.url);
  await otherAnalyst.login("analytiker@haparanda.example", DEMO_PASSWORD);
});
afterAll(async () => app?.close());

describe(`EST weekly reports on ${testEngine()}`, () => {
  it("takes a reporter from /app straight to the weekly report, this week preselected", async () => {
    const home = await reporter.fetch("/app");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe(`${base}/rapport`);
    const res = await reporter.fetch(`${base}/rapport`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("Inget att rapportera");
    expect(html).toContain(`<option value="${week}" selected`);
  });

  it("files one report per zone and week; filing again replaces it", async () => {
    const zone = zones["demo-centrum"]!;
    const before = await state();
    const res = await reporter.post(`${base}/rapport`, {
      zon: String(zone),
      vecka: week,
      intent: "rapport",
      antal_klotter: "3",
      antal_skadegorelse: "1",
      niva_nedskrapning: "2",
      plats_klotter: "Vid busshållplatsen",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("sparad=1");
    const first = (await myReport(zone))!;
    const items = await app.open.db
      .selectFrom("est_report_item")
      .selectAll()
      .where("report_id", "=", first.id)
      .execute();
    expect(items.map((i) => [i.category, i.count, i.level, i.place]).sort()).toEqual([
      ["klotter", 3, null, "Vid busshållplatsen"],
      ["nedskrapning", null, 2, null],
      ["skadegorelse", 1, null, null],
    ]);
    // The same report again, changed: the same row, the items replaced, one revision more.
    await reporter.post(`${base}/rapport`, { zon: String(zone), vecka: week, intent: "rapport", antal_klotter: "4" });
    const after = await state();
    expect(after.reports).toBe(before.reports + 1);
    expect(after.items).toBe(before.items + 1);
    expect(after.revisions).toBe(before.revisions + 2);
    expect((await myReport(zone))!.id).toBe(first.id);
    const kinds = await app.open.db
      .selectFrom("est_report_revision")
      .select("kind")
      .where("report_id", "=", first.id)
      .orderBy("id")
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(["submitted", "resubmitted"]);
  });

  it("records 'nothing to report' with one tap", async () => {
    const zone = zones["demo-tore"]!;
    const res = await reporter.post(`${base}/rapport`, { zon: String(zone), vecka: week, intent: "inget" });
    expect(res.status).toBe(302);
    const r = (await myReport(zone))!;
    expect(r.nothing_to_report).toBe(true);
    expect(
      await app.open.db.selectFrom("est_report_item").select("category").where("report_id", "=", r.id).execute(),
    ).toEqual([]);
  });

  it("refuses bad input per field and changes nothing", async () => {
    const zone = String(zones["demo-centrum"]!);
    const cases: [Record<string, string>, number, string][] = [
      [{ zon: zone, vecka: week, antal_klotter: "tre" }, 422, "antal_klotter"],
      [{ zon: zone, vecka: week, antal_klotter: "-1" }, 422, "antal_klotter"],
      [{ zon: zone, vecka: week, niva_nedskrapning: "7" }, 422, "niva_nedskrapning"],
      [{ zon: zone, vecka: week, plats_brand: "Skolan" }, 422, "antal_brand"],
      [{ zon: zone, vecka: shiftWeek(week, 1), antal_klotter: "1" }, 422, "vecka"],
      [{ zon: zone, vecka: "2026-W60", antal_klotter: "1" }, 422, "vecka"],
      [{ zon: zone, vecka: shiftWeek(week, -20), antal_klotter: "1" }, 422, "vecka"],
      [{ zon: zone, vecka: week, notering: "x".repeat(1001) }, 422, "notering"],
      // A zone of the kommun the reporter does not cover, and one that does not exist.
      [{ zon: String(zones["demo-karlsborg"]!), vecka: week, antal_klotter: "1" }, 403, ""],
      [{ zon: "999999", vecka: week, antal_klotter: "1" }, 403, ""],
    ];
    for (const [fields, status, field] of cases) {
      const before = await state();
      const res = await reporter.post(`${base}/rapport`, { intent: "rapport", ...fields });
      const body = await res.text();
      expect(res.status, JSON.stringify(fields).slice(0, 80)).toBe(status);
      if (field) expect(body).toContain(`href="#${field}"`);
      expect(await state()).toEqual(before);
    }
  });

  it("lets a reporter reach nothing but the weekly report", async () => {
    for (const path of [
      "/app/kalix",
      "/app/kalix/brottsstatistik",
      "/app/kalix/rangordning",
      "/app/kalix/loften",
      "/app/kalix/moten",
      "/app/kalix/uppfoljning",
      "/app/kalix/lagesbild",
      "/app/kalix/atgardsplan",
      `${base}/bild`,
      `${base}/bild.csv`,
      `${base}/rapportorer`,
      "/app/haparanda/est/rapport",
    ]) {
      const res = await reporter.fetch(path);
      expect([403, 404], path).toContain(res.status);
    }
    const week = await reporter.fetch(base);
    expect(week.headers.get("location")).toBe(`${base}/rapport`);
    const r = await myReport(zones["demo-centrum"]!);
    expect((await reporter.fetch(`${base}/rapporter/${r!.id}`)).status).toBe(403);
    const before = await state();
    expect((await reporter.post(base, { rapport: String(r!.id) })).status).toBe(403);
    expect(await state()).toEqual(before);
  });

  it("refuses a reporter the results of the kommun's surveys, in pages and in the API", async () => {
    const db = app.open.db;
    const survey = await createSurvey({
      db,
      kommunId: kalixId,
      kommunSlug: "kalix",
      period: "2026",
      kind: "medborgarenkat",
      title: "Kalix enkät",
      definition: standardCitizenDefinition(DEMO_PROFILES.kalix!),
    });
    await setSurveyStatus({ db, surveyId: survey.id, status: "open" });
    const account = await db
      .selectFrom("account")
      .select("id")
      .where("email", "=", DEMO_REPORTER_EMAIL)
      .executeTakeFirstOrThrow();
    const token = await createApiToken({ db, accountId: account.id, label: "test" });
    for (const path of ["", "/resultat", "/resultat.csv", "/svar.csv", "/fritext", "/rapport"])
      expect((await reporter.fetch(`/app/kalix/enkater/${survey.slug}${path}`)).status, path).toBe(403);
    for (const path of [`/api/v1/surveys/${survey.slug}/results`, `/api/v1/surveys/${survey.slug}/results.csv`]) {
      const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(403);
    }
    // The analyst of the kommun reads them (the refusal above is the role's, not a broken page).
    expect((await coordinator.fetch(`/app/kalix/enkater/${survey.slug}/resultat`)).status).toBe(200);
  });

  it("shows another kommun's staff nothing of the kommun's reports", async () => {
    const r = (await myReport(zones["demo-centrum"]!))!;
    for (const path of [
      base,
      `${base}/bild`,
      `${base}/bild.csv`,
      `${base}/rapportorer`,
      `${base}/rapporter/${r.id}`,
      `${base}/rapport`,
    ])
      expect((await otherAnalyst.fetch(path)).status, path).toBe(403);
    const before = await state();
    expect((await otherAnalyst.post(base, { rapport: String(r.id) })).status).toBe(403);
    expect((await otherAnalyst.post(`${base}/rapporter/${r.id}`, { antal_klotter: "9" })).status).toBe(403);
    expect(await state()).toEqual(before);
  });

  it("lets the coordinator see missing reports, review, and correct with the history kept", async () => {
    const page = await (await coordinator.fetch(`${base}?vecka=${week}`)).text();
    expect(page).toContain("Saknas"); // Nyborg is covered but not reported this week
    expect(page).toContain("Rapportör Kalixbo (demo)");
    const r = (await myReport(zones["demo-centrum"]!))!;
    expect(r.reviewed_at).toBeNull();
    const res = await coordinator.post(base, { intent: "granska", rapport: String(r.id), vecka: week });
    expect(res.status).toBe(302);
    expect((await myReport(zones["demo-centrum"]!))!.reviewed_by).not.toBeNull();

    const fix = await coordinator.post(`${base}/rapporter/${r.id}`, { antal_klotter: "2", antal_brand: "1" });
    expect(fix.status).toBe(302);
    const items = await app.open.db
      .selectFrom("est_report_item")
      .select(["category", "count"])
      .where("report_id", "=", r.id)
      .orderBy("category")
      .execute();
    expect(items).toEqual([
      { category: "brand", count: 1 },
      { category: "klotter", count: 2 },
    ]);
    const history = await app.open.db
      .selectFrom("est_report_revision")
      .select(["kind", "snapshot"])
      .where("report_id", "=", r.id)
      .orderBy("id")
      .execute();
    expect(history.map((h) => h.kind)).toEqual(["submitted", "resubmitted", "reviewed", "corrected"]);
    expect(JSON.stringify(history[1]!.snapshot)).toContain('"count":4');
  });

  it("counts in the picture exactly the reviewed reports, as an independent count of the rows", async () => {
    const lastWeek = shiftWeek(week, -1);
    const period = { kind: "year" as const, year: Number(lastWeek.slice(0, 4)) };
    const picture = await estPicture({ db: app.open.db, kommunId: kalixId, period });
    const weeks = new Set(countedWeeks(period));
    const reports = (
      await app.open.db.selectFrom("est_report").selectAll().where("kommun_id", "=", kalixId).execute()
    ).filter((r) => weeks.has(r.week) && r.reviewed_at !== null);
    const items = await app.open.db.selectFrom("est_report_item").selectAll().execute();
    expect(picture.reports).toBe(reports.length);
    for (const c of STANDARD_CATEGORIES.filter((x) => x.measure === "count")) {
      for (const [code, zoneId] of Object.entries(zones)) {
        const mine = reports.filter((r) => r.zone_id === zoneId);
        const expected = mine.length
          ? items
              .filter((i) => i.category === c.key && mine.some((r) => r.id === i.report_id))
              .reduce((a, i) => a + (i.count ?? 0), 0)
          : null;
        expect(picture.cells[c.key]![zoneId], `${c.key} ${code}`).toBe(expected);
      }
    }
    // The latest demo week awaits review: it is pending, not counted.
    expect(picture.pending).toBeGreaterThan(0);

    const page = await coordinator.fetch(`${base}/bild?period=ar&ar=${period.year}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("<svg");
    expect(html).toContain("Skadegörelse");
    const csv = await coordinator.fetch(`${base}/bild.csv?period=tertial&ar=${period.year}&tertial=1`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\r\n")[0]).toContain("vecka;omradeskod;omrade;kategori");
    expect((await coordinator.fetch(`${base}/bild?period=tertial&ar=2026&tertial=4`)).status).toBe(422);
    // A reviewed week's picture sets each zone against its own history.
    const weekPage = await (await coordinator.fetch(`${base}/bild?period=vecka&vecka=${shiftWeek(week, -2)}`)).text();
    expect(weekPage).toContain("Ovanligt den här veckan");
  });

  it("lets the coordinator give the reporter role for chosen zones, and refuses a zone of another kommun", async () => {
    const hpZone = await app.open.db
      .insertInto("zone")
      .values({
        kommun_id: (
          await app.open.db
            .selectFrom("organisation")
            .select("id")
            .where("slug", "=", "haparanda")
            .executeTakeFirstOrThrow()
        ).id,
        code: "test-hp",
        name: "Haparanda test",
        kind: "own",
        geometry: JSON.stringify({
          type: "Polygon",
          coordinates: [
            [
              [24, 65],
              [24.1, 65],
              [24.1, 65.1],
              [24, 65],
            ],
          ],
        }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const fields = {
      intent: "ny",
      email: "vakt@kalix-test.example",
      name: "Vera Vakt",
      partnerKind: "vaktbolag",
      partnerName: "Vaktbolaget",
    };
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from est_reporter`.execute(app.open.db)).rows[0]!.n;
    const before = await count();
    const bad = await coordinator.post(`${base}/rapportorer`, { ...fields, zon: String(hpZone.id) });
    expect(bad.status).toBe(422);
    expect(await count()).toBe(before);
    expect(
      await app.open.db.selectFrom("account").select("id").where("email", "=", fields.email).executeTakeFirst(),
    ).toBeUndefined();
    const ok = await coordinator.post(`${base}/rapportorer`, { ...fields, zon: String(zones["demo-karlsborg"]!) });
    expect(ok.status).toBe(200);
    const password = /Engångslösenord: ([^.\s]+)/.exec(await ok.text())?.[1];
    expect(password).toBeTruthy();
    const vakt = new Browser(app.url);
    await vakt.login(fields.email, password!);
    const form = await vakt.fetch(`${base}/rapport`);
    expect(await form.text()).toContain("Karlsborg");
    expect((await vakt.fetch("/app/kalix")).status).toBe(403);
  });

  it("gives the lägesbild EST as a source: the period's reviewed incidents per category, linked to the picture", async () => {
    const year = Number(shiftWeek(week, -1).slice(0, 4));
    const ctx = { db: app.open.db, kommun: { id: kalixId, slug: "kalix", name: "Kalix kommun" }, ranking: null };
    const used = await estSource.collect({ ...ctx, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` });
    expect(used.state).toBe("used");
    const picture = await estPicture({ db: app.open.db, kommunId: kalixId, period: { kind: "year", year } });
    const klotter = used.figures.find((f) => f.label.startsWith("EST, klotter"))!;
    expect(klotter.label).toContain(`: ${picture.totals.klotter} händelser`);
    expect(klotter.href).toBe(`/app/kalix/est/bild?period=ar&ar=${year}`);
    expect(used.note).toContain("påhittade demorapporter");
    // Long before the demo year: reports exist in the kommun, none in the period.
    const none = await estSource.collect({ ...ctx, periodStart: "2001-01-01", periodEnd: "2001-12-31" });
    expect(none.state).toBe("not_used");
    const haparanda = (
      await app.open.db
        .selectFrom("organisation")
        .select("id")
        .where("slug", "=", "haparanda")
        .executeTakeFirstOrThrow()
    ).id;
    const unavailable = await estSource.collect({
      ...ctx,
      kommun: { id: haparanda, slug: "haparanda", name: "Haparanda" },
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
    });
    expect(unavailable.state).toBe("unavailable");
  });

  it("lets the coordinator add the kommun's own category, which reporters then file and the picture counts", async () => {
    const path = `${base}/kategorier`;
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from est_category`.execute(app.open.db)).rows[0]!.n;
    const before = await count();
    for (const fields of [
      { name: "Klotter", measure: "count" },
      { name: "!!!", measure: "count" },
      { name: "EPA", measure: "mycket" },
    ])
      expect((await coordinator.post(path, { intent: "ny", ...fields })).status, fields.name).toBe(422);
    expect((await reporter.post(path, { intent: "ny", name: "EPA-traktorer", measure: "count" })).status).toBe(403);
    expect((await otherAnalyst.post(path, { intent: "ny", name: "EPA-traktorer", measure: "count" })).status).toBe(403);
    expect(await count()).toBe(before);

    expect((await coordinator.post(path, { intent: "ny", name: "EPA-traktorer", measure: "count" })).status).toBe(200);
    expect((await coordinator.post(path, { intent: "ny", name: "EPA-traktorer", measure: "count" })).status).toBe(422);
    const form = await (await reporter.fetch(`${base}/rapport?zon=${zones["demo-tore"]}`)).text();
    expect(form).toContain('name="antal_epa_traktorer"');
    const res = await reporter.post(`${base}/rapport`, {
      zon: String(zones["demo-tore"]!),
      vecka: week,
      intent: "rapport",
      antal_epa_traktorer: "2",
    });
    expect(res.status).toBe(302);
    const r = (await myReport(zones["demo-tore"]!))!;
    await coordinator.post(base, { intent: "granska", rapport: String(r.id), vecka: week });
    const picture = await estPicture({ db: app.open.db, kommunId: kalixId, period: { kind: "week", week } });
    expect(picture.cells.epa_traktorer![zones["demo-tore"]!]).toBe(2);

    const id = (
      await app.open.db
        .selectFrom("est_category")
        .select("id")
        .where("key", "=", "epa_traktorer")
        .executeTakeFirstOrThrow()
    ).id;
    expect((await coordinator.post(path, { intent: "ta_bort", kategori: String(id) })).status).toBe(200);
    expect(await (await reporter.fetch(`${base}/rapport`)).text()).not.toContain("antal_epa_traktorer");
  });
});
