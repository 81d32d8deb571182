/**
 * What every count of a survey's results starts from: the survey as a results source (its catalogue, built by
 * catalog.server.ts, and its codebook), result filters and their SQL, and the shape of counts (ADR 002). The counting itself is count.server.ts; suppression and shares are results.server.ts.
 */
import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { Database } from "~/platform/db.server";
import type { Channel, SurveySettings } from "../../../../db/schema";
import { Invalid, NotFound, type FieldError, fieldError } from "~/platform/errors.server";
import type { ValidationPlan } from "~/features/surveys/index.server";
import { planFor } from "~/features/surveys/index.server";
import { tally } from "./weight.server";
import {
  buildCatalog,
  CHANNELS,
  DEMOGRAPHIC_COLUMNS,
  demographicQuestions,
  type CatalogQuestion,
  type DemographicColumn,
} from "./catalog.server";

export {
  buildCatalog,
  CHANNELS,
  DEMOGRAPHIC_COLUMNS,
  demographicQuestions,
  type CatalogOption,
  type CatalogQuestion,
  type DemographicColumn,
} from "./catalog.server";

// ---------------------------------------------------------------------------------------------------------------
// The survey, its catalogue and codebook

export interface ResultsSource {
  surveyId: number;
  settings: SurveySettings;
  catalog: CatalogQuestion[];
  byName: Map<string, CatalogQuestion>;
  /** question → value → code (only pairs that have been answered at least once have a code). */
  codes: Map<string, Map<string, number>>;
  demographics: Record<DemographicColumn, string | null>;
}

const catalogs = new WeakMap<ValidationPlan, CatalogQuestion[]>();

/** The survey's current definition as a catalogue, with its codebook. */
export async function loadResultsSource(db: Database, surveyId: number): Promise<ResultsSource> {
  const survey = await db
    .selectFrom("survey as s")
    .innerJoin("survey_version as v", "v.id", "s.current_version_id")
    .select(["s.id", "s.settings", "v.id as versionId", "v.definition"])
    .where("s.id", "=", surveyId)
    .executeTakeFirst();
  if (!survey) throw new NotFound("surveys.error.notFound");
  const plan = planFor(survey.versionId, survey.definition);
  let catalog = catalogs.get(plan);
  if (!catalog) catalogs.set(plan, (catalog = buildCatalog(plan, survey.definition)));
  const rows = await db
    .selectFrom("choice_code")
    .select(["code", "question", "value"])
    .where("survey_id", "=", surveyId)
    .execute();
  const codes = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let m = codes.get(r.question);
    if (!m) codes.set(r.question, (m = new Map()));
    m.set(r.value, r.code);
  }
  return {
    surveyId,
    settings: survey.settings,
    catalog,
    byName: new Map(catalog.map((q) => [q.name, q])),
    codes,
    demographics: demographicQuestions(survey.settings),
  };
}

/** The codes of the given values of a question (values never answered have none). */
export function codesOf(source: ResultsSource, question: string, values?: readonly string[]): number[] {
  const m = source.codes.get(question);
  if (!m) return [];
  const q = source.byName.get(question);
  const wanted = values ?? q?.options.map((o) => o.value) ?? [...m.keys()];
  return wanted.flatMap((v) => {
    const c = m.get(v);
    return c === undefined ? [] : [c];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Filters

/** Filters as they arrive (query parameters): `where` items are `question:value`. */
export interface RawResultFilters {
  where?: readonly string[];
  from?: string | null;
  to?: string | null;
  channel?: readonly string[];
}

/** Checked filters: values of one question are OR-ed, different questions AND-ed. */
export interface ResultFilters {
  where: { question: string; values: string[] }[];
  from: string | null;
  to: string | null;
  channels: Channel[];
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Checks raw filters against the catalogue; one message per bad parameter (Invalid, 422). */
export function parseResultFilters(source: ResultsSource, raw: RawResultFilters = {}): ResultFilters {
  const errors: FieldError[] = [];
  const where = new Map<string, string[]>();
  for (const item of raw.where ?? []) {
    const colon = item.indexOf(":");
    if (colon <= 0 || colon === item.length - 1) {
      errors.push(fieldError("where", "analysis.error.whereForm", { item }));
      continue;
    }
    const question = item.slice(0, colon);
    const value = item.slice(colon + 1);
    const q = source.byName.get(question);
    if (!q) {
      errors.push(fieldError("where", "analysis.error.whereQuestion", { item, question }));
      continue;
    }
    if (!q.options.some((o) => o.value === value)) {
      const known = q.options.map((o) => o.value);
      const list = known.length > 20 ? `${known.slice(0, 20).join(", ")} …` : known.join(", ");
      errors.push(fieldError("where", "analysis.error.whereValue", { item, value, question, list }));
      continue;
    }
    const values = where.get(question) ?? [];
    if (!values.includes(value)) values.push(value);
    where.set(question, values);
  }
  const date = (name: "from" | "to") => {
    const v = raw[name];
    if (v === undefined || v === null || v === "") return null;
    if (!isIsoDate(v)) {
      errors.push(fieldError(name, "analysis.error.date", { name, value: v }));
      return null;
    }
    return v;
  };
  const from = date("from");
  const to = date("to");
  if (from && to && from > to) errors.push(fieldError("to", "analysis.error.dateOrder"));
  const channels: Channel[] = [];
  for (const c of raw.channel ?? []) {
    const channel = CHANNELS.find((k) => k === c);
    if (!channel)
      errors.push(fieldError("channel", "analysis.error.channel", { channel: c, channels: CHANNELS.join(", ") }));
    else if (!channels.includes(channel)) channels.push(channel);
  }
  if (errors.length) throw new Invalid(errors, "problem.filtersInvalid");
  return { where: [...where].map(([question, values]) => ({ question, values })), from, to, channels };
}

/** The WHERE clause of a filtered group: demographic questions on their columns, other answers on `codes`. */
export function filterSql(source: ResultsSource, filters: ResultFilters): RawBuilder<SqlBool> {
  const conds: RawBuilder<unknown>[] = [sql`r.survey_id = ${source.surveyId}`];
  if (filters.from) conds.push(sql`r.submitted_on >= ${filters.from}::date`);
  if (filters.to) conds.push(sql`r.submitted_on <= ${filters.to}::date`);
  if (filters.channels.length) conds.push(sql`r.channel = any(${filters.channels}::text[])`);
  for (const { question, values } of filters.where) {
    const column = DEMOGRAPHIC_COLUMNS.find((c) => source.demographics[c] === question);
    if (column) {
      conds.push(sql`${sql.ref(`r.${column}`)} = any(${values}::text[])`);
      continue;
    }
    const codes = codesOf(source, question, values);
    // Several values of one question: any of them (&&). A value nobody chose has no code and matches nobody.
    conds.push(codes.length ? sql`r.codes && ${codes}::int[]` : sql`false`);
  }
  return sql<SqlBool>`${sql.join(conds, sql` and `)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Aggregates

export interface CodeCounts {
  respondents: number;
  /** Respondents holding any of the given codes, per entry of `anyOf`. */
  anyOf: number[];
  codes: { code: number; question: string | null; value: string | null; n: number }[];
  /**
   * The cell key of every count above (its records' key sum mod 256; weight.server.ts). Only the counting paths
   * return them; `protect` (count.server.ts) perturbs the counts with them and drops them, so they never leave the
   * counting API (knowing a cell's key would undo its noise).
   */
  keys?: { respondents: number; anyOf: number[]; codes: Map<number, number> };
  /**
   * Published counts only: per question, the published count of the respondents holding any of its codes when the
   * codes exclude each other, i.e. who answered a single-answer question (its codes' sets are disjoint, so the
   * count and the cell key are the sums of its codes'). For a multi-answer question the figure means nothing; use
   * `anyOf`.
   */
  questionTotals?: Map<string, number>;
}

/**
 * CodeCounts from the rows of a count statement whose `n` is a weight sum (weight.server.ts): codes (> 0) with their
 * count, and the marker rows, code 0 for the respondents and −(i+1) for anyOf entry i (0 when a marker row is
 * missing). Shared by the scan, the cube and the answer bitmaps.
 */
export function codeCountsOf(
  rows: { code: number; question: string | null; value: string | null; n: unknown }[],
  anyOfLength: number,
): CodeCounts {
  const tallies = rows.map((r) => ({ ...r, ...tally(r.n) }));
  const marker = (code: number) => tallies.find((r) => r.code === code) ?? { n: 0, key: 0 };
  const codes = tallies.filter((r) => r.code > 0 && r.n !== 0);
  const anyOf = Array.from({ length: anyOfLength }, (_, i) => marker(-(i + 1)));
  return {
    respondents: marker(0).n,
    anyOf: anyOf.map((t) => t.n),
    codes: codes.map(({ code, question, value, n }) => ({ code, question, value, n })),
    keys: {
      respondents: marker(0).key,
      anyOf: anyOf.map((t) => t.key),
      codes: new Map(codes.map((r) => [r.code, r.key])),
    },
  };
}

export interface BreakdownCounts {
  /** Per group (dimension values, null = not given): respondents, those who answered, and n per code. */
  groups: {
    groups: (string | null)[];
    respondents: number;
    answered: number;
    codes: Map<number, number>;
    /** Cell keys of the counts (see CodeCounts.keys): only inside the counting API. */
    keys?: { respondents: number; answered: number; codes: Map<number, number> };
  }[];
  /**
   * Published counts only: the whole filtered group (all groups together: they partition it), published from the
   * summed counts and cell keys, so each is the same figure as the group's own count in any other view.
   */
  totals?: { respondents: number; answered: number; codes: Map<number, number> };
}

type BreakdownGroup = BreakdownCounts["groups"][number];

/**
 * A breakdown group from a count statement's row: the columns g0, g1 … (the group's values), and the weight sums
 * (weight.server.ts) `respondents`, `answered` and c<code> per code of the question.
 */
export function breakdownGroupOf(
  row: Record<string, unknown>,
  by: readonly DemographicColumn[],
  questionCodes: readonly number[],
): BreakdownGroup {
  const respondents = tally(row.respondents);
  const answered = tally(row.answered);
  const codes = questionCodes.map((c) => [c, tally(row[`c${c}`])] as const);
  return {
    groups: by.map((_, i) => (row[`g${i}`] ?? null) as string | null),
    respondents: respondents.n,
    answered: answered.n,
    codes: new Map(codes.map(([c, t]) => [c, t.n])),
    keys: { respondents: respondents.key, answered: answered.key, codes: new Map(codes.map(([c, t]) => [c, t.key])) },
  };
}
