// bench-submit's results per concurrency level and its markdown report for docs/benchmarks.md.
import os from "node:os";
import type { Check } from "./submit-check";

export interface LevelResult {
  connections: number;
  requests: number;
  answered: number;
  seconds: number;
  status: Record<string, number>;
  accepted: number;
  created: number;
  retriesSent: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  stoppedByCap: boolean;
  /** CPU time of the server process per answered request (Linux /proc), and of this load generator. */
  serverCpuMs: number;
  clientCpuMs: number;
  /** CPU time of all local PostgreSQL processes per answered request (PostgreSQL engine on this machine; else NaN). */
  databaseCpuMs: number;
}

const loadAtStart = os.loadavg()[0]!;

export function machine(): string {
  const cpus = os.cpus();
  return (
    `${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.versions.node}; ` +
    `load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (other work on the machine competes)`
  );
}

/** The command line and settings a report names. */
export interface RunSettings {
  engine: "postgres" | "pglite";
  buildDir: string;
  levels: readonly number[];
  perLevel: number;
  maxSeconds: number;
  retryShare: number;
  workers: string;
  rateLimit: string;
}

/** The markdown report of a run on stdout; the ids of a failed check on stderr. */
export function printReport(results: LevelResult[], check: Check, avgBytes: number, run: RunSettings) {
  const { engine, buildDir, levels, perLevel, maxSeconds, retryShare } = run;
  const engineName = engine === "postgres" ? "PostgreSQL" : "PGlite";
  const lines: string[] = [];
  lines.push(`### Submissions on ${engineName}`);
  lines.push("");
  lines.push(
    `Machine: ${machine()}. Command: \`TD_BUILD_DIR=${buildDir} npx tsx scripts/bench-submit.ts --engine ${engine} --levels ${levels.join(",")} ` +
      `--requests ${perLevel} --max-seconds ${maxSeconds}${run.workers !== "1" ? ` --workers ${run.workers}` : ""}` +
      `${run.rateLimit !== "0" ? ` --rate-limit ${run.rateLimit}` : ""}\` (run ${new Date().toISOString().slice(0, 10)}). ` +
      `Load generator (autocannon) on the same machine; ${Math.round(retryShare * 100)}% of requests re-send an id already sent; ` +
      `payload the standard medborgarenkät from the synthetic generator, ~${avgBytes} bytes.`,
  );
  lines.push("");
  lines.push(
    "| clients | requests | seconds | accepted/s | new (201)/s | p50 ms | p95 ms | p99 ms | max ms | statuses | errors/time-outs | server CPU ms/req | PostgreSQL CPU ms/req | load generator CPU ms/req |",
  );
  lines.push("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
  for (const r of results) {
    const statuses = Object.entries(r.status)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ");
    lines.push(
      `| ${r.connections} | ${r.answered} | ${r.seconds.toFixed(1)} | ${Math.round(r.accepted / r.seconds)} | ${Math.round(r.created / r.seconds)} | ` +
        `${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.max.toFixed(0)} | ${statuses}${r.stoppedByCap ? " (time cap)" : ""} | ${r.errors}/${r.timeouts} | ` +
        `${r.serverCpuMs.toFixed(2)} | ${Number.isNaN(r.databaseCpuMs) ? "–" : r.databaseCpuMs.toFixed(2)} | ${r.clientCpuMs.toFixed(2)} |`,
    );
  }
  lines.push("");
  lines.push(
    `Storage check (all levels and the warm-up): ${check.rows} rows for ${check.distinctAcknowledged} distinct acknowledged ids; ` +
      `lost ${check.missing.length}, doubled ${check.duplicated}, stored with other data ${check.wrongData.length}, ` +
      `stored without acknowledgement ${check.unacknowledgedStored.length}, unknown ids ${check.foreign.length}` +
      (check.unknownOutcome
        ? `; ${check.unknownOutcome} ids got no answer at all (${check.unknownStored} of them stored)`
        : "") +
      `: **${check.ok ? "OK" : "FAILED"}**.`,
  );
  if (!check.ok) {
    for (const [name, ids] of Object.entries({
      lost: check.missing,
      "other data": check.wrongData,
      unacknowledged: check.unacknowledgedStored,
      unknown: check.foreign,
    }))
      if (ids.length) process.stderr.write(`  ${name}: ${ids.slice(0, 5).join(", ")}${ids.length > 5 ? " ..." : ""}\n`);
  }
  console.log(lines.join("\n"));
}
