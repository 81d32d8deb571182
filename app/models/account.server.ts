import type { Database } from "~/utils/db.server";
import type { Role, Side } from "../../db/schema";
import { generatePassword, hashPassword, randomToken, sha256, verifyPassword } from "~/utils/crypto.server";
import { Invalid, TooManyRequests, Unauthorized } from "~/utils/errors.server";
import { env } from "~/utils/env.server";
import { hashAddress } from "./address.server";

export const ROLES: readonly Role[] = ["admin", "analyst", "editor", "viewer"];
export const SIDES: readonly Side[] = ["polis", "kommun"];
export const MIN_PASSWORD_LENGTH = 10;

export interface MembershipInfo {
  organisationId: number;
  organisationSlug: string;
  organisationName: string;
  organisationKind: string;
  role: Role;
  side: Side | null;
}

export interface AuthUser {
  id: number;
  email: string;
  displayName: string;
  memberships: MembershipInfo[];
  via: "session" | "token";
}

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

/** Creates an account (or reuses it by email) and grants a role; returns the generated password if one was made. */
export async function createAccount({
  db,
  email,
  displayName,
  password,
  role,
  organisationId,
  side,
}: {
  db: Database;
  email: string;
  displayName?: string;
  password?: string;
  role: Role;
  organisationId: number;
  side?: Side | null;
}): Promise<{ accountId: number; password: string | null }> {
  const e = normaliseEmail(email);
  const errors = [];
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) errors.push({ field: "email", message: "Ange en giltig e-postadress" });
  if (!ROLES.includes(role)) errors.push({ field: "role", message: `Rollen måste vara en av ${ROLES.join(", ")}` });
  if (role === "editor" && !side) errors.push({ field: "side", message: "En redaktör måste vara polis eller kommun (--side)" });
  if (role !== "editor" && side) errors.push({ field: "side", message: "Bara redaktörer har en sida (polis/kommun)" });
  if (side && !SIDES.includes(side)) errors.push({ field: "side", message: "Sidan måste vara polis eller kommun" });
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH)
    errors.push({ field: "password", message: `Lösenordet måste ha minst ${MIN_PASSWORD_LENGTH} tecken` });
  if (errors.length) throw new Invalid(errors);

  const existing = await db.selectFrom("account").select("id").where("email", "=", e).executeTakeFirst();
  let accountId: number;
  let generated: string | null = null;
  if (existing) {
    accountId = existing.id;
    if (password !== undefined) {
      await db.updateTable("account").set({ password_hash: await hashPassword(password), password_changed_at: new Date() }).where("id", "=", accountId).execute();
    }
  } else {
    const pw = password ?? (generated = generatePassword());
    const row = await db
      .insertInto("account")
      .values({ email: e, display_name: displayName ?? e.split("@")[0]!, password_hash: await hashPassword(pw) })
      .returning("id")
      .executeTakeFirstOrThrow();
    accountId = row.id;
  }
  await db
    .insertInto("membership")
    .values({ account_id: accountId, organisation_id: organisationId, role, side: side ?? null })
    .onConflict((oc) => oc.columns(["account_id", "organisation_id", "role"]).doUpdateSet({ side: side ?? null }))
    .execute();
  return { accountId, password: generated };
}

/** Resets an account's password to a new generated one (operators' CLI). */
export async function resetPassword({ db, accountId }: { db: Database; accountId: number }) {
  const pw = generatePassword();
  await db.updateTable("account").set({ password_hash: await hashPassword(pw), password_changed_at: new Date() }).where("id", "=", accountId).execute();
  await db.deleteFrom("session").where("account_id", "=", accountId).execute();
  return pw;
}

async function loadUser(db: Database, accountId: number, via: AuthUser["via"]): Promise<AuthUser | null> {
  const account = await db
    .selectFrom("account")
    .select(["id", "email", "display_name"])
    .where("id", "=", accountId)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  if (!account) return null;
  const memberships = await db
    .selectFrom("membership as m")
    .innerJoin("organisation as o", "o.id", "m.organisation_id")
    .where("m.account_id", "=", accountId)
    .select(["o.id as organisationId", "o.slug as organisationSlug", "o.name as organisationName", "o.kind as organisationKind", "m.role", "m.side"])
    .execute();
  return { id: account.id, email: account.email, displayName: account.display_name, memberships, via };
}

// ---- sign-in throttling -------------------------------------------------------------------------------------

const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;

async function throttleState(db: Database, key: string) {
  const row = await db.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
  const now = Date.now();
  if (row?.locked_until && new Date(row.locked_until).getTime() > now) {
    return { locked: true, retryAfter: Math.ceil((new Date(row.locked_until).getTime() - now) / 1000) };
  }
  return { locked: false, retryAfter: 0 };
}

async function recordFailure(db: Database, key: string, max: number) {
  const now = new Date();
  const row = await db.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
  const fresh = !row || now.getTime() - new Date(row.window_start).getTime() > WINDOW_MS;
  const failures = fresh ? 1 : row.failures + 1;
  const lockedUntil = failures >= max ? new Date(now.getTime() + LOCK_MS) : null;
  await db
    .insertInto("login_throttle")
    .values({ key, failures, window_start: fresh ? now : row.window_start, locked_until: lockedUntil })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({ failures, window_start: fresh ? now : row!.window_start, locked_until: lockedUntil }),
    )
    .execute();
}

/**
 * Checks an email and password, throttled per account and per (hashed) address. Returns the account id.
 * Failures give one message whether the account exists or not.
 */
export async function verifyLogin({
  db,
  email,
  password,
  address,
}: {
  db: Database;
  email: string;
  password: string;
  address: string;
}): Promise<number> {
  const e = normaliseEmail(email);
  const accountKey = `account:${sha256(e)}`;
  const addressKey = `address:${await hashAddress({ db, address })}`;
  for (const key of [accountKey, addressKey]) {
    const state = await throttleState(db, key);
    if (state.locked) throw new TooManyRequests("För många misslyckade inloggningar. Vänta en stund och försök igen.", state.retryAfter);
  }
  const account = await db
    .selectFrom("account")
    .select(["id", "password_hash"])
    .where("email", "=", e)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  // Hash even for unknown accounts so response time does not reveal which emails exist.
  const ok = account ? await verifyPassword(password, account.password_hash) : (await hashPassword(password), false);
  if (!ok || !account) {
    await recordFailure(db, accountKey, env().LOGIN_MAX_FAILURES_ACCOUNT);
    await recordFailure(db, addressKey, env().LOGIN_MAX_FAILURES_ADDRESS);
    throw new Unauthorized("Fel e-postadress eller lösenord");
  }
  await db.deleteFrom("login_throttle").where("key", "=", accountKey).execute();
  return account.id;
}

// ---- sessions -----------------------------------------------------------------------------------------------

/** Starts a session; returns the opaque token for the cookie (only its hash is stored). */
export async function createSession({ db, accountId }: { db: Database; accountId: number }) {
  const token = randomToken();
  const expires = new Date(Date.now() + env().SESSION_DAYS * 86400_000);
  await db.insertInto("session").values({ id_hash: sha256(token), account_id: accountId, expires_at: expires }).execute();
  return { token, expires };
}

export async function userFromSession({ db, token }: { db: Database; token: string }): Promise<AuthUser | null> {
  const row = await db
    .selectFrom("session")
    .select(["account_id", "expires_at"])
    .where("id_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row) return null;
  if (new Date(row.expires_at).getTime() <= Date.now()) {
    await db.deleteFrom("session").where("id_hash", "=", sha256(token)).execute();
    return null;
  }
  return loadUser(db, row.account_id, "session");
}

export async function deleteSession({ db, token }: { db: Database; token: string }) {
  await db.deleteFrom("session").where("id_hash", "=", sha256(token)).execute();
}

/** Changes a password after checking the current one; ends every other session of the account. */
export async function changePassword({
  db,
  accountId,
  current,
  next,
  keepToken,
}: {
  db: Database;
  accountId: number;
  current: string;
  next: string;
  keepToken: string | null;
}) {
  const account = await db.selectFrom("account").select("password_hash").where("id", "=", accountId).executeTakeFirstOrThrow();
  const errors = [];
  if (!(await verifyPassword(current, account.password_hash))) errors.push({ field: "current", message: "Nuvarande lösenord stämmer inte" });
  if (next.length < MIN_PASSWORD_LENGTH) errors.push({ field: "next", message: `Det nya lösenordet måste ha minst ${MIN_PASSWORD_LENGTH} tecken` });
  if (errors.length) throw new Invalid(errors);
  await db.updateTable("account").set({ password_hash: await hashPassword(next), password_changed_at: new Date() }).where("id", "=", accountId).execute();
  let q = db.deleteFrom("session").where("account_id", "=", accountId);
  if (keepToken) q = q.where("id_hash", "!=", sha256(keepToken));
  await q.execute();
}

// ---- API tokens ---------------------------------------------------------------------------------------------

/** Makes a new API token; the plain token is returned once and only its hash is stored. */
export async function createApiToken({ db, accountId, label }: { db: Database; accountId: number; label: string }) {
  const token = `td_${randomToken()}`;
  await db.insertInto("api_token").values({ account_id: accountId, token_hash: sha256(token), label }).execute();
  return token;
}

export async function userFromApiToken({ db, token }: { db: Database; token: string }): Promise<AuthUser | null> {
  const row = await db
    .selectFrom("api_token")
    .select("account_id")
    .where("token_hash", "=", sha256(token))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return row ? loadUser(db, row.account_id, "token") : null;
}

export async function listApiTokens({ db, accountId }: { db: Database; accountId: number }) {
  return db
    .selectFrom("api_token")
    .select(["id", "label", "created_at", "revoked_at"])
    .where("account_id", "=", accountId)
    .orderBy("id", "desc")
    .execute();
}

export async function revokeApiToken({ db, accountId, tokenId }: { db: Database; accountId: number; tokenId: number }) {
  await db.updateTable("api_token").set({ revoked_at: new Date() }).where("id", "=", tokenId).where("account_id", "=", accountId).execute();
}
