import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import type { MessageKey } from "~/i18n/i18n";
import { TooManyRequests } from "~/platform/errors.server";
import { keyDay, keyedHash } from "./address.server";

/** The counter a request counts against: an address's keyed hash in the current minute. */
export interface RateLimitSlot {
  key: string;
  day: string;
  perMinute: number;
  /** The catalogue key of the 429's message. */
  message: MessageKey;
  retryAfterSeconds: number;
}

// The last day this process dropped older counters on.
let sweptDay = "";

/**
 * The slot of a request from `address` in the current minute, or null when the limit is off (`perMinute` 0).
 * The stored key is a keyed hash of scope, address and minute (address.server.ts): the row holds no address and no
 * time but its day, and cannot be read back without the key, which is never in the database (docs/privacy.md).
 * Counters of earlier days are dropped when a process first sees a new day (and now and then after that).
 */
export async function rateLimitSlot({
  db,
  scope,
  address,
  perMinute,
  message,
}: {
  db: Database;
  scope: string;
  address: string;
  perMinute: number;
  message: MessageKey;
}): Promise<RateLimitSlot | null> {
  if (perMinute <= 0) return null;
  const now = new Date();
  const minute = Math.floor(now.getTime() / 60_000);
  const day = keyDay(now);
  const key = `${scope}:${keyedHash(`${scope}:${address}:${minute}`, now)}`;
  if (sweptDay !== day || Math.random() < 0.001) {
    sweptDay = day;
    await db.deleteFrom("rate_counter").where("day", "<", day).execute();
  }
  return { key, day, perMinute, message, retryAfterSeconds: Math.ceil(((minute + 1) * 60_000 - now.getTime()) / 1000) };
}

/**
 * Counts one hit in the slot and returns the count: an upsert in the database, so every app server sharing the
 * secret shares the count. Not exported: it runs in a transaction of its own, never in the one that stores an answer: rows written
 * together share a transaction id (`xmin`), which would join the answer to this counter (docs/privacy.md).
 */
function countHitQuery(db: Database, slot: RateLimitSlot) {
  return db
    .insertInto("rate_counter")
    .values({ key: slot.key, day: slot.day, count: 1 })
    .onConflict((oc) => oc.column("key").doUpdateSet({ count: sql`rate_counter.count + 1` }))
    .returning("count");
}

/** Refuses with 429 (and when to retry) once the slot's count is past its limit. */
export function enforceRateLimit(slot: RateLimitSlot, count: number) {
  if (count > slot.perMinute) throw new TooManyRequests(slot.message, slot.retryAfterSeconds);
}

/** Counts a hit in the slot, on its own, and refuses with 429 past its limit. */
export async function countHit(db: Database, slot: RateLimitSlot) {
  enforceRateLimit(slot, (await countHitQuery(db, slot).executeTakeFirstOrThrow()).count);
}
