// Bad input at the public submission API (docs/api.md): every malformed, mistyped, oversized, deeply nested, oddly
// encoded or hostile request gets a 4xx with a clear message, changes nothing in the database, never gets a 5xx,
// and the app keeps serving. Ends with a generated run of 10,500 inputs (fast-check, fixed seed).
import crypto from "node:crypto";
import net from "node:net";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import {
  DEMO_PROFILES,
  generateAnswerList,
  profileAreaChoices,
  standardCitizenDefinition,
} from "../../db/seed/synthetic";
import { createAccessCodes, storeResponsesAllOrNothing } from "../../app/features/surveys/responses.server";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setRequireCode, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import {
  compileValidationPlan,
  validateAnswers,
  type Locale,
  type ValidationPlan,
} from "../../app/features/surveys/validation.server";
import { startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

// Thousands of submissions from one address in a minute: the per-address limit (read once, at first use) is off
// here and tested on its own in rate-limit.test.ts.
const previousLimit = process.env.SUBMIT_RATE_LIMIT;
process.env.SUBMIT_RATE_LIMIT = "0";

let app: TestApp;
const profile = DEMO_PROFILES.pajala!;
const areas = profileAreaChoices(profile);
const definition = standardCitizenDefinition(profile, areas);
const plan: ValidationPlan = compileValidationPlan(definition);
const valid = generateAnswerList({ seed: 7, count: 200, profile, areas, definition });

/** Surveys of the test: the open standard survey, one closed, one draft, one that needs one-time codes. */
const s = { open: "", closed: "", draft: "", coded: "", codedId: 0, other: "" };
/** An answer stored in the closed survey before it closed. */
const closedAnswerId = crypto.randomUUID();
let codes: string[] = [];

/** Every status the app answered in this file: none may be a 5xx. */
const seen: { status: number; what: string }[] = [];

async function send(
  slug: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = { "content-type": "application/json" },
  what = "",
) {
  const res = await fetch(`${app.url}/api/v1/surveys/${encodeURIComponent(slug)}/responses`, {
    method: "POST",
    headers,
    body,
  });
  seen.push({ status: res.status, what: what || (typeof body === "string" ? body.slice(0, 80) : "binary") });
  return res;
}
/**
 * A POST over a bare socket, for bodies a fetch client cannot be trusted with: a server may answer 413 and close
 * before it has read a large body, which fetch reports as a network error instead of the response.
 * `chunked` sends the body without Content-Length, in 16 KiB chunks.
 */
function rawPost(slug: string, body: Buffer, { chunked = false } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(new URL(app.url).port), "127.0.0.1");
    const received: Buffer[] = [];
    socket.on("data", (d) => received.push(d));
    socket.on("error", () => undefined); // EPIPE/ECONNRESET while still writing: what was received counts
    socket.on("close", () => {
      const text = Buffer.concat(received).toString("utf8");
      const head = text.indexOf("\r\n\r\n");
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!m || head < 0) return reject(new Error(`no HTTP response (connection closed after ${text.length} bytes)`));
      const headers = new Headers();
      for (const line of text.slice(0, head).split("\r\n").slice(1)) {
        const i = line.indexOf(":");
        headers.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
      }
      let payload = text.slice(head + 4);
      if (/chunked/i.test(headers.get("transfer-encoding") ?? "")) {
        let out = "";
        for (let rest = payload; ;) {
          const nl = rest.indexOf("\r\n");
          const size = parseInt(rest.slice(0, nl), 16);
          if (!size) break;
          const bytes = Buffer.from(rest.slice(nl + 2), "utf8");
          out += bytes.subarray(0, size).toString("utf8");
          rest = bytes.subarray(size + 2).toString("utf8");
        }
        payload = out;
      }
      headers.delete("transfer-encoding");
      const res = new Response(payload, { status: Number(m[1]), headers });
      seen.push({ status: res.status, what: `raw ${body.length} bytes` });
      resolve(res);
    });
    const head = `POST /api/v1/surveys/${encodeURIComponent(slug)}/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n`;
    if (!chunked) {
      socket.write(`${head}Content-Length: ${body.length}\r\n\r\n`);
      socket.end(body);
    } else {
      socket.write(`${head}Transfer-Encoding: chunked\r\n\r\n`);
      for (let i = 0; i < body.length; i += 16 * 1024) {
        const part = body.subarray(i, i + 16 * 1024);
        socket.write(`${part.length.toString(16)}\r\n`);
        socket.write(part);
        socket.write("\r\n");
      }
      socket.end("0\r\n\r\n");
    }
  });
}
const post = (slug: string, envelope: unknown, what?: string) => send(slug, JSON.stringify(envelope), undefined, what);
const envelope = (data: unknown, extra: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  data,
  locale: "sv",
  channel: "web",
  ...extra,
});

/**
 * What a refused request may change: nothing. (The codebook, choice_code, is left out on purpose: it maps valid
 * (question, value) pairs to integers and may learn a pair from a well-formed answer that is then refused, e.g. 409.)
 */
async function state() {
  const r = await sql<{ responses: number; used: number; surveys: number; versions: number }>`select
    (select count(*) from response)::int as responses,
    ((select coalesce(sum(issued), 0) from access_code_tally) - (select count(*) from access_code))::int as used,
    (select count(*) from survey)::int as surveys,
    (select count(*) from survey_version)::int as versions`.execute(app.open.db);
  return r.rows[0]!;
}

interface ErrorBody {
  error?: string;
  errors?: { question?: string; field?: string; message: string }[];
}

/** Asserts a clear 4xx: the expected status, a JSON body with a message, and per-item messages for 422. */
async function refused(res: Response, status: number, where?: { question?: string[]; field?: string[] }) {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  expect(res.headers.get("content-type") ?? "").toMatch(/application\/json/);
  const body = JSON.parse(text) as ErrorBody;
  expect(typeof body.error === "string" && body.error.trim().length > 0, text.slice(0, 300)).toBe(true);
  if (status === 422) {
    expect(Array.isArray(body.errors) && body.errors.length > 0, text.slice(0, 300)).toBe(true);
    for (const e of body.errors!) expect(e.message.trim().length).toBeGreaterThan(0);
    if (where?.question) expect(body.errors!.map((e) => e.question).sort()).toEqual([...where.question].sort());
    if (where?.field) expect(body.errors!.map((e) => e.field).sort()).toEqual([...where.field].sort());
  }
  return body;
}

/** Sends each case, expects the given refusal, and checks that nothing changed. */
async function allRefused(
  cases: [string, () => Promise<Response>, number, { question?: string[]; field?: string[] }?][],
) {
  const before = await state();
  for (const [what, run, status, where] of cases) {
    const res = await run().catch((e: Error) => e);
    if (res instanceof Error) expect.soft(`${what}: ${res.message}`).toBe(`${what}: a ${status} response`);
    else await expect.soft(refused(res, status, where), what).resolves.toBeTruthy();
  }
  expect(await state()).toEqual(before);
}

const nested = (n: number, open: string, close: string, inner = "") => open.repeat(n) + inner + close.repeat(n);

beforeAll(async () => {
  app = await startApp();
  const db = app.open.db;
  await seedDemo({ db, withSurveys: false });
  const pajala = await getOrganisationBySlug({ db, slug: "pajala" });
  const kalix = await getOrganisationBySlug({ db, slug: "kalix" });
  const settings = {
    areas: areas.map((a) =>
      typeof a === "string"
        ? { value: a, text: a }
        : { value: a.value, text: typeof a.text === "string" ? a.text : a.text.default },
    ),
  };
  const make = async (
    period: string,
    status: "draft" | "open" | "closed",
    kommun = pajala,
    title = "Trygghetsenkät",
  ) => {
    const c = await createSurvey({
      db,
      kommunId: kommun.id,
      kommunSlug: kommun.slug,
      period,
      kind: "medborgarenkat",
      title,
      definition,
      settings,
    });
    if (status !== "draft") await setSurveyStatus({ db, surveyId: c.id, status: "open" });
    if (status === "closed") {
      await storeResponsesAllOrNothing({
        db,
        surveyId: c.id,
        rows: [{ id: closedAnswerId, data: valid[0] }],
        channel: "web",
      });
      await setSurveyStatus({ db, surveyId: c.id, status: "closed" });
    }
    return c;
  };
  s.open = (await make("2026", "open")).slug;
  s.closed = (await make("2024", "closed")).slug;
  s.draft = (await make("2027", "draft")).slug;
  const coded = await make("2025", "open");
  s.coded = coded.slug;
  s.codedId = coded.id;
  await setRequireCode({ db, surveyId: coded.id, requireCode: true });
  codes = await createAccessCodes({ db, surveyId: coded.id, count: 3 });
  s.other = (await make("2026", "open", kalix, 'Trygghet <script>alert("td-xss")</script> & <b>fet</b>')).slug;
});
afterAll(async () => {
  await app?.close();
  if (previousLimit === undefined) delete process.env.SUBMIT_RATE_LIMIT;
  else process.env.SUBMIT_RATE_LIMIT = previousLimit;
});

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
      (
        [
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
        ] as [Record<string, unknown>, string[]][]
      ).map(([data, question]): [string, () => Promise<Response>, number, { question: string[] }] => [
        JSON.stringify(data),
        () => post(s.open, envelope(data)),
        422,
        { question },
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
      (
        [
          [{ area: "stockholm" }, ["area"]],
          [{ area: "PAJALA" }, ["area"]],
          [{ area: "pаjala" }, ["area"]], // Cyrillic а
          [{ area: "pajala\u0301" }, ["area"]],
          [{ area: "pajala' OR '1'='1" }, ["area"]],
          [{ ...base, safe_night_area: "super_safe" }, ["safe_night_area"]],
          [{ ...base, safe_night_area: "other" }, ["safe_night_area"]], // no showOtherItem
          [{ ...base, victim_12m: ["theft", "alien_abduction"] }, ["victim_12m"]],
          [{ ...base, victim_12m: ["theft", "theft"] }, ["victim_12m"]],
          [
            { ...base, priorities: ["police_presence", "traffic_safety", "drugs_andt", "volume_crime"] },
            ["priorities"],
          ], // max 3
          [{ ...base, problems: { litter: "9" } }, ["problems"]],
          [{ ...base, problems: { nosuchrow: "1" } }, ["problems"]],
          [{ ...base, trust_police_local: "6" }, ["trust_police_local"]],
          [{ ...base, victim_12m: [], victim_reported: "all" }, ["victim_reported"]], // hidden unless a victim
        ] as [Record<string, unknown>, string[]][]
      ).map(([data, question]): [string, () => Promise<Response>, number, { question: string[] }] => [
        JSON.stringify(data),
        () => post(s.open, envelope(data)),
        422,
        { question },
      ]),
    );
  });

  it("answers 413 to bodies over 64 KiB (declared or streamed) and 422 to over-long answers", async () => {
    const big = Buffer.from(JSON.stringify(envelope({ ...valid[4], suggestions: "x".repeat(70 * 1024) })));
    // Whitespace is valid JSON padding: without the limit this would be a valid, storable answer.
    const padded = Buffer.from(" ".repeat(96 * 1024) + JSON.stringify(envelope(valid[4])));
    await allRefused([
      ["70 KiB answer", () => rawPost(s.open, big), 413],
      ["1 MiB body", () => rawPost(s.open, Buffer.from("[" + "1,".repeat(512 * 1024) + "1]")), 413],
      ["96 KiB chunked, without Content-Length", () => rawPost(s.open, padded, { chunked: true }), 413],
      [
        "comment over its 2,000 characters",
        () => post(s.open, envelope({ ...valid[4], suggestions: "å".repeat(2001) })),
        422,
        { question: ["suggestions"] },
      ],
      [
        "comment of 60,000 characters",
        () => post(s.open, envelope({ ...valid[4], unsafe_places: "x".repeat(60_000) })),
        422,
        { question: ["unsafe_places"] },
      ],
      [
        "a code of 10,000 characters",
        () => post(s.coded, envelope(valid[4], { code: "A".repeat(10_000) })),
        422,
        { field: ["code"] },
      ],
    ]);
    // A maximal comment is fine.
    expect((await post(s.open, envelope({ ...valid[4], suggestions: "å".repeat(2000) }))).status).toBe(201);
  });

  it("refuses deep nesting (10,000 nested arrays or objects) with a 4xx, in every place and to every survey", async () => {
    const arrays = nested(10_000, "[", "]");
    const objects = nested(10_000, '{"a":', "}", "1");
    const env =
      (inner: string, slug = s.open, id = crypto.randomUUID()) =>
      () =>
        send(
          slug,
          `{"id":"${id}","locale":"sv","data":{"area":"pajala",${inner}}}`,
          undefined,
          `deep ${inner.slice(0, 30)}`,
        );
    await allRefused([
      ["the body itself", () => send(s.open, arrays), 422],
      ["data", () => send(s.open, `{"id":"${crypto.randomUUID()}","data":${arrays}}`), 422, { field: ["data"] }],
      ["an unknown question", env(`"deep":${arrays}`), 422, { question: ["deep"] }],
      ["a comment question", env(`"suggestions":${arrays}`), 422, { question: ["suggestions"] }],
      ["a checkbox question", env(`"victim_12m":[${arrays}]`), 422, { question: ["victim_12m"] }],
      ["a matrix question", env(`"problems":${objects}`), 422, { question: ["problems"] }],
      ["a matrix row", env(`"problems":{"litter":${objects}}`), 422, { question: ["problems"] }],
      ["a radiogroup question", env(`"safe_night_area":${objects}`), 422, { question: ["safe_night_area"] }],
      [
        "the locale",
        () => send(s.open, `{"id":"${crypto.randomUUID()}","data":{"area":"pajala"},"locale":${arrays}}`),
        422,
        { field: ["locale"] },
      ],
      ["to a closed survey", env(`"suggestions":${arrays}`, s.closed), 410],
      [
        "to a closed survey, with the id of an answer stored there",
        env(`"suggestions":${arrays}`, s.closed, closedAnswerId),
        410,
      ],
      ["to a draft", env(`"suggestions":${arrays}`, s.draft), 404],
    ]);
  });

  it("stores RTL text, combining marks and emoji verbatim, and refuses NUL and unpaired surrogates", async () => {
    const texts = [
      "مرحبا، أشعر بعدم الأمان قرب المحطة",
      "שלום \u202Egnp.exe\u202C ✓",
      "e\u0301 a\u030A o\u0308 Z\u0335\u0321\u0317a\u0336\u031Bl\u0338go",
      "👩‍👩‍👧 🏳️‍🌈 \u200D\u200B\uFEFF",
      "Åsa, Ärla och Önnestad – «citat» ‚så‘",
    ];
    for (const text of texts) {
      const e = envelope({ ...valid[5], suggestions: text });
      expect((await post(s.open, e)).status).toBe(201);
      const row = await app.open.db
        .selectFrom("response")
        .select("data")
        .where("id", "=", e.id)
        .executeTakeFirstOrThrow();
      expect((row.data as Record<string, unknown>).suggestions).toBe(text);
    }
    const bad: [string, string][] = [
      ["NUL in free text", '"suggestions":"hej\\u0000då"'],
      ["NUL alone", '"suggestions":"\\u0000"'],
      ["a lone high surrogate", '"suggestions":"a\\ud800b"'],
      ["a lone low surrogate", '"suggestions":"\\udc00"'],
      ["surrogates in the wrong order", '"suggestions":"\\udc00\\ud800"'],
      ["NUL in a choice", '"safe_night_area":"very_safe\\u0000"'],
      ["NUL in a matrix row name", '"problems":{"litter\\u0000":"2"}'],
      ["a lone surrogate in a checkbox", '"victim_12m":["\\ud83d"]'],
      ["NUL in a question name", '"sugg\\u0000estions":"hej"'],
    ];
    await allRefused(
      bad.map(([what, inner]) => [
        what,
        () => send(s.open, `{"id":"${crypto.randomUUID()}","data":{"area":"pajala",${inner}}}`),
        422,
      ]),
    );
    // Bytes that are not UTF-8 are read as U+FFFD: never a 5xx, never the raw bytes stored.
    const id = crypto.randomUUID();
    const bytes = Buffer.concat([
      Buffer.from(`{"id":"${id}","data":{"area":"pajala","suggestions":"a`),
      Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
      Buffer.from('b"}}'),
    ]);
    const res = await send(s.open, new Uint8Array(bytes), undefined, "invalid UTF-8");
    expect([201, 400, 422]).toContain(res.status);
    if (res.status === 201) {
      const row = await app.open.db
        .selectFrom("response")
        .select("data")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect((row.data as Record<string, string>).suggestions).toMatch(/^a\uFFFD+\(\uFFFD+b$/);
    }
  });

  it("stores HTML, script, SQL-looking and formula text exactly as sent", async () => {
    const texts = [
      '<script>alert("td")</script><img src=x onerror=alert(1)>',
      "</textarea><svg onload=alert(1)>&amp;&lt;",
      "'); DROP TABLE response; --",
      "1' OR '1'='1",
      "Robert'); DELETE FROM survey WHERE ('1'='1",
      "$1 $$ \\x00 \\' E'\\\\'",
      '=HYPERLINK("http://evil.example","klicka")',
      "+cmd|' /C calc'!A0",
      "{{7*7}} ${7*7} <%= 7*7 %>",
    ];
    for (const text of texts) {
      const e = envelope({ ...valid[6], suggestions: text, unsafe_places: text });
      expect((await post(s.open, e)).status).toBe(201);
      const row = await app.open.db
        .selectFrom("response")
        .select("data")
        .where("id", "=", e.id)
        .executeTakeFirstOrThrow();
      expect(row.data).toMatchObject({ suggestions: text, unsafe_places: text });
    }
    // The tables the SQL-looking text names are all still there.
    const tables = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_name in ('response', 'survey')`.execute(
      app.open.db,
    );
    expect(tables.rows[0]!.n).toBe(2);
    // No page shows answers' free text yet; staff-entered text (a survey title with markup) is shown escaped.
    const page = await (await fetch(`${app.url}/e/${s.other}`)).text();
    expect(page).not.toContain('<script>alert("td-xss")</script>');
    expect(page).not.toContain("<b>fet</b>");
    expect(page).toContain("&lt;script&gt;alert(");
  });

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

// ---- generated inputs -----------------------------------------------------------------------------------------

const SEED = 20260707;
const knownKeys = new Set(plan.keys.keys());
const questionNames = [...knownKeys];
const choiceValues = [
  ...new Set(
    valid.flatMap((v) =>
      Object.values(v).flatMap((x) =>
        typeof x === "string" ? [x] : Array.isArray(x) ? x : typeof x === "object" ? Object.values(x) : [],
      ),
    ),
  ),
];
const rowNames = [
  ...new Set(
    valid.flatMap((v) => (typeof v.problems === "object" && !Array.isArray(v.problems) ? Object.keys(v.problems) : [])),
  ),
];
const BAD = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True if any string (key or value) in v has NUL or an unpaired surrogate; iterative, for any depth. */
function hasBadText(v: unknown): boolean {
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === "string") {
      if (BAD.test(x)) return true;
    } else if (x && typeof x === "object") {
      for (const [k, y] of Object.entries(x)) {
        if (BAD.test(k)) return true;
        stack.push(y);
      }
    }
  }
  return false;
}

const oddStrings = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "\ud800",
  "\udc00",
  "a\ud83db",
  "\u202e",
  "e\u0301",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "=1+1",
  "__proto__",
  "constructor",
  "toString",
  "NaN",
  "true",
  "null",
  "1e309",
  "-0",
  "other",
  "none",
  "dont_know",
  "9".repeat(300),
);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...choiceValues) },
  { weight: 2, arbitrary: oddStrings },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => `x${String.fromCharCode(c)}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 2100 }) },
);
const scalar = fc.oneof(text, fc.integer({ min: -5, max: 12 }), fc.double(), fc.boolean(), fc.constant(null));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.subarray(choiceValues, { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...rowNames), text), tie("value"), { maxKeys: 4 }),
  ),
}));
const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...questionNames) }, { weight: 1, arbitrary: text });
/** Objects shaped like answers: known and unknown names, plausible and implausible values. */
const answerLike = fc.dictionary(key, value, { maxKeys: 10 });
/** A valid synthetic answer with a few keys changed or removed: many stay valid, some become invalid in one place. */
const mutated = fc
  .tuple(fc.constantFrom(...valid), fc.array(fc.tuple(key, fc.option(value, { nil: undefined })), { maxLength: 3 }))
  .map(([base, changes]) => {
    const d: Record<string, unknown> = { ...base };
    for (const [k, v] of changes) {
      if (v === undefined) delete d[k];
      else Object.defineProperty(d, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return d;
  });
const dataArb = fc.oneof(
  { weight: 4, arbitrary: mutated },
  { weight: 3, arbitrary: answerLike },
  { weight: 1, arbitrary: fc.constantFrom(...valid) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);
const localeArb = fc.constantFrom<Locale>("sv", "en", "fi");

describe(`generated inputs (fast-check, seed ${SEED}) on ${testEngine()}`, () => {
  it("validateAnswers never throws on 10,000 arbitrary answers; what it accepts has only known, clean keys and values", () => {
    let accepted = 0;
    fc.assert(
      fc.property(dataArb, localeArb, (data, locale) => {
        const r = validateAnswers(plan, data, locale);
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) {
            expect(typeof e.question).toBe("string");
            expect(e.message.trim().length).toBeGreaterThan(0);
          }
          return;
        }
        accepted++;
        for (const k of Object.keys(r.data)) expect(knownKeys.has(k), k).toBe(true);
        expect(hasBadText(r.data)).toBe(false);
        const json = JSON.stringify(r.data);
        // What was accepted is accepted again unchanged (the stored answer revalidates).
        const again = validateAnswers(plan, JSON.parse(json), locale);
        expect(again).toEqual({ ok: true, data: JSON.parse(json) });
      }),
      { seed: SEED, numRuns: 10_000 },
    );
    // The "accepted ⇒" half of the property must not be vacuous.
    expect(accepted).toBeGreaterThan(1000);
  });

  it("500 arbitrary requests over HTTP: only 201, 400, 413, 415 or 422; 201 only for answers validateAnswers accepts", async () => {
    const FRESH = "<fresh uuid>";
    const idArb = fc.oneof(
      { weight: 8, arbitrary: fc.constant(FRESH) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          text,
          fc.integer(),
          fc.constant(null),
          fc.uuid().map((u) => u.toUpperCase().slice(1)),
        ),
      },
    );
    const envelopeArb = fc.record(
      {
        id: idArb,
        data: fc.oneof(
          { weight: 3, arbitrary: mutated },
          { weight: 1, arbitrary: fc.constantFrom(...valid) },
          { weight: 3, arbitrary: dataArb },
        ),
        locale: fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom("sv", "en", "fi") },
          { weight: 1, arbitrary: fc.constantFrom("de", "", "SV", 1) },
        ),
        channel: fc.oneof(
          { weight: 6, arbitrary: fc.constant("web") },
          { weight: 1, arbitrary: fc.constantFrom("fax", "", "WEB", null) },
        ),
        code: fc.oneof(
          { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
          { weight: 1, arbitrary: fc.oneof(text, fc.integer()) },
        ),
        extra: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: ["id", "data"] },
    );
    const requestArb = fc.oneof(
      { weight: 12, arbitrary: envelopeArb.map((e) => ({ kind: "envelope" as const, e })) },
      {
        weight: 1,
        arbitrary: fc
          .jsonValue({ maxDepth: 3 })
          .map((j) => ({ kind: "raw" as const, text: JSON.stringify(j) ?? "null" })),
      },
      {
        weight: 1,
        arbitrary: fc.string({ unit: "binary", maxLength: 200 }).map((t) => ({ kind: "raw" as const, text: t })),
      },
      {
        weight: 1,
        arbitrary: fc
          .nat({ max: 30_000 })
          .map((n) => ({ kind: "raw" as const, text: `{"id":"x","data":${"[".repeat(1 + (n % 2000))}` })),
      },
    );
    const typeArb = fc.oneof(
      { weight: 10, arbitrary: fc.constant("application/json") },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "application/json; charset=utf-8",
          "application/vnd.td+json",
          "text/plain",
          "",
          "application/x-www-form-urlencoded",
        ),
      },
    );
    const before = await state();
    let created = 0;
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(requestArb, typeArb, async (req, type) => {
        let body: string;
        let fresh = false;
        let data: unknown;
        if (req.kind === "envelope") {
          const e: Record<string, unknown> = { ...req.e };
          if (e.id === FRESH) {
            e.id = crypto.randomUUID();
            fresh = true;
          }
          body = JSON.stringify(e);
          data = JSON.parse(body).data;
        } else body = req.text;
        const res = await send(s.open, body, type ? { "content-type": type } : {}, `generated ${body.slice(0, 60)}`);
        const text = await res.text();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        expect([201, 400, 413, 415, 422], `${res.status} ${text.slice(0, 200)} for ${body.slice(0, 200)}`).toContain(
          res.status,
        );
        // A well-formed envelope of a valid answer must be stored; one of an invalid answer must get 422.
        if (req.kind === "envelope" && fresh && /json/.test(type) && Buffer.byteLength(body) <= 64 * 1024) {
          const e = req.e as Record<string, unknown>;
          const wellFormed =
            (e.locale === undefined || ["sv", "en", "fi"].includes(e.locale as string)) &&
            (e.channel === undefined || e.channel === "web") &&
            (e.code === undefined || (typeof e.code === "string" && e.code.length <= 40)) &&
            !!data &&
            typeof data === "object" &&
            !Array.isArray(data);
          if (wellFormed) {
            const ok = validateAnswers(plan, data, (e.locale as Locale | undefined) ?? "sv").ok;
            expect(res.status, `${text.slice(0, 200)} for ${body.slice(0, 300)}`).toBe(ok ? 201 : 422);
          }
        }
        if (res.status !== 201) {
          expect((JSON.parse(text) as ErrorBody).error?.length, text.slice(0, 200)).toBeGreaterThan(0);
          return;
        }
        created++;
        expect(fresh).toBe(true);
        const sentLocale = req.kind === "envelope" ? req.e.locale : undefined;
        const locale: Locale = sentLocale === "en" || sentLocale === "fi" ? sentLocale : "sv";
        const v = validateAnswers(plan, data, locale);
        expect(v.ok, `accepted over HTTP but not by validateAnswers: ${body.slice(0, 300)}`).toBe(true);
        const id = (JSON.parse(body) as { id: string }).id;
        const row = await app.open.db
          .selectFrom("response")
          .select("data")
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        if (v.ok) expect(row.data).toEqual(v.data);
      }),
      { seed: SEED, numRuns: 500 },
    );
    const after = await state();
    expect(after.responses - before.responses).toBe(created);
    // Both halves exercised: some stored, most refused.
    expect(created).toBeGreaterThan(20);
    expect(statuses[422] ?? 0).toBeGreaterThan(100);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
