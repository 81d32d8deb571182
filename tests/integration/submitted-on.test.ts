// An answer's day (`submitted_on`) is its day in Europe/Stockholm, like every other date in the product: an answer
// sent at 00:30 on 1 July in Sweden (22:30 UTC on 30 June) belongs to 1 July, by the web, by staff entry and by import.
import crypto from "node:crypto";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { OpenDatabase } from "../../app/platform/db.server";
import { storeResponsesAllOrNothing, submitResponse } from "../../app/features/surveys/responses.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { testDatabase, testEngine } from "../support/test-db";

const definition = {
  pages: [{ name: "p1", elements: [{ type: "radiogroup", name: "q", title: "Q", choices: ["a", "b"] }] }],
};
let open: OpenDatabase;
let surveyId = 0;
let slug = "";

beforeAll(async () => {
  open = await testDatabase();
  const org = await open.db
    .insertInto("organisation")
    .values({ slug: "dagen", name: "Dagens kommun", kind: "kommun", parent_id: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  ({ id: surveyId, slug } = await createSurvey({
    db: open.db,
    kommunId: org.id,
    kommunSlug: "dagen",
    period: "2026",
    kind: "medborgarenkat",
    title: "Dagtest",
    definition,
  }));
  await setSurveyStatus({ db: open.db, surveyId, status: "open" });
}, 60_000);
afterEach(() => vi.useRealTimers());
afterAll(async () => open?.close());

const dayOf = async (id: string) =>
  (await sql<{ d: string }>`select submitted_on::text as d from response where id = ${id}::uuid`.execute(open.db))
    .rows[0]?.d;

describe(`an answer's day on ${testEngine()}`, () => {
  for (const [instant, day] of [
    ["2026-06-30T22:30:00Z", "2026-07-01"], // summer: UTC+2
    ["2026-01-14T23:10:00Z", "2026-01-15"], // winter: UTC+1
    ["2026-01-14T22:50:00Z", "2026-01-14"],
  ] as const) {
    it(`${instant} is ${day} for a web answer and a staff-entered one`, async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date(instant));
      const web = crypto.randomUUID();
      await submitResponse({ db: open.db, slug, id: web, data: { q: "a" }, locale: "sv", channel: "web" });
      const paper = crypto.randomUUID();
      await submitResponse({
        db: open.db,
        slug,
        id: paper,
        data: { q: "b" },
        locale: "sv",
        channel: "paper",
        allowClosed: true,
      });
      expect(await dayOf(web)).toBe(day);
      expect(await dayOf(paper)).toBe(day);
    });
  }

  it("dates imported answers without their own date by the Stockholm day too", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-06-30T22:30:00Z"));
    const before = (
      await sql<{ n: number }>`select count(*)::int as n from response where submitted_on = '2026-07-01'`.execute(
        open.db,
      )
    ).rows[0]!.n;
    const r = await storeResponsesAllOrNothing({
      db: open.db,
      surveyId,
      rows: [{ data: { q: "a" } }, { data: { q: "b" } }],
      channel: "import",
    });
    expect(r.stored).toBe(2);
    const after = (
      await sql<{ n: number }>`select count(*)::int as n from response where submitted_on = '2026-07-01'`.execute(
        open.db,
      )
    ).rows[0]!.n;
    expect(after - before).toBe(2);
  });
});
