// The per-address limit on public submissions (docs/api.md, status 429): past SUBMIT_RATE_LIMIT a minute, one address gets
// 429 with Retry-After and nothing is stored; staff entering paper answers are not limited; the address is
// kept only as a keyed hash whose key is not in the database (what a dump can join is tested in
// anonymity.test.ts). (Sign-in throttling is tested in foundation.test.ts.)
//
// The app reads SUBMIT_RATE_LIMIT once, at first use, from this process's environment (the in-process app of
// startApp): it must be set before the first request, which is why this is a file of its own.
const previousLimit = process.env.SUBMIT_RATE_LIMIT;
process.env.SUBMIT_RATE_LIMIT = "5";

import crypto from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { createAccount, createApiToken } from "../../app/features/accounts/accounts.server";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

let app: TestApp;
let slug: string;
let analystToken: string;
const definition = {
  pages: [
    { name: "p1", elements: [{ type: "radiogroup", name: "feel", isRequired: true, choices: ["safe", "unsafe"] }] },
  ],
};

const submit = (id: string, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) =>
  fetch(`${app.url}/api/v1/surveys/${slug}/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ id, data: { feel: "safe" }, ...extra }),
  });
const stored = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from response`.execute(app.open.db)).rows[0]!.n;

beforeAll(async () => {
  app = await startApp();
  const db = app.open.db;
  await seedDemo({ db, withSurveys: false });
  const pajala = await getOrganisationBySlug({ db, slug: "pajala" });
  const s = await createSurvey({
    db,
    kommunId: pajala.id,
    kommunSlug: "pajala",
    period: "2026",
    kind: "medborgarenkat",
    title: "Gräns",
    definition,
  });
  await setSurveyStatus({ db, surveyId: s.id, status: "open" });
  slug = s.slug;
  const a = await createAccount({
    db,
    email: "rate-analyst@pajala.example",
    role: "analyst",
    organisationId: pajala.id,
  });
  analystToken = await createApiToken({ db, accountId: a.accountId, label: "t" });
});
afterAll(async () => {
  await app?.close();
  // Should a worker process run another file after this one, it must not inherit the tiny limit.
  if (previousLimit === undefined) delete process.env.SUBMIT_RATE_LIMIT;
  else process.env.SUBMIT_RATE_LIMIT = previousLimit;
});

describe(`submission rate limit on ${testEngine()}`, () => {
  it("refuses the 6th web submission in a minute from one address with 429 and Retry-After, and stores nothing", async () => {
    // The limit counts per calendar minute: start early in one, so that all six fall in the same window.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 200));

    const ids = Array.from({ length: 6 }, () => crypto.randomUUID());
    for (const id of ids.slice(0, 5)) expect((await submit(id)).status).toBe(201);
    expect(await stored()).toBe(5);

    // A client-sent address header is overwritten by the server, so it cannot buy a fresh allowance.
    const sixth = await submit(ids[5]!, { "x-td-client-address": "10.9.8.7", "x-forwarded-for": "10.9.8.7" });
    expect(sixth.status).toBe(429);
    const retryAfter = Number(sixth.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    const body = (await sixth.json()) as { error: string };
    expect(body.error).toMatch(/vänta/i);
    expect(await stored()).toBe(5);
    expect(
      await app.open.db.selectFrom("response").select("id").where("id", "=", ids[5]!).executeTakeFirst(),
    ).toBeUndefined();

    // Still limited: a retry of an already stored answer waits like everything else, and stores nothing new.
    expect((await submit(ids[0]!)).status).toBe(429);
    expect(await stored()).toBe(5);
  });

  it("does not limit staff entering paper answers, and keeps the address only as a keyed hash, with its day", async () => {
    const res = await submit(crypto.randomUUID(), { authorization: `Bearer ${analystToken}` }, { channel: "paper" });
    expect(res.status).toBe(201);
    const keys = await app.open.db.selectFrom("rate_counter").select("key").execute();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => !k.key.includes("127.0.0.1") && !k.key.includes("10.9.8.7"))).toBe(true);
    // No minute, no salt: the counter's only time is its day, and the day's key lives outside the database.
    const counterCols = await sql<{
      column_name: string;
    }>`select column_name from information_schema.columns where table_name = 'rate_counter' order by 1`.execute(
      app.open.db,
    );
    expect(counterCols.rows.map((c) => c.column_name)).toEqual(["count", "day", "key"]);
    const salt = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_name = 'daily_salt'`.execute(app.open.db);
    expect(salt.rows[0]!.n).toBe(0);
    const cols = await sql<{
      column_name: string;
    }>`select column_name from information_schema.columns where table_name = 'response'`.execute(app.open.db);
    expect(cols.rows.map((c) => c.column_name)).not.toContain("address");
  });

  it("keeps serving everything else while an address is limited", async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/v1/surveys/${slug}`)).status).toBe(200);
  });
});
