/**
 * Who answered a survey: responses by channel and by day in the filtered group, and the response rate where the
 * population is known (the population entered for weighting). Counts are respondent counts, so each line
 * (channels; days) is suppressed with its total like any breakdown (`suppressBreakdown`, complementary included).
 *
 * The counts come from the one counting entry point (`countParticipation`, counting/count.server.ts), which reads
 * them from the results cube or the answer bitmaps, exactly as a scan of every response would give them.
 */
import type { Database } from "~/platform/db.server";
import type { Channel } from "../../../db/schema";
import {
  CHANNELS,
  loadResultsSource,
  parseResultFilters,
  type RawResultFilters,
  type ResultFilters,
} from "./counting/source.server";
import { countParticipation, protectParticipation, type ParticipationCounts } from "./counting/count.server";
import { effectiveMinBase, suppressBreakdown, type SuppressedCount } from "./domain/statistics";
import { getPopulation } from "./population.server";

export type { ParticipationCounts };

export interface Participation {
  /** Respondents in the filtered group; null when below the minimum base. */
  respondents: number | null;
  suppressed: boolean;
  minBase: number;
  filters: ResultFilters;
  /** Every channel, in a fixed order (0 shown as 0). */
  byChannel: (SuppressedCount & { channel: Channel })[];
  /** Every day from the first to the last answer of the group (days without answers are 0). */
  byDay: (SuppressedCount & { day: string })[];
  /**
   * Respondents of the whole survey over the population of the age bands and genders entered (unfiltered: the
   * population is not known per area). Null when no population is entered.
   */
  responseRate: { respondents: number; population: number; rate: number; source: string } | null;
  /**
   * The rate per age band × gender cell with a population figure (unfiltered); a cell with fewer than minBase
   * respondents shows neither its count nor its rate.
   */
  rateByCell: {
    age_band: string;
    gender: string;
    population: number;
    respondents: number | null;
    rate: number | null;
    suppressed: boolean;
  }[];
}

const DAY_MS = 86_400_000;

function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (
    let t = Date.parse(`${first}T00:00:00Z`);
    t <= Date.parse(`${last}T00:00:00Z`) && out.length < 1000;
    t += DAY_MS
  ) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * Responses by channel and by day (filtered, suppressed) and the response rate of a survey. `counts`: precomputed
 * counts (tests pass the scan's to compare the paths); by default `countParticipation`.
 */
export async function getParticipation({
  db,
  kommunId,
  surveyId,
  filters,
  minBase,
  counts,
}: {
  db: Database;
  kommunId: number;
  surveyId: number;
  filters?: RawResultFilters;
  minBase?: number;
  counts?: ParticipationCounts;
}): Promise<Participation> {
  const source = await loadResultsSource(db, surveyId);
  const parsed = parseResultFilters(source, filters);
  const min = effectiveMinBase(Math.max(minBase ?? 0, source.settings.minBase ?? 0));
  const [published, population] = await Promise.all([
    counts ? Promise.resolve(protectParticipation(counts)) : countParticipation(db, source, parsed),
    getPopulation({ db, kommunId, surveyId }),
  ]);
  const { survey } = published;
  // The totals are published counts of their own (the group's respondents are the results' figure), not row sums.
  const totals = published.totals!;
  const respondents = totals.respondents;
  const channelCells = CHANNELS.map((c) => ({ key: c, n: totals.byChannel.get(c) ?? 0 }));
  const perDay = totals.byDay;
  const sortedDays = [...perDay.keys()].sort();
  const dayList = sortedDays.length ? daysBetween(sortedDays[0]!, sortedDays.at(-1)!) : [];
  const dayCells = dayList.map((d) => ({ key: d, n: perDay.get(d) ?? 0 }));
  const popTotal = population ? population.cells.reduce((s, c) => s + c.population, 0) : 0;
  const total = totals.survey;
  const responseRate =
    population && popTotal > 0 && total >= min
      ? { respondents: total, population: popTotal, rate: total / popTotal, source: population.source }
      : null;
  // The cells with the respondents outside them ("Annat", no age ...) as one more part of the survey's total, so that
  // complementary suppression keeps a hidden cell from following by subtraction.
  const popCells = (population?.cells ?? []).filter((c) => c.population > 0);
  const counted = popCells.map((c) => ({
    key: `${c.age_band}|${c.gender}`,
    n: survey.find((r) => r.age_band === c.age_band && r.gender === c.gender)?.n ?? 0,
  }));
  // Published parts need not add up to the published total exactly: the rest is never below 0.
  const rest = Math.max(0, total - counted.reduce((a, c) => a + c.n, 0));
  const line = suppressBreakdown([...counted, { key: "rest", n: rest }], total, min).cells;
  const rateByCell = popCells.map((c, i) => {
    const cell = line[i]!;
    return {
      age_band: c.age_band,
      gender: c.gender,
      population: c.population,
      respondents: cell.n,
      rate: cell.n === null ? null : cell.n / c.population,
      suppressed: cell.suppressed,
    };
  });
  if (respondents < min) {
    const hide = (key: string): SuppressedCount => ({ key, n: null, suppressed: true, reason: "below_min_base" });
    return {
      respondents: null,
      suppressed: true,
      minBase: min,
      filters: parsed,
      byChannel: CHANNELS.map((c) => ({ ...hide(c), channel: c })),
      byDay: [],
      responseRate,
      rateByCell,
    };
  }
  const ch = suppressBreakdown(channelCells, respondents, min);
  const dy = suppressBreakdown(dayCells, respondents, min);
  return {
    respondents,
    suppressed: false,
    minBase: min,
    filters: parsed,
    byChannel: ch.cells.map((c, i) => ({ ...c, channel: CHANNELS[i]! })),
    byDay: dy.cells.map((c, i) => ({ ...c, day: dayList[i]! })),
    responseRate,
    rateByCell,
  };
}
