// The EST picture's map (docs/domain/est.md, "The map"): one category's figure per zone for the period, equal to an
// independent count of the stored reviewed reports; a zone without a reviewed report shown as none, never 0; the
// category as a GET parameter (default the first count category, an unknown one refused with 422). And EST in the
// promises' follow-up ("EST in the promises' follow-up"): the reviewed figures per tertial of a document's period,
// for the focus areas whose themes EST categories inform, for the kommun and a promise's zone.
import { describe, expect, it } from "vitest";
import { countedWeeks, shiftWeek, tertialsBetween, weeksOf, type EstPeriod } from "../../app/features/est/index";
import { stockholmDay } from "../../app/platform/dates";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { Browser } from "../support/app-server";
import { testEngine } from "../support/test-db";
import { base, est, setUpEst, week } from "../support/est-fixture";

setUpEst();

/** The map's zone tooltips: zone name → what the tooltip says after the name. */
function mapTips(html: string): Map<string, string> {
  const svg = html.slice(html.indexOf('<section aria-labelledby="est-map"'));
  const map = svg.slice(0, svg.indexOf("</section>"));
  const out = new Map<string, string>();
  for (const m of map.matchAll(/<path [^>]*><title>([^<]*): ([^<]*)<\/title><\/path>/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** From the stored rows: per zone id, the sum of a count category (or the mean level) over reviewed reports. */
async function independent(period: EstPeriod, category: string, measure: "count" | "level") {
  const db = est.app.open.db;
  const weeks = new Set(countedWeeks(period));
  const reports = (await db.selectFrom("est_report").selectAll().where("kommun_id", "=", est.kalixId).execute()).filter(
    (r) => weeks.has(r.week) && r.reviewed_at !== null,
  );
  const items = await db.selectFrom("est_report_item").selectAll().where("category", "=", category).execute();
  const out = new Map<number, number | null>();
  for (const zoneId of Object.values(est.zones)) {
    const mine = reports.filter((r) => r.zone_id === zoneId);
    const ids = new Set(mine.map((r) => r.id));
    const mineItems = items.filter((i) => ids.has(i.report_id));
    if (!mine.length) out.set(zoneId, null);
    else if (measure === "count")
      out.set(
        zoneId,
        mineItems.reduce((a, i) => a + (i.count ?? 0), 0),
      );
    else out.set(zoneId, Math.round((mineItems.reduce((a, i) => a + (i.level ?? 0), 0) / mine.length) * 10) / 10);
  }
  return out;
}

const number = (text: string) =>
  Number(
    text
      .replace(/[\s\u00a0]/g, "")
      .replace(",", ".")
      .replace(/\(.*$/, ""),
  );

describe(`EST picture map, on ${testEngine()}`, () => {
  const year = Number(shiftWeek(week, -1).slice(0, 4));
  const names = async () =>
    new Map(
      (
        await est.app.open.db.selectFrom("zone").select(["id", "name"]).where("kommun_id", "=", est.kalixId).execute()
      ).map((z) => [z.id, z.name]),
    );

  it("shows a count category's sum per zone equal to the stored reviewed reports, and 'no report' for a zone without any", async () => {
    const period = { kind: "year" as const, year };
    const res = await est.coordinator.fetch(`${base}/bild?period=ar&ar=${year}&kategori=klotter`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Klotter per område, År");
    const tips = mapTips(html);
    const expected = await independent(period, "klotter", "count");
    const zoneNames = await names();
    expect(tips.size).toBe(zoneNames.size);
    let none = 0;
    for (const [zoneId, figure] of expected) {
      const tip = tips.get(zoneNames.get(zoneId)!);
      if (figure === null) {
        none++;
        expect(tip).toBe("Ingen granskad rapport");
      } else {
        expect(tip).toMatch(/\(Antal händelser\)$/);
        expect(number(tip!), zoneNames.get(zoneId)).toBe(figure);
      }
    }
    // The demo reporter covers three of Kalix's eight zones: the other five have no report and are not 0.
    expect(none).toBe(zoneNames.size - 3);
    expect(html).toContain("Ingen granskad rapport");
  });

  it("shows a level category's mean per zone, and defaults to the first count category", async () => {
    const period = { kind: "tertial" as const, year, tertial: 1 as const };
    const html = await (
      await est.coordinator.fetch(`${base}/bild?period=tertial&ar=${year}&tertial=1&kategori=nedskrapning`)
    ).text();
    expect(html).toContain("Medelnivå (0 ingen – 3 mycket)");
    const tips = mapTips(html);
    const zoneNames = await names();
    for (const [zoneId, figure] of await independent(period, "nedskrapning", "level")) {
      const tip = tips.get(zoneNames.get(zoneId)!);
      if (figure === null) expect(tip).toBe("Ingen granskad rapport");
      else expect(number(tip!)).toBe(figure);
    }
    const plain = await (await est.coordinator.fetch(`${base}/bild?period=tertial&ar=${year}&tertial=1`)).text();
    expect(plain).toContain("Skadegörelse per område, Tertial 1");
    expect(plain).toMatch(/<option value="skadegorelse" selected/);
    // The period forms carry the map's category along.
    expect(html).toContain('<input type="hidden" name="kategori" value="nedskrapning"/>');
  });

  it("refuses a category the kommun does not have with 422", async () => {
    const res = await est.coordinator.fetch(`${base}/bild?period=ar&ar=${year}&kategori=finns_inte`);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Välj en av kommunens kategorier för kartan.");
  });

  it("draws no map for a kommun without zones", async () => {
    const db = est.app.open.db;
    const hd = await db
      .selectFrom("organisation")
      .select("id")
      .where("slug", "=", "harjedalen")
      .executeTakeFirstOrThrow();
    await db.deleteFrom("zone").where("kommun_id", "=", hd.id).execute();
    const reader = new Browser(est.app.url);
    await reader.login("analytiker@harjedalen.example", DEMO_PASSWORD);
    const res = await reader.fetch(`/app/harjedalen/est/bild?period=ar&ar=${year}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Kommunen har inga områden än.");
    expect(html).not.toContain('aria-labelledby="est-map"');
  });
});

/** The rows of the follow-up table of a focus area: row header → the cells' text. */
function followUpRows(html: string, area: string): Map<string, string[]> {
  const start = html.indexOf(`<caption>${area}: EST-rapporter per tertial</caption>`);
  expect(start, area).toBeGreaterThan(0);
  const table = html.slice(start, html.indexOf("</table>", start));
  const rows = new Map<string, string[]>();
  for (const m of table.matchAll(/<tr><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g))
    rows.set(
      m[1]!,
      [...m[2]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]!),
    );
  return rows;
}

describe(`EST in the promises' follow-up, on ${testEngine()}`, () => {
  it("shows per tertial of the document's period the sums of the reviewed reports, for the kommun and a promise's zone", async () => {
    const db = est.app.open.db;
    const year = Number(shiftWeek(week, -1).slice(0, 4));
    const zone = est.zones["nyborg"]!;
    // The kommun's own category informing the same theme is read too.
    await db
      .insertInto("est_category")
      .values({
        kommun_id: est.kalixId,
        key: "mopedakning",
        name: "Mopedåkning",
        measure: "count",
        theme: "physical_environment",
      })
      .execute();
    const doc = await db
      .insertInto("promise_document")
      .values({
        kommun_id: est.kalixId,
        period_label: String(year),
        period_start: `${year}-01-01`,
        period_end: `${year}-12-31`,
        title: "EST-uppföljning test",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const [area] = await Promise.all(
      [
        { position: 1, title: "Den fysiska miljön", themes: ["physical_environment"] },
        { position: 2, title: "Trafiken", themes: ["traffic_safety"] },
      ].map((a) =>
        db
          .insertInto("focus_area")
          .values({ document_id: doc.id, ...a })
          .returning("id")
          .executeTakeFirstOrThrow(),
      ),
    );
    await db
      .insertInto("promise")
      .values({
        focus_area_id: area!.id,
        position: 1,
        responsible: JSON.stringify("kommun"),
        activity_type: "trygghetsvandring",
        target: JSON.stringify({ kind: "quantity", quantity: 4, per: "year", comparator: "at_least" }),
        zone_id: zone,
      })
      .execute();

    const res = await est.coordinator.fetch(`/app/kalix/loften/${doc.id}/indikatorer`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("EST-rapporterna");
    expect(html).not.toContain("Trafiken: EST-rapporter per tertial");
    const rows = followUpRows(html, "Den fysiska miljön");

    const today = stockholmDay(new Date());
    const end = `${year}-12-31` < today ? `${year}-12-31` : today;
    const tertials = tertialsBetween(`${year}-01-01`, end);
    const reports = (
      await db.selectFrom("est_report").selectAll().where("kommun_id", "=", est.kalixId).execute()
    ).filter((r) => r.reviewed_at !== null);
    const items = await db.selectFrom("est_report_item").selectAll().execute();
    const sum = (category: string, zoneId?: number) =>
      tertials.map((t) => {
        const weeks = new Set(weeksOf({ kind: "tertial", ...t }));
        const mine = reports.filter((r) => weeks.has(r.week) && (zoneId === undefined || r.zone_id === zoneId));
        if (!mine.length) return "–";
        const ids = new Set(mine.map((r) => r.id));
        return String(
          items.filter((i) => i.category === category && ids.has(i.report_id)).reduce((a, i) => a + (i.count ?? 0), 0),
        );
      });
    const plain = (cells: string[] | undefined) => cells?.map((c) => c.replace(/[\s\u00a0]/g, ""));
    expect(plain(rows.get("Klotter, hela kommunen"))).toEqual(sum("klotter"));
    expect(plain(rows.get("Klotter, Nyborg"))).toEqual(sum("klotter", zone));
    expect(plain(rows.get("Mopedåkning, hela kommunen"))).toEqual(sum("mopedakning"));
    expect(rows.has("Nedskräpning (nivå 0–3), hela kommunen")).toBe(true);
    // Categories of other themes are not in this focus area's table.
    expect(rows.has("Skadegörelse, hela kommunen")).toBe(false);
    expect(plain(rows.get("Granskade rapporter, hela kommunen"))).toEqual(
      tertials.map((t) => {
        const weeks = new Set(weeksOf({ kind: "tertial", ...t }));
        return String(reports.filter((r) => weeks.has(r.week)).length);
      }),
    );
    expect(html).toContain(`href="/app/kalix/est/bild?period=tertial&amp;ar=${year}&amp;tertial=1"`);
    // With two tertials or more, the kommun's count categories also as a line chart.
    if (tertials.length > 1) expect(html).toContain("Den fysiska miljön: händelser per tertial i hela kommunen");
  });

  it("shows nothing of EST for a kommun without reviewed EST reports", async () => {
    const db = est.app.open.db;
    const doc = await db
      .selectFrom("promise_document as d")
      .innerJoin("organisation as o", "o.id", "d.kommun_id")
      .select("d.id")
      .where("o.slug", "=", "haparanda")
      .executeTakeFirstOrThrow();
    const res = await est.otherAnalyst.fetch(`/app/haparanda/loften/${doc.id}/indikatorer`);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain("EST-rapporterna");
  });
});
