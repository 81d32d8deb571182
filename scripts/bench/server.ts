// Shared by the benchmarks: the production server as a child process, answering /healthz before it is used.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

/** A free TCP port on 127.0.0.1. */
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

export interface ServerOptions {
  /** The command and its arguments: `["sh", "scripts/start.sh"]` as `npm start` runs it, or node and server.mjs. */
  command: readonly [string, ...string[]];
  port: number;
  /** On top of this process's environment, NODE_ENV=production, HOST=127.0.0.1 and PORT. */
  env: Record<string, string>;
  /** Where the server's stdout goes (its stderr is passed on to this process's stderr). */
  stdout: "inherit" | "ignore" | number;
  cwd?: string;
  /** How long to wait for /healthz, and how often to ask. */
  healthTimeoutMs: number;
  pollMs: number;
}

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  url: string;
  /** SIGTERM (a clean shutdown closes the database), SIGKILL after 15 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the server and waits until /healthz answers 200; throws (and kills it) if it exits or stays silent. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const [command, ...args] = options.command;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(options.port),
      ...options.env,
    },
    stdio: ["ignore", options.stdout, "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
    process.stderr.write(d);
  });
  let exitCode: number | null | undefined;
  const exit = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + options.healthTimeoutMs;
  for (;;) {
    if (exitCode !== undefined) {
      const hint = /corrupted migrations|migration .* is missing/i.test(stderr)
        ? " The build is older than the migrations in db/: rebuild it (npm run build)."
        : "";
      throw new Error(`the server exited with ${exitCode} before it answered /healthz (see its output above).${hint}`);
    }
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server did not answer /healthz within ${options.healthTimeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, options.pollMs));
  }
  return {
    child,
    pid: child.pid!,
    url,
    stop: async () => {
      if (exitCode !== undefined) return exitCode;
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const code = await exit;
      clearTimeout(t);
      return code;
    },
  };
}
