/** The scan: counts straight from `response.codes` for what the aggregates do not hold (their tail) and as the tests' reference. */
import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { Database } from "~/platform/db.server";
import { weight, weightSum } from "./weight.server";
import {
  breakdownGroupOf,
  codeCountsOf,
  filterSql,
  type BreakdownCounts,
  type CodeCounts,
  type DemographicColumn,
  type ResultFilters,
  type ResultsSource,
} from "./source.server";

/** countCodes by scanning every response of the filtered group (the views neither aggregate serves; ADR 003, 010). */
export async function scanCodes(
  db: Database,
  where: RawBuilder<SqlBool>,
  anyOf: readonly number[][],
): Promise<CodeCounts> {
  const totals = [
    sql`${weightSum()} as t0`,
    ...anyOf.map((codes, i) => {
      const holders = codes.length ? weightSum("r", sql`r.codes && ${codes}::int[]`) : sql`0::bigint`;
      return sql`${holders} as ${sql.ref(`t${i + 1}`)}`;
    }),
  ];
  const markers = totals.map((_, i) => sql`(${sql.lit(-i)}, s.${sql.ref(`t${i}`)})`);
  const result = await sql<{ code: number; question: string | null; value: string | null; n: string }>`
    select t.code, cc.question, cc.value, t.n
    from (
      select c as code, sum(u.w)::bigint as n from (select unnest(r.codes) as c, ${weight()} as w from response r where ${where}) u group by c
      union all
      select v.code, v.n from (select ${sql.join(totals)} from response r where ${where}) s
        cross join lateral (values ${sql.join(markers)}) as v(code, n)
    ) t
    left join choice_code cc on cc.code = t.code`.execute(db);
  return codeCountsOf(result.rows, anyOf.length);
}

/** countBreakdown by scanning every response of the filtered group. */
export function scanBreakdown(
  db: Database,
  source: ResultsSource,
  filters: ResultFilters,
  by: readonly DemographicColumn[],
  questionCodes: readonly number[],
): Promise<BreakdownCounts> {
  return scanBreakdownWhere(db, filterSql(source, filters), by, questionCodes);
}

/** countBreakdown by scanning the responses `where` selects (`r`). */
export async function scanBreakdownWhere(
  db: Database,
  where: RawBuilder<unknown>,
  by: readonly DemographicColumn[],
  questionCodes: readonly number[],
): Promise<BreakdownCounts> {
  const dims = by.map((d, i) => sql`${sql.ref(`r.${d}`)} as ${sql.ref(`g${i}`)}`);
  // Codes come from the codebook (integers), so they are written into the statement as literals.
  const perCode = questionCodes.map(
    (c) => sql`${weightSum("r", sql`r.codes @> array[${sql.lit(c)}]::int[]`)} as ${sql.ref(`c${c}`)}`,
  );
  const answered = questionCodes.length
    ? sql`${weightSum("r", sql`r.codes && array[${sql.join(questionCodes.map((c) => sql.lit(c)))}]::int[]`)} as answered`
    : sql`0::bigint as answered`;
  const result = await sql<Record<string, unknown>>`
    select ${sql.join([...dims, sql`${weightSum()} as respondents`, answered, ...perCode])}
    from response r
    where ${where}
    group by ${sql.join(by.map((_, i) => sql.lit(i + 1)))}`.execute(db);
  return { groups: result.rows.map((r) => breakdownGroupOf(r, by, questionCodes)) };
}
