// The embedded database's data folder (issue 7, faults): SIGTERM shuts the server down cleanly (exit 0, lock
// removed, data readable by the next process), and a second process on a folder in use is refused with a message
// that names the folder and the process holding it, without touching the data. PGlite only, in either pass.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/utils/db.server";
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
  stream,
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

  it("refuses a second process clearly, and shuts down cleanly on SIGTERM with the data intact", { timeout: 120_000 }, async () => {
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
    const refused = await Promise.race([second.exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 30_000))]);
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
      expect(await checkStorage(open, survey, sent)).toEqual({ rows: sent.length, lost: [], doubled: [], broken: [], foreign: [] });
    } finally {
      await open.close();
    }
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("SIGTERM while answers are coming in: exit 0, lock removed, every acknowledged answer stored once", { timeout: 120_000 }, async () => {
    const server = await startServer({ PGLITE_DIR: dir });
    servers.push(server);
    let stopping = false;
    const sent: Pending[] = [];
    const streaming = stream(server.url, survey.slug, survey.answers.slice(20, 110), { concurrency: 4, shouldStop: () => stopping, sent });
    const deadline = Date.now() + 60_000;
    while (sent.filter(acknowledged).length < 20 && Date.now() < deadline) await sleep(10);
    const stopped = server.stop();
    stopping = true;
    expect(await stopped).toEqual({ code: 0, signal: null });
    await streaming;
    expect(fs.existsSync(lock), `lock left behind:\n${server.output()}`).toBe(false);
    expect(sent.filter(acknowledged).length).toBeGreaterThanOrEqual(20);
    // A request cut by the shutdown gets no answer (the client retries it), never an error status.
    const seen = statusCounts(sent);
    expect(Object.keys(seen).filter((k) => !["0", "200", "201"].includes(k)), JSON.stringify(seen)).toEqual([]);

    // The next process opens the folder at once and has every acknowledged answer; the client's retries of the
    // others are stored once.
    const next = await startServer({ PGLITE_DIR: dir });
    servers.push(next);
    await retryUnacknowledged(next.url, survey.slug, sent);
    for (const p of sent) expect(acknowledged(p), JSON.stringify(p.outcomes.map((o) => [o.status, o.error]))).toBe(true);
    expect(await next.stop()).toEqual({ code: 0, signal: null });
    const open = await openDatabase({ dir });
    try {
      const rows = await open.db.selectFrom("response").select("id").where("survey_id", "=", survey.surveyId).execute();
      const earlier = rows.length - sent.length;
      const check = await checkStorage(open, survey, sent);
      expect({ ...check, foreign: check.foreign.length }).toEqual({ rows: rows.length, lost: [], doubled: [], broken: [], foreign: earlier });
    } finally {
      await open.close();
    }
  });
});
