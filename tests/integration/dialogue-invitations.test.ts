// Staff invitations on a real database: links stored only as hashes and used once, the unit forced, revocation,
// concurrency, and that neither the invitation table nor its physical order links an answer to its link.
import { beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { sql } from "kysely";
import {
  createInvitations,
  createInvitationsFromAddresses,
  revokeInvitation,
} from "../../app/features/surveys/invitations.server";
import { invitationStats } from "../../app/features/results/staff.server";
import { testEngine } from "../support/test-db";
import {
  app,
  db,
  staffSurvey,
  answer,
  send,
  responses,
  physical,
  setUpDialogueFixture,
} from "../support/dialogue-fixture";

setUpDialogueFixture();

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
