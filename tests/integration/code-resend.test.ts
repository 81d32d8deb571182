// An answer that needs a one-time code, sent again while its first try is still being stored (the outbox resends
// after a timeout on a slow connection; docs/decisions/015-survey-without-javascript.md): every try is told the
// answer is stored, none that the code is used up, and the answer is stored once. On PostgreSQL the tries run
// concurrently, so the later ones wait on the first one's code row; on PGlite they run one after the other.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setRequireCode, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { createAccessCodes } from "../../app/features/surveys/responses.server";
import { startApp, type TestApp } from "../support/app-server";

const definition = {
  pages: [{ name: "p1", elements: [{ type: "radiogroup", name: "feel", isRequired: true, choices: ["a", "b"] }] }],
};

let app: TestApp;
let slug: string;
let surveyId: number;
let codes: string[];

beforeAll(async () => {
  app = await startApp();
  const db = app.open.db;
  await seedDemo({ db, withSurveys: false });
  const pajala = await getOrganisationBySlug({ db, slug: "pajala" });
  const survey = await createSurvey({
    db,
    kommunId: pajala.id,
    kommunSlug: "pajala",
    period: "2027",
    kind: "medborgarenkat",
    title: "Med kod",
    definition,
  });
  await setSurveyStatus({ db, surveyId: survey.id, status: "open" });
  await setRequireCode({ db, surveyId: survey.id, requireCode: true });
  codes = await createAccessCodes({ db, surveyId: survey.id, count: 3 });
  slug = survey.slug;
  surveyId = survey.id;
});

afterAll(async () => {
  await app?.close();
});

const send = (body: unknown) =>
  fetch(`${app.url}/api/v1/surveys/${slug}/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("a coded answer sent again while its first try is stored", () => {
  it("is acknowledged every time and stored once; the code then refuses a new answer", async () => {
    for (const code of codes.slice(0, 2)) {
      const answer = { id: crypto.randomUUID(), data: { feel: "a" }, locale: "sv", channel: "web", code };
      const tries = await Promise.all(Array.from({ length: 6 }, () => send(answer)));
      const statuses = tries.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      const stored = await app.open.db.selectFrom("response").select("id").where("id", "=", answer.id).execute();
      expect(stored).toHaveLength(1);
      // The code is used: a new answer with it is refused, and nothing is stored.
      const other = await send({ ...answer, id: crypto.randomUUID() });
      expect(other.status).toBe(403);
      expect(((await other.json()) as { error: string }).error).toMatch(/Koden/);
    }
    const left = await app.open.db
      .selectFrom("access_code")
      .select("code_hash")
      .where("survey_id", "=", surveyId)
      .execute();
    expect(left).toHaveLength(1);
    const count = await app.open.db.selectFrom("response").select("id").where("survey_id", "=", surveyId).execute();
    expect(count).toHaveLength(2);
  });
});
