// Outcome indicators whose baseline and change are recomputed from the raw survey answers with the pooled
// two-proportion z-test written out here, and how follow-up and indicators carry over to a revised version.
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createYearDocument, policeQuantityArea } from "../support/promise-documents";
import {
  addFollowUpEntry,
  deleteFollowUpEntry,
  updateFollowUpEntry,
} from "../../app/features/promises/follow-up-entries.server";
import { getFollowUp } from "../../app/features/promises/follow-up.server";
import { Forbidden, Invalid, NotFound } from "../../app/platform/errors.server";
import { revise } from "../../app/features/promises/revising.server";
import { listOutcomeIndicators } from "../../app/features/promises/outcome.server";
import { todayInSweden } from "../../app/features/promises/domain/follow-up-progress";
import { Browser } from "../support/app-server";
import { testEngine } from "../support/test-db";
import {
  app,
  ids,
  users,
  accountIds,
  count,
  errorFields,
  rawRows,
  problemShareRaw,
  base,
  promisesOf,
  postIndicator,
  setUpFollowUpFixture,
} from "../support/follow-up-fixture";

setUpFollowUpFixture();

describe(`follow-up on ${testEngine()}`, () => {
  it("stores an outcome indicator's baseline as the raw answers give it, and computes the change to the next wave", async () => {
    const rows2022 = await rawRows(ids.survey2022);
    const rows2024 = await rawRows(ids.survey2024);
    const focusArea = await app.open.db
      .selectFrom("focus_area")
      .select("id")
      .where("document_id", "=", ids.kalixDoc)
      .where("themes", "@>", sql<string[]>`array['drugs_andt']::text[]`)
      .executeTakeFirstOrThrow();
    const before = await count("outcome_indicator");
    const res = await postIndicator(users.analyst, focusArea.id, {});
    expect(res.status).toBe(302);
    const withArea = await users.editor.post(`${base()}/indikatorer`, {
      intent: "create",
      focusAreaId: String(focusArea.id),
      surveySlug: "kalix-2022",
      question: "problems.drug_dealing",
      filter: "area:kalix",
      direction: "decrease",
      targetPercent: "1",
      label: "Narkotikaförsäljning i centralorten",
    });
    expect(withArea.status).toBe(302);
    expect(await count("outcome_indicator")).toBe(before + 2);

    const list = await listOutcomeIndicators({ db: app.open.db, kommunId: ids.kalix, documentId: ids.kalixDoc });
    for (const [ind, area] of [
      [list.find((i) => i.filter === "")!, undefined],
      [list.find((i) => i.filter === "area:kalix")!, "kalix"],
    ] as const) {
      const b = problemShareRaw(rows2022, "drug_dealing", area);
      const l = problemShareRaw(rows2024, "drug_dealing", area);
      expect(ind.baseline.k).toBe(b.k);
      expect(ind.baseline.base).toBe(b.base);
      expect(ind.baseline.share).toBeCloseTo(b.k / b.base, 12);
      expect(ind.recomputed.matchesStored).toBe(true);
      const wave = ind.waves.find((w) => w.surveyId === ids.survey2024)!;
      expect(wave.state).toBe("ok");
      expect(wave.figure!.k).toBe(l.k);
      expect(wave.figure!.base).toBe(l.base);
      // Pooled two-proportion z-test, written out (docs/domain/statistics.md#change-between-two-periods).
      const p1 = b.k / b.base;
      const p2 = l.k / l.base;
      const pooled = (b.k + l.k) / (b.base + l.base);
      const z = (p2 - p1) / Math.sqrt(pooled * (1 - pooled) * (1 / b.base + 1 / l.base));
      expect(wave.change!.diff).toBeCloseTo(p2 - p1, 12);
      expect(wave.change!.z).toBeCloseTo(z, 9);
      expect(wave.change!.significant).toBe(Math.abs(z) >= 1.96);
      expect(wave.change!.low).toBeLessThan(wave.change!.diff);
      expect(wave.change!.high).toBeGreaterThan(wave.change!.diff);
      expect(wave.verdict).toBe(Math.abs(z) < 1.96 ? "no_significant_change" : p2 < p1 ? "improved" : "worsened");
    }
    // The generated 2022 wave has much more drug dealing: the whole-kommun drop is large enough to be significant.
    expect(list.find((i) => i.filter === "")!.waves[0]!.verdict).toBe("improved");
    // The report shows it, and says whether the 1 % target is met.
    const report = await (await users.viewer.fetch(`${base()}/uppfoljning/rapport`)).text();
    expect(report).toContain("Narkotikaförsäljning i centralorten");
    expect(report).toContain("säkerställd förbättring");
    expect(report).toContain("Målvärdet är inte nått.");
  });

  it("refuses an indicator that does not fit, per field, and changes nothing; viewers may not add one", async () => {
    const focusArea = await app.open.db
      .selectFrom("focus_area")
      .select("id")
      .where("document_id", "=", ids.kalixDoc)
      .orderBy("position")
      .executeTakeFirstOrThrow();
    const before = await count("outcome_indicator");
    const post = (fields: Record<string, string>, who: Browser = users.analyst) =>
      postIndicator(who, focusArea.id, fields);
    const fieldsOf = errorFields;
    let res = await post({ question: "age_band" });
    expect(res.status).toBe(422);
    expect(await fieldsOf(res)).toEqual(["question"]);
    res = await post({ filter: "area:atlantis" });
    expect(res.status).toBe(422);
    expect(await fieldsOf(res)).toEqual(["filter"]);
    res = await post({ direction: "sideways", targetPercent: "150" });
    expect(await fieldsOf(res)).toEqual(["direction", "targetPercent"]);
    res = await post({ targetPercent: "99" });
    expect(await fieldsOf(res)).toEqual(["targetPercent"]);
    res = await post({ focusAreaId: "0", surveySlug: "haparanda-2022" });
    expect(await fieldsOf(res)).toEqual(["focusAreaId", "surveySlug"]);
    expect((await post({}, users.viewer)).status).toBe(403);
    expect((await post({}, users.otherEditor)).status).toBe(403);
    expect(await count("outcome_indicator")).toBe(before);
  });

  it("carries follow-up and outcome indicators over to a revised version of the same promises", async () => {
    const db = app.open.db;
    // Runs last: the revision's new draft must not disturb the other tests' document.
    const today = todayInSweden();
    const v1 = await getFollowUp({ db, kommunId: ids.kalix, documentId: ids.kalixDoc, today });
    const v1Done = v1.focusAreas.flatMap((f) => f.promises.map((p) => p.progress.done));
    expect(v1Done.some((d) => d > 0)).toBe(true);
    const v1Indicators = await db
      .selectFrom("outcome_indicator as o")
      .innerJoin("focus_area as f", "f.id", "o.focus_area_id")
      .select(["o.question", "o.baseline_k", "o.baseline_base"])
      .where("f.document_id", "=", ids.kalixDoc)
      .orderBy("o.id")
      .execute();
    const v2Id = await revise({ db, kommunId: ids.kalix, documentId: ids.kalixDoc, accountId: accountIds.editor });
    ids.kalixV2 = v2Id;
    // Publishing needs both sides' approvals (promise-workflow.test.ts); here only the carried-over figures matter.
    await db
      .updateTable("promise_document")
      .set({ status: "publicerat", published_at: new Date() })
      .where("id", "=", v2Id)
      .execute();
    const v2 = await getFollowUp({ db, kommunId: ids.kalix, documentId: v2Id, today });
    expect(v2.focusAreas.flatMap((f) => f.promises.map((p) => p.progress.done))).toEqual(v1Done);
    // Recomputed from the raw entries: every entry of a v2 promise's original counts for it.
    const raw = await sql<{ id: number; done: number }>`
      select p2.id, coalesce(sum(e.quantity), 0)::int as done
      from promise p2 join focus_area f on f.id = p2.focus_area_id
      left join follow_up_entry e on e.promise_id = p2.revised_from_id and e.done_on <= ${today}
      where f.document_id = ${v2Id} group by p2.id`.execute(db);
    const v2Promises = v2.focusAreas.flatMap((f) => f.promises);
    for (const r of raw.rows) expect(v2Promises.find((p) => p.id === r.id)?.progress.done).toBe(r.done);
    const v2Indicators = await db
      .selectFrom("outcome_indicator as o")
      .innerJoin("focus_area as f", "f.id", "o.focus_area_id")
      .select(["o.question", "o.baseline_k", "o.baseline_base"])
      .where("f.document_id", "=", v2Id)
      .orderBy("o.id")
      .execute();
    expect(v2Indicators).toEqual(v1Indicators);
  });
  it("lists entries logged under the earlier version on the revised version's page, and changes them there by the same rules", async () => {
    // Runs after the revision above: v2 (published) carries v1's promises over through revised_from_id.
    const db = app.open.db;
    const v2Id = ids.kalixV2;
    expect(v2Id).toBeGreaterThan(0);
    const v1 = await db
      .selectFrom("promise_document")
      .select(["id", "version"])
      .where("id", "=", ids.kalixDoc)
      .executeTakeFirstOrThrow();
    const [p1] = await promisesOf(ids.kalixDoc);
    const p2 = await db
      .selectFrom("promise")
      .select(["id"])
      .where("revised_from_id", "=", p1!.id)
      .executeTakeFirstOrThrow();
    const today = "2024-06-30";
    const scope = { db, kommunId: ids.kalix, accountId: accountIds.editor, today };
    // One entry logged under v1 (before the revision took over), one under v2.
    const oldId = await addFollowUpEntry({
      ...scope,
      documentId: ids.kalixDoc,
      promiseId: p1!.id,
      input: { doneOn: "2023-05-04", quantity: 4, place: "Kalix hamn", note: "v1" },
    });
    const newId = await addFollowUpEntry({
      ...scope,
      documentId: v2Id,
      promiseId: p2.id,
      input: { doneOn: "2023-05-05", quantity: 1, place: "", note: "v2" },
    });

    // The revised version's page lists both under its promise, saying which version the old one was logged under.
    const page = await getFollowUp({ db, kommunId: ids.kalix, documentId: v2Id, accountId: accountIds.editor, today });
    const entries = page.focusAreas.flatMap((f) => f.promises).find((p) => p.id === p2.id)!.entries;
    expect(entries.find((e) => e.id === oldId)).toMatchObject({
      promiseId: p2.id,
      own: true,
      loggedUnder: { documentId: v1.id, version: v1.version },
    });
    expect(entries.find((e) => e.id === newId)).toMatchObject({ promiseId: p2.id, own: true, loggedUnder: null });
    const html = await (await users.editor.fetch(`/app/kalix/loften/${v2Id}/uppfoljning`)).text();
    expect(html).toContain(`Loggad under version ${v1.version}`);
    expect(html).toContain(`uppfoljning?andra=${oldId}`);
    const editForm = await (await users.editor.fetch(`/app/kalix/loften/${v2Id}/uppfoljning?andra=${oldId}`)).text();
    expect(editForm).toContain(`Raden loggades under version ${v1.version} av dokumentet`);
    expect(editForm).toContain(`name="entryId" value="${oldId}"`);

    const row = (id: number) => db.selectFrom("follow_up_entry").selectAll().where("id", "=", id).executeTakeFirst();
    const v2Scope = { db, kommunId: ids.kalix, documentId: v2Id, today };
    // Same validation as an entry of the current version: one message per field, nothing changed.
    // Changes to the old entry as its author, from v2's page, unless said otherwise.
    const update = (over: Partial<Parameters<typeof updateFollowUpEntry>[0]>) =>
      updateFollowUpEntry({
        ...v2Scope,
        accountId: accountIds.editor,
        entryId: oldId,
        input: { doneOn: "2023-05-04", quantity: 9 },
        ...over,
      });
    const before = await row(oldId);
    const invalid = update({ input: { doneOn: "2021-01-01", quantity: "-2" } });
    await expect(invalid).rejects.toBeInstanceOf(Invalid);
    await invalid.catch((e: Invalid) => expect(e.errors.map((x) => x.field)).toEqual(["doneOn", "quantity"]));
    // Same permissions: another editor of the kommun may not change the author's row; an admin may.
    await expect(update({ accountId: accountIds.polis })).rejects.toBeInstanceOf(Forbidden);
    await expect(
      deleteFollowUpEntry({ ...v2Scope, accountId: accountIds.polis, entryId: oldId }),
    ).rejects.toBeInstanceOf(Forbidden);
    // Another kommun's address, and another kommun's document, do not reach it.
    await expect(update({ kommunId: ids.haparanda })).rejects.toBeInstanceOf(NotFound);
    await expect(
      update({ kommunId: ids.haparanda, documentId: ids.haparandaDoc, isAdmin: true }),
    ).rejects.toBeInstanceOf(NotFound);
    // The lineage runs backwards only: v1's page does not reach an entry logged under v2.
    await expect(
      update({ documentId: ids.kalixDoc, entryId: newId, input: { doneOn: "2023-05-05", quantity: 2 } }),
    ).rejects.toBeInstanceOf(NotFound);
    expect(await row(oldId)).toEqual(before);

    // A promise outside the lineage: another published Kalix document's entry is not reached from v2's page.
    // An earlier period: one document is in force per kommun and period, so another for 2022–2023 is refused.
    const otherDoc = await createYearDocument(db, {
      kommunId: ids.kalix,
      year: 2021,
      title: "Kalix andra dokument",
      status: "publicerat",
      focusAreas: [policeQuantityArea("Annat", "police_presence", "fotpatrullering", 1, "month")],
    });
    const [otherPromise] = await promisesOf(otherDoc);
    const outsideId = await addFollowUpEntry({
      ...scope,
      documentId: otherDoc,
      promiseId: otherPromise!.id,
      input: { doneOn: "2021-05-06", quantity: 1 },
    });
    await expect(
      update({ isAdmin: true, entryId: outsideId, input: { doneOn: "2021-05-06", quantity: 5 } }),
    ).rejects.toBeInstanceOf(NotFound);
    await expect(
      deleteFollowUpEntry({ ...v2Scope, accountId: accountIds.editor, isAdmin: true, entryId: outsideId }),
    ).rejects.toBeInstanceOf(NotFound);
    expect((await row(outsideId))?.quantity).toBe(1);

    // The author changes it from the revised version's page (through the form, as a person would), then an admin's
    // right holds too, and the author deletes it there.
    const upd = await users.editor.post(`/app/kalix/loften/${v2Id}/uppfoljning`, {
      intent: "update",
      entryId: String(oldId),
      doneOn: "2023-05-03",
      quantity: "6",
      place: "Kalix hamn",
      note: "rättad",
    });
    expect(upd.status).toBe(302);
    expect(await row(oldId)).toMatchObject({
      promise_id: p1!.id,
      done_on: "2023-05-03",
      quantity: 6,
      note: "rättad",
      created_by: accountIds.editor,
    });
    expect((await row(oldId))?.updated_at).not.toBeNull();
    const bad = await users.editor.post(`/app/kalix/loften/${v2Id}/uppfoljning`, {
      intent: "update",
      entryId: String(oldId),
      doneOn: "2023-05-03",
      quantity: "x",
    });
    expect(bad.status).toBe(422);
    expect(await errorFields(bad)).toEqual(["quantity"]);
    await update({
      accountId: accountIds.polis,
      isAdmin: true,
      input: { doneOn: "2023-05-03", quantity: 7, place: "Kalix hamn", note: "rättad" },
    });
    expect((await row(oldId))?.quantity).toBe(7);
    const after = await getFollowUp({ db, kommunId: ids.kalix, documentId: v2Id, today });
    expect(
      after.focusAreas
        .flatMap((f) => f.promises)
        .find((p) => p.id === p2.id)!
        .entries.find((e) => e.id === oldId)?.quantity,
    ).toBe(7);
    expect(
      (await users.polis.post(`/app/kalix/loften/${v2Id}/uppfoljning`, { intent: "delete", entryId: String(oldId) }))
        .status,
    ).toBe(403);
    expect(
      (await users.editor.post(`/app/kalix/loften/${v2Id}/uppfoljning`, { intent: "delete", entryId: String(oldId) }))
        .status,
    ).toBe(302);
    expect(await row(oldId)).toBeUndefined();
  });
});
