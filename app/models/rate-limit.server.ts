import { sql } from "kysely";
import type { Database } from "~/utils/db.server";
import { TooManyRequests } from "~/utils/errors.server";
import { hashAddress } from "./address.server";

/**
 * Counts a hit for an address in the current minute (in the database, so every app server shares it) and
 * refuses with 429 past `perMinute`. The address is stored only as a daily-salted hash.
 */
export async function hitRateLimit({ db, scope, address, perMinute }: { db: Database; scope: string; address: string; perMinute: number }) {
  if (perMinute <= 0) return;
  const key = `${scope}:${await hashAddress({ db, address })}`;
  const now = Date.now();
  const windowStart = new Date(now - (now % 60_000));
  const row = await db
    .insertInto("rate_counter")
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(["key", "window_start"]).doUpdateSet({ count: sql`rate_counter.count + 1` }))
    .returning("count")
    .executeTakeFirstOrThrow();
  // Now and then, drop windows older than an hour.
  if (Math.random() < 0.01) await db.deleteFrom("rate_counter").where("window_start", "<", new Date(now - 3600_000)).execute();
  if (row.count > perMinute) {
    throw new TooManyRequests("För många svar från samma adress just nu. Vänta en minut och försök igen.", Math.ceil((windowStart.getTime() + 60_000 - now) / 1000));
  }
}
