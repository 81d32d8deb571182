/**
 * The respondent counts of participation (who answered: per day and channel in the filtered group, per age band ×
 * gender in the whole survey), exactly as a scan of every response would give them: the results cube's cells
 * (ADR 003: respondents per day × area × age band × gender × channel) for the survey's totals and for a group
 * filtered on demographic columns, dates and channels; the answer bitmaps (ADR 011: the group's bit string AND each
 * day's and channel's) for a group filtered on answers, with any other filters. Each is read with its tail
 * (responses above its watermark) in one snapshot. Views ask `countParticipation` / `countSurveyCells` in
 * count.server.ts.
 */
import { sql, type RawBuilder } from "kysely";
import type { Database } from "~/platform/db.server";
import type { Channel } from "../../../../db/schema";
import { DEMOGRAPHIC_COLUMNS, filterSql, type ResultFilters, type ResultsSource } from "./source.server";
import { cubeCanServe, foldCube } from "./cube.server";
import { inSnapshot, READ_FOLD_LIMIT, tailOf, type CubeState } from "./fold.server";
import { dayChannelFromBits } from "./bits.server";
import { tally, weightSum } from "./weight.server";

/** The respondent counts participation is computed from (only non-zero rows). */
export interface ParticipationCounts {
  /** The filtered group, per day (YYYY-MM-DD) and channel. */
  group: { day: string; channel: Channel; n: number; key?: number }[];
  /** The whole survey (unfiltered), per age band × gender (null: not given). */
  survey: { age_band: string | null; gender: string | null; n: number; key?: number }[];
  // `key`: each count's cell key (weight.server.ts), only inside the counting API.
  /** Published counts only (count.server.ts, protectParticipation): the totals shown beside the rows. */
  totals?: { respondents: number; byChannel: Map<Channel, number>; byDay: Map<string, number>; survey: number };
}

export type GroupRow = ParticipationCounts["group"][number];
export type SurveyRow = ParticipationCounts["survey"][number];

/** Rows whose `n` is a weight sum (weight.server.ts) with `n` the count and `key` its cell key. */
const tallied = <T extends { n: unknown }>(rows: T[]): (T & { n: number; key: number })[] =>
  rows.map((r) => ({ ...r, ...tally(r.n) }));

// The cube's state row, as cube.server.ts keys it (ADR 003).
const cubeState = (surveyId: number) => ({ stateTable: "response_cube_state" as const, key: { survey_id: surveyId } });

/** Per day and channel: the cells' counts (`cells`: day, channel, n) plus the group's responses in the tail. */
async function dayChannelCounts(
  db: Database,
  cells: RawBuilder<unknown>,
  tail: RawBuilder<unknown>,
): Promise<GroupRow[]> {
  const result = await sql<GroupRow>`
    select to_char(x.day, 'YYYY-MM-DD') as day, x.channel, sum(x.n)::bigint as n from (
      ${cells}
      union all
      select r.submitted_on, r.channel, ${weightSum()} from response r where ${tail} group by 1, 2
    ) x group by x.day, x.channel having sum(x.n) <> 0`.execute(db);
  return tallied(result.rows);
}

/** The survey's respondents per age band × gender: the cube's all-days cells plus its tail (in the caller's snapshot). */
async function surveyInSnapshot(db: Database, source: ResultsSource, state: CubeState): Promise<SurveyRow[]> {
  const result = await sql<SurveyRow>`
    select x.age_band, x.gender, sum(x.n)::bigint as n from (
      select c.age_band, c.gender, sum(c.respondents)::bigint as n from response_cube c
      where c.survey_id = ${source.surveyId} and c.day is null group by 1, 2
      union all
      select r.age_band, r.gender, ${weightSum()} from response r where r.survey_id = ${source.surveyId} and ${tailOf(state)} group by 1, 2
    ) x group by 1, 2 having sum(x.n) <> 0`.execute(db);
  return tallied(result.rows);
}

/** The survey's respondents per age band × gender from the cube. */
export async function surveyFromCube(db: Database, source: ResultsSource): Promise<SurveyRow[]> {
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
async function fromCube(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
): Promise<{ group: GroupRow[]; survey: SurveyRow[] }> {
  await foldCube(db, source, { inlineLimit: READ_FOLD_LIMIT });
  return inSnapshot(db, cubeState(source.surveyId), async (trx, state) => {
    const conds = [sql`c.survey_id = ${source.surveyId}`, ...dayConditions(filters)];
    for (const { question, values } of filters.where) {
      const column = DEMOGRAPHIC_COLUMNS.find((c) => source.demographics[c] === question)!;
      conds.push(sql`${sql.ref(`c.${column}`)} = any(${values}::text[])`);
    }
    const cells = sql`select c.day, c.channel, sum(c.respondents)::bigint as n from response_cube c where ${sql.join(conds, sql` and `)} group by 1, 2`;
    const group = await dayChannelCounts(trx, cells, sql`${filterSql(source, filters)} and ${tailOf(state)}`);
    return { group, survey: await surveyInSnapshot(trx, source, state) };
  });
}

/** The group filtered on answers (with any other filters) from the answer bitmaps (ADR 011) and their tail. */
function groupFromBits(db: Database, source: ResultsSource, filters: ResultFilters): Promise<GroupRow[] | null> {
  return dayChannelFromBits(db, source, filters, (trx, cells, state) =>
    dayChannelCounts(trx, cells, sql`${filterSql(source, filters)} and ${tailOf(state)}`),
  );
}

/** The filtered group's counts by scanning its responses. */
export async function scanGroup(db: Database, source: ResultsSource, filters: ResultFilters): Promise<GroupRow[]> {
  const result = await sql<GroupRow>`
    select to_char(r.submitted_on, 'YYYY-MM-DD') as day, r.channel, ${weightSum()} as n
    from response r where ${filterSql(source, filters)} group by 1, 2`.execute(db);
  return tallied(result.rows);
}

/** Participation counts by scanning every response of the survey (the path before the aggregates; tests compare). */
export async function scanParticipation(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
): Promise<ParticipationCounts> {
  const [group, survey] = await Promise.all([
    scanGroup(db, source, filters),
    sql<SurveyRow>`select r.age_band, r.gender, ${weightSum()} as n from response r where r.survey_id = ${source.surveyId} group by 1, 2`.execute(
      db,
    ),
  ]);
  return { group, survey: tallied(survey.rows) };
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
