// The one-round-trip submission path (submitToKnownOpenSurvey in app/features/surveys/responses.server.ts) answers from a
// survey the server process read before. These tests change the survey behind the process's back, directly in the
// database as another server process or an admin would, and check that every answer still follows the survey as it
// is now: closed → 410 and nothing stored, settings changed → the new settings, closing time passed → 410.
import crypto from "node:crypto";
import net from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

let app: TestApp;
let surveyId: number;
let slug: string;

const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "radiogroup", name: "feel", isRequired: true, choices: ["safe", "unsafe"] },
        { type: "dropdown", name: "where", choices: ["north", "south"] },
        { type: "dropdown", name: "place", choices: ["north", "south"] },
      ],
    },
  ],
};

const submit = (body: Record<string, unknown>) =>
  fetch(`${app.url}/api/v1/surveys/${slug}/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const rowsOf = (id: string) =>
  app.open.db.selectFrom("response").select(["id", "area", "data"]).where("id", "=", id).execute();

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
  const kommun = await getOrganisationBySlug({ db: app.open.db, slug: "pajala" });
  const s = await createSurvey({
    db: app.open.db,
    kommunId: kommun.id,
    kommunSlug: kommun.slug,
    period: "2031",
    kind: "medborgarenkat",
    title: "Snabbväg",
    definition,
    settings: { demographics: { area: "where" } },
  });
  surveyId = s.id;
  slug = s.slug;
  await setSurveyStatus({ db: app.open.db, surveyId, status: "open" });
});
afterAll(async () => app?.close());

describe(`submissions to a survey changed behind the server's back on ${testEngine()}`, () => {
  it("follows the survey's settings as they are now, not as first read", async () => {
    const a = crypto.randomUUID();
    expect((await submit({ id: a, data: { feel: "safe", where: "north", place: "south" } })).status).toBe(201);
    const b = crypto.randomUUID();
    expect((await submit({ id: b, data: { feel: "safe", where: "north", place: "south" } })).status).toBe(201);
    expect((await rowsOf(b))[0]!.area).toBe("north");
    // Another process (or an admin) points the area at another question.
    await sql`update survey set settings = ${JSON.stringify({ demographics: { area: "place" } })}::jsonb where id = ${surveyId}`.execute(
      app.open.db,
    );
    const c = crypto.randomUUID();
    expect((await submit({ id: c, data: { feel: "safe", where: "north", place: "south" } })).status).toBe(201);
    expect((await rowsOf(c))[0]!.area).toBe("south");
  });

  it("tells a retry (200) from a conflict (409) and stores each id once", async () => {
    const id = crypto.randomUUID();
    const data = { feel: "unsafe", where: "south" };
    expect((await submit({ id, data })).status).toBe(201);
    const again = await Promise.all([submit({ id, data }), submit({ id, data }), submit({ id, data })]);
    expect(again.map((r) => r.status)).toEqual([200, 200, 200]);
    const other = await submit({ id, data: { feel: "safe" } });
    expect(other.status).toBe(409);
    expect(await rowsOf(id)).toHaveLength(1);
    expect((await rowsOf(id))[0]!.data).toEqual(data);
  });

  it("refuses answers once the survey is closed by someone else, and still acknowledges retries of stored ones", async () => {
    const stored = crypto.randomUUID();
    expect((await submit({ id: stored, data: { feel: "safe" } })).status).toBe(201);
    await sql`update survey set status = 'closed' where id = ${surveyId}`.execute(app.open.db);
    const late = crypto.randomUUID();
    const res = await submit({ id: late, data: { feel: "safe" } });
    expect(res.status).toBe(410);
    expect(await rowsOf(late)).toHaveLength(0);
    // An invalid answer to a closed survey is told the survey is closed, as before the fast path existed.
    expect((await submit({ id: crypto.randomUUID(), data: { feel: "maybe" } })).status).toBe(410);
    expect((await submit({ id: stored, data: { feel: "safe" } })).status).toBe(200);
    await sql`update survey set status = 'open' where id = ${surveyId}`.execute(app.open.db);
    expect((await submit({ id: late, data: { feel: "safe" } })).status).toBe(201);
  });

  it("stops at the closing time by the database's clock, without any change to the survey row", async () => {
    expect((await submit({ id: crypto.randomUUID(), data: { feel: "safe" } })).status).toBe(201);
    await sql`update survey set closes_at = now() + interval '1500 milliseconds' where id = ${surveyId}`.execute(
      app.open.db,
    );
    const before = crypto.randomUUID();
    expect((await submit({ id: before, data: { feel: "safe" } })).status).toBe(201); // re-read, then known again
    expect((await submit({ id: crypto.randomUUID(), data: { feel: "safe" } })).status).toBe(201); // from the known copy
    await new Promise((r) => setTimeout(r, 1700));
    const after = crypto.randomUUID();
    expect((await submit({ id: after, data: { feel: "safe" } })).status).toBe(410);
    expect(await rowsOf(after)).toHaveLength(0);
  });

  it("reads the body as the Remix route does: a UTF-8 byte-order mark is dropped; a client that leaves mid-body stores nothing", async () => {
    await sql`update survey set closes_at = null where id = ${surveyId}`.execute(app.open.db);
    const id = crypto.randomUUID();
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(JSON.stringify({ id, data: { feel: "safe" } })),
    ]);
    const res = await fetch(`${app.url}/api/v1/surveys/${slug}/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(201);

    const gone = crypto.randomUUID();
    const { port } = new URL(app.url);
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(Number(port), "127.0.0.1", () => {
        const half = JSON.stringify({ id: gone, data: { feel: "safe" } }).slice(0, 30);
        socket.write(
          `POST /api/v1/surveys/${slug}/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n${half}`,
        );
        setTimeout(() => (socket.destroy(), resolve()), 100);
      });
      socket.on("error", reject);
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await rowsOf(gone)).toHaveLength(0);
    const next = crypto.randomUUID();
    expect((await submit({ id: next, data: { feel: "safe" } })).status).toBe(201);
  });
});
