import crypto from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { createAccount, createApiToken } from "../../app/features/accounts/accounts.server";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";
import { rowCount } from "../support/rows";

let app: TestApp;
let analystToken: string;
let otherKommunToken: string;
let viewerToken: string;

// A small definition we wrote for this test, not the question bank: the API must work for any definition.
const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "radiogroup", name: "feel", isRequired: true, choices: ["safe", "unsafe", "dont_know"] },
        {
          type: "checkbox",
          name: "where",
          choices: ["park", "station", "school"],
          maxSelectedChoices: 2,
          visibleIf: "{feel} = 'unsafe'",
        },
        { type: "rating", name: "score", rateMin: 0, rateMax: 10 },
        { type: "comment", name: "why", maxLength: 500 },
        { type: "matrix", name: "prob", columns: ["1", "2", "3", "4"], rows: ["litter", "speed"] },
        {
          type: "dropdown",
          name: "area",
          choices: [
            { value: "centrum", text: "Centrum" },
            { value: "by", text: "Byn" },
          ],
        },
      ],
    },
  ],
};

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const count = (table: "response" | "survey") => rowCount(app.open.db, table);

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
  const db = app.open.db;
  const pajala = await getOrganisationBySlug({ db, slug: "pajala" });
  const kalix = await getOrganisationBySlug({ db, slug: "kalix" });
  const a = await createAccount({
    db,
    email: "api-analyst@pajala.example",
    role: "analyst",
    organisationId: pajala.id,
  });
  analystToken = await createApiToken({ db, accountId: a.accountId, label: "t" });
  const o = await createAccount({ db, email: "api-analyst@kalix.example", role: "analyst", organisationId: kalix.id });
  otherKommunToken = await createApiToken({ db, accountId: o.accountId, label: "t" });
  const v = await createAccount({ db, email: "api-viewer@pajala.example", role: "viewer", organisationId: pajala.id });
  viewerToken = await createApiToken({ db, accountId: v.accountId, label: "t" });
});
afterAll(async () => app?.close());

describe(`survey API on ${testEngine()}`, () => {
  let slug: string;

  it("refuses to create a survey without an analyst token of that kommun", async () => {
    const body = { kommun: "pajala", period: "2026", kind: "medborgarenkat", title: "Trygghetsenkät 2026", definition };
    expect((await post("/api/v1/surveys", body)).status).toBe(401);
    expect((await post("/api/v1/surveys", body, { authorization: `Bearer ${viewerToken}` })).status).toBe(403);
    expect((await post("/api/v1/surveys", body, { authorization: `Bearer ${otherKommunToken}` })).status).toBe(403);
    expect((await post("/api/v1/surveys", body, { authorization: "Bearer td_not-a-token" })).status).toBe(401);
    expect(await count("survey")).toBe(0);
  });

  it("rejects an unsupported definition with a clear report", async () => {
    const bad = {
      pages: [
        {
          elements: [
            { type: "file", name: "upload" },
            { type: "radiogroup", name: "x", choices: ["a", "a"] },
          ],
        },
      ],
    };
    const res = await post(
      "/api/v1/surveys",
      { kommun: "pajala", period: "2026", kind: "medborgarenkat", title: "X", definition: bad },
      { authorization: `Bearer ${analystToken}` },
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors.length).toBeGreaterThanOrEqual(2);
    expect(body.errors.map((e) => e.message).join(" ")).toMatch(/file/);
    expect(await count("survey")).toBe(0);
  });

  it("creates a draft, which is not public until opened", async () => {
    const res = await post(
      "/api/v1/surveys",
      { kommun: "pajala", period: "2026", kind: "medborgarenkat", title: "Trygghetsenkät 2026", definition },
      { authorization: `Bearer ${analystToken}` },
    );
    expect(res.status).toBe(201);
    slug = ((await res.json()) as { slug: string }).slug;
    expect(slug).toBe("pajala-2026");
    expect((await fetch(`${app.url}/api/v1/surveys/${slug}`)).status).toBe(404);
    expect(((await (await fetch(`${app.url}/api/v1/surveys`)).json()) as unknown[]).length).toBe(0);
    const early = await post(`/api/v1/surveys/${slug}/responses`, { id: crypto.randomUUID(), data: { feel: "safe" } });
    expect(early.status).toBe(404);
  });

  it("opens it; lists it; serves its definition with version and locales", async () => {
    expect((await post(`/api/v1/surveys/${slug}/status`, { status: "open" })).status).toBe(401);
    expect(
      (await post(`/api/v1/surveys/${slug}/status`, { status: "maybe" }, { authorization: `Bearer ${analystToken}` }))
        .status,
    ).toBe(422);
    const res = await post(
      `/api/v1/surveys/${slug}/status`,
      { status: "open" },
      { authorization: `Bearer ${analystToken}` },
    );
    expect(res.status).toBe(200);
    const list = (await (await fetch(`${app.url}/api/v1/surveys`)).json()) as Record<string, unknown>[];
    expect(list).toEqual([
      { slug, kind: "medborgarenkat", kommun: "pajala", period: "2026", status: "open", title: "Trygghetsenkät 2026" },
    ]);
    const one = (await (await fetch(`${app.url}/api/v1/surveys/${slug}`)).json()) as Record<string, unknown>;
    expect(one).toMatchObject({
      slug,
      kind: "medborgarenkat",
      status: "open",
      kommun: "pajala",
      period: "2026",
      version: 1,
      locales: ["sv"],
    });
    expect(one.definition).toEqual(definition);
    expect((await fetch(`${app.url}/api/v1/surveys/nope-9999`)).status).toBe(404);
  });

  it("stores a valid answer once: 201, then 200 for the same id and data, 409 for other data", async () => {
    const id = crypto.randomUUID();
    const data = { feel: "unsafe", where: ["park"], score: 7, why: "Mörkt", prob: { litter: "3" }, area: "centrum" };
    const first = await post(`/api/v1/surveys/${slug}/responses`, { id, data, locale: "sv", channel: "web" });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id });
    // The same answer with keys in another order is the same answer.
    const again = await post(`/api/v1/surveys/${slug}/responses`, {
      id,
      data: Object.fromEntries(Object.entries(data).reverse()),
      locale: "sv",
      channel: "web",
    });
    expect(again.status).toBe(200);
    const other = await post(`/api/v1/surveys/${slug}/responses`, {
      id,
      data: { ...data, score: 8 },
      locale: "sv",
      channel: "web",
    });
    expect(other.status).toBe(409);
    const rows = await app.open.db.selectFrom("response").selectAll().where("id", "=", id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data).toEqual(data);
    expect(rows[0]!.area).toBe("centrum");
    expect(rows[0]!.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows[0]!.codes.length).toBe(5); // feel, where:park, score, prob.litter, area
  });

  it("stores nothing that identifies the respondent", async () => {
    const cols = await sql<{
      column_name: string;
    }>`select column_name from information_schema.columns where table_name = 'response'`.execute(app.open.db);
    const names = cols.rows.map((r) => r.column_name);
    for (const forbidden of ["ip", "address", "user_agent", "account_id", "session", "created_at", "code_hash"])
      expect(names).not.toContain(forbidden);
  });

  it("answers 422 with one message per question and stores nothing for invalid answers", async () => {
    const before = await count("response");
    const cases: [unknown, string[]][] = [
      [{}, ["feel"]],
      [{ feel: "maybe" }, ["feel"]],
      [{ feel: "safe", where: ["park"] }, ["where"]], // hidden unless unsafe
      [{ feel: "unsafe", where: ["park", "station", "school"] }, ["where"]],
      [{ feel: "safe", score: 42 }, ["score"]],
      [{ feel: "safe", score: "7" }, ["score"]],
      [{ feel: "safe", prob: { litter: "9" } }, ["prob"]],
      [{ feel: "safe", nosuch: 1 }, ["nosuch"]],
      [{ feel: "safe", why: "x".repeat(501) }, ["why"]],
    ];
    for (const [data, questions] of cases) {
      const res = await post(`/api/v1/surveys/${slug}/responses`, { id: crypto.randomUUID(), data, locale: "en" });
      expect(res.status, JSON.stringify(data)).toBe(422);
      const body = (await res.json()) as { errors: { question: string; message: string }[] };
      expect(body.errors.map((e) => e.question).sort(), JSON.stringify(data)).toEqual(questions);
      expect(body.errors.every((e) => e.message.length > 0)).toBe(true);
    }
    expect(await count("response")).toBe(before);
  });

  it("answers 415 for non-JSON, 400 for malformed JSON, 413 for a body over 64 KiB, 422 for a bad envelope", async () => {
    const url = `${app.url}/api/v1/surveys/${slug}/responses`;
    expect((await fetch(url, { method: "POST", headers: { "content-type": "text/plain" }, body: "hej" })).status).toBe(
      415,
    );
    expect(
      (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" })).status,
    ).toBe(400);
    const big = JSON.stringify({ id: crypto.randomUUID(), data: { feel: "safe", why: "x".repeat(70 * 1024) } });
    expect(
      (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: big })).status,
    ).toBe(413);
    expect((await post(`/api/v1/surveys/${slug}/responses`, { id: "not-a-uuid", data: { feel: "safe" } })).status).toBe(
      422,
    );
    expect((await post(`/api/v1/surveys/${slug}/responses`, [1, 2])).status).toBe(422);
    // Paper and phone entry needs an analyst.
    expect(
      (
        await post(`/api/v1/surveys/${slug}/responses`, {
          id: crypto.randomUUID(),
          data: { feel: "safe" },
          channel: "paper",
        })
      ).status,
    ).toBe(401);
  });

  it("says what is wrong in Swedish from the message catalogue, in the same envelope and statuses", async () => {
    const url = `${app.url}/api/v1/surveys/${slug}/responses`;
    const plain = await fetch(url, { method: "POST", headers: { "content-type": "text/plain" }, body: "hej" });
    expect([plain.status, await plain.json()]).toEqual([
      415,
      { error: "Skicka svaret som JSON (Content-Type: application/json)" },
    ]);
    const auth = { authorization: `Bearer ${analystToken}` };
    const status = await post(`/api/v1/surveys/${slug}/status`, { status: "paused" }, auth);
    expect([status.status, await status.json()]).toEqual([
      422,
      {
        error: "Uppgifterna behöver rättas",
        errors: [{ field: "status", message: 'status ska vara "open" eller "closed"' }],
      },
    ]);
    const where = new URLSearchParams([
      ...Array.from({ length: 51 }, () => ["where", "feel:safe"]),
      ["channel", "x".repeat(21)],
    ]);
    const results = await fetch(`${app.url}/api/v1/surveys/${slug}/results?${where}`, { headers: auth });
    expect([results.status, await results.json()]).toEqual([
      422,
      {
        error: "Filtren behöver rättas",
        errors: [
          { field: "where", message: "Högst 50 where-filter" },
          { field: "channel.0", message: "Högst 20 tecken" },
        ],
      },
    ]);
    expect((await fetch(url)).status).toBe(405);
    expect(await (await fetch(url)).json()).toEqual({ error: "Använd POST" });
  });

  it("lets an analyst enter a paper answer, marked with its channel", async () => {
    const id = crypto.randomUUID();
    const res = await post(
      `/api/v1/surveys/${slug}/responses`,
      { id, data: { feel: "safe" }, channel: "paper" },
      { authorization: `Bearer ${analystToken}` },
    );
    expect(res.status).toBe(201);
    const row = await app.open.db
      .selectFrom("response")
      .select("channel")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.channel).toBe("paper");
  });

  it("closes: 410 for GET and POST, but a retry of an answer stored before closing is still acknowledged", async () => {
    const id = crypto.randomUUID();
    const data = { feel: "safe" };
    expect((await post(`/api/v1/surveys/${slug}/responses`, { id, data })).status).toBe(201);
    expect(
      (await post(`/api/v1/surveys/${slug}/status`, { status: "closed" }, { authorization: `Bearer ${analystToken}` }))
        .status,
    ).toBe(200);
    expect((await fetch(`${app.url}/api/v1/surveys/${slug}`)).status).toBe(410);
    const before = await count("response");
    expect((await post(`/api/v1/surveys/${slug}/responses`, { id: crypto.randomUUID(), data })).status).toBe(410);
    expect((await post(`/api/v1/surveys/${slug}/responses`, { id, data })).status).toBe(200);
    expect(await count("response")).toBe(before);
    expect(((await (await fetch(`${app.url}/api/v1/surveys`)).json()) as unknown[]).length).toBe(0);
  });

  it("stores each of many concurrent duplicate submissions exactly once", async () => {
    await post(`/api/v1/surveys/${slug}/status`, { status: "open" }, { authorization: `Bearer ${analystToken}` });
    const before = await count("response");
    const ids = Array.from({ length: 20 }, () => crypto.randomUUID());
    const sends = ids.flatMap((id) =>
      [0, 1, 2].map(() => post(`/api/v1/surveys/${slug}/responses`, { id, data: { feel: "safe", score: 3 } })),
    );
    const statuses = (await Promise.all(sends)).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(await count("response")).toBe(before + 20);
  });

  it("never serves a staff survey (medarbetardialog) publicly: answers come only through invitation links", async () => {
    const res = await post(
      "/api/v1/surveys",
      { kommun: "pajala", period: "2026", kind: "medarbetardialog", title: "Medarbetardialog 2026", definition },
      { authorization: `Bearer ${analystToken}` },
    );
    expect(res.status).toBe(201);
    const staffSlug = ((await res.json()) as { slug: string }).slug;
    expect(staffSlug).toBe("pajala-2026-personal");
    await post(`/api/v1/surveys/${staffSlug}/status`, { status: "open" }, { authorization: `Bearer ${analystToken}` });
    const before = await count("response");
    expect((await fetch(`${app.url}/api/v1/surveys/${staffSlug}`)).status).toBe(404);
    expect(
      (await post(`/api/v1/surveys/${staffSlug}/responses`, { id: crypto.randomUUID(), data: { feel: "safe" } }))
        .status,
    ).toBe(404);
    expect((await fetch(`${app.url}/e/${staffSlug}`)).status).toBe(404);
    const list = (await (await fetch(`${app.url}/api/v1/surveys`)).json()) as { slug: string }[];
    expect(list.map((s) => s.slug)).not.toContain(staffSlug);
    expect(await count("response")).toBe(before);
  });
});
