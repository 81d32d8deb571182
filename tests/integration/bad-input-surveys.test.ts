// Bad input at the public submission API (docs/api.md) that is about the survey: SQL-looking slugs and ids, closed
// and draft surveys, a reused answer id, one-time codes and other methods; none answered with a 5xx, and the app
// keeps serving.
import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { testEngine } from "../support/test-db";
import {
  app,
  valid,
  s,
  codes,
  seen,
  post,
  envelope,
  allRefused,
  setUpBadInputFixture,
} from "../support/bad-input-fixture";

setUpBadInputFixture();

describe(`bad input at POST /api/v1/surveys/:slug/responses on ${testEngine()}`, () => {
  it("refuses SQL-looking slugs and ids with 404 or 422 and changes nothing", async () => {
    const data = valid[7];
    await allRefused([
      ["slug with a quote", () => post("pajala-2026' OR '1'='1", envelope(data)), 404],
      ["slug with a comment", () => post("x'; DROP TABLE response; --", envelope(data)), 404],
      ["slug with a wildcard", () => post("pajala-%", envelope(data)), 404],
      ["slug of 5,000 characters", () => post("x".repeat(5000), envelope(data)), 404],
      [
        "id as SQL",
        () => post(s.open, { id: "00000000-0000-0000-0000-000000000000' OR '1'='1", data }),
        422,
        { field: ["id"] },
      ],
    ]);
  });

  it("refuses answers to a closed survey (410) and to a draft (404)", async () => {
    await allRefused([
      ["closed", () => post(s.closed, envelope(valid[8])), 410],
      ["closed, invalid data", () => post(s.closed, envelope({ nosuch: 1 })), 410],
      ["draft", () => post(s.draft, envelope(valid[8])), 404],
      ["unknown", () => post("nosuch-2026", envelope(valid[8])), 404],
    ]);
  });

  it("refuses a reused id with other data (409), also from another survey", async () => {
    const e = envelope(valid[9]);
    expect((await post(s.open, e)).status).toBe(201);
    await allRefused([
      ["same id, other data", () => post(s.open, { ...e, data: valid[10] }), 409],
      ["same id, same data, other survey", () => post(s.other, e), 409],
    ]);
    expect((await post(s.open, e)).status).toBe(200);
  });

  it("lets a one-time code work once; a replayed, unknown or missing code gets 403 and changes nothing", async () => {
    const first = envelope(valid[11], { code: codes[0]!.toLowerCase().replace("-", " ") });
    expect((await post(s.coded, first)).status).toBe(201);
    await allRefused([
      ["the same code again, new id", () => post(s.coded, envelope(valid[12], { code: codes[0] })), 403],
      ["the same code again, same data, new id", () => post(s.coded, { ...first, id: crypto.randomUUID() }), 403],
      ["no code", () => post(s.coded, envelope(valid[12])), 403],
      ["empty code", () => post(s.coded, envelope(valid[12], { code: "" })), 403],
      ["an unknown code", () => post(s.coded, envelope(valid[12], { code: "AAAAA-AAAAA" })), 403],
      ["a code as SQL", () => post(s.coded, envelope(valid[12], { code: "' OR used = false --" })), 403],
      ["the same id with other data", () => post(s.coded, { ...first, data: valid[12], code: codes[1] }), 409],
    ]);
    // A retry of the stored answer is acknowledged without spending a code; the unused codes still work once.
    expect((await post(s.coded, first)).status).toBe(200);
    expect((await post(s.coded, envelope(valid[13], { code: codes[1] }))).status).toBe(201);
    const left = await app.open.db
      .selectFrom("access_code")
      .select("code_hash")
      .where("survey_id", "=", s.codedId)
      .execute();
    expect(left).toHaveLength(codes.length - 2);
  });

  it("answers 405 to other methods", async () => {
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const res = await fetch(`${app.url}/api/v1/surveys/${s.open}/responses`, {
        method,
        headers: { "content-type": "application/json" },
        body: method === "GET" ? undefined : "{}",
      });
      seen.push({ status: res.status, what: method });
      expect(res.status, method).toBe(405);
    }
  });

  it("never answered with a 5xx, and keeps serving", async () => {
    expect(seen.filter((x) => x.status >= 500)).toEqual([]);
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect((await post(s.open, envelope(valid[14]))).status).toBe(201);
  });
});
