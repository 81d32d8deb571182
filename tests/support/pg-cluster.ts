import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster of this test's own (initdb in a temporary folder, on a free port of 127.0.0.1),
 * which the fault tests may stop and start at will. Never the shared server on 5432.
 *
 * The binaries are looked up in PG_BIN, then /usr/lib/postgresql/<version>/bin (Debian), then PATH. PostgreSQL
 * refuses to run as root: as root, the commands run as the `postgres` user (runuser) in a folder it owns.
 */
export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  adminUrl: string;
  port: number;
  dir: string;
  /** A connection string for a database of this cluster. */
  urlFor(database: string): string;
  /** `pg_ctl stop -m fast` (default): open connections are terminated, the cluster shuts down cleanly. */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster (immediate) and deletes its folder. Safe to call twice. */
  destroy(): Promise<void>;
}

/** The folder with initdb and pg_ctl, or a reason why there is none (the caller skips and prints it). */
export function findPgBin(): { bin: string } | { missing: string } {
  const has = (dir: string) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"));
  if (process.env.PG_BIN) {
    return has(process.env.PG_BIN)
      ? { bin: process.env.PG_BIN }
      : { missing: `PG_BIN=${process.env.PG_BIN} has no initdb/pg_ctl` };
  }
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (has(path.join(debian, v, "bin"))) return { bin: path.join(debian, v, "bin") };
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir && has(dir)) return { bin: dir };
  return {
    missing:
      "PostgreSQL server binaries (initdb, pg_ctl) not found in PG_BIN, /usr/lib/postgresql/*/bin or PATH " +
      "(Debian: apt-get install postgresql); the PostgreSQL fault tests need a cluster of their own",
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
async function pg(bin: string, tool: string, args: string[], timeoutMs = 30_000) {
  const exe = path.join(bin, tool);
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", exe, ...args]] : [exe, args];
  try {
    return await run(cmd, argv, { timeout: timeoutMs, cwd: os.tmpdir() });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${tool} ${args.join(" ")} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

/** initdb + start on a free port. Fast settings (no fsync): the tests stop the server, not the machine. */
export async function startPgCluster(bin: string): Promise<PgCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "td-faults-pg-"));
  if (asRoot) {
    const { uid, gid } = await userIds("postgres");
    fs.chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  await pg(
    bin,
    "initdb",
    ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"],
    60_000,
  );
  const port = await freePort();
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    "-c fsync=off",
    "-c full_page_writes=off",
    "-c max_connections=40",
    "-c shared_buffers=32MB",
  ].join(" ");
  const logFile = path.join(dir, "server.log");
  let running = false;
  const cluster: PgCluster = {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    urlFor: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await pg(bin, "pg_ctl", ["start", "-D", data, "-w", "-t", "30", "-l", logFile, "-o", options]);
      running = true;
    },
    async stop(mode = "fast") {
      await pg(bin, "pg_ctl", ["stop", "-D", data, "-w", "-t", "30", "-m", mode]);
      running = false;
    },
    async destroy() {
      if (running) await cluster.stop("immediate").catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  // If the test process ends without destroy() (a crash, a time-out), do not leave a postmaster running.
  process.once("exit", () => {
    if (!running) return;
    const exe = path.join(bin, "pg_ctl");
    const args = ["stop", "-D", data, "-m", "immediate"];
    try {
      if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", exe, ...args], { stdio: "ignore", timeout: 10_000 });
      else execFileSync(exe, args, { stdio: "ignore", timeout: 10_000 });
    } catch {
      /* already stopped */
    }
  });
  await cluster.start();
  return cluster;
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run("id", ["-u", name]), run("id", ["-g", name])]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}
