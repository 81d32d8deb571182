// EST weekly reports, the coordinator's side, end to end over HTTP (docs/domain/est.md): missing reports shown,
// review and correction (kept in the history), the picture equal to an independent count of the rows, giving the
// reporter role, the kommun's own categories with the theme each informs, and EST as a source of the lägesbild and of
// the theme ranking.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { estPicture } from "../../app/features/est/index.server";
import { estSource } from "../../app/features/plans/evidence.server";
import { getThemeRanking } from "../../app/features/results/ranking.server";
import { STANDARD_CATEGORIES, countedWeeks, shiftWeek } from "../../app/features/est/index";
import { Browser } from "../support/app-server";
import { testEngine } from "../support/test-db";
import { base, est, myReport, setUpEst, week } from "../support/est-fixture";

setUpEst();

beforeAll(async () => {
  // This week's report of the centre, filed and then filed again.
  const zon = String(est.zones["kalix"]!);
  await est.reporter.post(`${base}/rapport`, { zon, vecka: week, intent: "rapport", antal_klotter: "3" });
  await est.reporter.post(`${base}/rapport`, { zon, vecka: week, intent: "rapport", antal_klotter: "4" });
});

describe(`EST weekly reports, coordination, on ${testEngine()}`, () => {
  it("lets the coordinator see missing reports, review, and correct with the history kept", async () => {
    const page = await (await est.coordinator.fetch(`${base}?vecka=${week}`)).text();
    expect(page).toContain("Saknas"); // Nyborg is covered but not reported this week
    expect(page).toContain("Rapportör Kalixbo (demo)");
    const r = (await myReport(est.zones["kalix"]!))!;
    expect(r.reviewed_at).toBeNull();
    const res = await est.coordinator.post(base, { intent: "granska", rapport: String(r.id), vecka: week });
    expect(res.status).toBe(302);
    expect((await myReport(est.zones["kalix"]!))!.reviewed_by).not.toBeNull();

    const fix = await est.coordinator.post(`${base}/rapporter/${r.id}`, { antal_klotter: "2", antal_brand: "1" });
    expect(fix.status).toBe(302);
    const items = await est.app.open.db
      .selectFrom("est_report_item")
      .select(["category", "count"])
      .where("report_id", "=", r.id)
      .orderBy("category")
      .execute();
    expect(items).toEqual([
      { category: "brand", count: 1 },
      { category: "klotter", count: 2 },
    ]);
    const history = await est.app.open.db
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
    const picture = await estPicture({ db: est.app.open.db, kommunId: est.kalixId, period });
    const weeks = new Set(countedWeeks(period));
    const reports = (
      await est.app.open.db.selectFrom("est_report").selectAll().where("kommun_id", "=", est.kalixId).execute()
    ).filter((r) => weeks.has(r.week) && r.reviewed_at !== null);
    const items = await est.app.open.db.selectFrom("est_report_item").selectAll().execute();
    expect(picture.reports).toBe(reports.length);
    for (const c of STANDARD_CATEGORIES.filter((x) => x.measure === "count")) {
      for (const [code, zoneId] of Object.entries(est.zones)) {
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

    const page = await est.coordinator.fetch(`${base}/bild?period=ar&ar=${period.year}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("<svg");
    expect(html).toContain("Skadegörelse");
    const csv = await est.coordinator.fetch(`${base}/bild.csv?period=tertial&ar=${period.year}&tertial=1`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\r\n")[0]).toContain("vecka;omradeskod;omrade;kategori");
    expect((await est.coordinator.fetch(`${base}/bild?period=tertial&ar=2026&tertial=4`)).status).toBe(422);
    // A reviewed week's picture sets each zone against its own history.
    const weekPage = await (
      await est.coordinator.fetch(`${base}/bild?period=vecka&vecka=${shiftWeek(week, -2)}`)
    ).text();
    expect(weekPage).toContain("Ovanligt den här veckan");
  });

  it("lets the coordinator give the reporter role for chosen zones, and refuses a zone of another kommun", async () => {
    const hpZone = await est.app.open.db
      .insertInto("zone")
      .values({
        kommun_id: (
          await est.app.open.db
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
      (await sql<{ n: number }>`select count(*)::int as n from est_reporter`.execute(est.app.open.db)).rows[0]!.n;
    const before = await count();
    const bad = await est.coordinator.post(`${base}/rapportorer`, { ...fields, zon: String(hpZone.id) });
    expect(bad.status).toBe(422);
    expect(await count()).toBe(before);
    expect(
      await est.app.open.db.selectFrom("account").select("id").where("email", "=", fields.email).executeTakeFirst(),
    ).toBeUndefined();
    const ok = await est.coordinator.post(`${base}/rapportorer`, {
      ...fields,
      zon: String(est.zones["karlsborg"]!),
    });
    expect(ok.status).toBe(200);
    const password = /Engångslösenord: ([^.\s]+)/.exec(await ok.text())?.[1];
    expect(password).toBeTruthy();
    const vakt = new Browser(est.app.url);
    await vakt.login(fields.email, password!);
    const form = await vakt.fetch(`${base}/rapport`);
    expect(await form.text()).toContain("Karlsborg");
    expect((await vakt.fetch("/app/kalix")).status).toBe(403);
  });

  it("gives the lägesbild EST as a source: the period's reviewed incidents per category, linked to the picture", async () => {
    const year = Number(shiftWeek(week, -1).slice(0, 4));
    const ctx = {
      db: est.app.open.db,
      kommun: { id: est.kalixId, slug: "kalix", name: "Kalix kommun" },
      ranking: null,
    };
    const used = await estSource.collect({ ...ctx, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` });
    expect(used.state).toBe("used");
    const picture = await estPicture({ db: est.app.open.db, kommunId: est.kalixId, period: { kind: "year", year } });
    const klotter = used.figures.find((f) => f.label.startsWith("EST, klotter"))!;
    expect(klotter.label).toContain(`: ${picture.totals.klotter} händelser`);
    expect(klotter.href).toBe(`/app/kalix/est/bild?period=ar&ar=${year}`);
    expect(klotter.theme).toBe("physical_environment");
    expect(used.note).toContain("påhittade demorapporter");
    // Long before the demo year: reports exist in the kommun, none in the period.
    const none = await estSource.collect({ ...ctx, periodStart: "2001-01-01", periodEnd: "2001-12-31" });
    expect(none.state).toBe("not_used");
    const haparanda = (
      await est.app.open.db
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
      (await sql<{ n: number }>`select count(*)::int as n from est_category`.execute(est.app.open.db)).rows[0]!.n;
    const before = await count();
    for (const fields of [
      { name: "Klotter", measure: "count" },
      { name: "!!!", measure: "count" },
      { name: "EPA", measure: "mycket" },
    ])
      expect((await est.coordinator.post(path, { intent: "ny", ...fields })).status, fields.name).toBe(422);
    expect((await est.reporter.post(path, { intent: "ny", name: "EPA-traktorer", measure: "count" })).status).toBe(403);
    expect((await est.otherAnalyst.post(path, { intent: "ny", name: "EPA-traktorer", measure: "count" })).status).toBe(
      403,
    );
    expect(await count()).toBe(before);

    expect((await est.coordinator.post(path, { intent: "ny", name: "EPA-traktorer", measure: "count" })).status).toBe(
      200,
    );
    expect((await est.coordinator.post(path, { intent: "ny", name: "EPA-traktorer", measure: "count" })).status).toBe(
      422,
    );
    const form = await (await est.reporter.fetch(`${base}/rapport?zon=${est.zones["tore"]}`)).text();
    expect(form).toContain('name="antal_epa_traktorer"');
    const res = await est.reporter.post(`${base}/rapport`, {
      zon: String(est.zones["tore"]!),
      vecka: week,
      intent: "rapport",
      antal_epa_traktorer: "2",
    });
    expect(res.status).toBe(302);
    const r = (await myReport(est.zones["tore"]!))!;
    await est.coordinator.post(base, { intent: "granska", rapport: String(r.id), vecka: week });
    const picture = await estPicture({ db: est.app.open.db, kommunId: est.kalixId, period: { kind: "week", week } });
    expect(picture.cells.epa_traktorer![est.zones["tore"]!]).toBe(2);

    const id = (
      await est.app.open.db
        .selectFrom("est_category")
        .select("id")
        .where("key", "=", "epa_traktorer")
        .executeTakeFirstOrThrow()
    ).id;
    expect((await est.coordinator.post(path, { intent: "ta_bort", kategori: String(id) })).status).toBe(200);
    expect(await (await est.reporter.fetch(`${base}/rapport`)).text()).not.toContain("antal_epa_traktorer");
  });

  it("maps an own category to a theme on the categories page; the theme ranking counts its reports under it", async () => {
    const path = `${base}/kategorier`;
    const themeOf = async (key: string) =>
      (await est.app.open.db
        .selectFrom("est_category")
        .select(["id", "theme"])
        .where("kommun_id", "=", est.kalixId)
        .where("key", "=", key)
        .executeTakeFirst()) ?? null;
    const bad = await est.coordinator.post(path, {
      intent: "ny",
      name: "Mopedåkning",
      measure: "count",
      theme: "mopeds",
    });
    expect(bad.status).toBe(422);
    expect(await themeOf("mopedakning")).toBeNull();
    const added = await est.coordinator.post(path, {
      intent: "ny",
      name: "Mopedåkning",
      measure: "count",
      theme: "traffic_safety",
    });
    expect(added.status).toBe(200);
    const cat = (await themeOf("mopedakning"))!;
    expect(cat.theme).toBe("traffic_safety");
    const page = await (await est.coordinator.fetch(path)).text();
    expect(page).toMatch(/<option value="traffic_safety" selected="">Trafiksäkerhet/);
    // The standard categories show the theme they inform.
    expect(page).toContain("<td>Narkotika, alkohol och droger (ANDT)</td>");

    // Reported this week in Töre and reviewed: one area-week of traffic safety in the ranking (no survey: all weeks).
    const zon = String(est.zones["tore"]!);
    expect(
      (await est.reporter.post(`${base}/rapport`, { zon, vecka: week, intent: "rapport", antal_mopedakning: "1" }))
        .status,
    ).toBe(302);
    const r = (await myReport(est.zones["tore"]!))!;
    await est.coordinator.post(base, { intent: "granska", rapport: String(r.id), vecka: week });
    const ranked = await getThemeRanking({ db: est.app.open.db, kommunId: est.kalixId });
    const n = ranked.sources!.est!.areaWeeks;
    const traffic = ranked.themes.find((t) => t.theme === "traffic_safety")!;
    expect(traffic.parts.find((p) => p.source === "est")!.score).toBeCloseTo(1 / n, 12);
    expect(traffic.evidence[0]!.sentenceSv).toContain("har någon rapport om mopedåkning (1 områdesvecka)");

    // The coordinator moves it to another theme: the same reports now count there; none, and it counts nowhere.
    for (const who of [est.reporter, est.otherAnalyst])
      expect((await who.post(path, { intent: "tema", kategori: String(cat.id), theme: "youth" })).status).toBe(403);
    expect((await est.coordinator.post(path, { intent: "tema", kategori: String(cat.id), theme: "x" })).status).toBe(
      422,
    );
    expect((await themeOf("mopedakning"))!.theme).toBe("traffic_safety");
    expect(
      (await est.coordinator.post(path, { intent: "tema", kategori: String(cat.id), theme: "youth" })).status,
    ).toBe(200);
    const moved = await getThemeRanking({ db: est.app.open.db, kommunId: est.kalixId });
    expect(moved.themes.find((t) => t.theme === "youth")!.parts.find((p) => p.source === "est")!.score).toBeCloseTo(
      1 / n,
      12,
    );
    expect(moved.themes.find((t) => t.theme === "traffic_safety")!.parts).toEqual([]);
    expect((await est.coordinator.post(path, { intent: "tema", kategori: String(cat.id), theme: "" })).status).toBe(
      200,
    );
    expect((await themeOf("mopedakning"))!.theme).toBeNull();
    const none = await getThemeRanking({ db: est.app.open.db, kommunId: est.kalixId });
    expect(none.themes.find((t) => t.theme === "youth")!.parts).toEqual([]);
    await est.coordinator.post(path, { intent: "ta_bort", kategori: String(cat.id) });
  });

  it("keeps a zone's reports: a zone with EST reports cannot be deleted", async () => {
    const zone = est.zones["kalix"]!;
    await expect(est.app.open.db.deleteFrom("zone").where("id", "=", zone).execute()).rejects.toThrow();
    expect(
      await est.app.open.db.selectFrom("zone").select("id").where("id", "=", zone).executeTakeFirst(),
    ).toBeTruthy();
  });
});
