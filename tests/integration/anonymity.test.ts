// Plays the attacker of docs/privacy.md: someone who can read every table (system columns included) or a dump, and
// the app's own request log, and who knows which addresses took part. Answers are sent through the real server
// stack from several source addresses (all of 127.0.0.0/8 reaches loopback on Linux; the server takes the peer
// address from the socket), by the fast path (a known open survey), the full path (one-time codes) and staff
// invitations. Then every join we could think of is tried; none may tie an answer to an address or to a time finer
// than its day. What insert order itself gives (xmin and ctid order, fold_bucket) is a residual described in
// docs/privacy.md, not a join this file can rule out; the last test pins down what it does and does not give.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { buildStandardSurvey, DEFAULT_UNITS } from "../../app/features/surveys/domain/question-bank";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setRequireCode, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { accessCodeStatus } from "../../app/features/surveys/survey-queries.server";
import { createAccessCodes } from "../../app/features/surveys/responses.server";
import { createInvitations } from "../../app/features/surveys/invitations.server";
import type { OpenDatabase } from "../../app/platform/db.server";
import { testDatabase, testEngine } from "../support/test-db";

const SOURCES = ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6"];
const definition = {
  pages: [
    { name: "p1", elements: [{ type: "radiogroup", name: "feel", isRequired: true, choices: ["safe", "unsafe"] }] },
  ],
};

let open: OpenDatabase;
let server: Server;
let base: string;
const logs: Record<string, unknown>[] = [];
const db = () => open.db;
let publicSlug: string;
let codedSlug: string;
let codedId: number;
let codes: string[];
let staffSurveyId: number;
let links: { unit: string; token: string }[];
let started: number;
// What each request was, from where and when (the attacker's "ground truth" to match against).
const sent: { id: string; from: string; at: number; status: number; path: string }[] = [];

function post(
  pathname: string,
  body: unknown,
  from: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${pathname}`,
      {
        method: "POST",
        localAddress: from,
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

async function answer(pathname: string, body: Record<string, unknown>, from: string) {
  const id = crypto.randomUUID();
  const at = Date.now();
  const res = await post(pathname, { id, locale: "sv", ...body }, from);
  sent.push({ id, from, at, status: res.status, path: pathname });
  expect(res.status, res.text).toBe(201);
  expect(res.headers["set-cookie"], "an answer sets no cookie").toBeUndefined();
  return id;
}

beforeAll(async () => {
  open = await testDatabase();
  globalThis.__tdDatabase = Promise.resolve(open);
  const root = path.resolve(__dirname, "../..");
  const build = await import(pathToFileURL(path.join(root, process.env.TD_BUILD_DIR ?? "build", "index.js")).href);
  const { createServerApp } = (await import(pathToFileURL(path.join(root, "server.mjs")).href)) as {
    createServerApp: (
      build: unknown,
      log: (o: Record<string, unknown>) => void,
    ) => { listen: (port: number, host: string, cb: () => void) => Server };
  };
  // The log lines as server.mjs's own logger writes them (it adds the time).
  const app = createServerApp(build, (o) => logs.push({ time: new Date().toISOString(), ...o }));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  await seedDemo({ db: db(), withSurveys: false });
  const pajala = await getOrganisationBySlug({ db: db(), slug: "pajala" });
  const pub = await createSurvey({
    db: db(),
    kommunId: pajala.id,
    kommunSlug: "pajala",
    period: "2026",
    kind: "medborgarenkat",
    title: "Öppen",
    definition,
  });
  await setSurveyStatus({ db: db(), surveyId: pub.id, status: "open" });
  publicSlug = pub.slug;
  const coded = await createSurvey({
    db: db(),
    kommunId: pajala.id,
    kommunSlug: "pajala",
    period: "2027",
    kind: "medborgarenkat",
    title: "Med kod",
    definition,
  });
  await setSurveyStatus({ db: db(), surveyId: coded.id, status: "open" });
  await setRequireCode({ db: db(), surveyId: coded.id, requireCode: true });
  codes = await createAccessCodes({ db: db(), surveyId: coded.id, count: 8 });
  codedSlug = coded.slug;
  codedId = coded.id;
  const staffDefinition = buildStandardSurvey({ kind: "medarbetardialog", areas: [], units: DEFAULT_UNITS });
  const staff = await createSurvey({
    db: db(),
    kommunId: pajala.id,
    kommunSlug: "pajala",
    period: "2026",
    kind: "medarbetardialog",
    title: "Medarbetare",
    definition: staffDefinition,
  });
  await setSurveyStatus({ db: db(), surveyId: staff.id, status: "open" });
  staffSurveyId = staff.id;
  links = await createInvitations({ db: db(), surveyId: staff.id, perUnit: { school: 4 } });

  started = Date.now();
  // Interleaved, as real traffic would be: every source answers the public survey twice (the first answer of all
  // takes the full path, the survey being new to the process; the rest take the one-statement fast path), and once
  // with a one-time code (always the full path); two of them also through a staff invitation.
  const staffAnswer = {
    unit: "school",
    staff_problems: { litter: "4", drug_dealing: "2", speeding: "dont_know" },
    staff_priorities: ["drugs_andt", "youth"],
  };
  for (const [i, from] of SOURCES.entries()) {
    await answer(`/api/v1/surveys/${publicSlug}/responses`, { data: { feel: i % 2 ? "safe" : "unsafe" } }, from);
    await answer(`/api/v1/surveys/${codedSlug}/responses`, { data: { feel: "safe" }, code: codes[i] }, from);
    await answer(`/api/v1/surveys/${publicSlug}/responses`, { data: { feel: "safe" } }, from);
    if (i < 2) await answer(`/api/v1/invitations/${links[i]!.token}/responses`, { data: staffAnswer }, from);
  }
}, 120_000);

afterAll(async () => {
  server?.closeAllConnections();
  if (server) await new Promise((r) => server.close(r));
  await open?.close();
  globalThis.__tdDatabase = undefined;
});

/** Every base table of the app's schema. */
async function tables(): Promise<string[]> {
  const r = await sql<{ t: string }>`select table_name as t from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db());
  return r.rows.map((x) => x.t);
}

describe(`anonymity against a reader of the database on ${testEngine()}`, () => {
  it("the answers came from distinct addresses, by every path", async () => {
    const responses = await db().selectFrom("response").select(["id", "channel"]).execute();
    expect(responses).toHaveLength(SOURCES.length * 3 + 2);
    expect(new Set(sent.map((s) => s.from)).size).toBe(SOURCES.length);
    // The server saw them as distinct sources: one counter per source at least (otherwise this test proves nothing).
    const keys = await db().selectFrom("rate_counter").select("key").execute();
    expect(new Set(keys.map((k) => k.key)).size).toBeGreaterThanOrEqual(SOURCES.length);
  });

  it("no row of any other table was written by an answer's transaction (xmin), except all of a survey's invitations at once", async () => {
    const answers = await sql<{
      id: string;
      xmin: string;
      survey_id: number;
    }>`select id, xmin::text as xmin, survey_id from response`.execute(db());
    const byXid = new Map(answers.rows.map((a) => [a.xmin, a]));
    const joined: string[] = [];
    for (const t of await tables()) {
      if (t === "response") continue;
      const rows = await sql<{ xmin: string }>`select xmin::text as xmin from ${sql.table(t)}`.execute(db());
      const hits = rows.rows.filter((r) => byXid.has(r.xmin));
      if (t === "invitation") {
        // Redeeming rewrites every invitation of the survey in one statement (docs/sources.md): the rows share the
        // latest invitation answer's xid, all of them, so the join names no link.
        const all = await db()
          .selectFrom("invitation")
          .select("token_hash")
          .where("survey_id", "=", staffSurveyId)
          .execute();
        expect([0, all.length], "invitation rows sharing an answer's xid").toContain(hits.length);
        continue;
      }
      joined.push(...hits.map((h) => `${t} xmin ${h.xmin}`));
    }
    expect(joined, "rows written in an answer's transaction").toEqual([]);
  });

  it("nothing written by a public answer holds a time finer than a day", async () => {
    // The tables a public or invited answer writes to: the answer, the rate counter, the codebook, the codes, the links.
    const cols = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name in ('response', 'rate_counter', 'choice_code', 'access_code', 'invitation')`.execute(
      db(),
    );
    const timed = cols.rows.filter((c) => /time|interval/.test(c.data_type));
    expect(timed.map((c) => `${c.table_name}.${c.column_name} ${c.data_type}`)).toEqual([]);
    const days = await sql<{ d: string }>`select distinct submitted_on::text as d from response`.execute(db());
    expect(days.rows.length).toBeGreaterThanOrEqual(1);
  });

  it("no counter key can be recomputed from an address with anything the database holds", async () => {
    const keys = (await db().selectFrom("rate_counter").select("key").execute()).map((k) => k.key);
    // Every text value in the database is a candidate salt (today's daily_salt table, if any, among them).
    const candidates = new Set<string>([""]);
    for (const t of await tables()) {
      const cols = await sql<{ c: string }>`select column_name as c from information_schema.columns
        where table_schema = current_schema() and table_name = ${t} and data_type in ('text', 'character varying')`.execute(
        db(),
      );
      for (const { c } of cols.rows) {
        const vals = await sql<{
          v: string | null;
        }>`select ${sql.ref(c)}::text as v from ${sql.table(t)} limit 2000`.execute(db());
        for (const { v } of vals.rows) if (v && v.length <= 200) candidates.add(v);
      }
    }
    const minutes: number[] = [];
    for (let m = Math.floor(started / 60_000) - 1; m <= Math.floor(Date.now() / 60_000) + 1; m++) minutes.push(m);
    const guesses = new Set<string>();
    for (const address of SOURCES) {
      for (const salt of candidates) {
        guesses.add(crypto.createHash("sha256").update(`${salt}:${address}`).digest("hex"));
        guesses.add(crypto.createHmac("sha256", salt).update(address).digest("hex"));
        for (const m of minutes) guesses.add(crypto.createHmac("sha256", salt).update(`${address}:${m}`).digest("hex"));
      }
      guesses.add(crypto.createHash("sha256").update(address).digest("hex"));
    }
    for (const key of keys) {
      expect(
        SOURCES.some((a) => key.includes(a)),
        key,
      ).toBe(false);
      const hash = key.slice(key.indexOf(":") + 1);
      expect(guesses.has(hash), `counter ${key} recomputed from an address`).toBe(false);
    }
  });

  it("a used one-time code leaves nothing that joins to the answer it allowed", async () => {
    // The used codes are gone; the unused ones are still there and still work once.
    const left = await db().selectFrom("access_code").select("code_hash").where("survey_id", "=", codedId).execute();
    expect(left).toHaveLength(codes.length - SOURCES.length);
    const usedHashes = codes.slice(0, SOURCES.length).map((c) =>
      crypto
        .createHash("sha256")
        .update(c.replace(/[^A-Z0-9]/g, ""))
        .digest("hex"),
    );
    expect(left.filter((l) => usedHashes.includes(l.code_hash))).toEqual([]);
    // Staff still see how many were used: made (the tally) minus left.
    expect(await accessCodeStatus({ db: db(), surveyId: codedId })).toEqual({
      total: codes.length,
      used: SOURCES.length,
    });
  });

  it("public answers create no session, and the log names no address, no answer, no link and no accepted answer's time", async () => {
    expect(await db().selectFrom("session").select("account_id").execute()).toEqual([]);
    // A refused answer (nothing stored) is still logged, so the log keeps showing problems.
    const refused = await post(
      `/api/v1/surveys/${publicSlug}/responses`,
      { id: crypto.randomUUID(), data: { feel: "maybe" } },
      SOURCES[0]!,
    );
    expect(refused.status).toBe(422);
    expect(
      (
        await post(
          `/api/v1/invitations/${links[3]!.token}/responses`,
          { id: crypto.randomUUID(), data: { no_such_question: 1 } },
          SOURCES[0]!,
        )
      ).status,
    ).toBe(422);
    await new Promise((r) => setTimeout(r, 50));
    const text = JSON.stringify(logs);
    for (const from of SOURCES) expect(text).not.toContain(from);
    for (const s of sent) expect(text).not.toContain(s.id);
    // An invitation token could name the person it was sent to: never in the log, not even in a path.
    for (const l of links) expect(text).not.toContain(l.token);
    const submissionLines = logs.filter((l) => typeof l.path === "string" && /\/responses$/.test(l.path));
    expect(submissionLines.map((l) => l.status).sort()).toEqual([422, 422]);
    // An accepted answer writes no line: its time, matched to insert order, would date the answer (docs/privacy.md).
    expect(submissionLines.filter((l) => l.status === 200 || l.status === 201)).toEqual([]);
    // No field that could carry who sent it (address, forwarding headers, browser, referrer, query, body).
    for (const l of submissionLines)
      expect(Object.keys(l).filter((k) => /ip|addr|remote|forward|agent|refer|query|body|cookie/i.test(k))).toEqual([]);
  });

  it("the database does not keep commit times (track_commit_timestamp off)", async () => {
    const r = await sql<{ track_commit_timestamp: string }>`show track_commit_timestamp`.execute(db());
    expect(r.rows[0]!.track_commit_timestamp).toBe("off");
  });

  it("insert order (xmin, ctid, fold_bucket) gives an order within the day, and no address", async () => {
    // The residual of docs/privacy.md: answers read in xmin order come out in the order they were sent, so an order
    // joined with another source of times (a log, a proxy's log) dates them. Nothing in the database maps a position
    // in that order to an address: the counters hold no time and their keys cannot be recomputed (tests above).
    const rows = await sql<{
      id: string;
      xmin: string;
      fold_bucket: string;
    }>`select id, xmin::text as xmin, fold_bucket::text from response`.execute(db());
    const byXmin = [...rows.rows].sort((a, b) => Number(BigInt(a.xmin) - BigInt(b.xmin))).map((r) => r.id);
    expect(byXmin).toEqual(sent.map((s) => s.id));
    for (const r of rows.rows) expect(BigInt(r.fold_bucket) > BigInt(r.xmin)).toBe(true);
  });
});
