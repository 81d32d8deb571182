// The role matrix of docs/roles.md (access-*.test.ts): one signed-in browser and one API token per role, the
// surveys and promise documents the rows are about, and `matrix`, which runs a request as every role and compares
// each status with a row.
//
// Roles (Haparanda is the kommun under test; it lies in LPO Östra Norrbotten, in Polisregion Nord):
//   anonymous · viewer, analyst, editor (kommun side) of Haparanda · editor (polis side) of the LPO, which covers
//   Haparanda and Kalix · admin of Polisregion Nord · two users of another kommun: an analyst of Kalix (same LPO)
//   and an admin of Polisregion Mitt (Härjedalen only).
import { afterAll, beforeAll, expect } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { DEMO_PROFILES, profileAreaChoices, standardCitizenDefinition } from "../../db/seed/synthetic";
import { createAccount, createApiToken } from "../../app/features/accounts/accounts.server";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { sha256 } from "../../app/platform/crypto.server";
import type { Role, Side } from "../../db/schema";
import { Browser, startApp, type TestApp } from "./app-server";
import { areaSettings } from "./kommun-surveys";
import { createYearDocument } from "./promise-documents";
import { rowCount } from "./rows";

export const ROLES = [
  "anonymous",
  "viewer",
  "analyst",
  "editorPolis",
  "editorKommun",
  "admin",
  "otherKommun",
  "otherAdmin",
] as const;
export type RoleName = (typeof ROLES)[number];

export interface Actor {
  role: RoleName;
  email: string | null;
  browser: Browser;
  token: string | null;
}

/** An expected answer: a status, "login" (302 to the sign-in page with `next`), or "->/path" (302 there). */
export type Expect = number | "login" | `->${string}`;
export type Row = Record<RoleName, Expect>;

export const PASSWORD = "access-test-password-1";
export let app: TestApp;
export const actors = {} as Record<RoleName, Actor>;
export const ids = { haparanda: 0, kalix: 0 };
/** Surveys: Haparanda open/draft/closed and one to close through the API; Kalix open and draft. */
export const sv = { hpOpen: "", hpDraft: "", hpClosed: "", hpStatus: "", kxOpen: "", kxDraft: "" };
export const docs = { published: 0, draft: 0, review: 0 };
/** A Haparanda survey with one comment, for the free-text rows (set in their test). */
export const ft = { slug: "", responseId: "" };
export const definition = standardCitizenDefinition(DEMO_PROFILES.haparanda!);
export const answer = { area: "haparanda", safe_night_area: "rather_safe" };

// Every row below lists the eight roles in this order.
export const row = (...cells: Expect[]): Row => {
  if (cells.length !== ROLES.length) throw new Error(`a row needs ${ROLES.length} cells`);
  return Object.fromEntries(ROLES.map((r, i) => [r, cells[i]!])) as Row;
};
export const all = (e: Expect) => row(...ROLES.map(() => e));
export const everyoneSignedIn = (e: Expect) => row("login", ...ROLES.slice(1).map(() => e));

export const page = (path: string, init?: RequestInit) => (a: Actor) => a.browser.fetch(path, init);
export const api =
  (path: string, init: RequestInit = {}) =>
  (a: Actor) =>
    fetch(`${app.url}${path}`, {
      ...init,
      redirect: "manual",
      headers: {
        ...(init.body ? { "content-type": "application/json" } : {}),
        ...(a.token ? { authorization: `Bearer ${a.token}` } : {}),
        ...(init.headers as Record<string, string>),
      },
    });
export const form = (path: string, fields: Record<string, string>) => (a: Actor) => a.browser.post(path, fields);

/**
 * Runs a request as every role and compares each status with the row. For refused cells (anything but 2xx or
 * an expected redirect), `state` must read the same before and after: a refusal changes nothing.
 * Reports every wrong cell at once.
 */
export async function matrix(
  label: string,
  request: (a: Actor) => Promise<Response>,
  expected: Row,
  state?: () => Promise<unknown>,
) {
  const wrong: string[] = [];
  for (const role of ROLES) {
    const want = expected[role];
    const refusal = typeof want === "number" ? want >= 400 : want === "login";
    const before = refusal && state ? await state() : null;
    const res = await request(actors[role]);
    const location = res.headers.get("location") ?? "";
    await res.arrayBuffer();
    const got =
      res.status === 302 || res.status === 303
        ? location.startsWith("/logga-in?next=")
          ? "login"
          : `->${location}`
        : res.status;
    if (got !== want) wrong.push(`${role}: got ${got}, expected ${want}`);
    if (refusal && state) {
      const after = await state();
      if (JSON.stringify(after) !== JSON.stringify(before))
        wrong.push(`${role}: refused (${got}) but changed ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    }
  }
  expect(wrong, label).toEqual([]);
}

export const count = async (
  table:
    | "survey"
    | "access_code"
    | "api_token"
    | "response"
    | "survey_version"
    | "promise_document"
    | "promise_comment"
    | "focus_area"
    | "promise_approval",
) => rowCount(app.open.db, table);
export const definitionOf = async (slug: string) =>
  (
    await app.open.db
      .selectFrom("survey as s")
      .innerJoin("survey_version as v", "v.id", "s.current_version_id")
      .select("v.definition")
      .where("s.slug", "=", slug)
      .executeTakeFirstOrThrow()
  ).definition;
export const statusOf = async (slug: string) =>
  (await app.open.db.selectFrom("survey").select("status").where("slug", "=", slug).executeTakeFirstOrThrow()).status;

/** A multipart form as the import page sends it, with the CSRF field unless told otherwise. */
export async function csvForm(b: Browser, fields: Record<string, string>, { csrf = true } = {}) {
  const fd = new FormData();
  if (csrf) fd.set("csrf", await b.csrf());
  fd.set("file", new Blob(["area;safe_night_area\r\nhaparanda;rather_safe\r\n"], { type: "text/csv" }), "svar.csv");
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}
export const upload = (path: string, fields: Record<string, string>) => async (a: Actor) => {
  return a.browser.fetch(path, { method: "POST", body: await csvForm(a.browser, fields) });
};

/** Registers the file's set-up: the demo seed, one account (with an API token) per role, surveys and documents. */
export function setUpAccessFixture() {
  beforeAll(async () => {
    app = await startApp();
    const db = app.open.db;
    await seedDemo({ db, withSurveys: false });
    const org = async (slug: string) => (await getOrganisationBySlug({ db, slug })).id;
    ids.haparanda = await org("haparanda");
    ids.kalix = await org("kalix");
    const accounts: [RoleName, string, Role, Side | null][] = [
      ["viewer", "haparanda", "viewer", null],
      ["analyst", "haparanda", "analyst", null],
      ["editorPolis", "ostra-norrbotten", "editor", "polis"],
      ["editorKommun", "haparanda", "editor", "kommun"],
      ["admin", "polisregion-nord", "admin", null],
      ["otherKommun", "kalix", "analyst", null],
      ["otherAdmin", "polisregion-mitt", "admin", null],
    ];
    actors.anonymous = { role: "anonymous", email: null, browser: new Browser(app.url), token: null };
    await actors.anonymous.browser.fetch("/");
    for (const [role, orgSlug, r, side] of accounts) {
      const email = `user-${role.toLowerCase()}@access.example`;
      const { accountId } = await createAccount({
        db,
        email,
        password: PASSWORD,
        role: r,
        organisationId: await org(orgSlug),
        side,
      });
      const browser = new Browser(app.url);
      await browser.login(email, PASSWORD);
      actors[role] = { role, email, browser, token: await createApiToken({ db, accountId, label: "access" }) };
    }

    const areas = areaSettings(profileAreaChoices(DEMO_PROFILES.haparanda!));
    const make = async (
      kommun: "haparanda" | "kalix",
      period: string,
      status: "draft" | "open" | "closed",
      title: string,
    ) => {
      const c = await createSurvey({
        db,
        kommunId: ids[kommun],
        kommunSlug: kommun,
        period,
        kind: "medborgarenkat",
        title,
        definition,
        settings: { areas },
      });
      if (status !== "draft") await setSurveyStatus({ db, surveyId: c.id, status: "open" });
      if (status === "closed") await setSurveyStatus({ db, surveyId: c.id, status: "closed" });
      return c.slug;
    };
    sv.hpOpen = await make("haparanda", "2026", "open", "Haparandas öppna enkät");
    sv.hpDraft = await make("haparanda", "2027", "draft", "Haparandas utkast");
    sv.hpClosed = await make("haparanda", "2024", "closed", "Haparandas stängda enkät");
    sv.hpStatus = await make("haparanda", "2025", "open", "Haparandas statusenkät");
    sv.kxOpen = await make("kalix", "2026", "open", "Kalix hemliga enkät");
    sv.kxDraft = await make("kalix", "2027", "draft", "Kalix hemliga utkast");

    const published = await db
      .selectFrom("promise_document")
      .select("id")
      .where("kommun_id", "=", ids.haparanda)
      .where("status", "=", "publicerat")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    docs.published = published.id;
    docs.draft = await createYearDocument(db, {
      kommunId: ids.haparanda,
      year: 2030,
      title: "Hemligt utkast",
      status: "utkast",
    });
    docs.review = await createYearDocument(db, {
      kommunId: ids.haparanda,
      year: 2031,
      title: "Utkast på granskning",
      status: "granskning",
    });
  });
  afterAll(async () => app?.close());
}

/** A fresh browser, signed in as the role's account. */
export async function signedIn(role: Exclude<RoleName, "anonymous">) {
  const b = new Browser(app.url);
  await b.login(actors[role].email!, PASSWORD);
  return b;
}
/** The stored session of a browser's cookie, if any. */
export const sessionRow = (b: Browser) =>
  app.open.db
    .selectFrom("session")
    .select(["id_hash", "expires_at"])
    .where("id_hash", "=", sha256(b.cookies.get("td_session") ?? ""))
    .executeTakeFirst();

/** Adds a closed Haparanda survey with one free-text comment, for the free-text rows (sets `ft`). */
export async function addFreeTextSurvey() {
  const db = app.open.db;
  const c = await createSurvey({
    db,
    kommunId: ids.haparanda,
    kommunSlug: "haparanda",
    period: "2023",
    kind: "medborgarenkat",
    title: "Haparandas fritextenkät",
    definition,
  });
  await setSurveyStatus({ db, surveyId: c.id, status: "open" });
  await storeResponsesAllOrNothing({
    db,
    surveyId: c.id,
    channel: "web",
    rows: [{ data: { area: "haparanda", unsafe_places: "Mörkt vid busstationen" }, submittedOn: "2023-05-01" }],
  });
  // Closed again, so that the public survey list stays as the survey API rows expect.
  await setSurveyStatus({ db, surveyId: c.id, status: "closed" });
  ft.slug = c.slug;
  ft.responseId = (
    await db.selectFrom("response").select("id").where("survey_id", "=", c.id).executeTakeFirstOrThrow()
  ).id;
}
