// The åtgärdsplan (docs/domain/lagesbild-atgardsplan.md) on a real database over HTTP: the demo plans, measures
// linked to problems and to promises both ways with the promises' follow-up, the decision and its validation, the
// revision interval and the start page's reminder in Europe/Stockholm days, Brå's checklist, roles on every route,
// and bad input refused per field with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { getFollowUp } from "../../app/features/promises/follow-up.server";
import { revisionReminder } from "../../app/features/plans/action-plans.server";
import { stockholmToday, addMonths } from "../../app/features/plans/domain/revision";
import { Browser, startApp, type TestApp } from "../support/app-server";
import { organisationId } from "../support/kommun-surveys";
import { signInDemo } from "../support/sign-in";
import { testEngine } from "../support/test-db";
import { rowCount } from "../support/rows";

let app: TestApp;
const db = () => app.open.db;
const as = {} as Record<
  "analyst" | "kommun" | "polis" | "lpoAnalyst" | "viewer" | "kalix" | "admin" | "hPolis",
  Browser
>;
let anonymous: Browser;
let haparanda = 0;
let harjedalen = 0;
let pictureId = 0;
let planId = 0;

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: db(), withSurveys: false });
  haparanda = await organisationId(db(), "haparanda");
  harjedalen = await organisationId(db(), "harjedalen");
  Object.assign(
    as,
    await signInDemo(app.url, ["analyst", "kommun", "polis", "lpoAnalyst", "viewer", "kalix", "admin", "hPolis"]),
  );
  anonymous = new Browser(app.url);
}, 180_000);
afterAll(async () => app?.close());

const n = (table: "action_plan" | "plan_measure" | "measure_promise" | "process_step" | "plan_setting") =>
  rowCount(db(), table);
const planRow = (id: number) =>
  db().selectFrom("action_plan").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const measureFields = (over: Record<string, string> = {}) => ({
  intent: "addMeasure",
  title: "Trafikkontroller vid skolorna",
  description: "",
  ownerKind: "polis",
  ownerName: "Lokalpolisområde Östra Norrbotten",
  resources: "Två poliser, fyra kvällar",
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
  outputText: "Polisen genomför trafikkontroller",
  quantity: "4",
  per: "year",
  status: "planerad",
  ...over,
});

describe(`the åtgärdsplan on ${testEngine()}`, () => {
  it("ships Härjedalen's decided, lägesbild-driven plan and Kalix's plan in progress as marked demo data, once", async () => {
    const plans = await db()
      .selectFrom("action_plan as a")
      .innerJoin("organisation as o", "o.id", "a.kommun_id")
      .select(["o.slug", "a.id", "a.status", "a.demo", "a.decided_on", "a.diarienummer"])
      .orderBy("o.slug")
      .execute();
    expect(plans.map((p) => [p.slug, p.status, p.demo])).toEqual([
      ["harjedalen", "beslutad", true],
      ["kalix", "utkast", true],
    ]);
    const h = plans[0]!;
    const linked = await db()
      .selectFrom("measure_promise as mp")
      .innerJoin("plan_measure as m", "m.id", "mp.measure_id")
      .innerJoin("promise as p", "p.id", "mp.promise_id")
      .select(["m.title", "p.original_text"])
      .where("m.plan_id", "=", h.id)
      .orderBy("m.position")
      .execute();
    expect(linked.map((l) => l.original_text.slice(0, 35))).toEqual([
      "Polisen genomför trafikkontroller p",
      "Polisen lovar att besöka alla åtton",
      "Kommunen lovar att ge information k",
    ]);
    const page = await (await as.hPolis.fetch(`/app/harjedalen/atgardsplan/${h.id}`)).text();
    expect(page).toContain("Demodata");
    expect(page).toContain("Kommunstyrelsen");
    const before = [
      await n("action_plan"),
      await n("plan_measure"),
      await n("measure_promise"),
      await n("process_step"),
    ];
    await seedDemo({ db: db(), withSurveys: false });
    expect([
      await n("action_plan"),
      await n("plan_measure"),
      await n("measure_promise"),
      await n("process_step"),
    ]).toEqual(before);
    // Decided 2019 with the default two years: long overdue, said on the start page (Swedish days).
    const home = await (await as.hPolis.fetch("/app/harjedalen")).text();
    expect(home).toContain("skulle ha reviderats 2021-02-12");
  });

  it("is started on one of the kommun's lägesbilder by its side; refused per field otherwise", async () => {
    let res = await as.analyst.post("/app/haparanda/lagesbild", {
      periodLabel: "2026",
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
    });
    expect(res.status).toBe(302);
    pictureId = Number(res.headers.get("location")!.split("/").pop());
    // The sources statement names every source: the demo's invented crime figures as such, EST as not available.
    const pic = await db()
      .selectFrom("situation_picture")
      .selectAll()
      .where("id", "=", pictureId)
      .executeTakeFirstOrThrow();
    const sources = (pic.sections as Record<string, string>).sources;
    expect(sources).toMatch(/Brottsstatistik \(\d+ brottskategorier, senast \d{4}; påhittade demosiffror/);
    expect(sources).toContain("EST-rapporter: inte tillgängligt");
    await db()
      .insertInto("priority_problem")
      .values([
        { picture_id: pictureId, rank: 1, theme: "traffic_safety", problem: "Trafik vid skolorna." },
        { picture_id: pictureId, rank: 2, theme: "drugs_andt", problem: "Narkotika i centrum." },
      ])
      .execute();
    const kalixPicture = await db()
      .selectFrom("situation_picture as p")
      .innerJoin("organisation as o", "o.id", "p.kommun_id")
      .select("p.id")
      .where("o.slug", "=", "kalix")
      .executeTakeFirstOrThrow();
    const before = await n("action_plan");
    for (const pid of [String(kalixPicture.id), "abc", "", "99999999"]) {
      const r = await as.analyst.post("/app/haparanda/atgardsplan", { pictureId: pid });
      expect(r.status, pid).toBe(422);
      expect(await r.text()).toContain(`href="#pictureId"`);
    }
    for (const who of [as.polis, as.lpoAnalyst, as.viewer])
      expect((await who.post("/app/haparanda/atgardsplan", { pictureId: String(pictureId) })).status).toBe(403);
    expect(await n("action_plan")).toBe(before);
    res = await as.kommun.post("/app/haparanda/atgardsplan", {
      pictureId: String(pictureId),
      summary: "Första utkastet.",
    });
    expect(res.status).toBe(302);
    planId = Number(res.headers.get("location")!.split("/").pop());
    expect(await planRow(planId)).toMatchObject({
      picture_id: pictureId,
      status: "utkast",
      title: "Åtgärdsplan Haparanda kommun 2026",
      period_label: "2026",
    });
  });

  it("takes measures linked to the lägesbild's problems, refusing each bad field with nothing changed", async () => {
    const path = `/app/haparanda/atgardsplan/${planId}`;
    const problems = await db()
      .selectFrom("priority_problem")
      .select("id")
      .where("picture_id", "=", pictureId)
      .orderBy("rank")
      .execute();
    const other = await db()
      .selectFrom("priority_problem as p")
      .innerJoin("situation_picture as s", "s.id", "p.picture_id")
      .innerJoin("organisation as o", "o.id", "s.kommun_id")
      .select("p.id")
      .where("o.slug", "=", "kalix")
      .executeTakeFirstOrThrow();
    const before = await n("plan_measure");
    for (const [over, field] of [
      [{ title: "" }, "title"],
      [{ ownerKind: "kyrkan" }, "ownerKind"],
      [{ ownerName: " " }, "ownerName"],
      [{ startsOn: "2026-13-01" }, "startsOn"],
      [{ endsOn: "2025-12-31" }, "endsOn"],
      [{ quantity: "-1" }, "quantity"],
      [{ per: "dag" }, "per"],
      [{ status: "klar" }, "status"],
      [{ problemIds: String(other.id) }, "problemIds"],
      [{ problemIds: "x" }, "problemIds"],
      [{ indicatorIds: "99999" }, "indicatorIds"],
    ] as const) {
      const res = await as.analyst.post(path, measureFields(over));
      expect(res.status, field).toBe(422);
      expect(await res.text(), field).toContain(`href="#${field}"`);
    }
    expect(await n("plan_measure")).toBe(before);
    const body = new URLSearchParams(measureFields());
    body.append("problemIds", String(problems[0]!.id));
    body.append("problemIds", String(problems[1]!.id));
    body.set("csrf", await as.analyst.csrf());
    const res = await as.analyst.fetch(path, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    const m = await db().selectFrom("plan_measure").selectAll().where("plan_id", "=", planId).executeTakeFirstOrThrow();
    expect(m).toMatchObject({
      owner_kind: "polis",
      starts_on: "2026-01-01",
      ends_on: "2026-12-31",
      status: "planerad",
    });
    expect(m.output_target).toEqual({ kind: "quantity", quantity: 4, per: "year", comparator: "at_least" });
    const links = await db()
      .selectFrom("measure_problem")
      .select("problem_id")
      .where("measure_id", "=", m.id)
      .execute();
    expect(links.map((l) => l.problem_id).sort()).toEqual(problems.map((p) => p.id).sort());
    expect((await as.polis.post(path, measureFields())).status).toBe(403);
    expect(await n("plan_measure")).toBe(before + 1);
  });

  it("links a measure to promises both ways, and the measure shows the promises' own follow-up", async () => {
    const path = `/app/haparanda/atgardsplan/${planId}`;
    const measure = await db()
      .selectFrom("plan_measure")
      .select("id")
      .where("plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    const doc = await db()
      .selectFrom("promise_document")
      .select("id")
      .where("kommun_id", "=", haparanda)
      .where("status", "=", "publicerat")
      .orderBy("version", "desc")
      .executeTakeFirstOrThrow();
    const fu = await getFollowUp({ db: db(), kommunId: haparanda, documentId: doc.id });
    const promise = fu.focusAreas
      .flatMap((a) => a.promises)
      .find((p) => p.progress.expected !== null && p.progress.done > 0)!;
    expect(promise).toBeDefined();
    const kalixPromise = await db()
      .selectFrom("promise as p")
      .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
      .innerJoin("promise_document as d", "d.id", "f.document_id")
      .innerJoin("organisation as o", "o.id", "d.kommun_id")
      .select("p.id")
      .where("o.slug", "=", "kalix")
      .executeTakeFirstOrThrow();
    const link = (who: Browser, promiseId: string, measureId = String(measure.id)) =>
      who.post(path, { intent: "linkPromise", measureId, promiseId });
    const before = await n("measure_promise");
    expect((await link(as.analyst, String(kalixPromise.id))).status).toBe(422);
    expect((await link(as.analyst, "abc")).status).toBe(422);
    expect((await link(as.analyst, String(promise.id), "99999999")).status).toBe(404);
    expect((await link(as.polis, String(promise.id))).status).toBe(403);
    expect(await n("measure_promise")).toBe(before);
    expect((await link(as.analyst, String(promise.id))).status).toBe(200);
    expect((await link(as.analyst, String(promise.id))).status).toBe(200); // twice: still one link
    expect(await n("measure_promise")).toBe(before + 1);

    // The measure shows the promise's progress as the promise's follow-up page computes it.
    const page = await (await as.polis.fetch(path)).text();
    expect(page).toContain(`${promise.progress.done} av ${promise.progress.expected} genomförda`);
    expect(page).toContain(`href="/app/haparanda/loften/${doc.id}/uppfoljning"`);
    const followUpPage = await (await as.viewer.fetch(`/app/haparanda/loften/${doc.id}/uppfoljning`)).text();
    expect(followUpPage).toContain(String(promise.progress.expected));
    // The roll-up counts the linked promise by its follow-up status.
    const status = { done: "genomförda", on_track: "i fas", behind: "efter", not_started: "inte påbörjade" }[
      promise.progress.status as "done" | "on_track" | "behind" | "not_started"
    ];
    expect(page).toContain(`Kopplade löften: ${promise.progress.status === "done" ? 1 : 0} genomförda`);
    expect(page).toMatch(new RegExp(`1 ${status}`));
    // And the promise document's page names the measure it belongs to.
    const docPage = await (await as.viewer.fetch(`/app/haparanda/loften/${doc.id}`)).text();
    expect(docPage).toContain("Hör till åtgärdsplanen");
    expect(docPage).toContain(`href="/app/haparanda/atgardsplan/${planId}#m-${measure.id}"`);
    expect(
      (
        await as.analyst.post(path, {
          intent: "unlinkPromise",
          measureId: String(measure.id),
          promiseId: String(promise.id),
        })
      ).status,
    ).toBe(200);
    expect(await n("measure_promise")).toBe(before);
    expect((await link(as.analyst, String(promise.id))).status).toBe(200);
    // The Word-friendly file says the same: the measure, its promise linked absolutely with its progress, no script.
    const word = await as.viewer.fetch(`${path}/utskrift.html`);
    expect(word.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z0-9-]+\.html"$/);
    const html = await word.text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toMatch(new RegExp(`href="http://[^"]+/app/haparanda/loften/${doc.id}"`));
    expect(html).toContain(`${promise.progress.done} av ${promise.progress.expected} genomförda`);
    expect(html).toContain("Ansvarig");
    expect(html).not.toContain("<script");
  });

  it("starts a revision from an earlier plan's measures: fields, indicators, promises and problems; refuses another kommun's plan", async () => {
    const kalixPlan = await db()
      .selectFrom("action_plan as a")
      .innerJoin("organisation as o", "o.id", "a.kommun_id")
      .select("a.id")
      .where("o.slug", "=", "kalix")
      .executeTakeFirstOrThrow();
    const before = await n("action_plan");
    for (const copyFrom of [String(kalixPlan.id), "abc"]) {
      const r = await as.analyst.post("/app/haparanda/atgardsplan", { pictureId: String(pictureId), copyFrom });
      expect(r.status, copyFrom).toBe(422);
      expect(await r.text()).toContain(`href="#copyFrom"`);
    }
    expect(await n("action_plan")).toBe(before);
    const measuresOf = (plan: number) =>
      db()
        .selectFrom("plan_measure as m")
        .select([
          "m.id",
          "m.title",
          "m.owner_kind",
          "m.owner_name",
          "m.resources",
          "m.starts_on",
          "m.ends_on",
          "m.output_text",
          "m.output_target",
          "m.status",
          "m.zone_id",
          "m.position",
        ])
        .where("m.plan_id", "=", plan)
        .orderBy("m.position")
        .orderBy("m.id")
        .execute();
    const linksOf = async (measureIds: number[], table: "measure_promise" | "measure_outcome" | "measure_problem") =>
      measureIds.length
        ? (await db().selectFrom(table).selectAll().where("measure_id", "in", measureIds).execute()).length
        : 0;
    const old = await measuresOf(planId);
    expect(old.length).toBeGreaterThan(0);
    const oldIds = old.map((m) => m.id);
    expect(await linksOf(oldIds, "measure_promise")).toBeGreaterThan(0);
    expect(await linksOf(oldIds, "measure_problem")).toBeGreaterThan(0);
    const without = (ms: Awaited<ReturnType<typeof measuresOf>>) => ms.map(({ id: _id, ...rest }) => rest);

    // On the same lägesbild: a new version with the same measures, links and problems.
    const res = await as.kommun.post("/app/haparanda/atgardsplan", {
      pictureId: String(pictureId),
      copyFrom: String(planId),
    });
    expect(res.status).toBe(302);
    const revised = Number(res.headers.get("location")!.split("/").pop());
    expect(await planRow(revised)).toMatchObject({ version: 2, supersedes_id: planId, status: "utkast" });
    const copied = await measuresOf(revised);
    expect(without(copied)).toEqual(without(old));
    const newIds = copied.map((m) => m.id);
    for (const table of ["measure_promise", "measure_outcome", "measure_problem"] as const)
      expect(await linksOf(newIds, table), table).toBe(await linksOf(oldIds, table));
    const oldProblems = await db()
      .selectFrom("measure_problem")
      .select("problem_id")
      .where("measure_id", "in", oldIds)
      .orderBy("problem_id")
      .execute();
    const newProblems = await db()
      .selectFrom("measure_problem")
      .select("problem_id")
      .where("measure_id", "in", newIds)
      .orderBy("problem_id")
      .execute();
    expect(newProblems).toEqual(oldProblems);
    // The earlier plan is untouched.
    expect(await measuresOf(planId)).toEqual(old);
  });

  it("records the decision only with body, a real day not after today in Stockholm, and diarienummer", async () => {
    const path = `/app/haparanda/atgardsplan/${planId}`;
    const today = stockholmToday();
    const ok = {
      intent: "decide",
      decisionBody: "Kommunstyrelsen",
      decidedOn: today,
      diarienummer: "KS 2026/123",
      protocolParagraph: "§ 45",
    };
    for (const [over, field] of [
      [{ decisionBody: "" }, "decisionBody"],
      [{ diarienummer: "  " }, "diarienummer"],
      [{ decidedOn: "" }, "decidedOn"],
      [{ decidedOn: "2026-02-30" }, "decidedOn"],
      [{ decidedOn: addMonths(today, 1) }, "decidedOn"],
    ] as const) {
      const res = await as.kommun.post(path, { ...ok, ...over });
      expect(res.status, field).toBe(422);
      expect(await res.text(), field).toContain(`href="#${field}"`);
    }
    expect((await as.polis.post(path, ok)).status).toBe(403);
    expect((await planRow(planId)).status).toBe("utkast");
    expect((await as.kommun.post(path, ok)).status).toBe(200);
    expect(await planRow(planId)).toMatchObject({
      status: "beslutad",
      decision_body: "Kommunstyrelsen",
      decided_on: today,
      diarienummer: "KS 2026/123",
      protocol_paragraph: "§ 45",
    });
    expect((await as.kommun.post(path, ok)).status).toBe(409);
    // Content is frozen; a measure's status (its follow-up) stays open.
    expect((await as.analyst.post(path, measureFields())).status).toBe(409);
    const measure = await db()
      .selectFrom("plan_measure")
      .select("id")
      .where("plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    expect(
      (await as.analyst.post(path, { intent: "setStatus", measureId: String(measure.id), status: "pagar" })).status,
    ).toBe(200);
    expect(
      (await as.analyst.post(path, { intent: "setStatus", measureId: String(measure.id), status: "x" })).status,
    ).toBe(422);
    expect(
      (await as.viewer.post(path, { intent: "setStatus", measureId: String(measure.id), status: "genomford" })).status,
    ).toBe(403);
    expect(
      (await db().selectFrom("plan_measure").select("status").where("id", "=", measure.id).executeTakeFirstOrThrow())
        .status,
    ).toBe("pagar");
  });

  it("computes the next revision from the kommun's interval and reminds on the start page within 90 days", async () => {
    const path = `/app/haparanda/atgardsplan/${planId}`;
    const today = stockholmToday();
    // Default 24 months: no reminder.
    let page = await (await as.viewer.fetch(path)).text();
    expect(page).toContain(`Nästa revidering: ${addMonths(today, 24)} (24 månader efter beslutet).`);
    expect(await (await as.viewer.fetch("/app/haparanda")).text()).not.toContain("ska revideras senast");
    const before = await n("plan_setting");
    for (const raw of ["0", "121", "abc", "2.5", ""]) {
      const res = await as.analyst.post(path, { intent: "revisionMonths", revisionMonths: raw });
      expect(res.status, raw).toBe(422);
      expect(await res.text()).toContain(`href="#revisionMonths"`);
    }
    expect((await as.polis.post(path, { intent: "revisionMonths", revisionMonths: "1" })).status).toBe(403);
    expect(await n("plan_setting")).toBe(before);
    expect((await as.analyst.post(path, { intent: "revisionMonths", revisionMonths: "1" })).status).toBe(200);
    page = await (await as.viewer.fetch(path)).text();
    expect(page).toContain(`Nästa revidering: ${addMonths(today, 1)} (1 månader efter beslutet).`);
    const home = await (await as.polis.fetch("/app/haparanda")).text();
    expect(home).toContain(`ska revideras senast ${addMonths(today, 1)}`);

    // The reminder's day is Stockholm's: a plan decided 2025-09-29 with six months is due on 2026-03-29, the day
    // summer time starts; it is reminded of from 90 days before and overdue from local midnight after it.
    await db().updateTable("action_plan").set({ decided_on: "2025-09-29" }).where("id", "=", planId).execute();
    await db().updateTable("plan_setting").set({ revision_months: 6 }).where("kommun_id", "=", haparanda).execute();
    const at = (iso: string) => revisionReminder({ db: db(), kommunId: haparanda, now: new Date(iso) });
    expect(await at("2025-12-28T22:59:59Z")).toBeNull();
    expect(await at("2025-12-28T23:00:00Z")).toMatchObject({
      nextRevision: "2026-03-29",
      daysLeft: 90,
      state: "due_soon",
    });
    expect(await at("2026-03-29T21:59:59Z")).toMatchObject({ daysLeft: 0, state: "due_soon" });
    expect(await at("2026-03-29T22:00:00Z")).toMatchObject({ daysLeft: -1, state: "overdue" });
    expect(
      await revisionReminder({ db: db(), kommunId: harjedalen, now: new Date("2021-02-12T22:59:59Z") }),
    ).toMatchObject({
      nextRevision: "2021-02-12",
      state: "due_soon",
    });
  });

  it("shows Brå's checklist on the start page, ticked by the kommun's side with who and when", async () => {
    const before = await n("process_step");
    for (const who of [as.polis, as.viewer, as.lpoAnalyst])
      expect((await who.post("/app/haparanda?index", { intent: "step", step: "own_picture", done: "on" })).status).toBe(
        403,
      );
    expect((await as.analyst.post("/app/haparanda?index", { intent: "step", step: "nope", done: "on" })).status).toBe(
      422,
    );
    expect(await n("process_step")).toBe(before);
    expect(
      (await as.analyst.post("/app/haparanda?index", { intent: "step", step: "own_picture", done: "on" })).status,
    ).toBe(200);
    const home = await (await as.polis.fetch("/app/haparanda")).text();
    expect(home).toContain("Klart när: varje part har en egen lägesbild");
    expect(home).toMatch(/Avbockat av Anna Analytiker \d{4}-\d{2}-\d{2} \d{2}:\d{2}\./);
    expect(home).not.toContain('value="step"'); // the police side reads it, no tick buttons
    expect(
      (await as.analyst.post("/app/haparanda?index", { intent: "step", step: "own_picture", done: "" })).status,
    ).toBe(200);
    expect(await n("process_step")).toBe(before);
  });

  it("checks roles on every route: kommun side writes, police side and viewers read, others are refused", async () => {
    const pages = [
      "/app/haparanda/lagesbild",
      `/app/haparanda/lagesbild/${pictureId}`,
      `/app/haparanda/lagesbild/${pictureId}/utskrift`,
      `/app/haparanda/lagesbild/${pictureId}/utskrift.html`,
      "/app/haparanda/atgardsplan",
      `/app/haparanda/atgardsplan/${planId}`,
      `/app/haparanda/atgardsplan/${planId}/utskrift`,
      `/app/haparanda/atgardsplan/${planId}/utskrift.html`,
      "/app/haparanda",
    ];
    for (const p of pages) {
      for (const who of ["analyst", "kommun", "admin", "polis", "lpoAnalyst", "viewer"] as const)
        expect((await as[who].fetch(p)).status, `${who} ${p}`).toBe(200);
      expect((await as.kalix.fetch(p)).status, `kalix ${p}`).toBe(403);
      expect((await anonymous.fetch(p)).status, `anonymous ${p}`).toBe(302);
    }
    // Another kommun's document under one's own kommun is not found; an unknown kommun neither.
    expect((await as.kalix.fetch(`/app/kalix/atgardsplan/${planId}`)).status).toBe(404);
    expect((await as.kalix.fetch(`/app/kalix/lagesbild/${pictureId}/utskrift`)).status).toBe(404);
    expect((await as.viewer.fetch("/app/okand/atgardsplan")).status).toBe(404);
    const posts: [string, Record<string, string>][] = [
      ["/app/haparanda/lagesbild", { periodLabel: "x", periodStart: "2026-01-01", periodEnd: "2026-12-31" }],
      [`/app/haparanda/lagesbild/${pictureId}`, { intent: "comment", section: "dokument", body: "hej" }],
      ["/app/haparanda/atgardsplan", { pictureId: String(pictureId) }],
      [`/app/haparanda/atgardsplan/${planId}`, { intent: "comment", section: "dokument", body: "hej" }],
    ];
    for (const [p, body] of posts) {
      for (const who of ["polis", "lpoAnalyst", "viewer", "kalix"] as const)
        expect((await as[who].post(p, body)).status, `${who} POST ${p}`).toBe(403);
      expect([302, 401, 403], `anonymous POST ${p}`).toContain((await anonymous.post(p, body, { csrf: false })).status);
    }
    expect(
      (
        await as.kommun.post(`/app/haparanda/atgardsplan/${planId}`, {
          intent: "comment",
          section: "measures",
          body: "Bra.",
        })
      ).status,
    ).toBe(200);
    expect(
      (await as.kommun.post(`/app/haparanda/atgardsplan/${planId}`, { intent: "comment", section: "x", body: "Bra." }))
        .status,
    ).toBe(422);
  });
});
