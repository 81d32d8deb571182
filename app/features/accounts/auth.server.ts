import crypto from "node:crypto";
import type { Role, Side } from "../../../db/schema";
import { getDb } from "../../platform/db.server";
import { env } from "../../platform/env.server";
import { translateFor, type MessageKey } from "~/i18n/i18n";
import { Forbidden, NotFound, Unauthorized } from "../../platform/errors.server";
import { randomToken, safeEqual } from "../../platform/crypto.server";
import { userFromApiToken, userFromSession, type AuthUser } from "~/features/accounts/accounts.server";
import { ancestorIds } from "~/features/accounts/organisations.server";
import { allows, permissionsOf, type Permission, type Permissions } from "./domain/permissions";

export const CSRF_FIELD = "csrf";
export const CSRF_HEADER = "x-csrf-token";

/**
 * Cookie names. With secure cookies (HTTPS) they carry the `__Host-` prefix, which browsers accept only from a
 * secure origin, for Path=/ and without a Domain: a sibling subdomain cannot plant or overwrite them.
 */
const secureCookies = () => env().COOKIE_SECURE === "true";
export const sessionCookieName = () => (secureCookies() ? "__Host-td_session" : "td_session");
export const csrfCookieName = () => (secureCookies() ? "__Host-td_csrf" : "td_csrf");

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) {
      try {
        return decodeURIComponent(v.join("="));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The session token the browser presents (valid or not). */
export const sessionToken = (request: Request) => readCookie(request, sessionCookieName());

function cookie(name: string, value: string, opts: { maxAge?: number; httpOnly?: boolean }) {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax"];
  if (opts.httpOnly !== false) parts.push("HttpOnly");
  if (secureCookies()) parts.push("Secure");
  if (opts.maxAge !== undefined) parts.push(`Max-Age=${Math.floor(opts.maxAge)}`);
  return parts.join("; ");
}

export function sessionCookie(token: string, expires: Date) {
  return cookie(sessionCookieName(), token, { maxAge: (expires.getTime() - Date.now()) / 1000 });
}

export function clearSessionCookie() {
  return cookie(sessionCookieName(), "", { maxAge: 0 });
}

const BINDING = /^[A-Za-z0-9_-]{20,}$/;

/**
 * The CSRF token is bound to the browser's session: an HMAC keyed by the session's secret token (which only the
 * browser holds; the database keeps its SHA-256), or before sign-in by a random pre-session cookie. A cross-site
 * page can make the browser send the cookies but cannot compute the token, and a token from another session (an
 * attacker's own) is refused. No server secret is needed, so it holds across workers and restarts.
 */
function tokenFor(binding: string): string {
  return crypto.createHmac("sha256", binding).update("td-csrf-v1").digest("base64url");
}

/** What the token is bound to: the session cookie when there is one, else the pre-session cookie. */
function csrfBinding(request: Request): string | null {
  const session = sessionToken(request);
  if (session && BINDING.test(session)) return session;
  const pre = readCookie(request, csrfCookieName());
  return pre && BINDING.test(pre) ? pre : null;
}

/**
 * The token as a page carries it: masked with a fresh random pad on every response (pad ‖ pad XOR token), so the
 * bytes differ each time. Pages are compressed (server-compression.mjs): a fixed secret in a compressed page that
 * also echoes text an attacker chose could be guessed from response sizes (BREACH); a masked one cannot.
 */
function masked(token: string): string {
  const raw = Buffer.from(token, "base64url");
  const pad = crypto.randomBytes(raw.length);
  const out = Buffer.alloc(raw.length * 2);
  pad.copy(out, 0);
  for (let i = 0; i < raw.length; i++) out[raw.length + i] = pad[i]! ^ raw[i]!;
  return out.toString("base64url");
}

/** The token a masked value carries (see `masked`); null when it is not one. */
function unmasked(value: string): string | null {
  const buf = Buffer.from(value, "base64url");
  if (buf.length !== 64) return null;
  const raw = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) raw[i] = buf[i]! ^ buf[32 + i]!;
  return raw.toString("base64url");
}

/** The CSRF token for this browser's session, masked afresh (and the pre-session cookie to set, the first time). */
export function csrfToken(request: Request): { token: string; setCookie: string | null } {
  const pre = readCookie(request, csrfCookieName());
  const fresh = pre && BINDING.test(pre) ? null : randomToken(24);
  const binding = csrfBinding(request) ?? fresh!;
  return {
    token: masked(tokenFor(binding)),
    setCookie: fresh ? cookie(csrfCookieName(), fresh, { maxAge: 365 * 86400 }) : null,
  };
}

/** Rejects a state-changing browser request whose form field or header is not this session's CSRF token. */
export function assertCsrf(request: Request, form: FormData | null) {
  const binding = csrfBinding(request);
  const given = request.headers.get(CSRF_HEADER) ?? (form?.get(CSRF_FIELD) as string | null) ?? null;
  const token = typeof given === "string" ? unmasked(given) : null;
  if (!binding || token === null || !safeEqual(tokenFor(binding), token)) {
    throw new Response(translateFor(request, "problem.csrf"), { status: 403 });
  }
}

/**
 * The signed-in user, by API token (Authorization: Bearer) or session cookie; null if neither. `touch: false` reads
 * the session without moving its last-seen time: the root document does so on every page, public survey pages
 * included, where a write just before an answer would let the session row date it and name the account beside it
 * (docs/privacy.md).
 */
export async function getUser(request: Request, { touch = true }: { touch?: boolean } = {}): Promise<AuthUser | null> {
  const db = await getDb();
  const auth = request.headers.get("authorization");
  if (auth?.startsWith("Bearer ")) {
    const user = await userFromApiToken({ db, token: auth.slice(7).trim() });
    if (!user) throw new Unauthorized("account.error.apiToken");
    return user;
  }
  const token = sessionToken(request);
  return token ? userFromSession({ db, token, touch }) : null;
}

/**
 * The signed-in user or a 401. For state-changing requests made with the session cookie, the CSRF token must
 * be repeated (API-token requests carry no ambient authority and are exempt).
 */
export async function requireUser(request: Request, form: FormData | null | "later" = null): Promise<AuthUser> {
  const user = await getUser(request);
  if (!user) throw new Unauthorized();
  if (form !== "later" && user.via === "session" && !["GET", "HEAD", "OPTIONS"].includes(request.method))
    assertCsrf(request, form);
  return user;
}

/** What a role may do; admin may do everything an analyst, editor or viewer may (but signs for no side). */
export const ROLE_ORDER: Record<Role, Role[]> = {
  viewer: ["viewer", "analyst", "editor", "admin"],
  analyst: ["analyst", "admin"],
  editor: ["editor", "admin"],
  admin: ["admin"],
  // A reporter files EST weekly reports and nothing else: no other role includes it, it includes none.
  reporter: ["reporter"],
};

/** The memberships of a user that apply to an organisation (held on it or on an ancestor: LPO, region). */
export async function membershipsFor(user: AuthUser, organisationId: number) {
  const db = await getDb();
  const ids = new Set(await ancestorIds({ db, organisationId }));
  return user.memberships.filter((m) => ids.has(m.organisationId));
}

/** True when the user holds `role` (or one that includes it) for the organisation. */
export async function hasRole(user: AuthUser, organisationId: number, role: Role, side?: Side): Promise<boolean> {
  const allowed = ROLE_ORDER[role];
  const ms = await membershipsFor(user, organisationId);
  return ms.some((m) => allowed.includes(m.role) && (!side || m.side === side));
}

/** What the user may do in the organisation (a kommun): the named permissions and the sides they sign for. */
export async function permissionsFor(user: AuthUser, organisationId: number): Promise<Permissions> {
  return permissionsOf(await membershipsFor(user, organisationId));
}

/** True when the user holds `permission` for the organisation (for "promise:sign" with `side`: for that side). */
export async function can(
  user: AuthUser,
  organisationId: number,
  permission: Permission,
  side?: Side,
): Promise<boolean> {
  return allows(await permissionsFor(user, organisationId), permission, side);
}

/** 403 unless the user holds `permission` for the organisation. */
export async function requirePermission(
  user: AuthUser,
  organisationId: number,
  permission: Permission,
  messageKey?: MessageKey,
): Promise<void> {
  if (!(await can(user, organisationId, permission))) throw new Forbidden(messageKey);
}

/** The user, checked to hold `role` for the organisation; 401 if not signed in, 403 otherwise. */
export async function requireRole(
  request: Request,
  { organisationId, role, form = null }: { organisationId: number; role: Role; form?: FormData | null | "later" },
): Promise<AuthUser> {
  const user = await requireUser(request, form);
  if (!(await hasRole(user, organisationId, role))) throw new Forbidden();
  return user;
}

/**
 * For routes under /app/:kommun: the kommun (by slug), the user, checked to hold `role` or `permission` for it, and
 * everything the user may do there (`permissions`, docs/roles.md), for the loader to hand to its page.
 * Unknown kommun → 404; no role → 403 (the same for a user of another kommun). `form: "later"` checks access
 * before a large body is read; the caller must then call `assertCsrf` with the form it reads.
 */
export async function requireKommun(
  request: Request,
  {
    slug,
    role,
    permission,
    form = null,
  }: { slug: string | undefined; role?: Role; permission?: Permission; form?: FormData | null | "later" },
) {
  const db = await getDb();
  const kommun = await db
    .selectFrom("organisation")
    .select(["id", "slug", "name"])
    .where("slug", "=", slug ?? "")
    .where("kind", "=", "kommun")
    .executeTakeFirst();
  const user = await requireUser(request, form);
  if (!kommun) throw new NotFound("account.error.kommunNotFound");
  const ms = await membershipsFor(user, kommun.id);
  const permissions = permissionsOf(ms);
  if (role && !ms.some((m) => ROLE_ORDER[role].includes(m.role))) throw new Forbidden();
  if (permission && !allows(permissions, permission)) throw new Forbidden();
  if (!role && !permission && !permissions.permissions.length) throw new Forbidden();
  return { user, kommun, db, permissions };
}

/** The requester's address as the proxy chain reports it (used only for hashed rate limits). */
export function clientAddress(request: Request): string {
  return request.headers.get("x-td-client-address") ?? "unknown";
}
