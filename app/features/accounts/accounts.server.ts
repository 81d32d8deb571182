import type { Database } from "~/platform/db.server";
import type { Role, Side } from "../../../db/schema";
import { generatePassword, hashPassword, randomToken, sha256, verifyPassword } from "~/platform/crypto.server";
import { Invalid, Unauthorized, fieldError } from "~/platform/errors.server";
import { env } from "~/platform/env.server";
import { assertNotLocked, clearAfterSuccess, recordFailure, throttleKeys } from "./login-throttle.server";
import { SIDES } from "./domain/permissions";

export const ROLES: readonly Role[] = ["admin", "analyst", "editor", "viewer", "reporter"];
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
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) errors.push(fieldError("email", "account.error.email"));
  if (!ROLES.includes(role)) errors.push(fieldError("role", "account.error.role", { roles: ROLES.join(", ") }));
  if (role === "editor" && !side) errors.push(fieldError("side", "account.error.editorSide"));
  if (role !== "editor" && side) errors.push(fieldError("side", "account.error.sideOnlyEditors"));
  if (side && !SIDES.includes(side)) errors.push(fieldError("side", "account.error.side"));
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH)
    errors.push(fieldError("password", "account.error.passwordLength", { min: MIN_PASSWORD_LENGTH }));
  // A reporter reports on a kommun's zones (docs/domain/est.md): the role never covers kommuner below an LPO.
  if (role === "reporter") {
    const org = await db.selectFrom("organisation").select("kind").where("id", "=", organisationId).executeTakeFirst();
    if (org?.kind !== "kommun") errors.push(fieldError("org", "account.error.reporterKommun"));
  }
  if (errors.length) throw new Invalid(errors);

  const existing = await db.selectFrom("account").select("id").where("email", "=", e).executeTakeFirst();
  let accountId: number;
  let generated: string | null = null;
  if (existing) {
    accountId = existing.id;
    if (password !== undefined) {
      await db
        .updateTable("account")
        .set({ password_hash: await hashPassword(password), password_changed_at: new Date() })
        .where("id", "=", accountId)
        .execute();
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
  await db
    .updateTable("account")
    .set({ password_hash: await hashPassword(pw), password_changed_at: new Date() })
    .where("id", "=", accountId)
    .execute();
  await db.deleteFrom("session").where("account_id", "=", accountId).execute();
  await revokeAllApiTokens(db, accountId);
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
    .select([
      "o.id as organisationId",
      "o.slug as organisationSlug",
      "o.name as organisationName",
      "o.kind as organisationKind",
      "m.role",
      "m.side",
    ])
    .execute();
  return { id: account.id, email: account.email, displayName: account.display_name, memberships, via };
}

// ---- sign-in -----------------------------------------------------------------------------------------------

/**
 * Checks an email and password, throttled (app/features/accounts/login-throttle.server.ts) per account and address pair, per
 * account and per (hashed) address. Returns the account id. Failures give one message whether the account exists.
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
  const account = await db
    .selectFrom("account")
    .select(["id", "password_hash"])
    .where("email", "=", e)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  const keys = await throttleKeys({ db, email: e, address, accountId: account?.id ?? null });
  await assertNotLocked(db, keys);
  // Hash even for unknown accounts so response time does not reveal which emails exist.
  const ok = account ? await verifyPassword(password, account.password_hash) : (await hashPassword(password), false);
  if (!ok || !account) {
    await recordFailure(db, keys);
    throw new Unauthorized("account.error.credentials");
  }
  await clearAfterSuccess(db, keys);
  return account.id;
}

// ---- sessions -----------------------------------------------------------------------------------------------

/** Starts a session; returns the opaque token for the cookie (only its hash is stored). */
export async function createSession({ db, accountId }: { db: Database; accountId: number }) {
  const token = randomToken();
  const expires = new Date(Date.now() + env().SESSION_DAYS * 86400_000);
  await db
    .insertInto("session")
    .values({ id_hash: sha256(token), account_id: accountId, expires_at: expires })
    .execute();
  return { token, expires };
}

/** Moving last_seen_at at most this often keeps the idle timeout from costing a write per request. */
const SLIDE_MS = 60_000;

/**
 * The user of a session, or null when it is unknown, past its absolute expiry (SESSION_DAYS after sign-in) or
 * idle for longer than SESSION_IDLE_HOURS; an ended session is deleted. Use moves its last-seen time forward unless
 * `touch` is false.
 */
export async function userFromSession({
  db,
  token,
  touch = true,
}: {
  db: Database;
  token: string;
  touch?: boolean;
}): Promise<AuthUser | null> {
  const idHash = sha256(token);
  const row = await db
    .selectFrom("session")
    .select(["account_id", "expires_at", "last_seen_at"])
    .where("id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  const idleSince = new Date(row.last_seen_at).getTime();
  if (new Date(row.expires_at).getTime() <= now || now - idleSince > env().SESSION_IDLE_HOURS * 3600_000) {
    await db.deleteFrom("session").where("id_hash", "=", idHash).execute();
    return null;
  }
  if (touch && now - idleSince > SLIDE_MS)
    await db
      .updateTable("session")
      .set({ last_seen_at: new Date(now) })
      .where("id_hash", "=", idHash)
      .execute();
  return loadUser(db, row.account_id, "session");
}

export async function deleteSession({ db, token }: { db: Database; token: string }) {
  await db.deleteFrom("session").where("id_hash", "=", sha256(token)).execute();
}

/**
 * Changes a password after checking the current one (throttled like sign-in: a stolen session must not become a
 * way to guess the password); ends every other session and revokes every API token of the account, since either
 * may be what the change is meant to shut out. The session in `keepToken` stays signed in.
 */
export async function changePassword({
  db,
  accountId,
  current,
  next,
  keepToken,
  address,
}: {
  db: Database;
  accountId: number;
  current: string;
  next: string;
  keepToken: string | null;
  address: string;
}) {
  const account = await db
    .selectFrom("account")
    .select(["email", "password_hash"])
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
  const keys = await throttleKeys({ db, email: account.email, address, accountId });
  await assertNotLocked(db, keys);
  const errors = [];
  const currentOk = await verifyPassword(current, account.password_hash);
  if (!currentOk) errors.push(fieldError("current", "account.error.currentPassword"));
  if (next.length < MIN_PASSWORD_LENGTH)
    errors.push(fieldError("next", "account.error.newPasswordLength", { min: MIN_PASSWORD_LENGTH }));
  if (!currentOk) await recordFailure(db, keys);
  if (errors.length) throw new Invalid(errors);
  await clearAfterSuccess(db, keys);
  const hash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("account")
      .set({ password_hash: hash, password_changed_at: new Date() })
      .where("id", "=", accountId)
      .execute();
    let q = trx.deleteFrom("session").where("account_id", "=", accountId);
    if (keepToken) q = q.where("id_hash", "!=", sha256(keepToken));
    await q.execute();
    await revokeAllApiTokens(trx, accountId);
  });
}

// ---- API tokens ---------------------------------------------------------------------------------------------

/** Makes a new API token; the plain token is returned once and only its hash is stored. */
export async function createApiToken({ db, accountId, label }: { db: Database; accountId: number; label: string }) {
  const token = `td_${randomToken()}`;
  await db
    .insertInto("api_token")
    .values({ account_id: accountId, token_hash: sha256(token), label })
    .execute();
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

async function revokeAllApiTokens(db: Database, accountId: number) {
  await db
    .updateTable("api_token")
    .set({ revoked_at: new Date() })
    .where("account_id", "=", accountId)
    .where("revoked_at", "is", null)
    .execute();
}

export async function revokeApiToken({ db, accountId, tokenId }: { db: Database; accountId: number; tokenId: number }) {
  await db
    .updateTable("api_token")
    .set({ revoked_at: new Date() })
    .where("id", "=", tokenId)
    .where("account_id", "=", accountId)
    .execute();
}
