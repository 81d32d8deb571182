/**
 * Unusual weeks (docs/domain/est.md, "Unusual weeks"): a zone's count of a category in a week, set against the same
 * zone's own history, the weeks before it with reviewed reports. Flagged when the week has at least
 * `MIN_FLAG_COUNT` incidents and lies more than two standard deviations above the history's mean (the deviation
 * taken as at least 0.5, so that a quiet zone's first few incidents do not flag on a flat history), and only with
 * at least `MIN_HISTORY` weeks of history.
 */
import type { EstCategory } from "./categories";
import type { CategorySum, ReportTally } from "./picture";

export const MIN_HISTORY = 6;
export const MIN_FLAG_COUNT = 3;

export interface UnusualWeek {
  zoneId: number;
  category: string;
  value: number;
  /** The history's mean, rounded to one decimal. */
  usual: number;
  historyWeeks: number;
}

/** The zone × count-category cells of `week` that are unusual against the weeks in `history` (oldest first). */
export function unusualWeeks(input: {
  week: string;
  history: readonly string[];
  zones: readonly { id: number }[];
  categories: readonly EstCategory[];
  sums: readonly CategorySum[];
  tallies: readonly ReportTally[];
}): UnusualWeek[] {
  const out: UnusualWeek[] = [];
  const reported = (zoneId: number, w: string) => input.tallies.some((t) => t.zoneId === zoneId && t.week === w);
  for (const z of input.zones) {
    if (!reported(z.id, input.week)) continue;
    const past = input.history.filter((w) => w < input.week && reported(z.id, w));
    if (past.length < MIN_HISTORY) continue;
    for (const c of input.categories.filter((x) => x.measure === "count")) {
      const at = (w: string) =>
        input.sums.find((s) => s.zoneId === z.id && s.week === w && s.category === c.key)?.count ?? 0;
      const value = at(input.week);
      if (value < MIN_FLAG_COUNT) continue;
      const values = past.map(at);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
      if (value > mean + 2 * Math.max(sd, 0.5))
        out.push({
          zoneId: z.id,
          category: c.key,
          value,
          usual: Math.round(mean * 10) / 10,
          historyWeeks: past.length,
        });
    }
  }
  return out;
}
