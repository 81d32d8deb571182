// The follow-up tests' shared world (follow-up-*.test.ts): the demo seed's Kalix and Haparanda documents, a Kalix
// draft, two waves of Kalix's citizen survey (the earlier one sees more drug dealing, so a change can show), and
// signed-in users; with the raw-data readers the tests recompute figures from.
import { afterAll, beforeAll, expect } from "vitest";
import { seedDemo } from "../../db/seed/index";
import {
  DEMO_PROFILES,
  generateAnswerList,
  profileAreaChoices,
  standardCitizenDefinition,
} from "../../db/seed/synthetic";
import { createAccount } from "../../app/features/accounts/accounts.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { Browser, startApp, type TestApp } from "./app-server";
import { areaSettings, organisationId } from "./kommun-surveys";
import { createYearDocument, policeQuantityArea } from "./promise-documents";
import { signIn, signInAll } from "./sign-in";
import { published } from "./published";
import { rowCount } from "./rows";

export const DEMO = "demo-endast-2026";
export let app: TestApp;
export const ids = {
  kalix: 0,
  haparanda: 0,
  kalixDoc: 0,
  haparandaDoc: 0,
  draftDoc: 0,
  survey2022: 0,
  survey2024: 0,
  kalixV2: 0,
};
export const users = {} as Record<"editor" | "polis" | "analyst" | "viewer" | "otherEditor", Browser>;
export const accountIds = {} as Record<"editor" | "polis", number>;

export const count = (table: "follow_up_entry" | "outcome_indicator") => rowCount(app.open.db, table);
export const snapshot = async () => app.open.db.selectFrom("follow_up_entry").selectAll().orderBy("id").execute();

/** The fields named in the page's error summary (FieldErrors links each message to its field). */
export async function errorFields(res: Response): Promise<string[]> {
  const html = await res.text();
  const summary = /<div role="alert" class="error-summary">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
  return [...summary.matchAll(/href="#([\w.]+)"/g)].map((m) => m[1]!);
}

export type Row = { data: Record<string, unknown>; area: string | null; cell_key: number };
export async function rawRows(surveyId: number): Promise<Row[]> {
  return app.open.db
    .selectFrom("response")
    .select(["data", "area", "cell_key"])
    .where("survey_id", "=", surveyId)
    .execute();
}
/**
 * Problem share of a problems row from raw answers (docs/domain/statistics.md#indicator-shares): (n4 + n3) /
 * (answered − dont_know), each option's n the published count of its holders (tests/support/published.ts), the base
 * the sum of the published n of 4, 3, 2 and 1.
 */
export function problemShareRaw(rows: Row[], item: string, area?: string) {
  const group = rows.filter((r) => !area || r.area === area);
  const n = (option: string) =>
    published(group.filter((r) => String((r.data.problems as Record<string, unknown> | undefined)?.[item]) === option));
  const k = n("4") + n("3");
  return { k, base: k + n("2") + n("1") };
}

/** Registers the file's set-up: the demo seed, a Kalix draft, two waves of Kalix's citizen survey, signed-in users. */
export function setUpFollowUpFixture() {
  beforeAll(async () => {
    app = await startApp();
    const db = app.open.db;
    await seedDemo({ db, withSurveys: false });
    ids.kalix = await organisationId(db, "kalix");
    ids.haparanda = await organisationId(db, "haparanda");
    const doc = async (kommunId: number) =>
      (
        await db
          .selectFrom("promise_document")
          .select("id")
          .where("kommun_id", "=", kommunId)
          .where("status", "=", "publicerat")
          .orderBy("period_start", "desc")
          .executeTakeFirstOrThrow()
      ).id;
    ids.kalixDoc = await doc(ids.kalix);
    ids.haparandaDoc = await doc(ids.haparanda);
    ids.draftDoc = await createYearDocument(db, {
      kommunId: ids.kalix,
      year: 2026,
      title: "Kalix utkast",
      status: "utkast",
      focusAreas: [policeQuantityArea("Trafik", "traffic_safety", "trafikkontroll", 2, "month")],
    });
    // Two waves of Kalix's citizen survey; the earlier one sees more drug dealing, so a change can show.
    const profile = DEMO_PROFILES.kalix!;
    const areas = profileAreaChoices(profile);
    for (const [year, drift, n] of [
      [2022, 0.6, 400],
      [2024, 0, 400],
    ] as const) {
      const { id } = await createSurvey({
        db,
        kommunId: ids.kalix,
        kommunSlug: "kalix",
        period: String(year),
        kind: "medborgarenkat",
        title: `Trygghetsenkät ${year}`,
        definition: standardCitizenDefinition(profile, areas),
        settings: {
          areas: areaSettings(areas),
          demographics: { area: "area", age_band: "age_band", gender: "gender" },
        },
      });
      await setSurveyStatus({ db, surveyId: id, status: "open" });
      const shifted = {
        ...profile,
        problemShift: { ...profile.problemShift, drug_dealing: (profile.problemShift.drug_dealing ?? 0) + drift },
      };
      const data = generateAnswerList({ seed: 4242 + year, count: n, profile: shifted, areas });
      const r = await storeResponsesAllOrNothing({
        db,
        surveyId: id,
        channel: "web",
        rows: data.map((d) => ({ data: d, submittedOn: `${year}-03-15` })),
      });
      expect(r.errors).toEqual([]);
      await setSurveyStatus({ db, surveyId: id, status: "closed" });
      if (year === 2022) ids.survey2022 = id;
      else ids.survey2024 = id;
    }
    // Sign in last: a keep-alive connection left idle through the slow setup above can be reset by the server.
    Object.assign(
      users,
      await signInAll(
        app.url,
        {
          editor: "redaktor@kalix.example",
          polis: "kommunpolis@ostranorrbotten.example",
          analyst: "analytiker@kalix.example",
          otherEditor: "redaktor@haparanda.example",
        },
        DEMO,
      ),
    );
    await createAccount({
      db,
      email: "lasare@kalix.follow-up.example",
      password: "follow-up-test-pw-1",
      role: "viewer",
      organisationId: ids.kalix,
    });
    users.viewer = await signIn(app.url, "lasare@kalix.follow-up.example", "follow-up-test-pw-1");
    for (const [k, email] of [
      ["editor", "redaktor@kalix.example"],
      ["polis", "kommunpolis@ostranorrbotten.example"],
    ] as const)
      accountIds[k] = (
        await db.selectFrom("account").select("id").where("email", "=", email).executeTakeFirstOrThrow()
      ).id;
  });
  afterAll(async () => app?.close());
}

export const base = () => `/app/kalix/loften/${ids.kalixDoc}`;
export const promisesOf = async (documentId: number) =>
  app.open.db
    .selectFrom("promise as p")
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .select(["p.id", "p.target"])
    .where("f.document_id", "=", documentId)
    .orderBy("f.position")
    .orderBy("p.position")
    .execute();

/** Logs a follow-up entry for the promise through the page as `who`, on Kalix's published document unless another is given. */
export const postEntry = (
  who: Browser,
  promiseId: number | string,
  fields: Record<string, string>,
  documentId = ids.kalixDoc,
) =>
  who.post(`/app/kalix/loften/${documentId}/uppfoljning`, { intent: "add", promiseId: String(promiseId), ...fields });

/** Creates an outcome indicator through the page as `who`: Kalix 2022's drug dealing, to decrease, unless `fields` say otherwise. */
export const postIndicator = (who: Browser, focusAreaId: number, fields: Record<string, string>) =>
  who.post(`${base()}/indikatorer`, {
    intent: "create",
    focusAreaId: String(focusAreaId),
    surveySlug: "kalix-2022",
    question: "problems.drug_dealing",
    filter: "",
    direction: "decrease",
    targetPercent: "",
    label: "",
    ...fields,
  });
