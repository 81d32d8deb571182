// Follow-up (uppföljning) progress on a real database: each promise's progress recomputed here from the raw entries
// and the period arithmetic, the yearly review, the public page and the kommun's dashboard.
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createYearDocument, policeQuantityArea } from "../support/promise-documents";
import { getFollowUp, getPublicProgress } from "../../app/features/promises/follow-up.server";
import { todayInSweden } from "../../app/features/promises/domain/follow-up-progress";
import { testEngine } from "../support/test-db";
import { app, ids, users, errorFields, base, promisesOf, setUpFollowUpFixture } from "../support/follow-up-fixture";

setUpFollowUpFixture();

describe(`follow-up on ${testEngine()}`, () => {
  it("shows each promise's progress with the done figure summed from the raw entries and the period's total", async () => {
    const res = await users.viewer.fetch(`${base()}/uppfoljning`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const doc = await app.open.db
      .selectFrom("promise_document")
      .selectAll()
      .where("id", "=", ids.kalixDoc)
      .executeTakeFirstOrThrow();
    // The period is over, so expected so far = the whole period's total; computed here from the target alone.
    const days = (Date.parse(doc.period_end) - Date.parse(doc.period_start)) / 86_400_000 + 1;
    let checked = 0;
    for (const p of await promisesOf(ids.kalixDoc)) {
      const t = p.target as { kind: string; quantity?: number; per?: string; averaged?: boolean };
      if (t.kind !== "quantity") continue;
      const years = Number(doc.period_end.slice(0, 4)) - Number(doc.period_start.slice(0, 4)) + 1;
      const total =
        t.per === "year"
          ? t.quantity! * years
          : t.per === "period"
            ? t.quantity!
            : t.per === "week" && t.averaged
              ? Math.floor((t.quantity! * days) / 7)
              : t.per === "week"
                ? Math.floor(days / 7) * t.quantity!
                : null;
      if (total === null) continue;
      const done = (
        await sql<{
          s: number;
        }>`select coalesce(sum(quantity), 0)::int as s from follow_up_entry where promise_id = ${p.id}`.execute(
          app.open.db,
        )
      ).rows[0]!.s;
      expect(done, "the demo seed logged something").toBeGreaterThan(0);
      expect(html).toContain(`${done} av ${total} (förväntat hittills ${total})`);
      expect(html).toContain(done >= total ? "Genomfört" : "Efter plan");
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it("expects pro rata mid-period: three a week on average, 140 days in, expects 60", async () => {
    const promise = (await promisesOf(ids.kalixDoc)).find((p) => (p.target as { averaged?: boolean }).averaged)!;
    const f = await getFollowUp({
      db: app.open.db,
      kommunId: ids.kalix,
      documentId: ids.kalixDoc,
      today: "2022-05-20",
    });
    const view = f.focusAreas.flatMap((a) => a.promises).find((p) => p.id === promise.id)!;
    const days = (Date.parse("2022-05-20") - Date.parse("2022-01-01")) / 86_400_000 + 1;
    expect(days).toBe(140);
    expect(view.progress.expected).toBe(Math.floor((3 * days) / 7));
    const rawDone = (
      await sql<{
        s: number;
      }>`select coalesce(sum(quantity), 0)::int as s from follow_up_entry where promise_id = ${promise.id} and done_on <= '2022-05-20'`.execute(
        app.open.db,
      )
    ).rows[0]!.s;
    expect(view.progress.done).toBe(rawDone);
    expect(view.progress.status).toBe(rawDone >= 312 ? "done" : rawDone >= 60 ? "on_track" : "behind");
  });

  it("gives the yearly review: one year's entries against that year's share of the target", async () => {
    const promise = (await promisesOf(ids.kalixDoc)).find((p) => {
      const t = p.target as { kind: string; per?: string; quantity?: number };
      return t.kind === "quantity" && t.per === "year" && t.quantity === 4;
    })!;
    for (const year of [2022, 2023]) {
      const res = await users.viewer.fetch(`${base()}/uppfoljning/rapport?ar=${year}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const done = (
        await sql<{
          s: number;
        }>`select coalesce(sum(quantity), 0)::int as s from follow_up_entry where promise_id = ${promise.id} and done_on between ${`${year}-01-01`} and ${`${year}-12-31`}`.execute(
          app.open.db,
        )
      ).rows[0]!.s;
      expect(html).toContain(`${done} av 4 (förväntat hittills 4)`);
      const csv = await (await users.viewer.fetch(`${base()}/uppfoljning/rapport.csv?ar=${year}`)).text();
      expect(csv).toContain(`Avser;${year}-01-01 – ${year}-12-31`);
    }
    expect((await users.viewer.fetch(`${base()}/uppfoljning/rapport?ar=2019`)).status).toBe(404);
    expect((await users.viewer.fetch(`${base()}/uppfoljning/rapport?ar=20x2`)).status).toBe(404);
  });

  it("gives the public page progress of published documents only, without places, notes or authors", async () => {
    const pub = await getPublicProgress({ db: app.open.db, documentId: ids.kalixDoc });
    const internal = await getFollowUp({ db: app.open.db, kommunId: ids.kalix, documentId: ids.kalixDoc });
    expect(pub.promises.map((p) => p.progress)).toEqual(
      internal.focusAreas.flatMap((a) => a.promises.map((p) => p.progress)),
    );
    expect(Object.keys(pub.promises[0]!).sort()).toEqual(["id", "progress", "target", "text"]);
    await expect(getPublicProgress({ db: app.open.db, documentId: ids.draftDoc })).rejects.toThrow(/finns inte/);
  });

  it("shows the kommun's dashboard with what is behind first and the document's follow-up date", async () => {
    const res = await users.viewer.fetch("/app/kalix/uppfoljning");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Kalix – medborgarlöften");
    // The seeded Kalix period ended in 2023: the latest period is shown, marked as such.
    expect(html).toContain("Inget publicerat dokument gäller i dag");
    const behind = html.indexOf("Efter plan</span>");
    const done = html.indexOf("Genomfört</span>");
    expect(behind).toBeGreaterThan(0);
    expect(done).toBeGreaterThan(behind);
  });

  it("shows a document in force on the dashboard, with the expected number by today and its follow-up date, and refuses future dates", async () => {
    const db = app.open.db;
    const today = todayInSweden();
    const year = Number(today.slice(0, 4));
    const start = `${year}-01-01`;
    const end = `${year}-12-31`;
    const due = `${year + 1}-02-28`;
    const id = await createYearDocument(db, {
      kommunId: ids.kalix,
      year,
      title: "Kalix löften i kraft",
      status: "publicerat",
      followUpDue: due,
      focusAreas: [policeQuantityArea("Närvaro", "police_presence", "fotpatrullering", 1, "week")],
    });
    const [p] = await promisesOf(id);
    const path = `/app/kalix/loften/${id}/uppfoljning`;
    // Tomorrow is refused (today's date in Sweden is the limit), today is accepted.
    const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (tomorrow <= end) {
      const res = await users.editor.post(path, {
        intent: "add",
        promiseId: String(p!.id),
        doneOn: tomorrow,
        quantity: "1",
      });
      expect(res.status).toBe(422);
      expect(await errorFields(res)).toEqual(["doneOn"]);
    }
    expect(
      (
        await users.editor.post(path, {
          intent: "add",
          promiseId: String(p!.id),
          doneOn: today,
          quantity: "2",
          place: "Torget",
        })
      ).status,
    ).toBe(302);
    // One a week: whole weeks since 1 January, counted here from the dates alone.
    const weeks = Math.floor(((Date.parse(today) - Date.parse(start)) / 86_400_000 + 1) / 7);
    const html = await (await users.viewer.fetch("/app/kalix/uppfoljning")).text();
    expect(html).toContain("Kalix löften i kraft");
    expect(html).not.toContain("Inget publicerat dokument gäller i dag");
    expect(html).toContain(`Nästa skriftliga uppföljning: senast ${due} (Kalix löften i kraft).`);
    expect(html).toContain(`2 av 52 (förväntat hittills ${weeks})`);
    expect(html).toContain(weeks > 2 ? "Efter plan" : "Enligt plan");
    // A published document is immutable in the database: removing this test's own one is a deliberate operator act.
    await db.transaction().execute(async (trx) => {
      await sql`select set_config('td.allow_published_change', 'on', true)`.execute(trx);
      await trx.deleteFrom("promise_document").where("id", "=", id).execute();
    });
  });
  it("shows beside the outcome indicators whether residents knew of the promises, per wave, as the results API says", async () => {
    const html = await (await users.viewer.fetch(`${base()}/indikatorer`)).text();
    expect(html).toContain("Känner invånarna till löftena?");
    const slugs = await app.open.db
      .selectFrom("survey")
      .select(["id", "slug"])
      .where("id", "in", [ids.survey2022, ids.survey2024])
      .execute();
    for (const s of slugs) {
      const res = await users.analyst.fetch(`/api/v1/surveys/${s.slug}/results`);
      const results = (await res.json()) as {
        questions: {
          name: string;
          answered: number | null;
          options: { value: string; share: number | null; suppressed: boolean }[];
        }[];
      };
      const q = results.questions.find((x) => x.name === "knows_promises")!;
      const yes = q.options.find((o) => o.value === "true")!;
      expect(yes.suppressed).toBe(false);
      const row = new RegExp(`<tr data-survey="${s.id}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? "";
      const pct = `${Math.round(yes.share! * 100)}\u00a0%`;
      expect(row, `survey ${s.id}`).toContain(pct);
      expect(row).toContain(`>${q.answered}<`);
    }
  });
});
