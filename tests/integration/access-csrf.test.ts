// CSRF on every state-changing browser request of the app, for the roles of docs/roles.md: without the token,
// 403 and nothing changed.
//
// Roles (Haparanda is the kommun under test; it lies in LPO Östra Norrbotten, in Polisregion Nord): see
// tests/support/access-fixture.ts.
import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { sql } from "kysely";
import { Browser } from "../support/app-server";
import { testEngine } from "../support/test-db";
import {
  PASSWORD,
  app,
  actors,
  sv,
  docs,
  ft,
  definition,
  answer,
  count,
  definitionOf,
  csvForm,
  addFreeTextSurvey,
  setUpAccessFixture,
  signedIn,
} from "../support/access-fixture";

setUpAccessFixture();

describe(`sessions and CSRF on ${testEngine()}`, () => {
  it("refuses every state-changing browser request without the CSRF token (403) and changes nothing", async () => {
    // The free-text rows need the survey the role matrix adds in its free-text test.
    await addFreeTextSurvey();
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
