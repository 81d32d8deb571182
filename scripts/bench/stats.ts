// Shared by the benchmarks: order statistics of timings and the warm-up-then-runs timer.
import { logTo } from "./report";

const log = logTo();

/** The `p`th percentile of ascending values (nearest rank); NaN when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The middle value (the upper one of an even count), of values in any order. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

export interface TimedRow {
  label: string;
  median: number;
  best: number;
}

/** The median and the fastest of timings in ms, logged as they came. */
export function summarise(label: string, ms: readonly number[]): TimedRow {
  const sorted = [...ms].sort((a, b) => a - b);
  log(`  ${label}: ${sorted.map((m) => m.toFixed(0)).join(", ")} ms`);
  return { label, median: median(sorted), best: sorted[0]! };
}

/** Runs `fn` once to warm up, then `runs` times; the median and the fastest in ms. */
export async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<TimedRow> {
  await fn();
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return summarise(label, ms);
}
