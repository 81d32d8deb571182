// PostgreSQL restarted in the middle of a stream of submissions (docs/operations.md#the-database-postgresql-goes-down-and-comes-back). The app (node server.mjs on a
// cluster of this test's own) must answer every request during the outage with a clean 503 + Retry-After + JSON
// message within a bounded time, come back by itself when PostgreSQL does, and the client's retries with the same
// response ids must leave every answer stored exactly once.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/platform/db.server";
import { findPgBin, startPgCluster, type PgCluster } from "../../support/pg-cluster";
import {
  acknowledged,
  checkStorage,
  newPending,
  prepareSurvey,
  retryUnacknowledged,
  send,
  sleep,
  startServer,
  statusCounts,
  backgroundStream,
  type FaultSurvey,
  type Pending,
  type ServerChild,
} from "./support";

const bin = findPgBin();
if ("missing" in bin) console.warn(`[faults] skipping the PostgreSQL restart test: ${bin.missing}`);

/** How long one request may take while the database is down (the pool's connect timeout is 5 s). */
const OUTAGE_BOUND_MS = 6_000;

describe.skipIf("missing" in bin)("PostgreSQL restarted while answers come in", () => {
  let cluster: PgCluster;
  let server: ServerChild | undefined;
  let survey: FaultSurvey;
  let url: string;

  beforeAll(async () => {
    cluster = await startPgCluster((bin as { bin: string }).bin);
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query("create database td_faults");
    await admin.end();
    url = cluster.urlFor("td_faults");
    const open = await openDatabase({ url, poolSize: 2 });
    try {
      survey = await prepareSurvey(open, 200);
    } finally {
      await open.close();
    }
    server = await startServer({ DATABASE_URL: url });
  });

  afterAll(async () => {
    if (server && !server.isRunning()) console.error(`[faults] server.mjs died:\n${server.output()}`);
    await server?.stop();
    await cluster?.destroy();
  });

  it("503 + Retry-After during the outage, recovery without a restart, every answer stored exactly once", async () => {
    const base = server!.url;
    const answers = survey.answers;

    // A steady stream from 4 clients; PostgreSQL is stopped (fast shutdown) while it runs.
    const streaming = backgroundStream(base, survey.slug, answers.slice(0, 120), { concurrency: 4, pauseMs: 5 });
    await streaming.acknowledged(10, { ms: 30_000 });
    const stopAt = performance.now();
    await cluster.stop("fast");

    // During the outage: health and a few more sends from a client of its own, every one a clean 503.
    const health = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(OUTAGE_BOUND_MS + 2000) });
    expect(health.status).toBe(503);
    expect(health.headers.get("retry-after")).toMatch(/^\d+$/);
    const during: Pending[] = [];
    for (const data of answers.slice(150, 160)) {
      const p = newPending(data);
      during.push(p);
      const o = await send(base, survey.slug, p, OUTAGE_BOUND_MS + 4000);
      expect(o.status, JSON.stringify(o)).toBe(503);
      expect(o.retryAfter).toMatch(/^\d+$/);
      expect(o.contentType).toMatch(/application\/json/);
      expect((o.body as { error?: string }).error).toMatch(/otillgänglig/);
      expect(o.ms).toBeLessThan(OUTAGE_BOUND_MS);
    }
    // Pages that read the database say "unavailable" (503) too, rather than a 500 or a hang.
    for (const pathname of [`/e/${survey.slug}`, "/lofte/pajala", "/api/v1/surveys"]) {
      const started = performance.now();
      const res = await fetch(`${base}${pathname}`, { signal: AbortSignal.timeout(OUTAGE_BOUND_MS + 4000) });
      expect(res.status, pathname).toBe(503);
      expect(performance.now() - started).toBeLessThan(OUTAGE_BOUND_MS);
    }
    const outageMs = performance.now() - stopAt;

    await cluster.start();
    // Recovery without restarting the app: healthz back to 200 within a bounded time.
    const recoverBy = Date.now() + 15_000;
    let healthy = false;
    while (!healthy && Date.now() < recoverBy) {
      healthy = await fetch(`${base}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!healthy) await sleep(200);
    }
    expect(healthy, "healthz back to 200 after PostgreSQL restarted").toBe(true);
    expect(server!.isRunning()).toBe(true);
    streaming.stop();
    const fromStream = await streaming.done;

    // New answers after the restart are stored at once.
    const after: Pending[] = [];
    for (const data of answers.slice(170, 180)) {
      const p = newPending(data);
      after.push(p);
      expect((await send(base, survey.slug, p)).status).toBe(201);
    }

    const all = [...fromStream, ...during, ...after];
    const seen = statusCounts(all);
    // Every outcome the stream saw was a success or a clean 503: never a 500, never a hang.
    expect(
      Object.keys(seen).filter((s) => !["200", "201", "503"].includes(s)),
      JSON.stringify(seen),
    ).toEqual([]);
    for (const p of all)
      for (const o of p.outcomes) {
        expect(o.ms).toBeLessThan(OUTAGE_BOUND_MS + outageMs);
        if (o.status === 503) expect(o.retryAfter).toMatch(/^\d+$/);
      }
    const failed = all.filter((p) => !acknowledged(p));
    expect(failed.length, "the outage made some sends fail").toBeGreaterThanOrEqual(during.length);
    expect(fromStream.some(acknowledged), "some answers got in before the outage").toBe(true);

    // The client retries every failed answer with the same id: each is then acknowledged (201, or 200 if the
    // first attempt was stored before its acknowledgement was lost).
    await retryUnacknowledged(base, survey.slug, all);
    for (const p of all)
      expect(acknowledged(p), `${p.id}: ${JSON.stringify(p.outcomes.map((o) => o.status))}`).toBe(true);
    // An acknowledged answer sent again is a 200, never a second row.
    expect((await send(base, survey.slug, all[0]!)).status).toBe(200);

    const open = await openDatabase({ url, poolSize: 1 });
    try {
      const check = await checkStorage(open, survey, all);
      expect(check).toEqual({ rows: all.length, lost: [], doubled: [], broken: [], foreign: [] });
    } finally {
      await open.close();
    }
  });
});
