/**
 * The answer bitmaps' counts from the copy in memory (bits-memory.server.ts): the same figures, with the same key
 * sums, as the statements of bits.server.ts compute in PostgreSQL, for the positions one snapshot holds. A view is,
 * per segment, the AND over its conditions of the OR of each condition's bit strings (values of one question
 * OR-ed, different questions AND-ed; a condition with no bit string in a segment leaves it empty), and every count
 * is a bit count of the view AND a code's, a group's or a day's and channel's bit string, with the sum of the
 * record keys of the positions it counts.
 */
import { KEY_BASE } from "./weight.server";
import {
  codesOf,
  DEMOGRAPHIC_COLUMNS,
  type DemographicColumn,
  type ResultFilters,
  type ResultsSource,
} from "./source.server";
import {
  and,
  countAnd,
  empty,
  forEachBit,
  maskFrom,
  or,
  type BitsSnapshot,
  type KeyCount,
  type MemoryBits,
  type MemorySegment,
} from "./bits-memory.server";

/** One condition of a view: the bit strings of a segment whose OR holds it. */
type Condition = (seg: MemorySegment) => Int32Array[];

const dimValues = (seg: MemorySegment, dim: string, match: (value: string) => boolean): Int32Array[] =>
  [...(seg.dims.get(dim) ?? [])].filter(([v]) => v !== null && match(v)).map(([, bits]) => bits);

/** The view's conditions (as bits.server.ts `conditions` states them in SQL); null for a view without any. */
export function memoryConditions(source: ResultsSource, filters: ResultFilters): Condition[] | null {
  const conds: Condition[] = [];
  for (const { question, values } of filters.where) {
    const column = DEMOGRAPHIC_COLUMNS.find((c) => source.demographics[c] === question);
    if (column) {
      conds.push((seg) => dimValues(seg, column, (v) => values.includes(v)));
      continue;
    }
    // A value nobody chose has no code; with none, the condition has no bit strings and the view is empty.
    const codes = codesOf(source, question, values);
    conds.push((seg) => codes.flatMap((c) => seg.codes.get(c) ?? []));
  }
  const channels: readonly string[] = filters.channels;
  if (channels.length) conds.push((seg) => dimValues(seg, "channel", (v) => channels.includes(v)));
  const { from, to } = filters;
  if (from || to) conds.push((seg) => dimValues(seg, "day", (v) => (!from || v >= from) && (!to || v <= to)));
  return conds.length ? conds : null;
}

/** Per segment the snapshot holds: the segment and the view's bit string there (segments where it is empty left out). */
function* views(
  mem: MemoryBits,
  snap: BitsSnapshot,
  conds: readonly Condition[],
): Generator<{ seg: MemorySegment; view: Int32Array }> {
  const count = Math.ceil(snap.nextPos / mem.segmentBits);
  for (let i = 0; i < count; i++) {
    const seg = mem.segments[i];
    if (!seg) continue;
    let view: Int32Array | null = null;
    for (const cond of conds) {
      const own = or(cond(seg));
      if (!own) {
        view = null;
        break;
      }
      view = view ? and(view, own) : own;
    }
    if (!view) continue;
    // Positions of the copy beyond the snapshot's are its tail: counted from `response`, not here.
    maskFrom(view, snap.nextPos - i * mem.segmentBits);
    if (!empty(view)) yield { seg, view };
  }
}

const add = (into: KeyCount, c: KeyCount) => {
  into.n += c.n;
  into.keySum += c.keySum;
};

/** A count as a weight sum (weight.server.ts), as decimal text for a bigint parameter. */
export const weightText = (c: KeyCount): string => String(BigInt(c.n) * BigInt(KEY_BASE) + BigInt(c.keySum));

/** The view's respondents, every code's count and, per entry of `anyOf`, those holding any of its codes. */
export function codesInMemory(
  mem: MemoryBits,
  snap: BitsSnapshot,
  conds: readonly Condition[],
  anyOf: readonly (readonly number[])[],
): { respondents: KeyCount; codes: Map<number, KeyCount>; anyOf: KeyCount[] } {
  const respondents = { n: 0, keySum: 0 };
  const codes = new Map<number, KeyCount>();
  const any = anyOf.map(() => ({ n: 0, keySum: 0 }));
  for (const { seg, view } of views(mem, snap, conds)) {
    add(respondents, countAnd(seg.keys, view));
    for (const [code, bits] of seg.codes) {
      const c = countAnd(seg.keys, view, bits);
      if (!c.n) continue;
      const into = codes.get(code);
      if (into) add(into, c);
      else codes.set(code, c);
    }
    anyOf.forEach((list, i) => {
      const union = or(list.flatMap((c) => seg.codes.get(c) ?? []));
      if (union) add(any[i]!, countAnd(seg.keys, view, union));
    });
  }
  return { respondents, codes, anyOf: any };
}

/** A breakdown group's counts: respondents (0), answered (−1) and each code. */
export interface MemoryGroup {
  values: (string | null)[];
  counts: Map<number, KeyCount>;
}

/**
 * Per group of the columns `by` (every combination of their values, null = not given, holding someone of the
 * view): respondents (code 0), those holding any of `questionCodes` (−1; left out when `answeredBySum`, the
 * caller then sums the codes') and each code.
 */
export function breakdownInMemory(
  mem: MemoryBits,
  snap: BitsSnapshot,
  conds: readonly Condition[],
  by: readonly DemographicColumn[],
  questionCodes: readonly number[],
  answeredBySum: boolean,
): MemoryGroup[] {
  const groups = new Map<string, MemoryGroup>();
  const count = (values: (string | null)[], code: number, c: KeyCount) => {
    if (!c.n) return;
    const id = JSON.stringify(values);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { values, counts: new Map() }));
    const into = g.counts.get(code);
    if (into) add(into, c);
    else g.counts.set(code, { ...c });
  };
  for (const { seg, view } of views(mem, snap, conds)) {
    const answered = answeredBySum ? null : or(questionCodes.flatMap((c) => seg.codes.get(c) ?? []));
    const walk = (i: number, values: (string | null)[], bits: Int32Array) => {
      if (i === by.length) {
        count(values, 0, countAnd(seg.keys, bits));
        if (answered) count(values, -1, countAnd(seg.keys, bits, answered));
        for (const code of questionCodes) {
          const own = seg.codes.get(code);
          if (own) count(values, code, countAnd(seg.keys, bits, own));
        }
        return;
      }
      for (const [value, own] of seg.dims.get(by[i]!) ?? []) {
        const next = and(bits, own);
        if (!empty(next)) walk(i + 1, [...values, value], next);
      }
    };
    walk(0, [], view);
  }
  return [...groups.values()];
}

/** Per position of a segment: the index of its day and of its channel (−1: none), built once per segment. */
interface PositionCells {
  days: string[];
  channels: string[];
  dayOf: Int16Array;
  channelOf: Int8Array;
}

const positionCells = new WeakMap<MemorySegment, PositionCells>();

function cellsOf(seg: MemorySegment): PositionCells {
  let cells = positionCells.get(seg);
  if (cells) return cells;
  const size = seg.keys.length;
  cells = { days: [], channels: [], dayOf: new Int16Array(size).fill(-1), channelOf: new Int8Array(size).fill(-1) };
  for (const [day, bits] of seg.dims.get("day") ?? []) {
    if (day === null) continue;
    const i = cells.days.push(day) - 1;
    forEachBit(bits, (pos) => (cells!.dayOf[pos] = i));
  }
  for (const [channel, bits] of seg.dims.get("channel") ?? []) {
    if (channel === null) continue;
    const i = cells.channels.push(channel) - 1;
    forEachBit(bits, (pos) => (cells!.channelOf[pos] = i));
  }
  positionCells.set(seg, cells);
  return cells;
}

/**
 * The view's respondents per day (YYYY-MM-DD) and channel: one step per respondent of the view, each adding to its
 * day's and channel's cell (the positions' days and channels are indexed once per segment).
 */
export function dayChannelInMemory(
  mem: MemoryBits,
  snap: BitsSnapshot,
  conds: readonly Condition[],
): { day: string; channel: string; count: KeyCount }[] {
  const cells = new Map<string, { day: string; channel: string; count: KeyCount }>();
  for (const { seg, view } of views(mem, snap, conds)) {
    const { days, channels, dayOf, channelOf } = cellsOf(seg);
    const width = channels.length;
    const n = new Int32Array(days.length * width);
    const keySum = new Float64Array(days.length * width);
    forEachBit(view, (pos) => {
      const d = dayOf[pos]!;
      const c = channelOf[pos]!;
      if (d < 0 || c < 0) return;
      n[d * width + c]!++;
      keySum[d * width + c]! += seg.keys[pos]!;
    });
    for (let i = 0; i < n.length; i++) {
      if (!n[i]) continue;
      const day = days[Math.floor(i / width)]!;
      const channel = channels[i % width]!;
      const id = `${day} ${channel}`;
      const c = { n: n[i]!, keySum: keySum[i]! };
      const cell = cells.get(id);
      if (cell) add(cell.count, c);
      else cells.set(id, { day, channel, count: c });
    }
  }
  return [...cells.values()];
}
