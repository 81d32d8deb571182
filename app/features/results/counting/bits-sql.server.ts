/**
 * The answer bitmaps counted by PostgreSQL (ADR 011, with the key planes of ADR 014): the path of a survey whose bit
 * strings exceed the app's memory budget (bits-memory.server.ts counts all others in the app, ADR 022). The same
 * figures as the copy in memory gives; the tests compare both paths with the scan.
 */
import { sql, type RawBuilder } from "kysely";
import type { Database } from "~/platform/db.server";
import type { CodeCounts, DemographicColumn, ResultFilters, ResultsSource } from "./source.server";
import { codeCountsOf, codesOf, DEMOGRAPHIC_COLUMNS } from "./source.server";
import { tailOf, type CubeState } from "./fold.server";
import { bitsWeight, keyPlanes, tally, viewPlanes, weight, weightSum, type Tally } from "./weight.server";

/** A response column with bit strings of its own (`response_bits_dim.dim`). */
type Dim = DemographicColumn | "channel" | "day";

export type SqlConditions = { rows: RawBuilder<unknown>; count: number };

/**
 * The view's conditions as rows (k, seg, bits): condition k holds for a response when its bit is set in any of
 * condition k's bit strings of its segment. Null for a view without conditions (the cube serves it).
 */
export function conditions(
  source: ResultsSource,
  filters: ResultFilters,
): { rows: RawBuilder<unknown>; count: number } | null {
  const s = source.surveyId;
  const parts: RawBuilder<unknown>[] = [];
  const dim = (d: Dim, cond: RawBuilder<unknown>) =>
    parts.push(
      sql`select ${sql.lit(parts.length)}::int as k, d.seg, d.bits from response_bits_dim d where d.survey_id = ${s} and d.dim = ${d} and ${cond}`,
    );
  for (const { question, values } of filters.where) {
    const column = DEMOGRAPHIC_COLUMNS.find((c) => source.demographics[c] === question);
    if (column) {
      dim(column, sql`d.value = any(${values}::text[])`);
      continue;
    }
    // A value nobody chose has no code; with none, the condition has no bit strings and the view is empty.
    const codes = codesOf(source, question, values);
    parts.push(
      sql`select ${sql.lit(parts.length)}::int as k, b.seg, b.bits from response_bits b where b.survey_id = ${s} and b.code = any(${codes}::int[])`,
    );
  }
  if (filters.channels.length) dim("channel", sql`d.value = any(${filters.channels}::text[])`);
  if (filters.from || filters.to) {
    dim(
      "day",
      sql.join(
        [
          ...(filters.from ? [sql`d.value >= ${filters.from}`] : []),
          ...(filters.to ? [sql`d.value <= ${filters.to}`] : []),
        ],
        sql` and `,
      ),
    );
  }
  if (!parts.length) return null;
  return { rows: sql.join(parts, sql` union all `), count: parts.length };
}

/**
 * CTEs `c` (condition rows) and `f` (per segment, the view's bit string: AND over conditions of the OR of each
 * condition's bit strings; a segment where some condition has none holds nobody of the view).
 */
const viewCtes = (cond: { rows: RawBuilder<unknown>; count: number }, surveyId: number) => sql`
  c as (${cond.rows}),
  f as materialized (
    select o.seg, o.f, ${sql.join(viewPlanes(sql`o.f`, "kp"))}
    from (
      select seg, bit_and(b) as f from (select k, seg, bit_or(bits) as b from c group by k, seg) o
      group by seg having count(*) = ${sql.lit(cond.count)}
    ) o
    left join (${keyPlanes(surveyId)}) kp on kp.seg = o.seg
  )`;

/**
 * What the bit strings give of a view's code counts, as SQL of weight sums (weight.server.ts): `codes`, a relation
 * (code, n); `respondents` and each of `anyOf`, a scalar. `ctes` are the common table expressions they read.
 */
export interface BitsCodeCounts {
  ctes?: RawBuilder<unknown>;
  codes: RawBuilder<unknown>;
  respondents: RawBuilder<unknown>;
  anyOf: (codes: readonly number[], i: number) => RawBuilder<unknown>;
}

/**
 * The view's counts per code, its respondents and `anyOf` totals: what the bit strings give (`bits`, counted by
 * PostgreSQL or in memory) plus the tail above the watermark, in one statement of the read's snapshot, codes joined
 * to the codebook.
 */
export async function codesPlusTail(
  trx: Database,
  where: RawBuilder<unknown>,
  anyOf: readonly number[][],
  state: CubeState,
  bits: BitsCodeCounts,
): Promise<CodeCounts> {
  const totals = anyOf.map(
    (codes, i) => sql`union all select ${sql.lit(-(i + 1))}::int,
      (${bits.anyOf(codes, i)} + (select ${weightSum("t", sql`t.codes && ${codes}::int[]`)} from t))::bigint`,
  );
  const result = await sql<{ code: number; question: string | null; value: string | null; n: string }>`
    with ${bits.ctes ? sql`${bits.ctes},` : sql``}
    t as materialized (select r.codes, r.cell_key from response r where ${where} and ${tailOf(state)}),
    x as (
      ${bits.codes}
      union all
      select u.code, ${weight("t")} from t cross join lateral unnest(t.codes) as u(code)
    ),
    y as (
      select code, sum(n)::bigint as n from x group by code having sum(n) <> 0
      union all
      select 0, (${bits.respondents} + (select ${weightSum("t")} from t))::bigint
      ${sql.join(totals, sql` `)}
    )
    select y.code, cc.question, cc.value, y.n from y left join choice_code cc on cc.code = y.code`.execute(trx);
  return codeCountsOf(result.rows, anyOf.length);
}

/** The view's code counts from the bit strings, counted by PostgreSQL (with the key planes). */
export function codesSql(source: ResultsSource, cond: SqlConditions): BitsCodeCounts {
  const s = source.surveyId;
  return {
    ctes: viewCtes(cond, s),
    codes: sql`select b.code, ${bitsWeight("f", sql`b.bits`)} as n from response_bits b join f on f.seg = b.seg where b.survey_id = ${s}`,
    respondents: sql`(select coalesce(sum(${bitsWeight("f")}), 0) from f)`,
    anyOf: (codes) => sql`(select coalesce(sum(${bitsWeight("f", sql`h.b`)}), 0) from f join (
        select seg, bit_or(bits) as b from response_bits where survey_id = ${s} and code = any(${codes}::int[]) group by seg
      ) h on h.seg = f.seg)`,
  };
}

/** Respondents of the view per day and channel (rows day, channel, n: weight sums), as a relation. */
export const dayChannelSql = (cond: SqlConditions, s: number): RawBuilder<unknown> =>
  sql`(with ${viewCtes(cond, s)},
        x as materialized (
          -- The day's and channel's AND computed once (behind the fence), not once per key plane.
          select c.day, c.channel, ${bitsWeight("c", sql`c.dc`)} as n
          from (
            select f.*, dd.value as day, dc.value as channel, dd.bits & dc.bits as dc
            from f
            join response_bits_dim dd on dd.survey_id = ${s} and dd.dim = 'day' and dd.seg = f.seg
            join response_bits_dim dc on dc.survey_id = ${s} and dc.dim = 'channel' and dc.seg = f.seg
            offset 0
          ) c
        )
        select x.day::date as day, x.channel, sum(x.n)::bigint as n from x group by 1, 2)`;

/** The breakdown's counted sets per group and segment, counted by PostgreSQL (a survey too large for memory). */
export async function breakdownPartsSql(
  trx: Database,
  source: ResultsSource,
  cond: { rows: RawBuilder<unknown>; count: number },
  by: readonly DemographicColumn[],
  questionCodes: readonly number[],
  answeredBySum: boolean,
): Promise<{ values: (string | null)[]; code: number; t: Tally }[]> {
  const s = source.surveyId;
  const gs = by.map((_, i) => sql.ref(`g${i}`));
  const groupCols = by.map((_, i) => sql`${sql.ref(`d${i}.value`)} as ${sql.ref(`g${i}`)}`);
  const joins = by.map((d, i) => {
    const a = sql.ref(`d${i}`);
    return sql`join response_bits_dim ${a} on ${sql.ref(`d${i}.survey_id`)} = ${s} and ${sql.ref(`d${i}.dim`)} = ${d} and ${sql.ref(`d${i}.seg`)} = f.seg`;
  });
  // The group's own bit string (its columns AND-ed), computed once behind the fence and then AND-ed with the view
  // and each of its key planes: 1 + 9 ANDs per group and segment instead of 9 · |by|.
  const own = sql.join(
    by.map((_, i) => sql.ref(`d${i}.bits`)),
    sql` & `,
  );
  const groupPlanes = Array.from({ length: 8 }, (_, j) => sql`s.${sql.ref(`fk${j}`)} & s.gb as ${sql.ref(`fk${j}`)}`);
  const codes = sql`${[...questionCodes]}::int[]`;
  const result = await sql<Record<string, unknown> & { code: number; n: number }>`
      with ${viewCtes(cond, s)},
      -- The group's bit string (f) and its key planes (fk0..7): the view's AND-ed with the group's columns.
      g as materialized (
        select ${sql.join([...gs.map((g) => sql`s.${g}`), sql`s.seg`, sql`s.f & s.gb as f`, ...groupPlanes])}
        from (select ${sql.join([...groupCols, sql`f.*`, sql`${own} as gb`])} from f ${sql.join(joins, sql` `)} offset 0) s
      ),
      q as materialized (select b.code, b.seg, b.bits from response_bits b where b.survey_id = ${s} and b.code = any(${codes})),
      a as (select seg, bit_or(bits) as bits from q group by seg),
      -- Counted before grouping (materialised), so the grouping sorts or hashes integers, not bit strings (a sort
      -- of 30,000 rows of 1 KB took 0.15 s of 0.2 s at 1M).
      x as materialized (
        select ${sql.join([...gs, sql`0 as code`, sql`${bitsWeight("g")} as n`])} from g
        union all
        ${
          answeredBySum
            ? sql``
            : sql`select ${sql.join([...gs, sql`-1`, bitsWeight("g", sql`a.bits`)])}
        from g join a on a.seg = g.seg
        union all`
        }
        select ${sql.join([...gs, sql`q.code`, bitsWeight("g", sql`q.bits`)])}
        from g join q on q.seg = g.seg
      )
      select ${sql.join([...gs, sql`code`, sql`sum(n)::bigint as n`])} from x group by ${sql.join([...gs, sql`code`])}`.execute(
    trx,
  );
  return result.rows.map((r) => ({
    values: by.map((_, i) => (r[`g${i}`] ?? null) as string | null),
    code: r.code,
    t: tally(r.n),
  }));
}
