// Shared by the benchmarks (scripts/bench-*.ts): progress lines, the machine line and markdown tables of a report.
import os from "node:os";

/** Progress goes to stderr, so that stdout holds only the report. */
export const logTo =
  (prefix = "") =>
  (msg: string): void => {
    process.stderr.write(`${prefix}${msg}\n`);
  };

/** "2 × AMD EPYC, 24 GB RAM, Node v20.20.2": the machine a report was measured on. */
export function machineSummary(unknownCpu = "?"): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? unknownCpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`;
}

/** A markdown table: a header row, its alignment row (`---` or `---:` per column) and one line per row. */
export function markdownTable(
  header: readonly string[],
  align: readonly ("left" | "right")[],
  rows: readonly (readonly string[])[],
): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), `|${align.map((a) => (a === "right" ? "---:" : "---")).join("|")}|`, ...rows.map(line)];
}
