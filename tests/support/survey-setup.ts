import { expect } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { createApiToken } from "../../app/features/accounts/accounts.server";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import type { Database } from "../../app/platform/db.server";
import { startApp, type TestApp } from "./app-server";

// Setup the results tests share: an app on the demo organisations (no demo surveys), an open survey with the three
// demographic columns, answers stored all or nothing, and API tokens of demo accounts.

/** The survey settings that map the demographic columns to the questions of the same names. */
export const DEMOGRAPHICS = { demographics: { area: "area", age_band: "age_band", gender: "gender" } };

/** The demographic questions: areas with labels (byn is the small group in the tests), age band and gender. */
export const DEMOGRAPHIC_ELEMENTS = [
  {
    type: "dropdown",
    name: "area",
    choices: [
      { value: "centrum", text: "Centrum" },
      { value: "norr", text: "Norr" },
      { value: "byn", text: "Byn" },
    ],
  },
  { type: "radiogroup", name: "age_band", choices: ["16-29", "30-64", "65+"] },
  { type: "radiogroup", name: "gender", choices: ["woman", "man", "other"] },
];

type SurveyInput = Parameters<typeof createSurvey>[0];

/** Starts the app on a fresh database with the demo organisations and accounts, and no surveys. */
export async function startDemoApp(): Promise<TestApp> {
  const app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
  return app;
}

/** Creates an open survey of a kommun (Haparanda and 2026 unless told), the demographic columns mapped unless told. */
export async function createOpenSurvey(
  db: Database,
  survey: {
    title: string;
    definition: SurveyInput["definition"];
    kind?: SurveyInput["kind"];
    kommunSlug?: string;
    period?: string;
    settings?: SurveyInput["settings"];
  },
) {
  const kommunSlug = survey.kommunSlug ?? "haparanda";
  const kommun = await getOrganisationBySlug({ db, slug: kommunSlug });
  const created = await createSurvey({
    db,
    kommunId: kommun.id,
    kommunSlug,
    period: survey.period ?? "2026",
    kind: survey.kind ?? "medborgarenkat",
    title: survey.title,
    definition: survey.definition,
    settings: survey.settings ?? DEMOGRAPHICS,
  });
  await setSurveyStatus({ db, surveyId: created.id, status: "open" });
  return created;
}

/** Stores answers of one channel, all or nothing, and expects none refused. */
export async function storeAnswers(
  db: Database,
  surveyId: number,
  rows: { data: Record<string, unknown>; submittedOn: string }[],
  channel: "web" | "paper" | "phone" | "import",
) {
  const stored = await storeResponsesAllOrNothing({ db, surveyId, rows, channel });
  expect(stored.errors).toEqual([]);
}

/** A new API token of the account with this e-mail address. */
export async function tokenOf(db: Database, email: string, label: string) {
  const account = await db.selectFrom("account").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return createApiToken({ db, accountId: account.id, label });
}
