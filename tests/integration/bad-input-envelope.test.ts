// Bad input at the public submission API (docs/api.md): malformed JSON, bodies that are not JSON, an envelope of
// the wrong types and answers of the wrong type or to questions, choices and rows the survey does not have; each
// gets a 4xx with a clear message and changes nothing in the database.
import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { testEngine } from "../support/test-db";
import {
  valid,
  s,
  send,
  post,
  envelope,
  allRefused,
  refusedAnswers,
  setUpBadInputFixture,
} from "../support/bad-input-fixture";

setUpBadInputFixture();

describe(`bad input at POST /api/v1/surveys/:slug/responses on ${testEngine()}`, () => {
  it("accepts a valid synthetic answer (the baseline the refusals are measured against)", async () => {
    const res = await post(s.open, envelope(valid[0]));
    expect(res.status).toBe(201);
  });

  it("answers 400 to malformed JSON", async () => {
    const bodies = [
      "{not json",
      "",
      "{",
      '{"id": "x", "data": {}',
      "{'id': 1}",
      "NaN",
      "undefined",
      '{"a":1}x',
      "[1,2",
      '{"data": {"area": "pajala",}}',
      "\u0000",
      "\\",
    ];
    await allRefused(bodies.map((b) => [`body ${JSON.stringify(b)}`, () => send(s.open, b), 400]));
  });

  it("answers 415 to bodies that do not say they are JSON", async () => {
    const body = JSON.stringify(envelope(valid[1]));
    const types = [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "text/json",
      "application/jsonp",
      "application/xml",
    ];
    await allRefused([
      ...types.map((t): [string, () => Promise<Response>, number] => [
        t,
        () => send(s.open, body, { "content-type": t }),
        415,
      ]),
      ["no content type", () => send(s.open, new TextEncoder().encode(body), {}), 415],
    ]);
  });

  it("answers 422 naming the field when the envelope has wrong types", async () => {
    const data = valid[2];
    const id = crypto.randomUUID();
    await allRefused([
      ["id a number", () => post(s.open, { id: 42, data }), 422, { field: ["id"] }],
      ["id not a uuid", () => post(s.open, { id: "1; drop table response", data }), 422, { field: ["id"] }],
      ["id missing", () => post(s.open, { data }), 422, { field: ["id"] }],
      ["id with NUL", () => post(s.open, { id: `${id}\u0000`, data }), 422, { field: ["id"] }],
      ["data missing", () => post(s.open, { id }), 422, { field: ["data"] }],
      ["data an array", () => post(s.open, { id, data: [data] }), 422, { field: ["data"] }],
      ["data a string", () => post(s.open, { id, data: JSON.stringify(data) }), 422, { field: ["data"] }],
      ["data null", () => post(s.open, { id, data: null }), 422, { field: ["data"] }],
      ["locale unknown", () => post(s.open, { id, data, locale: "de" }), 422, { field: ["locale"] }],
      ["channel unknown", () => post(s.open, { id, data, channel: "fax" }), 422, { field: ["channel"] }],
      ["code a number", () => post(s.open, { id, data, code: 12345 }), 422, { field: ["code"] }],
      ["code too long", () => post(s.open, { id, data, code: "A".repeat(41) }), 422, { field: ["code"] }],
      ["body an array", () => post(s.open, [{ id, data }]), 422],
      ["body a string", () => post(s.open, "hello"), 422],
      ["body a number", () => post(s.open, 1), 422],
      ["body null", () => post(s.open, null), 422],
    ]);
  });

  it("answers 422 with one message per question for answers of the wrong type", async () => {
    const base = { area: "pajala" };
    await allRefused(
      refusedAnswers([
        [{ ...base, safe_night_area: 3 }, ["safe_night_area"]],
        [{ ...base, safe_night_area: ["very_safe"] }, ["safe_night_area"]],
        [{ ...base, safe_night_area: { value: "very_safe" } }, ["safe_night_area"]],
        [{ ...base, police_contact: "yes" }, ["police_contact"]],
        [{ ...base, police_contact: 1 }, ["police_contact"]],
        [{ ...base, victim_12m: "theft" }, ["victim_12m"]],
        [{ ...base, problems: "litter" }, ["problems"]],
        [{ ...base, problems: ["2"] }, ["problems"]],
        [{ ...base, problems: { litter: ["2"] } }, ["problems"]],
        [{ ...base, suggestions: 42 }, ["suggestions"]],
        [{ ...base, suggestions: { text: "hej" } }, ["suggestions"]],
        [{ area: 7 }, ["area"]],
        [{ area: true }, ["area"]],
        [{ ...base, priorities: "police_presence" }, ["priorities"]],
        [
          { ...base, safe_night_area: 3, police_contact: "yes", suggestions: 42 },
          ["safe_night_area", "police_contact", "suggestions"],
        ],
      ]),
    );
  });

  it("answers 422 to questions the survey does not have, including names that exist on every JS object", async () => {
    const base = valid[3]!;
    const names = [
      "nosuch",
      "Area",
      "area ",
      "área",
      "__proto__",
      "constructor",
      "toString",
      "hasOwnProperty",
      "problems.litter",
      "",
      "area; drop table response",
    ];
    await allRefused([
      ...names.map((n): [string, () => Promise<Response>, number, { question: string[] }] => [
        `unknown ${JSON.stringify(n)}`,
        // Built as text: an object literal with "__proto__" would set the prototype instead of a key.
        () =>
          send(
            s.open,
            `{"id":"${crypto.randomUUID()}","data":{${JSON.stringify(n)}:"x",${JSON.stringify(base).slice(1, -1)}}}`,
          ),
        422,
        { question: [n] },
      ]),
      [
        "5,000 unknown names: refused, with a bounded list",
        () => post(s.open, envelope(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`q${i}`, 1])))),
        422,
      ],
    ]);
  });

  it("answers 422 to choices, rows and columns the definition does not have", async () => {
    const base = { area: "pajala" };
    await allRefused(
      refusedAnswers([
        [{ area: "stockholm" }, ["area"]],
        [{ area: "PAJALA" }, ["area"]],
        [{ area: "pаjala" }, ["area"]], // Cyrillic а
        [{ area: "pajala\u0301" }, ["area"]],
        [{ area: "pajala' OR '1'='1" }, ["area"]],
        [{ ...base, safe_night_area: "super_safe" }, ["safe_night_area"]],
        [{ ...base, safe_night_area: "other" }, ["safe_night_area"]], // no showOtherItem
        [{ ...base, victim_12m: ["theft", "alien_abduction"] }, ["victim_12m"]],
        [{ ...base, victim_12m: ["theft", "theft"] }, ["victim_12m"]],
        [{ ...base, priorities: ["police_presence", "traffic_safety", "drugs_andt", "volume_crime"] }, ["priorities"]], // max 3
        [{ ...base, problems: { litter: "9" } }, ["problems"]],
        [{ ...base, problems: { nosuchrow: "1" } }, ["problems"]],
        [{ ...base, trust_police_local: "6" }, ["trust_police_local"]],
        [{ ...base, victim_12m: [], victim_reported: "all" }, ["victim_reported"]], // hidden unless a victim
      ]),
    );
  });
});
