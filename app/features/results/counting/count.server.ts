/**
 * The one counting entry point of the results: every view's figures are counted here, which picks the aggregate
 * that can serve the view exactly (the cube when every filter is demographic, channel or date; the answer bitmaps
 * otherwise) and falls back to the scan (docs/decisions/003-results-cube.md, 011-answer-bitmaps.md).
 *
 * - `countCodes`: respondents, each code's holders, and holders of any of given code sets (results, staff theme
 *   scores; `countRespondents` for the free-text and quote bases).
 * - `countBreakdown`: one question's codes per group of demographic columns (breakdowns, the weighting's cells).
 * - `countParticipation`: respondents per day × channel of the group and per age band × gender of the survey
 *   (participation, the report's fieldwork and channels); `countSurveyCells`: the latter alone (weighting's sample).
 *
 * Every count leaves this module perturbed by its cell key (`protect*`, docs/decisions/014-cell-key-perturbation.md):
 * the paths below return true counts with their cell keys, the entry points return published counts without keys.
 * Small-cell suppression is applied on top by the views (domain/statistics-suppression.ts).
 *
 * Reads of `response` outside counting/ that remain, none of them a count of answers: the free-text comments
 * (their text, searched and paged, in freetext.server.ts), the raw answers export (export-answers.server.ts, one row
 * per respondent), whether a survey has any answer at all (ranking-parts.server.ts, to pick the latest wave), and the
 * surveys feature's own storage and fieldwork bookkeeping, a layer below results (submission, invitations, the
 * survey list's answer count and the survey page's answers by channel and day: the whole survey's rows, never a
 * group, docs/architecture.md "The results counting path").
 */
import type { RawBuilder } from "kysely";
import type { Database } from "~/platform/db.server";
import { perturb } from "../domain/cell-key";
import { countBreakdownFromBits, countCodesFromBits } from "./bits.server";
import { countBreakdownFromCube, countCodesFromCube, cubeCanServe } from "./cube.server";
import {
  participationFromAggregates,
  scanGroup,
  surveyFromCube,
  type ParticipationCounts,
  type SurveyRow,
} from "./participation-counts.server";
import { scanBreakdown, scanBreakdownWhere, scanCodes } from "./scan.server";
import {
  filterSql,
  type BreakdownCounts,
  type CodeCounts,
  type DemographicColumn,
  type ResultFilters,
  type ResultsSource,
} from "./source.server";
import { sumTallies, type Tally } from "./weight.server";

/**
 * The counts of a filtered group in one statement (one snapshot) of two scans: every code with its number of
 * respondents (unnest in the select list, which PostgreSQL runs as a ProjectSet, a third faster than a lateral
 * unnest), and one row of totals: respondents (marker code 0) and, for each code set in `anyOf` (the codes of a
 * multi-answer question), the respondents holding any of them (marker −(i+1)). Codes are joined to the codebook.
 * A single-answer question has one code per respondent, so its codes add up to `answered`.
 */
export async function countCodes(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
  anyOf: readonly number[][],
): Promise<CodeCounts> {
  const where = filterSql(source, filters);
  if (cubeCanServe(source, filters)) {
    const fromCube = await countCodesFromCube(db, source, filters, where, anyOf);
    if (fromCube) return protectCodes(fromCube);
  } else {
    // Filters on answers (with any demographic, channel and date filters): the answer bitmaps (ADR 011).
    const fromBits = await countCodesFromBits(db, source, filters, where, anyOf);
    if (fromBits) return protectCodes(fromBits);
  }
  return protectCodes(await scanCodes(db, where, anyOf));
}

/** Published counts of one question per group of the demographic columns `by` (see countBreakdownRaw). */
export async function countBreakdown(...args: Parameters<typeof countBreakdownRaw>): Promise<BreakdownCounts> {
  return protectBreakdown(await countBreakdownRaw(...args));
}

/**
 * Counts of one question per group of the demographic columns `by`, in the filtered group, before protection: from
 * the cube, the answer bitmaps or (for what neither serves) one scan with one filtered count per code (a question
 * has few), cheaper than unnesting every code of every row.
 */
async function countBreakdownRaw(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
  by: readonly DemographicColumn[],
  questionCodes: readonly number[],
): Promise<BreakdownCounts> {
  const where = filterSql(source, filters);
  if (cubeCanServe(source, filters)) {
    const fromCube = await countBreakdownFromCube(db, source, filters, where, by, questionCodes);
    if (fromCube) return fromCube;
  } else {
    // Filters on answers: the answer bitmaps (ADR 011), their tail counted by the scan.
    const scanTail = (trx: Database, tail: RawBuilder<unknown>) => scanBreakdownWhere(trx, tail, by, questionCodes);
    const fromBits = await countBreakdownFromBits(db, source, filters, where, by, questionCodes, scanTail);
    if (fromBits) return fromBits;
  }
  return scanBreakdown(db, source, filters, by, questionCodes);
}

/**
 * Breakdowns of several single-answer questions counted in one pass (`countBreakdown` over all their codes), each
 * published as if counted alone: a question's answered is the sum of its own codes' counts and keys (they exclude
 * each other), so every figure equals that question's own `countBreakdown`.
 */
export async function countBreakdowns(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
  by: readonly DemographicColumn[],
  questionCodes: readonly (readonly number[])[],
): Promise<BreakdownCounts[]> {
  const all = await countBreakdownRaw(db, source, filters, by, questionCodes.flat());
  return questionCodes.map((codes) =>
    protectBreakdown({
      groups: all.groups.map((g) => {
        const own = new Map(codes.map((c) => [c, g.codes.get(c) ?? 0]));
        const ownKeys = new Map(codes.map((c) => [c, g.keys?.codes.get(c) ?? 0]));
        const answered = sumTallies(codes.map((c) => ({ n: own.get(c)!, key: ownKeys.get(c)! })));
        return {
          groups: g.groups,
          respondents: g.respondents,
          answered: answered.n,
          codes: own,
          keys: { respondents: g.keys?.respondents ?? 0, answered: answered.key, codes: ownKeys },
        };
      }),
    }),
  );
}

/** Respondents of the filtered group (free-text bases, quotes' minimum base): `countCodes` without code sets. */
export async function countRespondents(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters = noFilters(),
): Promise<number> {
  return (await countCodes(db, source, filters, [])).respondents;
}

/** No filters: the whole survey. */
export const noFilters = (): ResultFilters => ({ where: [], from: null, to: null, channels: [] });

/**
 * Participation counts (respondents of the filtered group per day and channel; of the whole survey per age band ×
 * gender): from the cube or the answer bitmaps, the filtered group by the scan where they cannot be exact.
 */
export async function countParticipation(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
): Promise<ParticipationCounts> {
  const agg = await participationFromAggregates(db, source, filters);
  return protectParticipation({ group: agg.group ?? (await scanGroup(db, source, filters)), survey: agg.survey });
}

/**
 * Published participation counts: each day × channel and age band × gender row, and the totals shown beside them
 * (the group's respondents, per channel, per day; the survey's respondents) each published from its own summed
 * count and cell key, so each is the same figure as that group's count in any other view (the group's respondents
 * are the results' respondents), not a sum of noisy rows. Counts already published (no keys) pass unchanged.
 */
export function protectParticipation(raw: ParticipationCounts): ParticipationCounts {
  if (raw.totals) return raw;
  const sum = (rows: readonly { n: number; key?: number }[]) =>
    publishSum(
      rows.map((r) => {
        if (r.key === undefined) throw new Error("counts without cell keys cannot be published");
        return { n: r.n, key: r.key };
      }),
    );
  const by = <K extends string>(
    rows: ParticipationCounts["group"],
    keyOf: (r: ParticipationCounts["group"][number]) => K,
  ) => {
    const parts = new Map<K, ParticipationCounts["group"]>();
    for (const r of rows) parts.set(keyOf(r), [...(parts.get(keyOf(r)) ?? []), r]);
    return new Map([...parts].map(([k, rs]) => [k, sum(rs)]));
  };
  return {
    group: protectRows(raw.group),
    survey: protectRows(raw.survey),
    totals: {
      respondents: sum(raw.group),
      byChannel: by(raw.group, (r) => r.channel),
      byDay: by(raw.group, (r) => r.day),
      survey: sum(raw.survey),
    },
  };
}

/** The whole survey's respondents per age band × gender (the weighting's sample cells), from the cube. */
export async function countSurveyCells(db: Database, source: ResultsSource): Promise<SurveyRow[]> {
  return protectRows(await surveyFromCube(db, source));
}

// ---------------------------------------------------------------------------------------------------------------
// Protection: true counts with cell keys in, published counts without keys out

/** Published CodeCounts: every count perturbed by its cell key; the keys dropped. Idempotent. */
export function protectCodes(raw: CodeCounts): CodeCounts {
  const keys = raw.keys;
  // Every counting path gives keys; counts without them are published already (a caller's precounted figures).
  if (!keys) return raw;
  const byQuestion = new Map<string, { n: number; key: number }[]>();
  for (const c of raw.codes)
    if (c.question !== null)
      byQuestion.set(c.question, [...(byQuestion.get(c.question) ?? []), { n: c.n, key: keys.codes.get(c.code) ?? 0 }]);
  return {
    respondents: perturb(raw.respondents, keys.respondents),
    anyOf: raw.anyOf.map((n, i) => perturb(n, keys.anyOf[i] ?? 0)),
    codes: raw.codes.map((c) => ({ ...c, n: perturb(c.n, keys.codes.get(c.code) ?? 0) })),
    questionTotals: new Map([...byQuestion].map(([q, parts]) => [q, publishSum(parts)])),
  };
}

/** Published BreakdownCounts (see protectCodes). */
export function protectBreakdown(raw: BreakdownCounts): BreakdownCounts {
  if (raw.totals || raw.groups.some((g) => !g.keys)) return raw; // published already (see protectCodes)
  const keyed = raw.groups.map((g) => ({ ...g, keys: g.keys! }));
  const codes = [...new Set(keyed.flatMap((g) => [...g.codes.keys()]))];
  return {
    totals: {
      respondents: publishSum(keyed.map((g) => ({ n: g.respondents, key: g.keys.respondents }))),
      answered: publishSum(keyed.map((g) => ({ n: g.answered, key: g.keys.answered }))),
      codes: new Map(
        codes.map((c) => [
          c,
          publishSum(keyed.map((g) => ({ n: g.codes.get(c) ?? 0, key: g.keys.codes.get(c) ?? 0 }))),
        ]),
      ),
    },
    groups: raw.groups.map(({ keys, ...g }) => {
      if (!keys) throw new Error("counts without cell keys cannot be published");
      return {
        ...g,
        respondents: perturb(g.respondents, keys.respondents),
        answered: perturb(g.answered, keys.answered),
        codes: new Map([...g.codes].map(([c, n]) => [c, perturb(n, keys.codes.get(c) ?? 0)])),
      };
    }),
  };
}

/**
 * The published count of a set made of disjoint parts (groups of a breakdown, codes of a single-answer question,
 * rows of participation): the parts' counts and cell keys summed, then perturbed, so it is the figure the set
 * gets when counted whole.
 */
function publishSum(parts: readonly Tally[]): number {
  const { n, key } = sumTallies(parts);
  return perturb(n, key);
}

/** Published participation rows (see protectCodes); rows that publish as 0 are left out, as true zeros are. */
function protectRows<T extends { n: number; key?: number }>(rows: T[]): T[] {
  return rows
    .map(({ key, ...r }) => {
      if (key === undefined) throw new Error("counts without cell keys cannot be published");
      return { ...r, n: perturb(r.n, key) } as T;
    })
    .filter((r) => r.n !== 0);
}

export type { ParticipationCounts, SurveyRow };
