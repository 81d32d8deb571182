import type { Kysely } from "kysely";
import type { DB } from "../schema";
import { ORGANISATIONS, DEMO_ACCOUNTS, DEMO_PASSWORD } from "./organisations";
import { createAccount } from "../../app/features/accounts/accounts.server";
import { seedDemoSurveys } from "./surveys";
import { seedPromiseDocuments } from "./promises";
import { seedDemoPopulation } from "./population";
import { seedFollowUp } from "./follow-up";
import { seedRankingDemo } from "./ranking";
import { seedDemoCrime } from "./crime";
import { seedDemoPlans } from "./plans";
import { seedDemoZones } from "./zones";
import { seedDemoEst } from "./est";
import type { Log } from "../../app/platform/log.server";

/** Idempotent: inserts the demo organisations, accounts and data that are missing; safe to run twice. */
export async function seedDemo({
  db,
  log = () => undefined,
  withSurveys = true,
}: {
  db: Kysely<DB>;
  log?: Log;
  withSurveys?: boolean;
}) {
  const ids = new Map<string, number>();
  for (const org of ORGANISATIONS) {
    const parentId = org.parent ? (ids.get(org.parent) ?? null) : null;
    const row = await db
      .insertInto("organisation")
      .values({ slug: org.slug, name: org.name, kind: org.kind, parent_id: parentId })
      .onConflict((oc) => oc.column("slug").doUpdateSet({ name: org.name, kind: org.kind, parent_id: parentId }))
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.set(org.slug, row.id);
  }
  let accounts = 0;
  for (const a of DEMO_ACCOUNTS) {
    const exists = await db.selectFrom("account").select("id").where("email", "=", a.email).executeTakeFirst();
    await createAccount({
      db,
      email: a.email,
      displayName: a.name,
      // Only new accounts get the demo password; a re-run does not reset a password someone changed.
      password: exists ? undefined : DEMO_PASSWORD,
      role: a.role,
      organisationId: ids.get(a.org)!,
      side: a.side ?? null,
    });
    if (!exists) accounts++;
  }
  log({ level: "info", msg: "seeded organisations and accounts", organisations: ids.size, newAccounts: accounts });
  const documents = await seedPromiseDocuments({ db });
  const surveys = withSurveys ? await seedDemoSurveys({ db, log }) : { surveys: 0, answers: 0 };
  if (withSurveys) await seedDemoPopulation({ db });
  // Staff survey, meetings and coded comments, so that the theme ranking has all four sources.
  if (withSurveys) await seedRankingDemo({ db, log });
  // After the surveys: outcome indicators take their baseline from the 2022 waves (skipped without surveys).
  await seedFollowUp({ db, log });
  // Invented crime statistics ("Påhittade demosiffror"), so that the crime pages and the lägesbild have a source.
  const crimeFigures = await seedDemoCrime({ db });
  if (crimeFigures) log({ level: "info", msg: "seeded demo crime statistics", figures: crimeFigures });
  // Rough zones around the places the demo surveys name ("Påhittade demoområden").
  const zones = await seedDemoZones({ db });
  if (zones) log({ level: "info", msg: "seeded demo zones", zones });
  // After the promise documents: the demo plans link their measures to the seeded promises.
  await seedDemoPlans({ db, log });
  // A Kalix reporter and a year of invented EST weekly reports (Kalix promises to start EST).
  const estReports = await seedDemoEst({ db });
  if (estReports) log({ level: "info", msg: "seeded demo EST weekly reports", reports: estReports });
  return {
    organisations: ids.size,
    newAccounts: accounts,
    newDocuments: documents,
    newSurveys: surveys.surveys,
    newAnswers: surveys.answers,
  };
}
