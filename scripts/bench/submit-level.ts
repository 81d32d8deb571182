// One concurrency level of bench-submit: autocannon sends valid answers (a share of them retries of ids already
// sent) and the level's throughput, latency percentiles and CPU time per request are measured.
import crypto from "node:crypto";
import { autocannon, type AcRequest } from "./autocannon";
import { postgresCpuSeconds, processCpuSeconds } from "./proc";
import { percentile } from "./stats";
import type { Sent } from "./submit-check";
import type { LevelResult } from "./submit-report";

export interface LevelContext {
  /** Every id sent so far, across levels, and what came back for it. */
  sent: Map<string, Sent>;
  sentIds: string[];
  /** The share of requests that re-send an id already sent. */
  retryShare: number;
  /** The time cap of a level. */
  maxSeconds: number;
  /** The benchmark's PostgreSQL database, whose CPU time is counted; null on PGlite. */
  database: string | null;
}

export function runLevel(
  url: string,
  slug: string,
  connections: number,
  amount: number,
  bodies: { body: string; data: string }[],
  rng: () => number,
  serverPid: number | undefined,
  { sent, sentIds, retryShare, maxSeconds, database }: LevelContext,
): Promise<LevelResult> {
  const serverCpu0 = processCpuSeconds(serverPid);
  const databaseCpu = () => (database === null ? NaN : postgresCpuSeconds(database));
  const databaseCpu0 = databaseCpu();
  const clientCpu0 = process.cpuUsage();
  const status: Record<string, number> = {};
  const latencies: number[] = [];
  let retriesSent = 0;
  let firstSend = 0;
  let lastResponse = 0;
  let nextBody = Math.floor(rng() * bodies.length);

  const request: AcRequest = {
    method: "POST",
    path: `/api/v1/surveys/${slug}/responses`,
    headers: { "content-type": "application/json" },
    setupRequest: (req, context) => {
      if (!firstSend) firstSend = performance.now();
      let id: string;
      if (sentIds.length > 0 && rng() < retryShare) {
        // A client's retry: an id already sent, with exactly the same body.
        id = sentIds[Math.floor(rng() * sentIds.length)]!;
        retriesSent++;
      } else {
        id = crypto.randomUUID();
        const b = bodies[nextBody++ % bodies.length]!;
        sent.set(id, {
          body: `{"id":"${id}","data":${b.body},"locale":"sv","channel":"web"}`,
          data: b.data,
          sends: 0,
          answered: 0,
          statuses: [],
        });
        sentIds.push(id);
      }
      const s = sent.get(id)!;
      s.sends++;
      context.id = id;
      return { ...req, body: s.body };
    },
    onResponse: (code, _body, context) => {
      lastResponse = performance.now();
      const s = sent.get(context.id as string);
      if (s) {
        s.answered++;
        s.statuses.push(code);
      }
      status[code] = (status[code] ?? 0) + 1;
    },
  };

  return new Promise((resolve, reject) => {
    let stoppedByCap = false;
    const instance = autocannon(
      { url, connections, amount, timeout: 30, pipelining: 1, requests: [request] },
      (err, result) => {
        clearTimeout(cap);
        if (err) return reject(err);
        const sorted = Float64Array.from(latencies).sort();
        const answered = latencies.length;
        const seconds = Math.max(0.001, (lastResponse - firstSend) / 1000);
        const accepted = (status[201] ?? 0) + (status[200] ?? 0);
        const clientCpu = process.cpuUsage(clientCpu0);
        resolve({
          serverCpuMs: ((processCpuSeconds(serverPid) - serverCpu0) * 1000) / Math.max(1, answered),
          clientCpuMs: (clientCpu.user + clientCpu.system) / 1000 / Math.max(1, answered),
          databaseCpuMs: ((databaseCpu() - databaseCpu0) * 1000) / Math.max(1, answered),
          connections,
          requests: amount,
          answered,
          seconds,
          status,
          accepted,
          created: status[201] ?? 0,
          retriesSent,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          max: sorted.length ? sorted[sorted.length - 1]! : NaN,
          errors: result.errors,
          timeouts: result.timeouts,
          stoppedByCap,
        });
      },
    );
    instance.on("response", (_client, _code, _bytes, ms) => latencies.push(ms));
    const cap = setTimeout(() => {
      stoppedByCap = true;
      instance.stop();
    }, maxSeconds * 1000);
  });
}
