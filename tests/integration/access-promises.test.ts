// The role matrix of docs/roles.md for promise documents and their follow-up: who reads, comments, edits,
// approves (own side only), logs entries and adds outcome indicators.
//
// Roles (Haparanda is the kommun under test; it lies in LPO Östra Norrbotten, in Polisregion Nord): see
// tests/support/access-fixture.ts.
import { describe, expect, it } from "vitest";
import { testEngine } from "../support/test-db";
import { Expect, app, docs, row, page, form, matrix, count, setUpAccessFixture } from "../support/access-fixture";
import { rowCount } from "../support/rows";

setUpAccessFixture();

describe(`the role matrix of docs/roles.md on ${testEngine()}`, () => {
  it("promise documents in the app: the kommun's people read, analysts and editors comment, editors and admins edit, only editors approve (own side)", async () => {
    // Analysts may start a draft from the ranking's themes; editors write it.
    const doc = `/app/haparanda/loften/${docs.draft}`;
    const readers = row("login", 200, 200, 200, 200, 200, 403, 403);
    await matrix("GET /app/haparanda/loften", page("/app/haparanda/loften"), readers);
    await matrix("GET /app/haparanda/loften/:draft", page(doc), readers);
    await matrix("GET /app/haparanda/loften/:draft/historik", page(`${doc}/historik`), readers);
    await matrix(
      "GET /app/kalix/loften/:haparanda's",
      page(`/app/kalix/loften/${docs.draft}`),
      row("login", 403, 403, 404, 403, 404, 404, 403),
    );
    await matrix(
      "GET /app/haparanda/loften/ny",
      page("/app/haparanda/loften/ny"),
      row("login", 403, 200, 200, 200, 200, 403, 403),
    );
    // Bad input on purpose: who gets through to validation (422) creates nothing either way.
    await matrix(
      "POST /app/haparanda/loften/ny",
      form("/app/haparanda/loften/ny", { periodLabel: "", periodStart: "x", periodEnd: "y" }),
      row("login", 403, 422, 422, 422, 422, 403, 403),
      () => count("promise_document"),
    );
    await matrix(
      "POST comment",
      form(doc, { intent: "comment", section: "inledning", body: "Matris" }),
      row("login", 403, 200, 200, 200, 200, 403, 403),
      () => count("promise_comment"),
    );
    await matrix(
      "POST addFocusArea",
      form(doc, { intent: "addFocusArea", title: "Matris" }),
      row("login", 403, 403, 200, 200, 200, 403, 403),
      () => count("focus_area"),
    );
    const approvals = () => count("promise_approval");
    await matrix(
      "POST approve (document under review)",
      form(`/app/haparanda/loften/${docs.review}`, { intent: "approve" }),
      row("login", 403, 403, 200, 200, 403, 403, 403),
      approvals,
    );
    const sides = await app.open.db
      .selectFrom("promise_approval")
      .select("side")
      .where("document_id", "=", docs.review)
      .orderBy("side")
      .execute();
    expect(sides.map((s) => s.side)).toEqual(["kommun", "polis"]);
  });

  it("follow-up: the kommun's people read; editors log entries; analysts and editors add outcome indicators", async () => {
    const base = `/app/haparanda/loften/${docs.published}`;
    const readers = row("login", 200, 200, 200, 200, 200, 403, 403);
    await matrix("GET /app/haparanda/uppfoljning", page("/app/haparanda/uppfoljning"), readers);
    await matrix("GET .../uppfoljning", page(`${base}/uppfoljning`), readers);
    await matrix("GET .../uppfoljning/rapport", page(`${base}/uppfoljning/rapport`), readers);
    await matrix("GET .../uppfoljning/rapport.csv", page(`${base}/uppfoljning/rapport.csv`), readers);
    await matrix("GET .../indikatorer", page(`${base}/indikatorer`), readers);
    await matrix(
      "GET Haparanda's follow-up under Kalix's path",
      page(`/app/kalix/loften/${docs.published}/uppfoljning`),
      row("login", 403, 403, 404, 403, 404, 404, 403),
    );
    const promise = await app.open.db
      .selectFrom("promise as p")
      .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
      .select("p.id")
      .where("f.document_id", "=", docs.published)
      .orderBy("p.id")
      .executeTakeFirstOrThrow();
    const rows = (table: "follow_up_entry" | "outcome_indicator") => () => rowCount(app.open.db, table);
    const saved: Expect = `->${base}/uppfoljning?klart=sparad#promise-${promise.id}`;
    await matrix(
      "POST .../uppfoljning (log an entry)",
      form(`${base}/uppfoljning`, {
        intent: "add",
        promiseId: String(promise.id),
        doneOn: "2022-06-01",
        quantity: "1",
      }),
      row("login", 403, 403, saved, saved, saved, 403, 403),
      rows("follow_up_entry"),
    );
    // Bad input on purpose: who gets through to validation (422) creates nothing either way.
    await matrix(
      "POST .../indikatorer (add an outcome indicator)",
      form(`${base}/indikatorer`, {
        intent: "create",
        focusAreaId: "0",
        surveySlug: "nosuch",
        question: "x",
        direction: "decrease",
      }),
      row("login", 403, 422, 422, 422, 422, 403, 403),
      rows("outcome_indicator"),
    );
  });
});
