import { sql } from "kysely";
import type { Database } from "~/utils/db.server";
import { randomToken, sha256 } from "~/utils/crypto.server";

/**
 * A source address as a salted hash whose salt changes every day and is then deleted, so a stored hash can
 * be linked to an address only on the day it was made. Used for rate limits only, never stored with answers.
 */
let memo: { day: string; salt: string } | null = null;

export async function hashAddress({ db, address }: { db: Database; address: string }): Promise<string> {
  const today = new Date().toISOString().slice(0, 10);
  if (memo?.day === today) return sha256(`${memo.salt}:${address}`);
  let row = await db.selectFrom("daily_salt").select("salt").where("day", "=", today).executeTakeFirst();
  if (!row) {
    await db.insertInto("daily_salt").values({ day: today, salt: randomToken() }).onConflict((oc) => oc.column("day").doNothing()).execute();
    await db.deleteFrom("daily_salt").where("day", "<", sql<string>`${today}::date`).execute();
    row = await db.selectFrom("daily_salt").select("salt").where("day", "=", today).executeTakeFirstOrThrow();
  }
  memo = { day: today, salt: row.salt };
  return sha256(`${row.salt}:${address}`);
}
