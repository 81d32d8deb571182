import crypto from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { buildStandardSurvey, DEFAULT_UNITS, rowThemes } from "../../app/features/surveys/domain/question-bank";
import { THEME_KEYS } from "../../app/features/surveys/domain/themes";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import {
  createInvitations,
  createInvitationsFromAddresses,
  revokeInvitation,
} from "../../app/features/surveys/invitations.server";
import { invitationStats, staffThemeScores } from "../../app/features/results/staff.server";
import * as meetings from "../../app/features/dialogue/meetings.server";
import { startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

let app: TestApp;
let kommunId: number;
let otherKommunId: number;
const db = () => app.open.db;

async function staffSurvey(period: string) {
  const definition = buildStandardSurvey({ kind: "medarbetardialog", areas: [], units: DEFAULT_UNITS });
  const s = await createSurvey({
    db: db(),
    kommunId,
    kommunSlug: "pajala",
    period,
    kind: "medarbetardialog",
    title: `Medarbetardialog ${period}`,
    definition,
  });
  await setSurveyStatus({ db: db(), surveyId: s.id, status: "open" });
  return s;
}

const answer = (unit = "school", extra: Record<string, unknown> = {}) => ({
  unit,
  staff_problems: { litter: "4", drug_dealing: "2", speeding: "dont_know" },
  staff_priorities: ["drugs_andt", "youth"],
  staff_activities: "Fler vuxna ute på kvällarna",
  ...extra,
});

const send = (token: string, data: unknown, id: string = crypto.randomUUID()) =>
  fetch(`${app.url}/api/v1/invitations/${token}/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id, data, locale: "sv" }),
  });

async function responses(surveyId: number) {
  return db().selectFrom("response").selectAll().where("survey_id", "=", surveyId).execute();
}

/** The invitations of a survey in physical (ctid) order, with the transaction id that last wrote each row. */
async function physical(surveyId: number) {
  const r = await sql<{ token_hash: string; used: boolean; xmin: string }>`
    select token_hash, used, xmin::text as xmin from invitation where survey_id = ${surveyId} order by ctid`.execute(
    db(),
  );
  return r.rows;
}

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
  kommunId = (await getOrganisationBySlug({ db: db(), slug: "pajala" })).id;
  otherKommunId = (await getOrganisationBySlug({ db: db(), slug: "kalix" })).id;
});
afterAll(async () => app?.close());

describe(`staff invitations on ${testEngine()}`, () => {
  let surveyId: number;
  let links: { unit: string; token: string }[];

  beforeAll(async () => {
    surveyId = (await staffSurvey("2026")).id;
    links = await createInvitations({ db: db(), surveyId, perUnit: { school: 3, police: 2 } });
  });

  it("stores only hashes of the links it hands out once", async () => {
    expect(links).toHaveLength(5);
    const rows = await db().selectFrom("invitation").selectAll().where("survey_id", "=", surveyId).execute();
    expect(rows).toHaveLength(5);
    const stored = JSON.stringify(rows);
    for (const l of links) expect(stored).not.toContain(l.token);
  });

  it("a link works exactly once; a retry of the same answer is 200 and stored once", async () => {
    const link = links.find((l) => l.unit === "school")!;
    const id = crypto.randomUUID();
    expect((await send(link.token, answer(), id)).status).toBe(201);
    expect((await send(link.token, answer(), id)).status).toBe(200);
    const second = await send(link.token, answer(), crypto.randomUUID());
    expect(second.status).toBe(410);
    const stored = await responses(surveyId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id, channel: "invitation" });
    const page = await fetch(`${app.url}/i/${link.token}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("Länken är redan använd");
  });

  it("forces the unit of the answer to the invitation's unit", async () => {
    const link = links.filter((l) => l.unit === "school")[1]!;
    const id = crypto.randomUUID();
    expect((await send(link.token, answer("police"), id)).status).toBe(201);
    const row = await db().selectFrom("response").select("data").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.data.unit).toBe("school");
  });

  it("an invalid answer stores nothing and leaves the link unused", async () => {
    const link = links.filter((l) => l.unit === "police")[0]!;
    const before = (await responses(surveyId)).length;
    const bad = await send(
      link.token,
      answer("police", { staff_priorities: ["drugs_andt", "youth", "cooperation", "integration"] }),
    );
    expect(bad.status).toBe(422);
    expect((await responses(surveyId)).length).toBe(before);
    expect((await fetch(`${app.url}/i/${link.token}`)).status).toBe(200);
  });

  it("a revoked link gets 410 and a clear page; an unknown link 404", async () => {
    const link = links.filter((l) => l.unit === "police")[1]!;
    expect(await revokeInvitation({ db: db(), surveyId, link: `${app.url}/i/${link.token}` })).toMatchObject({
      revoked: true,
    });
    expect((await send(link.token, answer("police"))).status).toBe(410);
    const page = await fetch(`${app.url}/i/${link.token}?lang=en`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This link is no longer valid");
    const unknown = "x".repeat(32);
    expect((await send(unknown, answer())).status).toBe(404);
    expect((await fetch(`${app.url}/i/${unknown}`)).status).toBe(404);
    // Revoking a used link changes nothing: the answer stays.
    expect(await revokeInvitation({ db: db(), surveyId, link: links[0]!.token })).toMatchObject({
      revoked: false,
      reason: "used",
    });
  });

  it("pasted addresses give one link each and are not stored", async () => {
    const made = await createInvitationsFromAddresses({
      db: db(),
      surveyId,
      unit: "social",
      addresses: "a@kommun.example\nb@kommun.example; a@kommun.example",
    });
    expect(made.map((m) => m.address)).toEqual(["a@kommun.example", "b@kommun.example"]);
    const dump = JSON.stringify(await db().selectFrom("invitation").selectAll().execute());
    expect(dump).not.toContain("kommun.example");
  });

  it("response rates per unit hide answer counts below 5", async () => {
    const stats = await invitationStats({ db: db(), surveyId });
    const school = stats.units.find((u) => u.unit === "school")!;
    expect(school).toMatchObject({ invited: 3, revoked: 0, rate: null });
    expect(school.used).toMatchObject({ n: null, suppressed: true });
    expect(stats.units.find((u) => u.unit === "police")).toMatchObject({ invited: 1, revoked: 1 });
  });
});

describe(`invitations under concurrency on ${testEngine()}`, () => {
  it("one link sent twice at once stores one answer; different links at once all succeed", async () => {
    const { id: surveyId } = await staffSurvey("2029");
    const made = await createInvitations({ db: db(), surveyId, perUnit: { planning: 6 } });
    const [first, ...rest] = made;
    const same = await Promise.all([
      send(first!.token, answer()),
      send(first!.token, answer()),
      send(first!.token, answer()),
    ]);
    expect(same.map((r) => r.status).sort()).toEqual([201, 410, 410]);
    const many = await Promise.all(rest.map((l) => send(l.token, answer())));
    expect(many.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await responses(surveyId)).toHaveLength(6);
  });
});

describe(`unlinkability of invitations and answers on ${testEngine()}`, () => {
  it("the invitation table has no time, sequence or column shared with response but survey_id", async () => {
    const cols = await sql<{
      table_name: string;
      column_name: string;
      data_type: string;
      column_default: string | null;
    }>`
      select table_name, column_name, data_type, column_default from information_schema.columns
      where table_schema = current_schema() and table_name in ('invitation', 'response')`.execute(db());
    const inv = cols.rows.filter((c) => c.table_name === "invitation");
    expect(inv.map((c) => c.column_name).sort()).toEqual(["revoked", "survey_id", "token_hash", "unit", "used"]);
    expect(inv.filter((c) => /time|date|interval/i.test(c.data_type))).toEqual([]);
    expect(inv.filter((c) => /nextval|now|clock|current_/i.test(c.column_default ?? ""))).toEqual([]);
    const responseCols = new Set(cols.rows.filter((c) => c.table_name === "response").map((c) => c.column_name));
    expect(inv.map((c) => c.column_name).filter((c) => responseCols.has(c))).toEqual(["survey_id"]);
    const fks = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.referential_constraints rc
      join information_schema.table_constraints tc on tc.constraint_name = rc.constraint_name
      join information_schema.constraint_column_usage cu on cu.constraint_name = rc.unique_constraint_name
      where (tc.table_name = 'response' and cu.table_name = 'invitation') or (tc.table_name = 'invitation' and cu.table_name = 'response')`.execute(
      db(),
    );
    expect(fks.rows[0]!.n).toBe(0);
  });

  it("after links are used in a shuffled order, neither row order nor xmin tells which was used when", async () => {
    const { id: surveyId } = await staffSurvey("2027");
    const made = await createInvitations({ db: db(), surveyId, perUnit: { leisure: 8 } });
    const initial = (await physical(surveyId)).map((r) => r.token_hash);
    const order = [...made].sort(() => Math.random() - 0.5);
    for (const [i, link] of order.entries()) {
      expect((await send(link.token, answer("leisure", { staff_activities: `svar ${i}` }))).status).toBe(201);
      const now = await physical(surveyId);
      // Every row was rewritten by the same transaction, in the same physical order as before any use.
      expect(new Set(now.map((r) => r.xmin)).size).toBe(1);
      expect(now.map((r) => r.token_hash)).toEqual(initial);
      expect(now.filter((r) => r.used)).toHaveLength(i + 1);
    }
    // The answers keep only the unit and the date; none carries a token hash, and their ids are the clients'.
    const stored = await responses(surveyId);
    expect(stored).toHaveLength(8);
    for (const r of stored) {
      const text = JSON.stringify(r);
      for (const h of initial) expect(text).not.toContain(h);
      expect(r.data.unit).toBe("leisure");
    }
  });

  it("the check above can fail: updating only the used row moves it and gives it its own xmin", async () => {
    await sql`create table invitation_probe as select token_hash, used from invitation order by ctid`.execute(db());
    try {
      const before = (
        await sql<{ token_hash: string }>`select token_hash from invitation_probe order by ctid`.execute(db())
      ).rows.map((r) => r.token_hash);
      await sql`update invitation_probe set used = not used where token_hash = ${before[0]!}`.execute(db());
      const after = await sql<{
        token_hash: string;
        xmin: string;
      }>`select token_hash, xmin::text as xmin from invitation_probe order by ctid`.execute(db());
      expect(after.rows.map((r) => r.token_hash)).not.toEqual(before);
      expect(new Set(after.rows.map((r) => r.xmin)).size).toBeGreaterThan(1);
    } finally {
      await sql`drop table invitation_probe`.execute(db());
    }
  });
});

describe(`meetings and theme scores on ${testEngine()}`, () => {
  const base = { place: "Centrum", notes: "", themes: [] as meetings.MeetingInput["themes"] };
  let walkId: number;

  it("records, lists, edits and deletes meetings, scoped by kommun", async () => {
    walkId = await meetings.createMeeting({
      db: db(),
      kommunId,
      accountId: null,
      input: {
        ...base,
        kind: "trygghetsvandring",
        heldOn: "2026-03-10",
        participants: { boende: 12, polis: 2 },
        themes: [{ theme: "physical_environment", raisedBy: 9, votes: null }],
      },
    });
    await meetings.createMeeting({
      db: db(),
      kommunId,
      accountId: null,
      input: {
        ...base,
        kind: "bra_mote",
        heldOn: "2026-04-02",
        participants: { kommun: 5, polis: 3 },
        themes: [
          { theme: "drugs_andt", raisedBy: 4, votes: 6 },
          { theme: "youth", raisedBy: 2, votes: null },
        ],
      },
    });
    const gone = await meetings.createMeeting({
      db: db(),
      kommunId,
      accountId: null,
      input: { ...base, kind: "annat", heldOn: "2026-01-01", participants: {} },
    });
    await meetings.createMeeting({
      db: db(),
      kommunId: otherKommunId,
      accountId: null,
      input: {
        ...base,
        kind: "skolbesok",
        heldOn: "2026-02-01",
        participants: { ungdom: 30 },
        themes: [{ theme: "youth", raisedBy: 30, votes: null }],
      },
    });
    await expect(meetings.getMeeting({ db: db(), kommunId: otherKommunId, meetingId: walkId })).rejects.toThrow(
      /finns inte/,
    );
    await expect(meetings.deleteMeeting({ db: db(), kommunId: otherKommunId, meetingId: walkId })).rejects.toThrow(
      /finns inte/,
    );
    await meetings.deleteMeeting({ db: db(), kommunId, meetingId: gone });
    const list = await meetings.listMeetings({ db: db(), kommunId });
    expect(list.map((m) => [m.kind, m.heldOn, m.participants])).toEqual([
      ["bra_mote", "2026-04-02", 8],
      ["trygghetsvandring", "2026-03-10", 14],
    ]);
    await meetings.updateMeeting({
      db: db(),
      kommunId,
      meetingId: walkId,
      input: {
        ...base,
        kind: "trygghetsvandring",
        heldOn: "2026-03-10",
        place: "Stationen",
        participants: { boende: 10, polis: 2 },
        themes: [
          { theme: "physical_environment", raisedBy: 9, votes: null },
          { theme: "drugs_andt", raisedBy: 1, votes: null },
        ],
      },
    });
    expect(await meetings.getMeeting({ db: db(), kommunId, meetingId: walkId })).toMatchObject({
      place: "Stationen",
      participants: { boende: 10, polis: 2 },
    });
    await expect(
      meetings.createMeeting({
        db: db(),
        kommunId,
        accountId: null,
        input: { ...base, kind: "annat", heldOn: "igår", participants: { boende: -1 } },
      }),
    ).rejects.toThrow();
    // A participant category outside the list (the English ones before migration 2026_12_07_170000) is refused.
    await expect(
      meetings.createMeeting({
        db: db(),
        kommunId,
        accountId: null,
        input: { ...base, kind: "annat", heldOn: "2026-01-01", participants: { police: 2 } },
      }),
    ).rejects.toMatchObject({ status: 422, errors: [{ field: "participants-police" }] });
  });

  it("follows walk findings up: open, fixed, won't fix", async () => {
    const id = await meetings.addFinding({
      db: db(),
      kommunId,
      meetingId: walkId,
      input: {
        place: "Gångtunneln",
        problems: ["poor_lighting", "blocked_view"],
        description: "Mörkt",
        proposedFix: "Ny belysning",
      },
    });
    await meetings.setFindingStatus({ db: db(), kommunId, findingId: id, status: "fixed" });
    await expect(
      meetings.setFindingStatus({ db: db(), kommunId: otherKommunId, findingId: id, status: "open" }),
    ).rejects.toThrow(/finns inte/);
    const m = await meetings.getMeeting({ db: db(), kommunId, meetingId: walkId });
    expect(m.findings).toEqual([
      {
        id,
        place: "Gångtunneln",
        problems: ["poor_lighting", "blocked_view"],
        description: "Mörkt",
        proposedFix: "Ny belysning",
        status: "fixed",
      },
    ]);
  });

  it("meeting theme scores: the share of meetings weighted by participants, with the evidence", async () => {
    const scores = await meetings.meetingThemeScores({ db: db(), kommunId });
    // Recomputed by hand: the walk (12 participants) raised physical_environment and drugs_andt, the BRÅ meeting (8)
    // raised drugs_andt and youth.
    const total = 12 + 8;
    const by = Object.fromEntries(scores.themes.map((t) => [t.theme, t]));
    expect(scores).toMatchObject({ meetings: 2, participants: total });
    expect(by.drugs_andt).toMatchObject({ meetings: 2, participants: 20, share: 1 });
    expect(by.physical_environment).toMatchObject({ meetings: 1, participants: 12, share: 12 / total });
    expect(by.youth).toMatchObject({ meetings: 1, participants: 8, share: 8 / total });
    expect(by.traffic_safety).toMatchObject({ meetings: 0, share: 0, evidence: [] });
    expect(by.drugs_andt!.evidence.map((e) => [e.kind, e.heldOn, e.votes])).toEqual([
      ["trygghetsvandring", "2026-03-10", null],
      ["bra_mote", "2026-04-02", 6],
    ]);
    const april = await meetings.meetingThemeScores({ db: db(), kommunId, from: "2026-04-01", to: "2026-04-30" });
    expect(april.meetings).toBe(1);
    expect(april.themes.find((t) => t.theme === "youth")!.share).toBe(1);
    expect((await meetings.meetingThemeScores({ db: db(), kommunId, to: "2025-12-31" })).themes).toEqual([]);
  });

  it("staff theme scores are computed from the stored answers and suppressed below 5 respondents", async () => {
    const { id: surveyId } = await staffSurvey("2028");
    const made = await createInvitations({ db: db(), surveyId, perUnit: { social: 6 } });
    const levels = ["4", "3", "2", "1", "dont_know"];
    const priorities = [
      ["drugs_andt", "youth"],
      ["youth"],
      ["drugs_andt"],
      ["traffic_safety", "youth"],
      [],
      ["youth", "cooperation"],
    ];
    const given: Record<string, unknown>[] = [];
    for (const [i, link] of made.entries()) {
      const data = {
        unit: "social",
        staff_problems: { drug_dealing: levels[i % 5]!, speeding: levels[(i + 2) % 5]! },
        ...(priorities[i]!.length ? { staff_priorities: priorities[i] } : {}),
      };
      if (i === 4) {
        const early = await staffThemeScores({ db: db(), surveyId });
        expect(early).toMatchObject({ suppressed: true, respondents: null });
        expect(early.themes.every((t) => t.score === null && t.priorityShare === null && t.problemShare === null)).toBe(
          true,
        );
      }
      expect((await send(link.token, data)).status).toBe(201);
      given.push(data);
    }
    const scores = await staffThemeScores({ db: db(), surveyId });
    expect(scores).toMatchObject({ suppressed: false, respondents: 6 });
    const answeredPriorities = given.filter((g) => Array.isArray(g.staff_priorities));
    const share = (theme: string) =>
      answeredPriorities.filter((g) => (g.staff_priorities as string[]).includes(theme)).length /
      answeredPriorities.length;
    const problem = (row: string) => {
      const vals = given
        .map((g) => (g.staff_problems as Record<string, string>)[row]!)
        .filter((v) => v !== "dont_know");
      return vals.filter((v) => v === "4" || v === "3").length / vals.length;
    };
    const by = Object.fromEntries(scores.themes.map((t) => [t.theme, t]));
    expect(by.youth!.priorityShare).toBeCloseTo(share("youth"));
    expect(by.drugs_andt!.priorityShare).toBeCloseTo(share("drugs_andt"));
    // drug_dealing has 5 answers besides "Vet ej": shown; the other drugs_andt rows were not answered.
    expect(by.drugs_andt!.problemShare).toBeCloseTo(problem("drug_dealing"));
    expect(by.drugs_andt!.problemItem).toBe("staff_problems.drug_dealing");
    expect(by.drugs_andt!.score).toBeCloseTo((share("drugs_andt") + problem("drug_dealing")) / 2);
    expect(rowThemes.speeding).toContain("traffic_safety");
    expect(by.traffic_safety!.problemShare).toBeCloseTo(problem("speeding"));
    expect(scores.themes.map((t) => t.theme)).toEqual([...THEME_KEYS]);
    // Another survey's or unit's answers are not counted: a unit with no answers is suppressed.
    expect((await staffThemeScores({ db: db(), surveyId, unit: "school" })).suppressed).toBe(true);
  });
});
