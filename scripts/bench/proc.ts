// Shared by the benchmarks: what Linux's /proc says about a process (CPU time, memory); NaN or null elsewhere.
import fs from "node:fs";

/** utime + stime of a /proc/<pid>/stat line, in seconds (clock ticks are 100 Hz on Linux). */
function statCpuSeconds(stat: string): number {
  const fields = stat.split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds used so far by a process and its live children (the workers of a clustered server.mjs). */
export function processCpuSeconds(pid: number | undefined): number {
  try {
    const own = statCpuSeconds(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
    let children = 0;
    try {
      const ids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
      for (const id of ids) children += processCpuSeconds(Number(id)) || 0;
    } catch {
      /* no children file: the process alone */
    }
    return own + children;
  } catch {
    return NaN;
  }
}

/**
 * CPU seconds used so far by the local PostgreSQL for one database: the backends connected to it and the server's
 * shared processes (WAL writer, checkpointer, background writer; their work for other databases on the same server
 * is counted too). Backends that exited since the start are not counted.
 */
export function postgresCpuSeconds(database: string): number {
  let total = 0;
  try {
    for (const pid of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        if (!stat.includes("(postgres)")) continue;
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!cmd.includes(` ${database} `) && !/: (walwriter|checkpointer|background writer)/.test(cmd)) continue;
        total += statCpuSeconds(stat);
      } catch {
        /* gone meanwhile */
      }
    }
  } catch {
    return NaN;
  }
  return total;
}

/** VmRSS (now) and VmHWM (the peak) of a process, in MB. */
export function residentMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/**
 * The resident part of a process's WebAssembly memory (MB): V8 reserves GBs of address space around each 32-bit
 * WebAssembly memory, so it is the read-write anonymous mapping that lies between two inaccessible ones of 1 GB or
 * more in /proc/<pid>/smaps (PGlite's Postgres; the rest of RSS is Node, V8's heap and native allocations).
 */
export function wasmResidentMb(pid: number): number | null {
  try {
    const vmas: { size: number; rss: number; perms: string }[] = [];
    for (const line of fs.readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
      const head = /^[0-9a-f]+-[0-9a-f]+ (\S{4}) /.exec(line);
      if (head) vmas.push({ size: 0, rss: 0, perms: head[1]! });
      const size = /^Size:\s+(\d+) kB/.exec(line);
      if (size) vmas.at(-1)!.size = Number(size[1]);
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (rss) vmas.at(-1)!.rss = Number(rss[1]);
    }
    const guard = (v: (typeof vmas)[number] | undefined) => v?.perms === "---p" && v.size >= 2 ** 20;
    let total = 0;
    vmas.forEach((v, i) => {
      if (v.perms === "rw-p" && guard(vmas[i - 1]) && guard(vmas[i + 1])) total += v.rss;
    });
    return total / 1024;
  } catch {
    return null;
  }
}
