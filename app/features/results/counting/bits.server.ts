/**
 * Answer bitmaps (ADR 011): the views the results cube cannot serve (filters on answers, alone or with demographic
 * columns, channels and dates, on one question or several) counted from bit strings instead of scanning every
 * response.
 *
 * Every folded response of a survey gets a position (0, 1, 2 … in fold order). Per choice code and per segment of
 * positions (`segment_bits` long, 8192 by default), a bit string marks the responses holding that code
 * (`response_bits`); the response's own columns (area, age band, gender, channel, day) get the same per value
 * (`response_bits_dim`, null = not given). A filtered view is then, per segment, an AND over its conditions of the
 * OR of their values' bit strings (values of one question OR-ed, different questions AND-ed, as the API says), and
 * every figure is a bit count: respondents, each code's count (bit_count(code AND view)), a multi-answer question's
 * "answered" (the OR of its codes AND the view), a breakdown's groups (the view AND each group's bit string). No
 * figure is derived by subtraction or assumption, so the counts are exact for any combination, checkbox options
 * held together included.
 *
 * Folded from committed responses at read time with the cube's protocol (`foldAggregate`: watermark per survey,
 * advisory try-lock, state row `for update`), and read with the tail (responses above the watermark) counted from
 * `response` in the same snapshot. A fold hands the next positions to the new responses and ORs their bits into the
 * segments (the last one fills up over several folds). Submissions never write here.
 */
import { sql, type RawBuilder } from "kysely";
import type { Database } from "~/platform/db.server";
import type { BreakdownCounts, CodeCounts, DemographicColumn, ResultFilters, ResultsSource } from "./source.server";
import {
  foldAggregate,
  READ_FOLD_LIMIT,
  tailOf,
  type CubeState,
  type FoldedAggregate,
  type FoldOptions,
} from "./fold.server";
import { sumTallies, type Tally } from "./weight.server";
import { breakdownPartsSql, codesPlusTail, codesSql, conditions, dayChannelSql } from "./bits-sql.server";
import { memoryBits, type BitsSnapshot, type MemoryBits } from "./bits-memory.server";
import {
  breakdownInMemory,
  codesInMemory,
  dayChannelInMemory,
  memoryConditions,
  weightText,
} from "./bits-count.server";

// pg_try_advisory_xact_lock(BITS_LOCK, survey id) serialises folds of one survey's bit strings.
const BITS_LOCK = 20261311;

const bitsAggregate = (surveyId: number): FoldedAggregate => ({
  stateTable: "response_bits_state",
  key: { survey_id: surveyId },
  lock: [BITS_LOCK, surveyId],
  keepsHolders: false,
  clear: async (db) => {
    await sql`delete from response_bits where survey_id = ${surveyId}`.execute(db);
    await sql`delete from response_bits_dim where survey_id = ${surveyId}`.execute(db);
    await sql`update response_bits_state set next_pos = 0, generation = gen_random_uuid() where survey_id = ${surveyId}`.execute(
      db,
    );
  },
  foldRows: (db, rows) => foldRows(db, surveyId, rows),
});

/** The response columns with bit strings of their own (`response_bits_dim.dim`): DEMOGRAPHIC_COLUMNS, channel, day. */
const DIMS = ["area", "age_band", "gender", "channel", "day"] as const;

/**
 * Per key and segment, the bit string of the positions in `r` (a CTE of pos and the key columns) holding the key:
 * one bit per position OR-ed into 64-bit words (grouped by key, segment and word), the words written out as hex in
 * order with zero words for the gaps, padded to the segment length and read as a bit string.
 */
function bitStrings(rows: RawBuilder<unknown>, keys: readonly string[], segmentBits: number): RawBuilder<unknown> {
  const k = sql.join(keys.map((c) => sql.ref(c)));
  return sql`
    select ${k}, seg, ('x' || rpad(string_agg(repeat('0', 16 * gap) || lpad(to_hex(word), 16, '0'), '' order by wi), ${sql.lit(segmentBits / 4)}, '0'))::bit varying as bits
    from (
      select ${k}, seg, wi, word, wi - coalesce(lag(wi) over (partition by ${k}, seg order by wi), -1) - 1 as gap
      from (
        select ${k}, pos / ${sql.lit(segmentBits)} as seg, (pos % ${sql.lit(segmentBits)}) / 64 as wi, bit_or(1::bigint << (63 - pos % 64)) as word
        from ${rows} w group by ${k}, seg, wi
      ) words
    ) g
    group by ${k}, seg`;
}

/**
 * Adds `rows` (response rows, see FoldedAggregate): they take the next positions, and their codes' and columns' bits
 * are OR-ed into the segments (new segment rows, or the open segment's rows updated), in one statement.
 */
async function foldRows(db: Database, surveyId: number, rows: RawBuilder<unknown>): Promise<void> {
  const st = await sql<{ next_pos: number; segment_bits: number }>`
    select next_pos, segment_bits from response_bits_state where survey_id = ${surveyId}`.execute(db);
  const state = st.rows[0];
  if (!state) return;
  const segmentBits = Number(state.segment_bits);
  const dims = DIMS.map((d) =>
    d === "day"
      ? sql`select pos, 'day'::text as dim, to_char(submitted_on, 'YYYY-MM-DD') as value from r`
      : sql`select pos, ${d}::text as dim, ${sql.ref(d)}::text as value from r`,
  );
  // The key planes (weight.server.ts): plane j marks the responses whose record key has bit j.
  dims.push(
    sql`select pos, 'key'::text as dim, j::text as value from r cross join generate_series(0, 7) as j where (r.cell_key::int >> j) & 1 = 1`,
  );
  const result = await sql<{ n: number }>`
    with r as materialized (
      select (row_number() over () - 1)::int + ${Number(state.next_pos)}::int as pos, r.codes, r.area, r.age_band, r.gender, r.channel, r.submitted_on, r.cell_key
      from ${rows} r
    ),
    rc as (select r.pos, u.code from r cross join lateral unnest(r.codes) as u(code)),
    rd as (${sql.join(dims, sql` union all `)}),
    ic as (
      insert into response_bits (survey_id, seg, code, bits)
      select ${surveyId}, seg, code, bits from (${bitStrings(sql`rc`, ["code"], segmentBits)}) b
      on conflict (survey_id, seg, code) do update set bits = response_bits.bits | excluded.bits
      returning 1
    ),
    id as (
      insert into response_bits_dim (survey_id, seg, dim, value, bits)
      select ${surveyId}, seg, dim, value, bits from (${bitStrings(sql`rd`, ["dim", "value"], segmentBits)}) b
      on conflict (survey_id, dim, value, seg) do update set bits = response_bits_dim.bits | excluded.bits
      returning 1
    )
    select (select count(*) from r)::int as n, (select count(*) from ic) as c, (select count(*) from id) as d`.execute(
    db,
  );
  const n = Number(result.rows[0]?.n ?? 0);
  if (n)
    await sql`update response_bits_state set next_pos = next_pos + ${n}::int where survey_id = ${surveyId}`.execute(db);
}

/** Folds the survey's committed, not yet folded responses into its bit strings (the cube's protocol, ADR 003). */
export function foldBits(db: Database, source: ResultsSource, options: FoldOptions = {}): Promise<void> {
  return foldAggregate(db, source, bitsAggregate(source.surveyId), options);
}

// ---------------------------------------------------------------------------------------------------------------
// Reads

/**
 * Reads in one snapshot after folding: the state row (watermark, positions, generation) first, then the survey's
 * copy in memory brought up to that snapshot (bits-memory.server.ts; null when too large for its budget: `read`
 * then counts with PostgreSQL). PostgreSQL cannot estimate the view's segments (a materialised CTE of bit
 * strings) and then joins each of them to the codes' rows by an index probe; one pass over the survey's rows,
 * hashed on the segment, was twice as fast at 1M (EXPLAIN ANALYZE in ADR 011), so nested loops are off for the read.
 */
async function readBits<T>(
  db: Database,
  source: ResultsSource,
  read: (trx: Database, state: BitsSnapshot & CubeState, memory: MemoryBits | null) => Promise<T>,
): Promise<T> {
  await foldBits(db, source, { inlineLimit: READ_FOLD_LIMIT });
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const st = await sql<{ watermark: string; next_pos: number; segment_bits: number; generation: string }>`
        select watermark, next_pos, segment_bits, generation::text from response_bits_state where survey_id = ${source.surveyId}`.execute(
        trx,
      );
      const row = st.rows[0];
      const state = {
        watermark: Number(row?.watermark ?? 0),
        holders: [],
        nextPos: Number(row?.next_pos ?? 0),
        segmentBits: Number(row?.segment_bits ?? 8192),
        generation: row?.generation ?? "",
      };
      const memory = row ? await memoryBits(db, trx, source.surveyId, state) : null;
      // The bit strings' statements (no copy in memory) run with nested loops off; with them off, the tail's unnest
      // (a nested loop it cannot avoid) costs the plan 10^10, which made PostgreSQL JIT-compile the statement (≈ 0.4 s
      // of a 0.5 s read at 1M): JIT is off for every read. The tail alone plans better with nested loops on.
      await sql`select set_config('enable_nestloop', ${memory ? "on" : "off"}, true), set_config('jit', 'off', true)`.execute(
        trx,
      );
      return read(trx, state, memory);
    });
}

/**
 * `countCodes` (see count.server.ts for the contract) from the bit strings plus the tail; null for a view
 * without conditions.
 */
export async function countCodesFromBits(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
  where: RawBuilder<unknown>,
  anyOf: readonly number[][],
): Promise<CodeCounts | null> {
  const cond = conditions(source, filters);
  if (!cond) return null;
  return readBits(db, source, async (trx, state, memory) => {
    if (!memory) return codesPlusTail(trx, where, anyOf, state, codesSql(source, cond));
    const counted = codesInMemory(memory, state, memoryConditions(source, filters) ?? [], anyOf);
    const codes = [...counted.codes];
    return codesPlusTail(trx, where, anyOf, state, {
      codes: sql`select m.code, m.n from unnest(${codes.map(([c]) => c)}::int[], ${codes.map(([, c]) => weightText(c))}::bigint[]) as m(code, n)`,
      respondents: sql`${weightText(counted.respondents)}::bigint`,
      anyOf: (_, i) => sql`${weightText(counted.anyOf[i]!)}::bigint`,
    });
  });
}

/**
 * `countBreakdown` from the bit strings plus the tail: per group of the columns `by` (the view AND the group's bit
 * strings), its respondents, those holding any of the question's codes (answered) and each code; null for a view
 * without conditions.
 */
export async function countBreakdownFromBits(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
  where: RawBuilder<unknown>,
  by: readonly DemographicColumn[],
  questionCodes: readonly number[],
  scanTail: (trx: Database, tail: RawBuilder<unknown>) => Promise<BreakdownCounts>,
): Promise<BreakdownCounts | null> {
  const cond = conditions(source, filters);
  if (!cond) return null;
  // A single-answer question's codes exclude each other, so its answered count and key are the sums of its codes'
  // (summed below): the union of its codes is not counted (one counted bit string in 2 + codes fewer per group).
  const answeredBySum = singleAnswer(source, questionCodes);
  return readBits(db, source, async (trx, state, memory) => {
    const parts = memory
      ? breakdownInMemory(
          memory,
          state,
          memoryConditions(source, filters) ?? [],
          by,
          questionCodes,
          answeredBySum,
        ).flatMap((g) =>
          [...g.counts].map(([code, c]) => ({ values: g.values, code, t: { n: c.n, key: c.keySum % 256 } })),
        )
      : await breakdownPartsSql(trx, source, cond, by, questionCodes, answeredBySum);
    // Per group, the tally of each counted set (0 = respondents, −1 = answered, else a code) over the segments and
    // the tail: disjoint parts of the group's set, so summed (sumTallies).
    const groups = new Map<string, { values: (string | null)[]; tallies: Map<number, Tally> }>();
    const add = (values: (string | null)[], code: number, t: Tally) => {
      const id = JSON.stringify(values);
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { values, tallies: new Map() }));
      g.tallies.set(code, sumTallies([g.tallies.get(code) ?? { n: 0, key: 0 }, t]));
    };
    for (const { values, code, t } of parts) {
      add(values, code, t);
      if (answeredBySum && code > 0) add(values, -1, t);
    }
    const tail = await scanTail(trx, sql`${where} and ${tailOf(state)}`);
    for (const t of tail.groups) {
      add(t.groups, 0, { n: t.respondents, key: t.keys?.respondents ?? 0 });
      add(t.groups, -1, { n: t.answered, key: t.keys?.answered ?? 0 });
      for (const [c, n] of t.codes) add(t.groups, c, { n, key: t.keys?.codes.get(c) ?? 0 });
    }
    const of = (g: { tallies: Map<number, Tally> }, code: number) => g.tallies.get(code) ?? { n: 0, key: 0 };
    const counted = [...groups.values()].map((g) => ({
      groups: g.values,
      respondents: of(g, 0).n,
      answered: of(g, -1).n,
      codes: new Map(questionCodes.map((c) => [c, of(g, c).n])),
      keys: {
        respondents: of(g, 0).key,
        answered: of(g, -1).key,
        codes: new Map(questionCodes.map((c) => [c, of(g, c).key])),
      },
    }));
    return { groups: counted.filter((g) => g.respondents > 0) };
  });
}

/** Whether `codes` are all codes of one single-answer question (so no respondent holds two of them). */
function singleAnswer(source: ResultsSource, codes: readonly number[]): boolean {
  if (!codes.length) return false;
  const wanted = new Set(codes);
  for (const [question, values] of source.codes) {
    const own = [...values.values()].filter((c) => wanted.has(c));
    if (!own.length) continue;
    return own.length === wanted.size && source.byName.get(question)?.multi === false;
  }
  return false;
}

/**
 * Respondents of the view per day and channel (`cells` of participation: day, channel, n) from the bit strings,
 * read by `read` with the tail condition in the same snapshot; null for a view without conditions.
 */
export async function dayChannelFromBits<T>(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
  read: (trx: Database, cells: RawBuilder<unknown>, state: CubeState) => Promise<T>,
): Promise<T | null> {
  const cond = conditions(source, filters);
  if (!cond) return null;
  return readBits(db, source, (trx, state, memory) => {
    if (memory) {
      const cells = dayChannelInMemory(memory, state, memoryConditions(source, filters) ?? []);
      return read(
        trx,
        sql`(select x.day::date as day, x.channel, x.n from unnest(${cells.map((c) => c.day)}::text[], ${cells.map((c) => c.channel)}::text[], ${cells.map((c) => weightText(c.count))}::bigint[]) as x(day, channel, n))`,
        state,
      );
    }
    return read(trx, dayChannelSql(cond, source.surveyId), state);
  });
}
