import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { sha256 } from "~/platform/crypto.server";
import { env } from "~/platform/env.server";
import { TooManyRequests } from "~/platform/errors.server";
import { hashAddress } from "../../platform/address.server";

// Password guessing is throttled so that it costs the guesser, not the person guessed at (docs/roles.md,
// "Signing in"): the tight limit is per account *and* address, so a guesser locks only its own address out of that
// account, and each repeat lock lasts twice as long as the last. The limits per account (from every address) and per
// address (over every account, against spraying one password at many accounts) are high: locking someone else out
// takes many addresses, and an office behind one address is not locked by a few colleagues' typos.

const WINDOW_MS = 15 * 60 * 1000;
const FIRST_LOCK_MS = 15 * 60 * 1000;
const LONGEST_LOCK_MS = 24 * 3600 * 1000;
/** Rows with no failure for this long (and no lock in force) are deleted, which also forgets their lock count. */
const FORGET_MS = 24 * 3600 * 1000;

export interface ThrottleKey {
  key: string;
  max: number;
  accountId: number | null;
}

/** The keys a sign-in attempt (or a current-password check) for `email` from `address` counts against. */
export async function throttleKeys({
  db,
  email,
  address,
  accountId,
}: {
  db: Database;
  email: string;
  address: string;
  accountId: number | null;
}): Promise<ThrottleKey[]> {
  const e = env();
  const who = sha256(email.trim().toLowerCase());
  const from = await hashAddress({ db, address });
  return [
    { key: `pair:${who}:${from}`, max: e.LOGIN_MAX_FAILURES_PAIR, accountId },
    { key: `account:${who}`, max: e.LOGIN_MAX_FAILURES_ACCOUNT, accountId },
    { key: `address:${from}`, max: e.LOGIN_MAX_FAILURES_ADDRESS, accountId: null },
  ];
}

/** Throws 429 (with the longest wait) if any of the keys is locked. */
export async function assertNotLocked(db: Database, keys: ThrottleKey[]) {
  const rows = await db
    .selectFrom("login_throttle")
    .select("locked_until")
    .where(
      "key",
      "in",
      keys.map((k) => k.key),
    )
    .where("locked_until", ">", new Date())
    .execute();
  if (rows.length === 0) return;
  const until = Math.max(...rows.map((r) => new Date(r.locked_until!).getTime()));
  throw new TooManyRequests("account.error.throttled", Math.max(1, Math.ceil((until - Date.now()) / 1000)));
}

/** Counts a failure against every key; a key that reaches its limit is locked, each time twice as long. */
export async function recordFailure(db: Database, keys: ThrottleKey[]) {
  const now = new Date();
  for (const { key, max, accountId } of keys) {
    const row = await db.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
    const lockOver = row?.locked_until != null && new Date(row.locked_until).getTime() <= now.getTime();
    const fresh = !row || lockOver || now.getTime() - new Date(row.window_start).getTime() > WINDOW_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const windowStart = fresh ? now : row.window_start;
    let lockCount = row?.lock_count ?? 0;
    let lockedUntil: Date | null = null;
    let lockedAt: Date | null = null;
    if (failures >= max) {
      lockCount += 1;
      lockedUntil = new Date(now.getTime() + Math.min(FIRST_LOCK_MS * 2 ** (lockCount - 1), LONGEST_LOCK_MS));
      lockedAt = now;
    }
    const values = {
      failures,
      window_start: windowStart,
      locked_until: lockedUntil,
      locked_at: lockedAt,
      lock_count: lockCount,
      account_id: accountId,
    };
    await db
      .insertInto("login_throttle")
      .values({ key, ...values })
      .onConflict((oc) => oc.column("key").doUpdateSet(values))
      .execute();
  }
  const forget = new Date(now.getTime() - FORGET_MS);
  await db
    .deleteFrom("login_throttle")
    .where("window_start", "<", forget)
    .where((w) => w.or([w("locked_until", "is", null), w("locked_until", "<", now)]))
    .execute();
}

/** After a successful check: the pair and the account start afresh (their lock counts too); the address does not. */
export async function clearAfterSuccess(db: Database, keys: ThrottleKey[]) {
  const cleared = keys.filter((k) => !k.key.startsWith("address:")).map((k) => k.key);
  await db.deleteFrom("login_throttle").where("key", "in", cleared).execute();
}

export interface Lockout {
  email: string;
  displayName: string;
  /** When the earliest lock in force began. */
  since: string;
  until: string;
  /** Failed attempts in the current window (the largest count of its keys: the account's, from all addresses). */
  failures: number;
  /** True when the account is locked from every address, false when only from some (counted, never shown). */
  everywhere: boolean;
  addresses: number;
}

/** Lock-outs in force for accounts that hold a role on one of the organisations (for admins; no addresses). */
export async function listLockouts({
  db,
  organisationIds,
}: {
  db: Database;
  organisationIds: number[];
}): Promise<Lockout[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom("login_throttle as t")
    .innerJoin("account as a", "a.id", "t.account_id")
    .where("t.locked_until", ">", new Date())
    .where("t.account_id", "in", (qb) =>
      qb.selectFrom("membership").select("account_id").where("organisation_id", "in", organisationIds),
    )
    .groupBy(["a.id", "a.email", "a.display_name"])
    .select([
      "a.email",
      "a.display_name as displayName",
      sql<Date>`min(t.locked_at)`.as("since"),
      sql<Date>`max(t.locked_until)`.as("until"),
      sql<number>`max(t.failures)::int`.as("failures"),
      sql<boolean>`bool_or(t.key like 'account:%')`.as("everywhere"),
      sql<number>`(count(*) filter (where t.key like 'pair:%'))::int`.as("addresses"),
    ])
    .orderBy("since")
    .execute();
  return rows.map((r) => ({ ...r, since: new Date(r.since).toISOString(), until: new Date(r.until).toISOString() }));
}
