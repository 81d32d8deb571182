// EST weekly reports, the reporter's side, end to end over HTTP (docs/domain/est.md): one report per zone and
// week (filing again replaces it, nothing stored twice), "nothing to report" in one tap, bad input refused per
// field with nothing changed, and the reporter reaching nothing but the weekly report, while another kommun's staff
// reach nothing of it.
import { describe, expect, it } from "vitest";
import { DEMO_REPORTER_EMAIL } from "../../db/seed/est";
import { shiftWeek } from "../../app/features/est/index";
import { DEMO_PROFILES, standardCitizenDefinition } from "../../db/seed/synthetic";
import { createApiToken } from "../../app/features/accounts/accounts.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { testEngine } from "../support/test-db";
import { base, est, myReport, setUpEst, state, week } from "../support/est-fixture";

setUpEst();

describe(`EST weekly reports, filing, on ${testEngine()}`, () => {
  it("takes a reporter from /app straight to the weekly report, this week preselected", async () => {
    const home = await est.reporter.fetch("/app");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe(`${base}/rapport`);
    const res = await est.reporter.fetch(`${base}/rapport`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("Inget att rapportera");
    expect(html).toContain(`<option value="${week}" selected`);
  });

  it("files one report per zone and week; filing again replaces it", async () => {
    const zone = est.zones["kalix"]!;
    const before = await state();
    const res = await est.reporter.post(`${base}/rapport`, {
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
    const items = await est.app.open.db
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
    await est.reporter.post(`${base}/rapport`, {
      zon: String(zone),
      vecka: week,
      intent: "rapport",
      antal_klotter: "4",
    });
    const after = await state();
    expect(after.reports).toBe(before.reports + 1);
    expect(after.items).toBe(before.items + 1);
    expect(after.revisions).toBe(before.revisions + 2);
    expect((await myReport(zone))!.id).toBe(first.id);
    const kinds = await est.app.open.db
      .selectFrom("est_report_revision")
      .select("kind")
      .where("report_id", "=", first.id)
      .orderBy("id")
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(["submitted", "resubmitted"]);
  });

  it("records 'nothing to report' with one tap", async () => {
    const zone = est.zones["tore"]!;
    const res = await est.reporter.post(`${base}/rapport`, { zon: String(zone), vecka: week, intent: "inget" });
    expect(res.status).toBe(302);
    const r = (await myReport(zone))!;
    expect(r.nothing_to_report).toBe(true);
    expect(
      await est.app.open.db.selectFrom("est_report_item").select("category").where("report_id", "=", r.id).execute(),
    ).toEqual([]);
  });

  it("refuses bad input per field and changes nothing", async () => {
    const zone = String(est.zones["kalix"]!);
    const cases: [Record<string, string>, number, string][] = [
      [{ zon: zone, vecka: week, antal_klotter: "tre" }, 422, "antal_klotter"],
      [{ zon: zone, vecka: week, antal_klotter: "-1" }, 422, "antal_klotter"],
      [{ zon: zone, vecka: week, niva_nedskrapning: "7" }, 422, "niva_nedskrapning"],
      [{ zon: zone, vecka: week, plats_brand: "Skolan" }, 422, "antal_brand"],
      [{ zon: zone, vecka: shiftWeek(week, 1), antal_klotter: "1" }, 422, "vecka"],
      [{ zon: zone, vecka: "2026-W60", antal_klotter: "1" }, 422, "vecka"],
      [{ zon: zone, vecka: shiftWeek(week, -20), antal_klotter: "1" }, 422, "vecka"],
      [{ zon: zone, vecka: week, notering: "x".repeat(1001) }, 422, "notering"],
      // A zone of the kommun the est.reporter does not cover, and one that does not exist.
      [{ zon: String(est.zones["karlsborg"]!), vecka: week, antal_klotter: "1" }, 403, ""],
      [{ zon: "999999", vecka: week, antal_klotter: "1" }, 403, ""],
    ];
    for (const [fields, status, field] of cases) {
      const before = await state();
      const res = await est.reporter.post(`${base}/rapport`, { intent: "rapport", ...fields });
      const body = await res.text();
      expect(res.status, JSON.stringify(fields).slice(0, 80)).toBe(status);
      if (field) expect(body).toContain(`href="#${field}"`);
      expect(await state()).toEqual(before);
    }
    // The page that comes back (as a browser without JavaScript shows it) keeps what was typed, the bad value too.
    const res = await est.reporter.post(`${base}/rapport`, {
      intent: "rapport",
      zon: zone,
      vecka: week,
      antal_klotter: "4",
      plats_klotter: "Busskuren vid torget",
      antal_brand: "1000",
      notering: "Lugn vecka i övrigt.",
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toMatch(/id="antal_klotter"[^>]*value="4"/);
    expect(page).toMatch(/id="antal_brand"[^>]*value="1000"/);
    expect(page).toContain("Busskuren vid torget");
    expect(page).toContain("Lugn vecka i övrigt.");
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
      const res = await est.reporter.fetch(path);
      expect([403, 404], path).toContain(res.status);
    }
    // Their own account (to change the one-time password) stays open to them.
    expect((await est.reporter.fetch("/konto")).status).toBe(200);
    const week = await est.reporter.fetch(base);
    expect(week.headers.get("location")).toBe(`${base}/rapport`);
    const r = await myReport(est.zones["kalix"]!);
    expect((await est.reporter.fetch(`${base}/rapporter/${r!.id}`)).status).toBe(403);
    const before = await state();
    expect((await est.reporter.post(base, { rapport: String(r!.id) })).status).toBe(403);
    expect(await state()).toEqual(before);
  });

  it("refuses a reporter the results of the kommun's surveys, in pages and in the API", async () => {
    const db = est.app.open.db;
    const survey = await createSurvey({
      db,
      kommunId: est.kalixId,
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
      expect((await est.reporter.fetch(`/app/kalix/enkater/${survey.slug}${path}`)).status, path).toBe(403);
    for (const path of [`/api/v1/surveys/${survey.slug}/results`, `/api/v1/surveys/${survey.slug}/results.csv`]) {
      const res = await fetch(`${est.app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(403);
    }
    // The analyst of the kommun reads them (the refusal above is the role's, not a broken page).
    expect((await est.coordinator.fetch(`/app/kalix/enkater/${survey.slug}/resultat`)).status).toBe(200);
  });

  it("shows another kommun's staff nothing of the kommun's reports", async () => {
    const r = (await myReport(est.zones["kalix"]!))!;
    for (const path of [
      base,
      `${base}/bild`,
      `${base}/bild.csv`,
      `${base}/rapportorer`,
      `${base}/rapporter/${r.id}`,
      `${base}/rapport`,
    ])
      expect((await est.otherAnalyst.fetch(path)).status, path).toBe(403);
    const before = await state();
    expect((await est.otherAnalyst.post(base, { rapport: String(r.id) })).status).toBe(403);
    expect((await est.otherAnalyst.post(`${base}/rapporter/${r.id}`, { antal_klotter: "9" })).status).toBe(403);
    expect(await state()).toEqual(before);
  });
});
