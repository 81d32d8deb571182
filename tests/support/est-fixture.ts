// The set-up of the EST integration tests (est-*.test.ts): the app on a fresh database with the demo seed, whose
// Kalix reporter covers three of Kalix's zones, and signed-in browsers for the reporter, Kalix's analyst (the
// coordinator) and Haparanda's analyst (another kommun).
import { sql } from "kysely";
import { afterAll, beforeAll } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { DEMO_REPORTER_EMAIL } from "../../db/seed/est";
import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { weekOfDay } from "../../app/features/est/index";
import { stockholmDay } from "../../app/platform/dates";
import { Browser, startApp, type TestApp } from "./app-server";

export const est = {} as {
  app: TestApp;
  reporter: Browser;
  coordinator: Browser;
  otherAnalyst: Browser;
  kalixId: number;
  /** Kalix's zone ids by code. */
  zones: Record<string, number>;
};
/** This week, the one a reporter's form preselects. */
export const week = weekOfDay(stockholmDay(new Date()));
export const base = "/app/kalix/est";

/** What a refused request must leave as it was. */
export const state = async () =>
  (
    await sql<{ reports: number; items: number; revisions: number; reviewed: number }>`
      select (select count(*)::int from est_report) as reports, (select count(*)::int from est_report_item) as items,
             (select count(*)::int from est_report_revision) as revisions,
             (select count(*)::int from est_report where reviewed_at is not null) as reviewed`.execute(est.app.open.db)
  ).rows[0]!;

/** The test's own (not demo) report of a zone and week. */
export const myReport = (zone: number, w = week) =>
  est.app.open.db
    .selectFrom("est_report")
    .selectAll()
    .where("zone_id", "=", zone)
    .where("week", "=", w)
    .where("demo", "=", false)
    .executeTakeFirst();

export function setUpEst() {
  beforeAll(async () => {
    est.app = await startApp();
    const db = est.app.open.db;
    await seedDemo({ db, withSurveys: false });
    est.kalixId = (
      await db.selectFrom("organisation").select("id").where("slug", "=", "kalix").executeTakeFirstOrThrow()
    ).id;
    est.zones = {};
    for (const z of await db.selectFrom("zone").select(["id", "code"]).where("kommun_id", "=", est.kalixId).execute())
      est.zones[z.code] = z.id;
    const signIn = async (email: string) => {
      const b = new Browser(est.app.url);
      await b.login(email, DEMO_PASSWORD);
      return b;
    };
    est.reporter = await signIn(DEMO_REPORTER_EMAIL);
    est.coordinator = await signIn("analytiker@kalix.example");
    est.otherAnalyst = await signIn("analytiker@haparanda.example");
  });
  afterAll(async () => est.app?.close());
}
