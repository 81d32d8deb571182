import crypto from "node:crypto";
import type { Database } from "~/platform/db.server";
import { env } from "~/platform/env.server";

/**
 * Source addresses as keyed hashes, for rate limits and sign-in throttling only, never stored with answers. The key
 * of a day is HMAC(secret, date): the secret is ADDRESS_KEY_SECRET from the environment (shared by every app
 * server, so they count together), or else a random secret made by this process at start (each process then
 * counts on its own). Neither the secret nor a day's key is ever written to the database, so a dump alone cannot
 * turn a stored hash back into an address by trying all of them (docs/privacy.md).
 */
let processSecret: Buffer | null = null;
let memo: { day: string; key: Buffer } | null = null;

function secret(): Buffer {
  const configured = env().ADDRESS_KEY_SECRET;
  if (configured) return Buffer.from(configured, "utf8");
  return (processSecret ??= crypto.randomBytes(32));
}

/** The date (UTC) whose key hashes now. */
export function keyDay(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** `text` hashed with the day's key: the same text gives the same hash all day, and on every server sharing the secret. */
export function keyedHash(text: string, now = new Date()): string {
  const day = keyDay(now);
  if (memo?.day !== day)
    memo = { day, key: crypto.createHmac("sha256", secret()).update(`address-key:${day}`).digest() };
  return crypto.createHmac("sha256", memo.key).update(text).digest("hex");
}

/** An address as the day's keyed hash. (Async, with `db`, as callers already use it; the database is not read.) */
export async function hashAddress({ address }: { db: Database; address: string }): Promise<string> {
  return keyedHash(address);
}
