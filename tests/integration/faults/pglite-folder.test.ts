// The embedded database's data folder (docs/operations.md#stopping-the-app-sigterm-sigint,
// #a-second-process-on-the-same-pglite-folder): SIGTERM shuts the server down cleanly (exit 0, lock
// removed, data readable by the next process), and a second process on a folder in use is refused with a message
// that names the folder and the process holding it, without touching the data. PGlite only, in either pass.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/platform/db.server";
import {
  acknowledged,
  checkStorage,
  newPending,
  prepareSurvey,
  send,
  startServer,
  statusCounts,
  backgroundStream,
  type FaultSurvey,
  type Pending,
  type ServerChild,
} from "./support";

describe("the PGlite data folder", () => {
  let dir: string;
  let lock: string;
  let survey: FaultSurvey;
  const servers: ServerChild[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "td-faults-pglite-"));
    lock = path.join(dir, "trygghetsdialog.lock");
    const open = await openDatabase({ dir });
    try {
      survey = await prepareSurvey(open, 120, 23);
    } finally {
      await open.close();
    }
    expect(fs.existsSync(lock)).toBe(false);
  });

  afterAll(async () => {
    for (const s of servers) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    "refuses a second process clearly, and shuts down cleanly on SIGTERM with the data intact",
    { timeout: 120_000 },
    async () => {
      const first = await startServer({ PGLITE_DIR: dir });
      servers.push(first);
      expect(fs.readFileSync(lock, "utf8").trim()).toBe(String(first.pid));
      const sent: Pending[] = [];
      for (const data of survey.answers.slice(0, 5)) {
        const p = newPending(data);
        sent.push(p);
        expect((await send(first.url, survey.slug, p)).status).toBe(201);
      }

      // A second server on the same folder: refused at start, with the folder and the holder's pid in the message.
      const second = await startServer({ PGLITE_DIR: dir }, { waitHealthy: false });
      servers.push(second);
      const refused = await Promise.race([
        second.exited,
        new Promise<"hung">((r) => setTimeout(() => r("hung"), 30_000)),
      ]);
      expect(refused, `the second process should stop by itself:\n${second.output()}`).not.toBe("hung");
      expect((refused as { code: number | null }).code).not.toBe(0);
      expect((refused as { code: number | null }).code).not.toBeNull();
      const message = second.output();
      expect(message).toContain(path.resolve(dir));
      expect(message).toContain(`process ${first.pid}`);
      expect(message).toMatch(/in use/);
      // The refusal changed nothing: the lock is still the first server's, and it keeps serving.
      expect(fs.readFileSync(lock, "utf8").trim()).toBe(String(first.pid));
      const more = newPending(survey.answers[5]!);
      sent.push(more);
      expect((await send(first.url, survey.slug, more)).status).toBe(201);

      // SIGTERM: a clean shutdown, exit code 0, the lock removed.
      const stopped = await first.stop();
      expect(stopped).toEqual({ code: 0, signal: null });
      expect(fs.existsSync(lock)).toBe(false);

      // The next process reads everything that was acknowledged, complete.
      const open = await openDatabase({ dir });
      try {
        expect(fs.readFileSync(lock, "utf8").trim()).toBe(String(process.pid));
        expect(await checkStorage(open, survey, sent)).toEqual({
          rows: sent.length,
          lost: [],
          doubled: [],
          broken: [],
          foreign: [],
        });
      } finally {
        await open.close();
      }
      expect(fs.existsSync(lock)).toBe(false);
    },
  );

  it(
    "SIGTERM while answers are coming in: exit 0, lock removed, every acknowledged answer stored once",
    { timeout: 120_000 },
    async () => {
      const server = await startServer({ PGLITE_DIR: dir });
      servers.push(server);
      const streaming = backgroundStream(server.url, survey.slug, survey.answers.slice(20, 110), { concurrency: 4 });
      const { sent } = streaming;
      await streaming.acknowledged(20);
      const stopped = server.stop();
      streaming.stop();
      expect(await stopped).toEqual({ code: 0, signal: null });
      await streaming.done;
      expect(fs.existsSync(lock), `lock left behind:\n${server.output()}`).toBe(false);
      expect(sent.filter(acknowledged).length).toBeGreaterThanOrEqual(20);
      // A request cut by the shutdown gets no answer or a 503 with Retry-After (the client retries it), never another
      // error status.
      const seen = statusCounts(sent);
      expect(
        Object.keys(seen).filter((k) => !["0", "200", "201", "503"].includes(k)),
        JSON.stringify(seen),
      ).toEqual([]);
      for (const p of sent) for (const o of p.outcomes) if (o.status === 503) expect(o.retryAfter).toMatch(/^\d+$/);

      // The next process opens the folder at once: every acknowledged answer is there, complete, once; an answer
      // whose request was cut is either stored complete or not at all (its client retries it, see kill.test.ts).
      const open = await openDatabase({ dir });
      try {
        const check = await checkStorage(open, survey, sent);
        expect({ lost: check.lost, doubled: check.doubled, broken: check.broken }).toEqual({
          lost: [],
          doubled: [],
          broken: [],
        });
        // (the survey's other rows are those of the test above)
        expect(check.rows - check.foreign.length).toBeGreaterThanOrEqual(sent.filter(acknowledged).length);
      } finally {
        await open.close();
      }
    },
  );
});
