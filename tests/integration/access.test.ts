// The role matrix of docs/roles.md, end to end over HTTP: for every page and API endpoint in app/routes/,
// every role gets exactly the status the docs promise, and nothing of another kommun. Pages are fetched with a
// signed-in browser session (as a person would), the API with personal Bearer tokens. Then sessions (logout,
// expiry, a disabled account, a revoked role) and CSRF on every state-changing browser request.
//
// Roles (Haparanda is the kommun under test; it lies in LPO Östra Norrbotten, in Polisregion Nord):
//   anonymous · viewer, analyst, editor (kommun side) of Haparanda · editor (polis side) of the LPO, which covers
//   Haparanda and Kalix · admin of Polisregion Nord · two users of another kommun: an analyst of Kalix (same LPO)
//   and an admin of Polisregion Mitt (Härjedalen only).
import crypto from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { DEMO_PROFILES, profileAreaChoices, standardCitizenDefinition } from "../../db/seed/synthetic";
import { createAccount, createApiToken } from "../../app/features/accounts/accounts.server";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createPromiseDocument } from "../../app/features/promises/documents.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { sha256 } from "../../app/platform/crypto.server";
import type { Role, Side } from "../../db/schema";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

const ROLES = [
  "anonymous",
  "viewer",
  "analyst",
  "editorPolis",
  "editorKommun",
  "admin",
  "otherKommun",
  "otherAdmin",
] as const;
type RoleName = (typeof ROLES)[number];

interface Actor {
  role: RoleName;
  email: string | null;
  browser: Browser;
  token: string | null;
}

/** An expected answer: a status, "login" (302 to the sign-in page with `next`), or "->/path" (302 there). */
type Expect = number | "login" | `->${string}`;
type Row = Record<RoleName, Expect>;

const PASSWORD = "access-test-password-1";
let app: TestApp;
const actors = {} as Record<RoleName, Actor>;
const ids = { haparanda: 0, kalix: 0 };
/** Surveys: Haparanda open/draft/closed and one to close through the API; Kalix open and draft. */
const sv = { hpOpen: "", hpDraft: "", hpClosed: "", hpStatus: "", kxOpen: "", kxDraft: "" };
const docs = { published: 0, draft: 0, review: 0 };
/** A Haparanda survey with one comment, for the free-text rows (set in their test). */
const ft = { slug: "", responseId: "" };
const definition = standardCitizenDefinition(DEMO_PROFILES.haparanda!);
const answer = { area: "haparanda", safe_night_area: "rather_safe" };

// Every row below lists the eight roles in this order.
const row = (...cells: Expect[]): Row => {
  if (cells.length !== ROLES.length) throw new Error(`a row needs ${ROLES.length} cells`);
  return Object.fromEntries(ROLES.map((r, i) => [r, cells[i]!])) as Row;
};
const all = (e: Expect) => row(...ROLES.map(() => e));
const everyoneSignedIn = (e: Expect) => row("login", ...ROLES.slice(1).map(() => e));

const page = (path: string, init?: RequestInit) => (a: Actor) => a.browser.fetch(path, init);
const api =
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
const form = (path: string, fields: Record<string, string>) => (a: Actor) => a.browser.post(path, fields);

/**
 * Runs a request as every role and compares each status with the row. For refused cells (anything but 2xx or
 * an expected redirect), `state` must read the same before and after: a refusal changes nothing.
 * Reports every wrong cell at once.
 */
async function matrix(
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

const count = async (
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
) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(app.open.db)).rows[0]!.n;
const definitionOf = async (slug: string) =>
  (
    await app.open.db
      .selectFrom("survey as s")
      .innerJoin("survey_version as v", "v.id", "s.current_version_id")
      .select("v.definition")
      .where("s.slug", "=", slug)
      .executeTakeFirstOrThrow()
  ).definition;
const statusOf = async (slug: string) =>
  (await app.open.db.selectFrom("survey").select("status").where("slug", "=", slug).executeTakeFirstOrThrow()).status;

/** A multipart form as the import page sends it, with the CSRF field unless told otherwise. */
async function csvForm(b: Browser, fields: Record<string, string>, { csrf = true } = {}) {
  const fd = new FormData();
  if (csrf) fd.set("csrf", await b.csrf());
  fd.set("file", new Blob(["area;safe_night_area\r\nhaparanda;rather_safe\r\n"], { type: "text/csv" }), "svar.csv");
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}
const upload = (path: string, fields: Record<string, string>) => async (a: Actor) => {
  return a.browser.fetch(path, { method: "POST", body: await csvForm(a.browser, fields) });
};

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

  const areas = profileAreaChoices(DEMO_PROFILES.haparanda!).map((a) =>
    typeof a === "string"
      ? { value: a, text: a }
      : { value: a.value, text: typeof a.text === "string" ? a.text : a.text.default },
  );
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
  docs.draft = await createPromiseDocument({
    db,
    input: {
      kommunId: ids.haparanda,
      lpoId: null,
      periodLabel: "2030",
      periodStart: "2030-01-01",
      periodEnd: "2030-12-31",
      title: "Hemligt utkast",
      sections: {},
      focusAreas: [],
      status: "utkast",
    },
  });
  docs.review = await createPromiseDocument({
    db,
    input: {
      kommunId: ids.haparanda,
      lpoId: null,
      periodLabel: "2031",
      periodStart: "2031-01-01",
      periodEnd: "2031-12-31",
      title: "Utkast på granskning",
      sections: {},
      focusAreas: [],
      status: "granskning",
    },
  });
});
afterAll(async () => app?.close());

describe(`the role matrix of docs/roles.md on ${testEngine()}`, () => {
  it("public pages: /, /healthz, sign-in and sign-out", async () => {
    await matrix("GET /", page("/"), all(200));
    await matrix("GET /healthz", page("/healthz"), all(200));
    await matrix(
      "GET /logga-in (signed-in users are sent on)",
      page("/logga-in"),
      row(200, "->/app", "->/app", "->/app", "->/app", "->/app", "->/app", "->/app"),
    );
    await matrix("GET /logga-ut", page("/logga-ut"), all("->/"));
  });

  it("GET /app: every signed-in user, each sees only their own kommuner", async () => {
    await matrix("GET /app", page("/app"), everyoneSignedIn(200));
    const names = ["Haparanda kommun", "Kalix kommun", "Pajala kommun", "Övertorneå kommun", "Härjedalens kommun"];
    const sees: Record<Exclude<RoleName, "anonymous">, string[]> = {
      viewer: ["Haparanda kommun"],
      analyst: ["Haparanda kommun"],
      editorKommun: ["Haparanda kommun"],
      editorPolis: ["Haparanda kommun", "Kalix kommun", "Pajala kommun", "Övertorneå kommun"],
      admin: ["Haparanda kommun", "Kalix kommun", "Pajala kommun", "Övertorneå kommun"],
      otherKommun: ["Kalix kommun"],
      otherAdmin: ["Härjedalens kommun"],
    };
    for (const [role, visible] of Object.entries(sees)) {
      const html = await (await actors[role as RoleName].browser.fetch("/app")).text();
      const shown = names.filter((n) => html.includes(n));
      expect(shown, role).toEqual(visible);
    }
  });

  it("GET and POST /konto: every signed-in user, their own account and tokens only", async () => {
    await matrix("GET /konto", page("/konto"), everyoneSignedIn(200));
    await matrix(
      "POST /konto (new API token)",
      form("/konto", { intent: "token", label: "matrix" }),
      everyoneSignedIn(200),
      () => count("api_token"),
    );
    for (const role of ROLES.slice(1)) {
      const html = await (await actors[role].browser.fetch("/konto")).text();
      expect(html, role).toContain(actors[role].email!);
      for (const other of ROLES.slice(1))
        if (other !== role) expect(html, `${role} sees ${other}`).not.toContain(actors[other].email!);
    }
  });

  it("GET /app/:kommun: the kommun's own people (LPO and region included), 403 for other kommuner, 404 unknown", async () => {
    await matrix("GET /app/haparanda", page("/app/haparanda"), row("login", 200, 200, 200, 200, 200, 403, 403));
    await matrix("GET /app/kalix", page("/app/kalix"), row("login", 403, 403, 200, 403, 200, 200, 403));
    await matrix("GET /app/nosuch", page("/app/nosuch"), everyoneSignedIn(404));
    // The kommun page lists the kommun's own surveys, never another kommun's.
    for (const role of ["viewer", "analyst", "editorPolis", "editorKommun", "admin"] as const) {
      const html = await (await actors[role].browser.fetch("/app/haparanda")).text();
      expect(html, role).toContain("Haparandas öppna enkät");
      expect(html, role).not.toContain("Kalix hemliga");
    }
  });

  it("the survey page with response counts: viewer and up of the kommun; another kommun's survey is not found", async () => {
    const hp = `/app/haparanda/enkater/${sv.hpOpen}`;
    await matrix(`GET ${hp}`, page(hp), row("login", 200, 200, 200, 200, 200, 403, 403));
    await matrix(
      "a Kalix survey under Haparanda's path",
      page(`/app/haparanda/enkater/${sv.kxOpen}`),
      row("login", 404, 404, 404, 404, 404, 403, 403),
    );
    await matrix(
      "a Kalix survey under its own path",
      page(`/app/kalix/enkater/${sv.kxOpen}`),
      row("login", 403, 403, 200, 403, 200, 200, 403),
    );
    await matrix(
      "an unknown survey",
      page("/app/haparanda/enkater/nosuch-2099"),
      row("login", 404, 404, 404, 404, 404, 403, 403),
    );
    // One-time code status is for analysts; viewers see the counts only.
    const viewerHtml = await (await actors.viewer.browser.fetch(hp)).text();
    const analystHtml = await (await actors.analyst.browser.fetch(hp)).text();
    expect(viewerHtml).not.toContain('name="intent" value="codes"');
    expect(analystHtml).toContain('name="intent" value="codes"');
  });

  it("free-text comments and the theme ranking: viewer and up read; analysts and admins code and save weights", async () => {
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
    // Closed again, so that the public survey list stays as the API rows below expect.
    await setSurveyStatus({ db, surveyId: c.id, status: "closed" });
    ft.slug = c.slug;
    ft.responseId = (
      await db.selectFrom("response").select("id").where("survey_id", "=", c.id).executeTakeFirstOrThrow()
    ).id;
    const fritext = `/app/haparanda/enkater/${ft.slug}/fritext`;
    const codes = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from freetext_code`.execute(db)).rows[0]!.n;
    const weights = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from ranking_weights`.execute(db)).rows[0]!.n;
    await matrix(`GET ${fritext}`, page(fritext), row("login", 200, 200, 200, 200, 200, 403, 403));
    await matrix(
      "GET fritext of a Kalix survey under Haparanda's path",
      page(`/app/haparanda/enkater/${sv.kxOpen}/fritext`),
      row("login", 404, 404, 404, 404, 404, 403, 403),
    );
    const coded: Expect = `->${fritext}#c-${ft.responseId}-unsafe_places`;
    await matrix(
      `POST ${fritext} (accept a theme)`,
      form(fritext, {
        responseId: ft.responseId,
        question: "unsafe_places",
        theme: "public_safety",
        decision: "accept",
        back: "",
      }),
      row("login", 403, coded, 403, 403, coded, 403, 403),
      codes,
    );
    await matrix(
      "GET /app/haparanda/rangordning",
      page("/app/haparanda/rangordning"),
      row("login", 200, 200, 200, 200, 200, 403, 403),
    );
    await matrix(
      "GET /app/kalix/rangordning",
      page("/app/kalix/rangordning"),
      row("login", 403, 403, 200, 403, 200, 200, 403),
    );
    const saved: Expect = "->/app/haparanda/rangordning";
    await matrix(
      "POST /app/haparanda/rangordning (save weights)",
      form("/app/haparanda/rangordning", {
        intent: "save",
        w_citizen: "0.4",
        w_staff: "0.3",
        w_meetings: "0.2",
        w_freetext: "0.1",
      }),
      row("login", 403, saved, 403, 403, saved, 403, 403),
      weights,
    );
  });

  it("problembild exports and report: viewer and up of the kommun; answers refused below the minimum base", async () => {
    const hp = `/app/haparanda/enkater/${sv.hpOpen}`;
    const readers = row("login", 200, 200, 200, 200, 200, 403, 403);
    await matrix("GET resultat.csv", page(`${hp}/resultat.csv`), readers);
    await matrix("GET resultat.xlsx", page(`${hp}/resultat.xlsx`), readers);
    await matrix("GET rapport", page(`${hp}/rapport`), readers);
    // The survey has no answers yet: the anonymised answers are refused (422) to everyone allowed to ask.
    await matrix("GET svar.csv", page(`${hp}/svar.csv`), row("login", 422, 422, 422, 422, 422, 403, 403));
    await matrix("GET svar.xlsx", page(`${hp}/svar.xlsx`), row("login", 422, 422, 422, 422, 422, 403, 403));
    await matrix(
      "resultat.csv of a Kalix survey under Haparanda's path",
      page(`/app/haparanda/enkater/${sv.kxOpen}/resultat.csv`),
      row("login", 404, 404, 404, 404, 404, 403, 403),
    );
    await matrix(
      "rapport of a Kalix survey under Haparanda's path",
      page(`/app/haparanda/enkater/${sv.kxOpen}/rapport`),
      row("login", 404, 404, 404, 404, 404, 403, 403),
    );
    await matrix(
      "GET /api/v1/surveys/:slug/results.csv",
      api(`/api/v1/surveys/${sv.hpOpen}/results.csv`),
      row(401, 200, 200, 200, 200, 200, 403, 403),
    );
  });

  it("problembild views (breakdown, comparison, weighting): viewer and up; the population for weighting: analyst and admin", async () => {
    const res = `/app/haparanda/enkater/${sv.hpOpen}/resultat`;
    const readers = row("login", 200, 200, 200, 200, 200, 403, 403);
    for (const sub of ["uppdelning", "jamforelse", "vagning"]) {
      await matrix(`GET resultat/${sub}`, page(`${res}/${sub}`), readers);
      await matrix(
        `GET resultat/${sub} of a Kalix survey under Haparanda's path`,
        page(`/app/haparanda/enkater/${sv.kxOpen}/resultat/${sub}`),
        row("login", 404, 404, 404, 404, 404, 403, 403),
      );
    }
    const populationState = async () =>
      (
        await sql<{
          n: number;
          s: string | null;
        }>`select count(*)::int as n, max(source) as s from population_set`.execute(app.open.db)
      ).rows[0];
    const save = (source: string) =>
      form(`${res}/vagning`, {
        intent: "save",
        scope: "kommun",
        source,
        "pop.16-19|woman": "100",
        "pop.16-19|man": "110",
        "pop.30-44|woman": "300",
      });
    await matrix(
      "POST resultat/vagning (save population)",
      save("SCB matrix"),
      row("login", 403, `->${res}/vagning`, 403, 403, `->${res}/vagning`, 403, 403),
      populationState,
    );
    await matrix(
      "POST resultat/vagning of a Kalix survey under Haparanda's path",
      form(`/app/haparanda/enkater/${sv.kxOpen}/resultat/vagning`, {
        intent: "save",
        scope: "kommun",
        source: "x",
        "pop.16-19|woman": "1",
      }),
      row("login", 403, 404, 403, 403, 404, 403, 403),
      populationState,
    );
    // Without the CSRF field nobody changes anything.
    const before = await populationState();
    expect(
      (
        await actors.analyst.browser.post(
          `${res}/vagning`,
          { intent: "save", scope: "kommun", source: "no csrf", "pop.16-19|woman": "5" },
          { csrf: false },
        )
      ).status,
    ).toBe(403);
    expect(await populationState()).toEqual(before);
  });

  it("the survey actions (status, schedule, one-time codes): analyst and admin only", async () => {
    const hp = `/app/haparanda/enkater/${sv.hpOpen}`;
    const analystOnly = row("login", 403, 200, 403, 403, 200, 403, 403);
    await matrix(`POST ${hp} codes`, form(hp, { intent: "codes", count: "1" }), analystOnly, () =>
      count("access_code"),
    );
    await matrix(`POST ${hp} requireCode`, form(hp, { intent: "requireCode", requireCode: "off" }), analystOnly);
    await matrix(`POST ${hp} schedule`, form(hp, { intent: "schedule", opensAt: "", closesAt: "" }), analystOnly);
    await matrix(`POST ${hp} status open`, form(hp, { intent: "status", status: "open" }), analystOnly, () =>
      statusOf(sv.hpOpen),
    );
    await matrix(
      "POST codes on a Kalix survey under its own path",
      form(`/app/kalix/enkater/${sv.kxOpen}`, { intent: "codes", count: "1" }),
      row("login", 403, 403, 403, 403, 200, 200, 403),
      () => count("access_code"),
    );
  });

  it("new survey, builder, definition export, CSV import and paper/phone entry: analyst and admin only", async () => {
    const analystOnly = row("login", 403, 200, 403, 403, 200, 403, 403);
    const base = "/app/haparanda/enkater";
    await matrix(`GET ${base}/ny`, page(`${base}/ny`), analystOnly);
    await matrix(
      `POST ${base}/ny`,
      form(`${base}/ny`, { title: "Ny enkät", period: "2031", kind: "medborgarenkat", areas: "Haparanda\nNikkala" }),
      row(
        "login",
        403,
        "->/app/haparanda/enkater/haparanda-2031/bygg",
        403,
        403,
        "->/app/haparanda/enkater/haparanda-2031-2/bygg",
        403,
        403,
      ),
      () => count("survey"),
    );
    await matrix(`GET bygg`, page(`${base}/${sv.hpDraft}/bygg`), analystOnly);
    await matrix(
      "POST bygg (make a question required)",
      form(`${base}/${sv.hpDraft}/bygg`, { intent: "required", name: "safe_night_area", required: "true" }),
      analystOnly,
      () => definitionOf(sv.hpDraft),
    );
    await matrix("GET definition.json", page(`${base}/${sv.hpDraft}/definition.json`), analystOnly);
    await matrix("GET import", page(`${base}/${sv.hpOpen}/import`), analystOnly);
    await matrix(
      "POST import (preview)",
      upload(`${base}/${sv.hpOpen}/import`, { intent: "preview" }),
      analystOnly,
      () => count("response"),
    );
    await matrix("POST import/rapport.csv", upload(`${base}/${sv.hpOpen}/import/rapport.csv`, {}), analystOnly);
    await matrix("GET registrera/paper", page(`${base}/${sv.hpOpen}/registrera/paper`), analystOnly);
    await matrix("GET registrera/phone", page(`${base}/${sv.hpOpen}/registrera/phone`), analystOnly);
    await matrix("GET registrera/fax (no such channel)", page(`${base}/${sv.hpOpen}/registrera/fax`), all(404));
    // Another kommun's survey through this kommun's builder is not found, even for this kommun's analysts.
    await matrix(
      "GET bygg of a Kalix survey under Haparanda's path",
      page(`${base}/${sv.kxDraft}/bygg`),
      row("login", 403, 404, 403, 403, 404, 403, 403),
    );
    await matrix(
      "GET definition.json of a Kalix survey under Haparanda's path",
      page(`${base}/${sv.kxDraft}/definition.json`),
      row("login", 403, 404, 403, 403, 404, 403, 403),
    );
    await matrix(
      "GET registrera/paper of a Kalix survey under Haparanda's path",
      page(`${base}/${sv.kxOpen}/registrera/paper`),
      row("login", 403, 404, 403, 403, 404, 403, 403),
    );
    await matrix(
      "GET import of a Kalix survey under Haparanda's path",
      page(`${base}/${sv.kxOpen}/import`),
      row("login", 403, 404, 403, 403, 404, 403, 403),
    );
  });

  it("the public survey pages: open for everyone, drafts not found, closed gone", async () => {
    await matrix("GET /e/open", page(`/e/${sv.hpOpen}`), all(200));
    await matrix("GET /e/open/affisch", page(`/e/${sv.hpOpen}/affisch`), all(200));
    await matrix("GET /e/open/qr.svg", page(`/e/${sv.hpOpen}/qr.svg`), all(200));
    await matrix("GET /e/draft", page(`/e/${sv.hpDraft}`), all(404));
    await matrix("GET /e/draft/affisch", page(`/e/${sv.hpDraft}/affisch`), all(404));
    await matrix("GET /e/draft/qr.svg", page(`/e/${sv.hpDraft}/qr.svg`), all(404));
    await matrix("GET /e/closed", page(`/e/${sv.hpClosed}`), all(410));
    await matrix("GET /e/unknown", page("/e/nosuch-2099"), all(404));
  });

  it("the public promise pages and API: published documents only", async () => {
    await matrix("GET /lofte/haparanda", page("/lofte/haparanda"), all(200));
    await matrix("GET /lofte/haparanda/:published", page(`/lofte/haparanda/${docs.published}`), all(200));
    await matrix("GET /lofte/haparanda/:draft", page(`/lofte/haparanda/${docs.draft}`), all(404));
    await matrix("GET /lofte/kalix/:haparanda's", page(`/lofte/kalix/${docs.published}`), all(404));
    await matrix("GET /api/v1/promises?kommun=haparanda", api("/api/v1/promises?kommun=haparanda"), all(200));
    await matrix("GET /api/v1/promises/:published", api(`/api/v1/promises/${docs.published}`), all(200));
    await matrix("GET /api/v1/promises/:draft", api(`/api/v1/promises/${docs.draft}`), all(404));
    const list = (await (await fetch(`${app.url}/api/v1/promises?kommun=haparanda`)).json()) as {
      documents: { id: number }[];
    };
    expect(list.documents.map((d) => d.id)).not.toContain(docs.draft);
  });

  it("promise documents in the app: the kommun's people read, analysts and editors comment, editors and admins edit, only editors approve (own side)", async () => {
    // Analysts may start a draft from the ranking's themes; editors write it.
    const doc = `/app/haparanda/loften/${docs.draft}`;
    const readers = row("login", 200, 200, 200, 200, 200, 403, 403);
    await matrix("GET /app/haparanda/loften", page("/app/haparanda/loften"), readers);
    await matrix("GET /app/haparanda/loften/:draft", page(doc), readers);
    await matrix("GET /app/haparanda/loften/:draft/historik", page(`${doc}/historik`), readers);
    await matrix(
      "GET /app/kalix/loften/:haparanda's",
      page(`/app/kalix/loften/${docs.draft}`),
      row("login", 403, 403, 404, 403, 404, 404, 403),
    );
    await matrix(
      "GET /app/haparanda/loften/ny",
      page("/app/haparanda/loften/ny"),
      row("login", 403, 200, 200, 200, 200, 403, 403),
    );
    // Bad input on purpose: who gets through to validation (422) creates nothing either way.
    await matrix(
      "POST /app/haparanda/loften/ny",
      form("/app/haparanda/loften/ny", { periodLabel: "", periodStart: "x", periodEnd: "y" }),
      row("login", 403, 422, 422, 422, 422, 403, 403),
      () => count("promise_document"),
    );
    await matrix(
      "POST comment",
      form(doc, { intent: "comment", section: "inledning", body: "Matris" }),
      row("login", 403, 200, 200, 200, 200, 403, 403),
      () => count("promise_comment"),
    );
    await matrix(
      "POST addFocusArea",
      form(doc, { intent: "addFocusArea", title: "Matris" }),
      row("login", 403, 403, 200, 200, 200, 403, 403),
      () => count("focus_area"),
    );
    const approvals = () => count("promise_approval");
    await matrix(
      "POST approve (document under review)",
      form(`/app/haparanda/loften/${docs.review}`, { intent: "approve" }),
      row("login", 403, 403, 200, 200, 403, 403, 403),
      approvals,
    );
    const sides = await app.open.db
      .selectFrom("promise_approval")
      .select("side")
      .where("document_id", "=", docs.review)
      .orderBy("side")
      .execute();
    expect(sides.map((s) => s.side)).toEqual(["kommun", "polis"]);
  });

  it("follow-up: the kommun's people read; editors log entries; analysts and editors add outcome indicators", async () => {
    const base = `/app/haparanda/loften/${docs.published}`;
    const readers = row("login", 200, 200, 200, 200, 200, 403, 403);
    await matrix("GET /app/haparanda/uppfoljning", page("/app/haparanda/uppfoljning"), readers);
    await matrix("GET .../uppfoljning", page(`${base}/uppfoljning`), readers);
    await matrix("GET .../uppfoljning/rapport", page(`${base}/uppfoljning/rapport`), readers);
    await matrix("GET .../uppfoljning/rapport.csv", page(`${base}/uppfoljning/rapport.csv`), readers);
    await matrix("GET .../indikatorer", page(`${base}/indikatorer`), readers);
    await matrix(
      "GET Haparanda's follow-up under Kalix's path",
      page(`/app/kalix/loften/${docs.published}/uppfoljning`),
      row("login", 403, 403, 404, 403, 404, 404, 403),
    );
    const promise = await app.open.db
      .selectFrom("promise as p")
      .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
      .select("p.id")
      .where("f.document_id", "=", docs.published)
      .orderBy("p.id")
      .executeTakeFirstOrThrow();
    const rows = (table: "follow_up_entry" | "outcome_indicator") => async () =>
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(app.open.db)).rows[0]!.n;
    const saved: Expect = `->${base}/uppfoljning?klart=sparad#promise-${promise.id}`;
    await matrix(
      "POST .../uppfoljning (log an entry)",
      form(`${base}/uppfoljning`, {
        intent: "add",
        promiseId: String(promise.id),
        doneOn: "2022-06-01",
        quantity: "1",
      }),
      row("login", 403, 403, saved, saved, saved, 403, 403),
      rows("follow_up_entry"),
    );
    // Bad input on purpose: who gets through to validation (422) creates nothing either way.
    await matrix(
      "POST .../indikatorer (add an outcome indicator)",
      form(`${base}/indikatorer`, {
        intent: "create",
        focusAreaId: "0",
        surveySlug: "nosuch",
        question: "x",
        direction: "decrease",
      }),
      row("login", 403, 422, 422, 422, 422, 403, 403),
      rows("outcome_indicator"),
    );
  });

  it("GET /api/v1/surveys and /api/v1/surveys/:slug: open ones for all; drafts and closed ones only for the kommun's analysts", async () => {
    await matrix("GET /api/v1/surveys", api("/api/v1/surveys"), all(200));
    const listed = ((await (await fetch(`${app.url}/api/v1/surveys`)).json()) as { slug: string }[])
      .map((x) => x.slug)
      .sort();
    expect(listed).toEqual([sv.hpOpen, sv.hpStatus, sv.kxOpen].sort());
    await matrix("GET open", api(`/api/v1/surveys/${sv.hpOpen}`), all(200));
    await matrix(
      "GET Haparanda draft",
      api(`/api/v1/surveys/${sv.hpDraft}`),
      row(404, 404, 200, 404, 404, 200, 404, 404),
    );
    await matrix(
      "GET Haparanda closed",
      api(`/api/v1/surveys/${sv.hpClosed}`),
      row(410, 410, 200, 410, 410, 200, 410, 410),
    );
    await matrix("GET Kalix draft", api(`/api/v1/surveys/${sv.kxDraft}`), row(404, 404, 404, 404, 404, 200, 200, 404));
    await matrix("GET unknown", api("/api/v1/surveys/nosuch-2099"), all(404));
    await matrix(
      "GET with a revoked or made-up token",
      (a) => api(`/api/v1/surveys/${sv.hpDraft}`)({ ...a, token: a.token ? "td_made-up" : null }),
      row(404, 401, 401, 401, 401, 401, 401, 401),
    );
  });

  it("POST /api/v1/surveys/:slug/responses: web answers from anyone; paper and phone only from the kommun's analysts", async () => {
    const submit = (channel: string) => (a: Actor) =>
      api(`/api/v1/surveys/${sv.hpOpen}/responses`, {
        method: "POST",
        body: JSON.stringify({ id: crypto.randomUUID(), data: answer, channel }),
      })(a);
    await matrix("web", submit("web"), all(201));
    await matrix("paper", submit("paper"), row(401, 403, 201, 403, 403, 201, 403, 403), () => count("response"));
    await matrix("phone", submit("phone"), row(401, 403, 201, 403, 403, 201, 403, 403), () => count("response"));
  });

  it("POST /api/v1/surveys and /api/v1/surveys/:slug/status: analyst and admin of the kommun only", async () => {
    const create = (kommun: string, period: string) => (a: Actor) =>
      api("/api/v1/surveys", {
        method: "POST",
        body: JSON.stringify({ kommun, period, kind: "medborgarenkat", title: "Via API", definition }),
      })(a);
    await matrix("create in Haparanda", create("haparanda", "2032"), row(401, 403, 201, 403, 403, 201, 403, 403), () =>
      count("survey"),
    );
    await matrix("create in Kalix", create("kalix", "2032"), row(401, 403, 403, 403, 403, 201, 201, 403), () =>
      count("survey"),
    );
    const status = (slug: string, s: string) => (a: Actor) =>
      api(`/api/v1/surveys/${slug}/status`, { method: "POST", body: JSON.stringify({ status: s }) })(a);
    await matrix(
      "close a Haparanda survey",
      status(sv.hpStatus, "closed"),
      row(401, 403, 200, 403, 403, 200, 403, 403),
      () => statusOf(sv.hpStatus),
    );
    expect(await statusOf(sv.hpStatus)).toBe("closed");
    await matrix("open a Kalix draft", status(sv.kxDraft, "open"), row(401, 403, 403, 403, 403, 200, 200, 403), () =>
      statusOf(sv.kxDraft),
    );
    // Without credentials the answer is 401 whatever the slug, so that drafts cannot be told from unknown slugs.
    await matrix(
      "status of an unknown survey",
      status("nosuch-2099", "open"),
      row(401, 404, 404, 404, 404, 404, 404, 404),
    );
  });
});

describe(`sessions and CSRF on ${testEngine()}`, () => {
  async function signedIn(role: Exclude<RoleName, "anonymous">) {
    const b = new Browser(app.url);
    await b.login(actors[role].email!, PASSWORD);
    return b;
  }
  const sessionRow = (b: Browser) =>
    app.open.db
      .selectFrom("session")
      .select(["id_hash", "expires_at"])
      .where("id_hash", "=", sha256(b.cookies.get("td_session") ?? ""))
      .executeTakeFirst();

  it("POST /logga-in and POST /logga-ut for every role (each in a fresh browser)", async () => {
    const fresh = new Map<RoleName, Browser>();
    await matrix(
      "POST /logga-in (anonymous: a wrong password)",
      async (a) => {
        const b = new Browser(app.url);
        fresh.set(a.role, b);
        return b.post("/logga-in", {
          email: a.email ?? "nobody@access.example",
          password: a.email ? PASSWORD : "wrong-password",
          next: "/app",
        });
      },
      row(401, "->/app", "->/app", "->/app", "->/app", "->/app", "->/app", "->/app"),
    );
    await matrix("POST /logga-ut", (a) => fresh.get(a.role)!.post("/logga-ut", {}), all("->/"));
    for (const [role, b] of fresh)
      expect((await b.fetch("/app")).headers.get("location") ?? "", role).toMatch(/^\/logga-in\?next=/);
  });

  it("signs out: only with the CSRF token; the cookie is cleared and the old session is dead everywhere", async () => {
    const b = await signedIn("analyst");
    const token = b.cookies.get("td_session")!;
    expect((await b.post("/logga-ut", {}, { csrf: false })).status).toBe(403);
    expect((await b.fetch("/app")).status).toBe(200);
    const out = await b.post("/logga-ut", {});
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/");
    expect(out.headers.getSetCookie().find((c) => c.startsWith("td_session="))).toMatch(/Max-Age=0/i);
    expect(b.cookies.has("td_session")).toBe(false);
    expect(
      await app.open.db.selectFrom("session").select("id_hash").where("id_hash", "=", sha256(token)).executeTakeFirst(),
    ).toBeUndefined();
    b.cookies.set("td_session", token);
    expect((await b.fetch("/app")).headers.get("location")).toMatch(/^\/logga-in\?next=/);
    expect((await b.fetch(`/app/haparanda/enkater/${sv.hpOpen}`)).status).toBe(302);
    expect((await b.post(`/app/haparanda/enkater/${sv.hpOpen}`, { intent: "codes", count: "1" })).status).toBe(302);
    // With the dead cookie the API treats the caller as the public.
    expect((await b.fetch(`/api/v1/surveys/${sv.hpDraft}`)).status).toBe(404);
  });

  it("expires: a session past its time is refused on the next request and deleted", async () => {
    const b = await signedIn("analyst");
    expect((await b.fetch(`/api/v1/surveys/${sv.hpDraft}`)).status).toBe(200);
    const before = await count("access_code");
    await sql`update session set expires_at = now() - interval '1 minute' where id_hash = ${sha256(b.cookies.get("td_session")!)}`.execute(
      app.open.db,
    );
    expect((await b.fetch("/app")).headers.get("location")).toMatch(/^\/logga-in\?next=/);
    expect(await sessionRow(b)).toBeUndefined();
    expect(
      (await b.post(`/app/haparanda/enkater/${sv.hpOpen}`, { intent: "codes", count: "1" })).headers.get("location"),
    ).toMatch(/^\/logga-in/);
    expect((await b.fetch(`/api/v1/surveys/${sv.hpDraft}`)).status).toBe(404);
    expect(await count("access_code")).toBe(before);
  });

  it("follows the account: a disabled account and a removed role take effect on the next request", async () => {
    const viewer = await signedIn("viewer");
    expect((await viewer.fetch("/app/haparanda")).status).toBe(200);
    const account = await app.open.db
      .selectFrom("account")
      .select("id")
      .where("email", "=", actors.viewer.email!)
      .executeTakeFirstOrThrow();
    await app.open.db.deleteFrom("membership").where("account_id", "=", account.id).execute();
    expect((await viewer.fetch("/app/haparanda")).status).toBe(403);
    await app.open.db.updateTable("account").set({ disabled_at: new Date() }).where("id", "=", account.id).execute();
    expect((await viewer.fetch("/app")).status).toBe(302);
    expect(
      (
        await fetch(`${app.url}/app`, {
          headers: { authorization: `Bearer ${actors.viewer.token}` },
          redirect: "manual",
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await fetch(`${app.url}/api/v1/surveys/${sv.hpDraft}`, {
          headers: { authorization: `Bearer ${actors.viewer.token}` },
        })
      ).status,
    ).toBe(401);
  });

  it("refuses every state-changing browser request without the CSRF token (403) and changes nothing", async () => {
    const analyst = await signedIn("analyst");
    const anon = new Browser(app.url);
    await anon.fetch("/");
    const snapshot = async () => ({
      surveys: await count("survey"),
      versions: await count("survey_version"),
      codes: await count("access_code"),
      tokens: await count("api_token"),
      responses: await count("response"),
      sessions: (await sql<{ n: number }>`select count(*)::int as n from session`.execute(app.open.db)).rows[0]!.n,
      draft: await definitionOf(sv.hpDraft),
      open: await app.open.db
        .selectFrom("survey")
        .select(["status", "opens_at", "closes_at", "settings"])
        .where("slug", "=", sv.hpOpen)
        .executeTakeFirstOrThrow(),
      password: (
        await app.open.db
          .selectFrom("account")
          .select("password_hash")
          .where("email", "=", actors.analyst.email!)
          .executeTakeFirstOrThrow()
      ).password_hash,
    });
    const hp = `/app/haparanda/enkater/${sv.hpOpen}`;
    const bygg = `/app/haparanda/enkater/${sv.hpDraft}/bygg`;
    const tokenId = (await app.open.db.selectFrom("api_token").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
    const forms: [string, string, Record<string, string>][] = [
      ["/konto token", "/konto", { intent: "token", label: "csrf" }],
      ["/konto password", "/konto", { intent: "password", current: PASSWORD, next: "a-new-password-123" }],
      ["/konto revoke", "/konto", { intent: "revoke", tokenId: String(tokenId) }],
      ["survey status", hp, { intent: "status", status: "closed" }],
      ["survey schedule", hp, { intent: "schedule", opensAt: "2030-01-01", closesAt: "2030-02-01" }],
      ["survey codes", hp, { intent: "codes", count: "5" }],
      ["survey requireCode", hp, { intent: "requireCode", requireCode: "on" }],
      [
        "new survey",
        "/app/haparanda/enkater/ny",
        { title: "CSRF", period: "2033", kind: "medborgarenkat", areas: "Haparanda" },
      ],
      ["builder move", bygg, { intent: "move", name: "worry_crime", direction: "up" }],
      ["builder remove", bygg, { intent: "remove", name: "worry_crime" }],
      ["builder required", bygg, { intent: "required", name: "worry_crime", required: "true" }],
      ["builder addBank", bygg, { intent: "addBank", bankName: "housing" }],
      ["builder addCustom", bygg, { intent: "addCustom", type: "comment", name: "csrf_q", title_sv: "CSRF?" }],
      ["builder texts", bygg, { intent: "texts", name: "worry_crime", title_sv: "Ändrad", title_en: "", title_fi: "" }],
      ["builder areas", bygg, { intent: "areas", areas: "Haparanda\nCSRF-by" }],
      ["builder demographics", bygg, { intent: "demographics", area: "area", age_band: "", gender: "" }],
      [
        "builder import",
        bygg,
        {
          intent: "import",
          definition: JSON.stringify({ pages: [{ name: "p", elements: [{ type: "text", name: "x" }] }] }),
        },
      ],
      [
        "promise comment",
        `/app/haparanda/loften/${docs.draft}`,
        { intent: "comment", section: "inledning", body: "CSRF" },
      ],
      ["promise edit", `/app/haparanda/loften/${docs.draft}`, { intent: "addFocusArea", title: "CSRF" }],
      [
        "free-text code",
        `/app/haparanda/enkater/${ft.slug}/fritext`,
        { responseId: ft.responseId, question: "unsafe_places", theme: "youth", decision: "accept" },
      ],
      ["ranking weights", "/app/haparanda/rangordning", { intent: "save", w_citizen: "1" }],
    ];
    const before = await snapshot();
    const wrong: string[] = [];
    for (const [what, path, fields] of forms) {
      for (const [how, csrf] of [
        ["without a token", null],
        ["with a forged token", "x".repeat(32)],
      ] as const) {
        const res = await analyst.post(path, csrf ? { ...fields, csrf } : fields, { csrf: false });
        if (res.status !== 403) wrong.push(`${what} ${how}: ${res.status}`);
        // The same through Remix's single-fetch endpoint, as the page's own script posts it.
        const data = await analyst.post(`${path}.data`, csrf ? { ...fields, csrf } : fields, { csrf: false });
        if (data.status !== 403) wrong.push(`${what} ${how} (.data): ${data.status}`);
      }
    }
    for (const [what, path] of [
      ["CSV import", `${hp}/import`],
      ["rejected-rows report", `${hp}/import/rapport.csv`],
    ] as const) {
      const res = await analyst.fetch(path, {
        method: "POST",
        body: await csvForm(
          analyst,
          { intent: "import", "col.0": "area", "col.1": "safe_night_area" },
          { csrf: false },
        ),
      });
      if (res.status !== 403) wrong.push(`${what}: ${res.status}`);
    }
    // Sign-out and sign-in forms too (sign-in CSRF would let another site sign a victim into its account).
    if ((await analyst.post("/logga-ut", {}, { csrf: false })).status !== 403) wrong.push("sign-out");
    if (
      (await anon.post("/logga-in", { email: actors.analyst.email!, password: PASSWORD }, { csrf: false })).status !==
      403
    )
      wrong.push("sign-in");
    // The API with the session cookie needs the X-CSRF-Token header; with a Bearer token it does not.
    const cookieApi = (path: string, body: unknown, header?: string) =>
      analyst.fetch(path, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json", ...(header ? { "x-csrf-token": header } : {}) },
      });
    const apiCases: [string, string, unknown][] = [
      [
        "API create",
        "/api/v1/surveys",
        { kommun: "haparanda", period: "2034", kind: "medborgarenkat", title: "CSRF", definition },
      ],
      ["API status", `/api/v1/surveys/${sv.hpOpen}/status`, { status: "closed" }],
      [
        "API paper answer",
        `/api/v1/surveys/${sv.hpOpen}/responses`,
        { id: crypto.randomUUID(), data: answer, channel: "paper" },
      ],
    ];
    for (const [what, path, body] of apiCases) {
      for (const header of [undefined, "x".repeat(32)]) {
        const res = await cookieApi(path, body, header);
        if (res.status !== 403)
          wrong.push(`${what} ${header ? "with a forged header" : "without the header"}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
    // Positive controls: the same requests with the token do go through.
    expect((await analyst.post(hp, { intent: "codes", count: "1" })).status).toBe(200);
    const paper = await cookieApi(
      `/api/v1/surveys/${sv.hpOpen}/responses`,
      { id: crypto.randomUUID(), data: answer, channel: "paper" },
      await analyst.csrf(),
    );
    expect(paper.status).toBe(201);
  });
});
