/**
 * Who answered a survey: responses by channel and by day in the filtered group, and the response rate where the
 * population is known (the population entered for weighting). Counts are respondent counts, so each line
 * (channels; days) is suppressed with its total like any breakdown (`suppressBreakdown`, complementary included).
 *
 * The counts come from the aggregates the results read, exactly as a scan of every response would give them: the
 * results cube's cells (ADR 003: respondents per day × area × age band × gender × channel) for the survey's totals
 * and for a group filtered on demographic columns, dates and channels; the answer bitmaps (ADR 011: the group's bit
 * string AND each day's and channel's) for a group filtered on answers, with any other filters. Each is read with its
 * tail (responses above its watermark) in one snapshot.
 */
import { sql, type RawBuilder } from "kysely";
import type { Database } from "~/platform/db.server";
import type { Channel } from "../../../db/schema";
import { CHANNELS, DEMOGRAPHIC_COLUMNS, filterSql, loadResultsSource, parseResultFilters, type RawResultFilters, type ResultFilters, type ResultsSource } from "./counting/source.server";
import { cubeCanServe, foldCube } from "./counting/cube.server";
import { inSnapshot, READ_FOLD_LIMIT, tailOf, type CubeState } from "./counting/fold.server";
import { dayChannelFromBits } from "./counting/bits.server";
import { effectiveMinBase, suppressBreakdown, type SuppressedCount } from "./domain/statistics";
import { getPopulation } from "./weighting.server";

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
  rateByCell: { age_band: string; gender: string; population: number; respondents: number | null; rate: number | null; suppressed: boolean }[];
}

/** The respondent counts participation is computed from (only non-zero rows). */
export interface ParticipationCounts {
  /** The filtered group, per day (YYYY-MM-DD) and channel. */
  group: { day: string; channel: Channel; n: number }[];
  /** The whole survey (unfiltered), per age band × gender (null: not given). */
  survey: { age_band: string | null; gender: string | null; n: number }[];
}

type GroupRow = ParticipationCounts["group"][number];
type SurveyRow = ParticipationCounts["survey"][number];

const DAY_MS = 86_400_000;

function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`) && out.length < 1000; t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

// The cube's state row, as results-cube.server.ts keys it (ADR 003).
const cubeState = (surveyId: number) => ({ stateTable: "response_cube_state" as const, key: { survey_id: surveyId } });

/** Per day and channel: the cells' counts (`cells`: day, channel, n) plus the group's responses in the tail. */
async function dayChannelCounts(db: Database, cells: RawBuilder<unknown>, tail: RawBuilder<unknown>): Promise<GroupRow[]> {
  const result = await sql<GroupRow>`
    select to_char(x.day, 'YYYY-MM-DD') as day, x.channel, sum(x.n)::int as n from (
      ${cells}
      union all
      select r.submitted_on, r.channel, count(*)::int from response r where ${tail} group by 1, 2
    ) x group by x.day, x.channel having sum(x.n) <> 0`.execute(db);
  return result.rows;
}

/** The survey's respondents per age band × gender: the cube's all-days cells plus its tail (in the caller's snapshot). */
async function surveyInSnapshot(db: Database, source: ResultsSource, state: CubeState): Promise<SurveyRow[]> {
  const result = await sql<SurveyRow>`
    select x.age_band, x.gender, sum(x.n)::int as n from (
      select c.age_band, c.gender, sum(c.respondents)::int as n from response_cube c
      where c.survey_id = ${source.surveyId} and c.day is null group by 1, 2
      union all
      select r.age_band, r.gender, count(*)::int from response r where r.survey_id = ${source.surveyId} and ${tailOf(state)} group by 1, 2
    ) x group by 1, 2 having sum(x.n) <> 0`.execute(db);
  return result.rows;
}

/** The survey's respondents per age band × gender from the cube. */
async function surveyFromCube(db: Database, source: ResultsSource): Promise<SurveyRow[]> {
  await foldCube(db, source, { inlineLimit: READ_FOLD_LIMIT });
  return inSnapshot(db, cubeState(source.surveyId), (trx, state) => surveyInSnapshot(trx, source, state));
}

function dayConditions(filters: ResultFilters): RawBuilder<unknown>[] {
  return [
    sql`c.day is not null`,
    ...(filters.from ? [sql`c.day >= ${filters.from}::date`] : []),
    ...(filters.to ? [sql`c.day <= ${filters.to}::date`] : []),
    ...(filters.channels.length ? [sql`c.channel = any(${filters.channels}::text[])`] : []),
  ];
}

/**
 * The group filtered on demographic columns, dates and channels from the cube's day cells, and the survey's totals
 * from its all-days cells, each with the tail, in one snapshot (so an unfiltered view's total is the survey's).
 */
async function fromCube(db: Database, source: ResultsSource, filters: ResultFilters): Promise<{ group: GroupRow[]; survey: SurveyRow[] }> {
  await foldCube(db, source, { inlineLimit: READ_FOLD_LIMIT });
  return inSnapshot(db, cubeState(source.surveyId), async (trx, state) => {
    const conds = [sql`c.survey_id = ${source.surveyId}`, ...dayConditions(filters)];
    for (const { question, values } of filters.where) {
      const column = DEMOGRAPHIC_COLUMNS.find((c) => source.demographics[c] === question)!;
      conds.push(sql`${sql.ref(`c.${column}`)} = any(${values}::text[])`);
    }
    const cells = sql`select c.day, c.channel, sum(c.respondents)::int as n from response_cube c where ${sql.join(conds, sql` and `)} group by 1, 2`;
    const group = await dayChannelCounts(trx, cells, sql`${filterSql(source, filters)} and ${tailOf(state)}`);
    return { group, survey: await surveyInSnapshot(trx, source, state) };
  });
}

/** The group filtered on answers (with any other filters) from the answer bitmaps (ADR 011) and their tail. */
function groupFromBits(db: Database, source: ResultsSource, filters: ResultFilters): Promise<GroupRow[] | null> {
  return dayChannelFromBits(db, source, filters, (trx, cells, state) => dayChannelCounts(trx, cells, sql`${filterSql(source, filters)} and ${tailOf(state)}`));
}

/** The filtered group's counts by scanning its responses. */
async function scanGroup(db: Database, source: ResultsSource, filters: ResultFilters): Promise<GroupRow[]> {
  const result = await sql<GroupRow>`
    select to_char(r.submitted_on, 'YYYY-MM-DD') as day, r.channel, count(*)::int as n
    from response r where ${filterSql(source, filters)} group by 1, 2`.execute(db);
  return result.rows;
}

/** Participation counts by scanning every response of the survey (the path before the aggregates; tests compare). */
export async function scanParticipation(db: Database, source: ResultsSource, filters: ResultFilters): Promise<ParticipationCounts> {
  const [group, survey] = await Promise.all([
    scanGroup(db, source, filters),
    sql<SurveyRow>`select r.age_band, r.gender, count(*)::int as n from response r where r.survey_id = ${source.surveyId} group by 1, 2`.execute(db),
  ]);
  return { group, survey: survey.rows };
}

/**
 * Participation counts from the aggregates (cube, answer bitmaps); `null` as the group only for a view the bitmaps
 * have no condition for (never: such a view is the cube's). The survey's totals always come from the cube.
 */
export async function participationFromAggregates(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
): Promise<{ group: GroupRow[] | null; survey: SurveyRow[] }> {
  if (cubeCanServe(source, filters)) return fromCube(db, source, filters);
  const [group, survey] = await Promise.all([groupFromBits(db, source, filters), surveyFromCube(db, source)]);
  return { group, survey };
}

/** Participation counts: from the aggregates, the filtered group by the scan where they cannot be exact. */
export async function countParticipation(db: Database, source: ResultsSource, filters: ResultFilters): Promise<ParticipationCounts> {
  const agg = await participationFromAggregates(db, source, filters);
  return { group: agg.group ?? (await scanGroup(db, source, filters)), survey: agg.survey };
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
  const [{ group, survey }, population] = await Promise.all([
    counts ? Promise.resolve(counts) : countParticipation(db, source, parsed),
    getPopulation({ db, kommunId, surveyId }),
  ]);
  const respondents = group.reduce((s, r) => s + r.n, 0);
  const channelCells = CHANNELS.map((c) => ({ key: c, n: group.reduce((s, r) => s + (r.channel === c ? r.n : 0), 0) }));
  const perDay = new Map<string, number>();
  for (const r of group) perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.n);
  const sortedDays = [...perDay.keys()].sort();
  const dayList = sortedDays.length ? daysBetween(sortedDays[0]!, sortedDays.at(-1)!) : [];
  const dayCells = dayList.map((d) => ({ key: d, n: perDay.get(d) ?? 0 }));
  const popTotal = population ? population.cells.reduce((s, c) => s + c.population, 0) : 0;
  const total = survey.reduce((s, r) => s + r.n, 0);
  const responseRate =
    population && popTotal > 0 && total >= min
      ? { respondents: total, population: popTotal, rate: total / popTotal, source: population.source }
      : null;
  // The cells with the respondents outside them ("Annat", no age ...) as one more part of the survey's total, so that
  // complementary suppression keeps a hidden cell from following by subtraction.
  const popCells = (population?.cells ?? []).filter((c) => c.population > 0);
  const counted = popCells.map((c) => ({ key: `${c.age_band}|${c.gender}`, n: survey.find((r) => r.age_band === c.age_band && r.gender === c.gender)?.n ?? 0 }));
  const rest = total - counted.reduce((a, c) => a + c.n, 0);
  const line = suppressBreakdown([...counted, { key: "rest", n: rest }], total, min).cells;
  const rateByCell = popCells.map((c, i) => {
    const cell = line[i]!;
    return { age_band: c.age_band, gender: c.gender, population: c.population, respondents: cell.n, rate: cell.n === null ? null : cell.n / c.population, suppressed: cell.suppressed };
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
