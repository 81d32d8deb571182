/**
 * Counts with their cell keys (docs/decisions/014-cell-key-perturbation.md). Every response carries a random record
 * key (0..255, `response.cell_key`); a published count is perturbed by a noise looked up from the sum of its
 * records' keys. So that every counting path (cube, answer bitmaps, scan) gives each count's key sum at no extra
 * pass, the statements sum a *weight* per response instead of counting rows: 2^32 + its key. The sum of n weights
 * is n·2^32 + the key sum (the key sum stays below 2^32 up to 16 million responses), and sums of sums stay sums, so
 * the cube's cells and signed cell sums keep working unchanged. `tally` splits a weight sum back into the count and
 * the cell key.
 */
import { sql, type RawBuilder } from "kysely";

/** 2^32: the weight of one response is KEY_BASE + its record key. */
export const KEY_BASE = 4294967296;

/** The weight of the response row `alias` (a row of `response`, or a CTE row carrying its `cell_key`). */
export const weight = (alias = "r"): RawBuilder<number> =>
  sql<number>`(${sql.lit(KEY_BASE)}::bigint + ${sql.ref(`${alias}.cell_key`)})`;

/** Sum of the weights of the rows (optionally of those matching `cond`); 0, not null, for none. */
export const weightSum = (alias = "r", cond?: RawBuilder<unknown>): RawBuilder<number> =>
  cond
    ? sql<number>`coalesce(sum(${weight(alias)}) filter (where ${cond}), 0)::bigint`
    : sql<number>`coalesce(sum(${weight(alias)}), 0)::bigint`;

/** A count and its cell key (the key sum of its records, mod 256). */
export interface Tally {
  n: number;
  key: number;
}

/** Splits a weight sum (bigint, as the driver returns it: a string or number) into count and cell key. */
export function tally(w: unknown): Tally {
  const total = typeof w === "bigint" ? w : BigInt(String(w ?? 0));
  const base = BigInt(KEY_BASE);
  return { n: Number(total / base), key: Number((total % base) % 256n) };
}

/**
 * The tally of a set made of disjoint parts (groups of a breakdown, codes of a single-answer question, segments of
 * the answer bitmaps): the parts' counts summed and their cell keys summed mod 256, as if the set were counted whole.
 */
export function sumTallies(parts: Iterable<Tally>): Tally {
  let n = 0;
  let key = 0;
  for (const p of parts) {
    n += p.n;
    key = (key + p.key) % 256;
  }
  return { n, key };
}

/**
 * The weight sum of `bits AND <alias>.f` for a row `alias` that carries a view's bit string `f` and that bit string
 * already AND-ed with the segment's eight key planes (`fk0`..`fk7`: the view's answers whose record key has bit j;
 * null where none has): bit_count(bits & f) · 2^32 + Σ 2^j · bit_count(bits & fk_j). The planes are AND-ed with the
 * view once per segment, not once per counted bit string. Without `bits`: the weight of `f` itself.
 */
export function bitsWeight(alias: string, bits?: RawBuilder<unknown>): RawBuilder<number> {
  const and = (col: string) => (bits ? sql`${bits} & ${sql.ref(`${alias}.${col}`)}` : sql.ref(`${alias}.${col}`));
  const plane = (j: number) => sql`coalesce(bit_count(${and(`fk${j}`)}), 0) * ${sql.lit(2 ** j)}`;
  return sql<number>`(bit_count(${and("f")}) * ${sql.lit(KEY_BASE)}::bigint + ${sql.join(
    Array.from({ length: 8 }, (_, j) => plane(j)),
    sql` + `,
  )})`;
}

/** Columns `fk0`..`fk7` of a view's bit string `f` AND-ed with the key planes `kp.k0`..`kp.k7` (see bitsWeight). */
export function viewPlanes(f: RawBuilder<unknown>, kp: string): RawBuilder<unknown>[] {
  return Array.from({ length: 8 }, (_, j) => sql`${f} & ${sql.ref(`${kp}.k${j}`)} as ${sql.ref(`fk${j}`)}`);
}

/** The key planes of a survey's segments as rows (seg, k0..k7), for `bitsWeight`. */
export function keyPlanes(surveyId: number): RawBuilder<unknown> {
  const cols = Array.from(
    { length: 8 },
    (_, j) => sql`bit_or(d.bits) filter (where d.value = ${String(j)}) as ${sql.ref(`k${j}`)}`,
  );
  return sql`select d.seg, ${sql.join(cols)} from response_bits_dim d where d.survey_id = ${surveyId} and d.dim = 'key' group by d.seg`;
}
