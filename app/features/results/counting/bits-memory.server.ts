/**
 * The answer bitmaps in the app's memory (docs/decisions/022-answer-bitmaps-in-memory.md): per survey, the bit
 * strings of every choice code and response column and the record key of every position, read from
 * `response_bits` / `response_bits_dim` and counted here, in JavaScript, instead of by PostgreSQL's `bit varying`
 * operators, whose AND is a byte loop that allocates its result (a count's key sum needs eight of them: ADR 021).
 *
 * Kept per database and survey, tagged with the bitmaps' generation and the positions it holds (`nextPos`). A fold
 * only ORs new positions into the open segment and appends segments, and a position, once handed out, keeps its
 * bits for the generation's life, so:
 * - a snapshot with more positions than the copy refreshes only the segments from the copy's open one on;
 * - a snapshot with fewer (a read that began before another's refresh) is served by the same copy with the
 *   positions at or above its own `next_pos` masked off (they are that snapshot's tail, counted from `response`);
 * - another generation (the bitmaps emptied for a rebuild, a survey id seen again) is read again whole.
 * So every figure is that of one snapshot, as when PostgreSQL counts, and two app servers on one database each keep
 * their own copy and stay right. Copies are dropped least recently used first above a memory budget; a survey whose
 * bitmaps alone exceed it is counted by PostgreSQL (bits.server.ts).
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";

/** The bitmaps' state as one read snapshot sees it (`response_bits_state`). */
export interface BitsSnapshot {
  watermark: number;
  nextPos: number;
  segmentBits: number;
  generation: string;
}

/** One segment of positions: bit strings as 32-bit words (position i of the segment: word i >>> 5, bit 31 − i % 32). */
export interface MemorySegment {
  codes: Map<number, Int32Array>;
  /** Per response column ('area', 'age_band', 'gender', 'channel', 'day'), per value (null: not given). */
  dims: Map<string, Map<string | null, Int32Array>>;
  /** The record key (cell key) of every position. */
  keys: Uint8Array;
}

export interface MemoryBits {
  generation: string;
  segmentBits: number;
  /** Positions held: segments cover 0 … nextPos − 1. */
  nextPos: number;
  segments: MemorySegment[];
  bytes: number;
}

/** Default budget for all copies of one process (MB); `setBitsMemoryBudget` changes it. */
const DEFAULT_BUDGET_MB = 256;
let budget = DEFAULT_BUDGET_MB * 1024 * 1024;

/** Sets the memory budget of the copies in bytes (0: none kept; tests) and returns the previous one. */
export function setBitsMemoryBudget(bytes: number): number {
  const previous = budget;
  budget = bytes;
  evict();
  return previous;
}

// Copies by database and survey, in order of last use (a Map keeps insertion order: re-inserted on use).
const copies = new Map<string, MemoryBits>();
const databaseIds = new WeakMap<object, number>();
let nextDatabaseId = 1;

function copyKey(db: Database, surveyId: number): string {
  let id = databaseIds.get(db);
  if (id === undefined) databaseIds.set(db, (id = nextDatabaseId++));
  return `${id}:${surveyId}`;
}

function evict(): void {
  let total = 0;
  for (const c of copies.values()) total += c.bytes;
  for (const [key, c] of copies) {
    if (total <= budget) break;
    copies.delete(key);
    total -= c.bytes;
  }
}

/** The bytes a survey's copy takes at `nextPos` positions with `strings` bit strings per segment (an estimate). */
const estimate = (segments: number, strings: number, segmentBits: number) =>
  segments * (strings * (segmentBits / 8) + segmentBits);

/** The bit string of a `varbit_send` result (4 bytes of length, then the bits, first bit highest) as words. */
function words(sent: Uint8Array, segmentBits: number): Int32Array {
  const out = new Int32Array(segmentBits / 32);
  const data = sent.subarray(4);
  const full = Math.min(out.length, data.length >>> 2);
  for (let i = 0; i < full; i++) {
    const b = i * 4;
    out[i] = (data[b]! << 24) | (data[b + 1]! << 16) | (data[b + 2]! << 8) | data[b + 3]!;
  }
  for (let b = full * 4; b < data.length && b >>> 2 < out.length; b++) out[b >>> 2]! |= data[b]! << (24 - 8 * (b & 3));
  return out;
}

const bytesOf = (v: unknown): Uint8Array =>
  v instanceof Uint8Array
    ? v
    : typeof v === "string"
      ? Uint8Array.from(Buffer.from(v.replace(/^\\x/, ""), "hex"))
      : new Uint8Array();

/** Reads the segments `from` … of a survey's bitmaps in the caller's snapshot. */
async function readSegments(
  trx: Database,
  surveyId: number,
  from: number,
  count: number,
  segmentBits: number,
): Promise<MemorySegment[]> {
  const segments: MemorySegment[] = Array.from({ length: count }, () => ({
    codes: new Map(),
    dims: new Map(),
    keys: new Uint8Array(segmentBits),
  }));
  const [codes, dims] = await Promise.all([
    sql<{ seg: number; code: number; b: unknown }>`
      select seg, code, varbit_send(bits) as b from response_bits where survey_id = ${surveyId} and seg >= ${from}`.execute(
      trx,
    ),
    sql<{ seg: number; dim: string; value: string | null; b: unknown }>`
      select seg, dim, value, varbit_send(bits) as b from response_bits_dim where survey_id = ${surveyId} and seg >= ${from}`.execute(
      trx,
    ),
  ]);
  for (const r of codes.rows) {
    const s = segments[Number(r.seg) - from];
    if (s) s.codes.set(Number(r.code), words(bytesOf(r.b), segmentBits));
  }
  for (const r of dims.rows) {
    const s = segments[Number(r.seg) - from];
    if (!s) continue;
    const bits = words(bytesOf(r.b), segmentBits);
    if (r.dim === "key") {
      // Plane j marks the positions whose record key has bit j.
      const plane = 1 << Number(r.value);
      forEachBit(bits, (pos) => {
        s.keys[pos]! |= plane;
      });
      continue;
    }
    let m = s.dims.get(r.dim);
    if (!m) s.dims.set(r.dim, (m = new Map()));
    m.set(r.value, bits);
  }
  return segments;
}

/**
 * The survey's copy at least as new as `snap` (read or refreshed in the caller's snapshot `trx`), or null when its
 * bitmaps are too large for the budget (the caller then counts with PostgreSQL).
 */
export async function memoryBits(
  db: Database,
  trx: Database,
  surveyId: number,
  snap: BitsSnapshot,
): Promise<MemoryBits | null> {
  const key = copyKey(db, surveyId);
  const held = copies.get(key);
  const same = held && held.generation === snap.generation && held.segmentBits === snap.segmentBits;
  if (same && held.nextPos >= snap.nextPos) {
    copies.delete(key);
    copies.set(key, held);
    return held;
  }
  const segmentBits = snap.segmentBits;
  const count = Math.ceil(snap.nextPos / segmentBits);
  const from = same ? Math.floor(held.nextPos / segmentBits) : 0;
  // A survey too large for the budget is refused before its bit strings are read (its rows are counted by index).
  if (!same) {
    const size = await sql<{ n: number }>`
      select ((select count(*) from response_bits where survey_id = ${surveyId})
        + (select count(*) from response_bits_dim where survey_id = ${surveyId} and dim <> 'key'))::int as n`.execute(
      trx,
    );
    if (estimate(count, Number(size.rows[0]?.n ?? 0) / Math.max(count, 1), segmentBits) > budget) return null;
  }
  const fresh = await readSegments(trx, surveyId, from, count - from, segmentBits);
  const segments = [...(same ? held.segments.slice(0, from) : []), ...fresh];
  const copy: MemoryBits = {
    generation: snap.generation,
    segmentBits,
    nextPos: snap.nextPos,
    segments,
    bytes: segments.reduce((sum, s) => sum + sizeOf(s) * (segmentBits / 8) + segmentBits, 0),
  };
  if (copy.bytes > budget) return copy;
  // Another read may have stored a newer copy meanwhile: keep the newer.
  const now = copies.get(key);
  if (!now || now.generation !== copy.generation || now.nextPos < copy.nextPos) {
    copies.delete(key);
    copies.set(key, copy);
    evict();
  }
  return copy;
}

const sizeOf = (s: MemorySegment) => {
  let n = s.codes.size;
  for (const m of s.dims.values()) n += m.size;
  return n;
};

/** Drops every copy (tests). */
export function clearBitsMemory(): void {
  copies.clear();
}

// ---------------------------------------------------------------------------------------------------------------
// Counting

// Bit strings are Int32Arrays, so that every operation below stays on 32-bit integers (V8 keeps a uint32 above
// 2^31 as a double). Position i of a word is its bit 31 − i: the lowest set bit of x is at position clz32(x & −x).

/** Calls `f` with every set position of `bits` (in no particular order within a word). */
export function forEachBit(bits: Int32Array, f: (pos: number) => void): void {
  for (let w = 0; w < bits.length; w++) {
    let x = bits[w]!;
    while (x !== 0) {
      f((w << 5) + Math.clz32(x & -x));
      x &= x - 1;
    }
  }
}

/** A count and the full sum of its records' keys (reduced mod 256 into a cell key by the caller). */
export interface KeyCount {
  n: number;
  keySum: number;
}

/**
 * Count and key sum of the positions set in both `a` and `b` (or in `a` alone): one step per set bit (the lowest,
 * cleared with x & (x − 1)), which beat a population count per key plane and per-nibble key tables at the bitmaps'
 * densities (a few set bits per word). Two loops, so that each stays monomorphic.
 */
export function countAnd(keys: Uint8Array, a: Int32Array, b?: Int32Array): KeyCount {
  let n = 0;
  let keySum = 0;
  if (b) {
    for (let w = 0; w < a.length; w++) {
      let x = a[w]! & b[w]!;
      const base = w << 5;
      while (x !== 0) {
        n++;
        keySum += keys[base + Math.clz32(x & -x)]!;
        x &= x - 1;
      }
    }
  } else {
    for (let w = 0; w < a.length; w++) {
      let x = a[w]!;
      const base = w << 5;
      while (x !== 0) {
        n++;
        keySum += keys[base + Math.clz32(x & -x)]!;
        x &= x - 1;
      }
    }
  }
  return { n, keySum };
}

/** `a AND b` (a new bit string). */
export function and(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length);
  for (let w = 0; w < a.length; w++) out[w] = a[w]! & b[w]!;
  return out;
}

/** Whether the bit string has no set bit. */
export function empty(a: Int32Array): boolean {
  for (let w = 0; w < a.length; w++) if (a[w] !== 0) return false;
  return true;
}

/** OR of the bit strings (null for none). */
export function or(list: readonly Int32Array[]): Int32Array | null {
  if (!list.length) return null;
  const out = Int32Array.from(list[0]!);
  for (let i = 1; i < list.length; i++) {
    const b = list[i]!;
    for (let w = 0; w < out.length; w++) out[w]! |= b[w]!;
  }
  return out;
}

/** Clears the positions at or above `limit` of a segment's bit string (in place). */
export function maskFrom(bits: Int32Array, limit: number): void {
  if (limit >= bits.length * 32) return;
  const w = Math.max(0, limit >>> 5);
  const keep = limit - (w << 5);
  if (w < bits.length) bits[w] = keep === 0 ? 0 : bits[w]! & (-1 << (32 - keep));
  bits.fill(0, w + 1);
}
