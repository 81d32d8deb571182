// Demo EST weekly reports for Kalix (docs/domain/est.md, "Demo data"): a reporter from the housing company, a year
// of weekly reports on the areas the Kalix surveys name, all marked demo. Invented figures, never real
// observations. Idempotent: a second run adds nothing.
import type { Kysely } from "kysely";
import type { DB } from "../schema";
import { createAccount } from "../../app/features/accounts/accounts.server";
import { STANDARD_CATEGORIES } from "../../app/features/est/domain/categories";
import { shiftWeek, weekOfDay } from "../../app/features/est/domain/weeks";
import { DEMO_PASSWORD } from "./organisations";

export const DEMO_REPORTER_EMAIL = "rapportor@kalix.example";

/** A deterministic number 0 ≤ x < 1 from a text (the same demo on every machine). */
function noise(s: string) {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10000) / 10000;
}

/** Seeds the Kalix demo reporter and 52 weeks of reports up to last week; the latest week awaits review. */
export async function seedDemoEst({ db, today = new Date() }: { db: Kysely<DB>; today?: Date }) {
  const kalix = await db.selectFrom("organisation").select("id").where("slug", "=", "kalix").executeTakeFirst();
  if (!kalix) return 0;
  // The demo zones come from the places seed (db/seed/zones.ts), which seedDemo runs first.
  const zones = await db
    .selectFrom("zone")
    .select(["id", "code"])
    .where("kommun_id", "=", kalix.id)
    .orderBy("id")
    .execute();
  const exists = await db
    .selectFrom("account")
    .select("id")
    .where("email", "=", DEMO_REPORTER_EMAIL)
    .executeTakeFirst();
  const { accountId } = await createAccount({
    db,
    email: DEMO_REPORTER_EMAIL,
    displayName: "Rapportör Kalixbo (demo)",
    password: exists ? undefined : DEMO_PASSWORD,
    role: "reporter",
    organisationId: kalix.id,
  });
  const reporter = await db
    .insertInto("est_reporter")
    .values({
      account_id: accountId,
      kommun_id: kalix.id,
      partner_kind: "bostadsbolag",
      partner_name: "Kalixbo (demo)",
      demo: true,
    })
    .onConflict((oc) => oc.columns(["account_id", "kommun_id"]).doUpdateSet({ demo: true }))
    .returning("id")
    .executeTakeFirstOrThrow();
  const covered = zones.slice(0, 3);
  await db
    .insertInto("est_reporter_zone")
    .values(covered.map((z) => ({ reporter_id: reporter.id, zone_id: z.id })))
    .onConflict((oc) => oc.columns(["reporter_id", "zone_id"]).doNothing())
    .execute();
  const filed = await db
    .selectFrom("est_report")
    .select("id")
    .where("reporter_id", "=", reporter.id)
    .executeTakeFirst();
  if (filed) return 0;

  const lastWeek = shiftWeek(weekOfDay(today.toISOString().slice(0, 10)), -1);
  let n = 0;
  for (let back = 51; back >= 0; back--) {
    const week = shiftWeek(lastWeek, -back);
    for (const [zi, z] of covered.entries()) {
      const r = (k: string) => noise(`${week}:${z.code}:${k}`);
      // About one week in ten is missed, never the latest.
      if (back > 0 && r("missed") < 0.1) continue;
      const summer = /W(2[2-9]|3[0-3])$/.test(week);
      const scale = zi === 0 ? 1 : 0.4;
      const items = STANDARD_CATEGORIES.flatMap(
        (c): { category: string; count: number | null; level: number | null }[] => {
          if (c.measure === "level") {
            const level = Math.floor(r(c.key) * (summer ? 4 : 2.6) * (zi === 0 ? 1 : 0.7));
            return level > 0 ? [{ category: c.key, count: null, level: Math.min(3, level) }] : [];
          }
          const base =
            { skadegorelse: 1.6, klotter: 1.4, brand: 0.15, ansamling: 0.9, tecken_pa_narkotika: 0.5 }[c.key] ?? 0.5;
          const count = Math.floor(r(c.key) * 2 * base * scale * (summer ? 1.8 : 1));
          return count > 0 ? [{ category: c.key, count, level: null }] : [];
        },
      );
      const report = await db
        .insertInto("est_report")
        .values({
          kommun_id: kalix.id,
          zone_id: z.id,
          reporter_id: reporter.id,
          week,
          nothing_to_report: items.length === 0,
          note: null,
          reviewed_at: back === 0 ? null : new Date(),
          demo: true,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (items.length)
        await db
          .insertInto("est_report_item")
          .values(items.map((i) => ({ report_id: report.id, ...i, place: null, note: null })))
          .execute();
      n++;
    }
  }
  return n;
}
