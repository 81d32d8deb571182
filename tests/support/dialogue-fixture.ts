// The dialogue tests' shared world (dialogue-*.test.ts): Pajala's staff surveys (medarbetardialog) with invitation
// links and the answers sent through them, and readers of what is stored.
import { afterAll, beforeAll } from "vitest";
import crypto from "node:crypto";
import { sql } from "kysely";
import { seedDemo } from "../../db/seed/index";
import { buildStandardSurvey, DEFAULT_UNITS } from "../../app/features/surveys/domain/question-bank";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { startApp, type TestApp } from "./app-server";

export let app: TestApp;
export let kommunId: number;
export let otherKommunId: number;
export const db = () => app.open.db;

export async function staffSurvey(period: string) {
  const definition = buildStandardSurvey({ kind: "medarbetardialog", areas: [], units: DEFAULT_UNITS });
  const s = await createSurvey({
    db: db(),
    kommunId,
    kommunSlug: "pajala",
    period,
    kind: "medarbetardialog",
    title: `Medarbetardialog ${period}`,
    definition,
  });
  await setSurveyStatus({ db: db(), surveyId: s.id, status: "open" });
  return s;
}

export const answer = (unit = "school", extra: Record<string, unknown> = {}) => ({
  unit,
  staff_problems: { litter: "4", drug_dealing: "2", speeding: "dont_know" },
  staff_priorities: ["drugs_andt", "youth"],
  staff_activities: "Fler vuxna ute på kvällarna",
  ...extra,
});

export const send = (token: string, data: unknown, id: string = crypto.randomUUID()) =>
  fetch(`${app.url}/api/v1/invitations/${token}/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id, data, locale: "sv" }),
  });

export async function responses(surveyId: number) {
  return db().selectFrom("response").selectAll().where("survey_id", "=", surveyId).execute();
}

/** The invitations of a survey in physical (ctid) order, with the transaction id that last wrote each row. */
export async function physical(surveyId: number) {
  const r = await sql<{ token_hash: string; used: boolean; xmin: string }>`
    select token_hash, used, xmin::text as xmin from invitation where survey_id = ${surveyId} order by ctid`.execute(
    db(),
  );
  return r.rows;
}

/** Registers the file's set-up: the demo seed, with Pajala the kommun under test and Kalix another one. */
export function setUpDialogueFixture() {
  beforeAll(async () => {
    app = await startApp();
    await seedDemo({ db: app.open.db, withSurveys: false });
    kommunId = (await getOrganisationBySlug({ db: db(), slug: "pajala" })).id;
    otherKommunId = (await getOrganisationBySlug({ db: db(), slug: "kalix" })).id;
  });
  afterAll(async () => app?.close());
}
