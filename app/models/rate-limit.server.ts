import { sql } from "kysely";
import type { Database } from "~/utils/db.server";
import { TooManyRequests } from "~/utils/errors.server";
import { hashAddress } from "./address.server";

/** The counter a request counts against: an address's (hashed) key in the current minute. */
export interface RateLimitSlot {
  key: string;
  windowStart: Date;
  perMinute: number;
  message: string;
  retryAfterSeconds: number;
}

/**
 * The slot of a request from `address` in the current minute, or null when the limit is off (`perMinute` 0). The
 * address is stored only as a daily-salted hash. Now and then, windows older than an hour are dropped.
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
  message: string;
}): Promise<RateLimitSlot | null> {
  if (perMinute <= 0) return null;
  const key = `${scope}:${await hashAddress({ db, address })}`;
  const now = Date.now();
  const windowStart = new Date(now - (now % 60_000));
  if (Math.random() < 0.01) await db.deleteFrom("rate_counter").where("window_start", "<", new Date(now - 3600_000)).execute();
  return { key, windowStart, perMinute, message, retryAfterSeconds: Math.ceil((windowStart.getTime() + 60_000 - now) / 1000) };
}

/**
 * Counts one hit in the slot and returns the count: an upsert (in the database, so every app server shares it),
 * usable on its own or inside a larger statement (submitResponse counts and stores in one).
 */
export function countHitQuery(db: Database, slot: RateLimitSlot) {
  return db
    .insertInto("rate_counter")
    .values({ key: slot.key, window_start: slot.windowStart, count: 1 })
    .onConflict((oc) => oc.columns(["key", "window_start"]).doUpdateSet({ count: sql`rate_counter.count + 1` }))
    .returning("count");
}

/** Refuses with 429 (and when to retry) once the slot's count is past its limit. */
export function enforceRateLimit(slot: RateLimitSlot, count: number) {
  if (count > slot.perMinute) throw new TooManyRequests(slot.message, slot.retryAfterSeconds);
}

/** Counts a hit in the slot on its own and refuses with 429 past its limit. */
export async function countHit(db: Database, slot: RateLimitSlot) {
  enforceRateLimit(slot, (await countHitQuery(db, slot).executeTakeFirstOrThrow()).count);
}
