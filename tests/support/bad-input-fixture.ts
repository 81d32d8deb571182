// Bad input at the public submission API (bad-input-*.test.ts): the surveys the requests go to, the senders (fetch
// and a bare socket) that record every status the app answered, and the checks that a refusal is a clear 4xx that
// changes nothing.
import { afterAll, beforeAll, expect } from "vitest";
import crypto from "node:crypto";
import net from "node:net";
import { sql } from "kysely";
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
import { compileValidationPlan, type ValidationPlan } from "../../app/features/surveys/validation.server";
import { startApp, type TestApp } from "./app-server";
import { areaSettings } from "./kommun-surveys";

// Thousands of submissions from one address in a minute: the per-address limit (read once, at first use) is off
// here and tested on its own in rate-limit.test.ts.
export const previousLimit = process.env.SUBMIT_RATE_LIMIT;
process.env.SUBMIT_RATE_LIMIT = "0";

export let app: TestApp;
export const profile = DEMO_PROFILES.pajala!;
export const areas = profileAreaChoices(profile);
export const definition = standardCitizenDefinition(profile, areas);
export const plan: ValidationPlan = compileValidationPlan(definition);
export const valid = generateAnswerList({ seed: 7, count: 200, profile, areas, definition });

/** Surveys of the test: the open standard survey, one closed, one draft, one that needs one-time codes. */
export const s = { open: "", closed: "", draft: "", coded: "", codedId: 0, other: "" };
/** An answer stored in the closed survey before it closed. */
export const closedAnswerId = crypto.randomUUID();
export let codes: string[] = [];

/** Every status the app answered in this file: none may be a 5xx. */
export const seen: { status: number; what: string }[] = [];

export async function send(
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
export function rawPost(slug: string, body: Buffer, { chunked = false } = {}): Promise<Response> {
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
export const post = (slug: string, envelope: unknown, what?: string) =>
  send(slug, JSON.stringify(envelope), undefined, what);
export const envelope = (data: unknown, extra: Record<string, unknown> = {}) => ({
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
export async function state() {
  const r = await sql<{ responses: number; used: number; surveys: number; versions: number }>`select
    (select count(*) from response)::int as responses,
    ((select coalesce(sum(issued), 0) from access_code_tally) - (select count(*) from access_code))::int as used,
    (select count(*) from survey)::int as surveys,
    (select count(*) from survey_version)::int as versions`.execute(app.open.db);
  return r.rows[0]!;
}

export interface ErrorBody {
  error?: string;
  errors?: { question?: string; field?: string; message: string }[];
}

/** Asserts a clear 4xx: the expected status, a JSON body with a message, and per-item messages for 422. */
export async function refused(res: Response, status: number, where?: { question?: string[]; field?: string[] }) {
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
export async function allRefused(
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

export const nested = (n: number, open: string, close: string, inner = "") => open.repeat(n) + inner + close.repeat(n);

/**
 * Registers the file's set-up: the demo seed and Pajala's surveys (open, closed with one answer, draft, coded) and
 * one of Kalix; and, after the file, that no request it sent was answered with a 5xx.
 */
export function setUpBadInputFixture() {
  beforeAll(async () => {
    app = await startApp();
    const db = app.open.db;
    await seedDemo({ db, withSurveys: false });
    const pajala = await getOrganisationBySlug({ db, slug: "pajala" });
    const kalix = await getOrganisationBySlug({ db, slug: "kalix" });
    const settings = { areas: areaSettings(areas) };
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
    // The file's own "never answered with a 5xx" test sees only the requests before it; this sees them all.
    expect(seen.filter((x) => x.status >= 500)).toEqual([]);
    await app?.close();
    if (previousLimit === undefined) delete process.env.SUBMIT_RATE_LIMIT;
    else process.env.SUBMIT_RATE_LIMIT = previousLimit;
  });
}

/** Answers to the open survey, each to be refused with 422 naming the given questions (cases for `allRefused`). */
export function refusedAnswers(
  answers: [Record<string, unknown>, string[]][],
): [string, () => Promise<Response>, number, { question: string[] }][] {
  return answers.map(([data, question]) => [
    JSON.stringify(data),
    () => post(s.open, envelope(data)),
    422,
    { question },
  ]);
}

/** The data of the stored answer with this id. */
export async function storedAnswer(id: string) {
  return (await app.open.db.selectFrom("response").select("data").where("id", "=", id).executeTakeFirstOrThrow()).data;
}
