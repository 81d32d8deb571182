// The app process killed (SIGKILL, no chance to clean up) in the middle of a stream of submissions, then started
// again on the same database (docs/operations.md#the-app-process-is-killed-sigkill-a-crash-the-oom-killer). Runs on the engine of the pass: PGlite (a data folder of its own)
// or PostgreSQL (a throwaway database on the test server). Nothing half-written, every acknowledged answer present
// once, the client's retries of unacknowledged ones stored once, and the database still whole.
import fs from "node:fs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { testEngine } from "../../support/test-db";
import {
  acknowledged,
  checkStorage,
  newPending,
  retryUnacknowledged,
  send,
  setUpFaultRun,
  backgroundStream,
  type Pending,
} from "./support";

const engine = testEngine();

describe(`the app process killed mid-stream and restarted (${engine})`, () => {
  const run = setUpFaultRun(engine, 200, 11);

  it(
    "SIGKILL: nothing half-written, acknowledged answers once, retries stored once, a restart serves",
    { timeout: 150_000 },
    async () => {
      const { target, survey } = run;
      const first = await run.start(target.env);
      // Six clients send without pause; the process is killed once 30 answers are acknowledged, with requests in flight.
      const streaming = backgroundStream(first.url, survey.slug, survey.answers.slice(0, 150), { concurrency: 6 });
      await streaming.acknowledged(30, { alive: () => first.isRunning() });
      first.child.kill("SIGKILL");
      streaming.stop();
      const exit = await first.exited;
      expect(exit.signal).toBe("SIGKILL");
      const before = await streaming.done;
      expect(before.filter(acknowledged).length, "answers were acknowledged before the kill").toBeGreaterThanOrEqual(
        30,
      );
      // Requests were in flight at the kill: their clients got no answer and do not know whether they were stored.
      const unknown = before.filter((p) => !acknowledged(p));
      expect(unknown.length).toBeGreaterThanOrEqual(1);
      expect(unknown.every((p) => p.outcomes.every((o) => o.status === 0))).toBe(true);

      if (target.lockFile) {
        // The killed process could not remove its lock: a stale lock names a dead pid and must not block the restart.
        expect(fs.readFileSync(target.lockFile, "utf8").trim()).toBe(String(first.pid));
      }

      const second = await run.start(target.env, { timeoutMs: 90_000 });
      if (target.lockFile) expect(fs.readFileSync(target.lockFile, "utf8").trim()).toBe(String(second.pid));

      // Every acknowledged answer sent again is recognised (200), never stored twice.
      for (const p of before.filter(acknowledged).slice(0, 5))
        expect((await send(second.url, survey.slug, p)).status).toBe(200);
      // The client retries every answer whose outcome it does not know, with the same id.
      await retryUnacknowledged(second.url, survey.slug, before);
      for (const p of before)
        expect(acknowledged(p), `${p.id}: ${JSON.stringify(p.outcomes.map((o) => [o.status, o.error]))}`).toBe(true);
      // And new answers go in as usual.
      const after: Pending[] = [];
      for (const data of survey.answers.slice(160, 165)) {
        const p = newPending(data);
        after.push(p);
        expect((await send(second.url, survey.slug, p)).status).toBe(201);
      }

      const stopped = await second.stop();
      expect(stopped.code).toBe(0);
      if (target.lockFile) expect(fs.existsSync(target.lockFile)).toBe(false);

      const open = await target.open();
      try {
        const all = [...before, ...after];
        const check = await checkStorage(open, survey, all);
        expect(check).toEqual({ rows: all.length, lost: [], doubled: [], broken: [], foreign: [] });
        // No corrupt state: every table of the app reads through, and the primary key and the codebook are intact.
        const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
          open.db,
        );
        expect(tables.rows.length).toBeGreaterThan(5);
        for (const t of tables.rows) await sql`select count(*) from ${sql.table(t.table_name)}`.execute(open.db);
        const dupCodes = await sql<{ n: number }>`
        select count(*)::int as n from (select survey_id, question, value from choice_code group by 1, 2, 3 having count(*) > 1) d`.execute(
          open.db,
        );
        expect(dupCodes.rows[0]!.n).toBe(0);
      } finally {
        await open.close();
      }
    },
  );
});
