// Joint editing and sign-off of promise documents (promise-workflow-*.test.ts): the demo seed, Haparanda's editors on
// both sides, its analyst and viewer, an admin and Kalix's editor, signed in; and readers of a document's state.
import { afterAll, beforeAll, expect } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { Browser, startApp, type TestApp } from "./app-server";
import { organisationId } from "./kommun-surveys";
import { signInDemo } from "./sign-in";

export let app: TestApp;
export const as: Record<"kommun" | "polis" | "analyst" | "viewer" | "admin" | "kalix", Browser> = {} as never;
export let haparandaId = 0;

export const promiseFields = (over: Record<string, string> = {}) => ({
  responsible: "polis",
  activityType: "trafikkontroll",
  activityText: "",
  places: "Torneåvägen, skolorna",
  targetKind: "quantity",
  quantity: "4",
  per: "year",
  atLeast: "on",
  ...over,
});

export async function documentRow(id: number) {
  return app.open.db.selectFrom("promise_document").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
export async function standingSides(id: number) {
  const rows = await app.open.db
    .selectFrom("promise_approval")
    .select("side")
    .where("document_id", "=", id)
    .where("withdrawn_at", "is", null)
    .orderBy("side")
    .execute();
  return rows.map((r) => r.side);
}
export async function promisesOf(id: number) {
  return app.open.db
    .selectFrom("promise as p")
    .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
    .select(["p.id", "p.target", "f.id as focusAreaId"])
    .where("f.document_id", "=", id)
    .orderBy("p.id")
    .execute();
}

/** The focus areas (ids) of a document, in their order. */
export async function focusAreasOf(id: number) {
  return app.open.db.selectFrom("focus_area").select("id").where("document_id", "=", id).orderBy("position").execute();
}

/** Creates a draft through the page as the kommun's editor; returns its id. */
export async function newDraft(periodLabel: string, themes: string[]) {
  const body = new URLSearchParams({
    periodLabel,
    periodStart: `${periodLabel.slice(0, 4)}-01-01`,
    periodEnd: `${periodLabel.slice(-4)}-12-31`,
    title: "",
  });
  for (const t of themes) body.append("themes", t);
  body.set("csrf", await as.kommun.csrf());
  const res = await as.kommun.fetch("/app/haparanda/loften/ny", {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(res.status).toBe(302);
  return Number(res.headers.get("location")!.split("/").pop());
}

/** Registers the file's set-up: the demo seed and the Haparanda, LPO, admin and Kalix users signed in. */
export function setUpPromiseWorkflowFixture() {
  beforeAll(async () => {
    app = await startApp();
    await seedDemo({ db: app.open.db, withSurveys: false });
    haparandaId = await organisationId(app.open.db, "haparanda");
    Object.assign(as, await signInDemo(app.url, ["kommun", "polis", "analyst", "viewer", "admin", "kalix"]));
  });
  afterAll(async () => app?.close());
}

/** Saves a promise through the editor page as `who`, with the standard fields changed by `over`. */
export function savePromise(who: Browser, page: string, promiseId: number, over: Record<string, string>) {
  return who.post(page, { intent: "savePromise", promiseId: String(promiseId), ...promiseFields(over) });
}
