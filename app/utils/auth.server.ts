import type { Role, Side } from "../../db/schema";
import { getDb } from "./db.server";
import { env } from "./env.server";
import { Forbidden, NotFound, Unauthorized } from "./errors.server";
import { randomToken, safeEqual } from "./crypto.server";
import { userFromApiToken, userFromSession, type AuthUser } from "~/models/account.server";
import { ancestorIds } from "~/models/organisation.server";

export const SESSION_COOKIE = "td_session";
export const CSRF_COOKIE = "td_csrf";
export const CSRF_FIELD = "csrf";
export const CSRF_HEADER = "x-csrf-token";

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

function cookie(name: string, value: string, opts: { maxAge?: number; httpOnly?: boolean }) {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax"];
  if (opts.httpOnly !== false) parts.push("HttpOnly");
  if (env().COOKIE_SECURE === "true") parts.push("Secure");
  if (opts.maxAge !== undefined) parts.push(`Max-Age=${Math.floor(opts.maxAge)}`);
  return parts.join("; ");
}

export function sessionCookie(token: string, expires: Date) {
  return cookie(SESSION_COOKIE, token, { maxAge: (expires.getTime() - Date.now()) / 1000 });
}

export function clearSessionCookie() {
  return cookie(SESSION_COOKIE, "", { maxAge: 0 });
}

/**
 * The CSRF token for this browser: a random value in an httpOnly cookie that every form repeats in a hidden
 * field (double submit). A cross-site page can make the browser send the cookie but cannot read it.
 */
export function csrfToken(request: Request): { token: string; setCookie: string | null } {
  const existing = readCookie(request, CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{20,}$/.test(existing)) return { token: existing, setCookie: null };
  const token = randomToken(24);
  return { token, setCookie: cookie(CSRF_COOKIE, token, { maxAge: 365 * 86400 }) };
}

/** Rejects a state-changing browser request whose form field or header does not repeat the CSRF cookie. */
export function assertCsrf(request: Request, form: FormData | null) {
  const expected = readCookie(request, CSRF_COOKIE);
  const given = request.headers.get(CSRF_HEADER) ?? (form?.get(CSRF_FIELD) as string | null) ?? null;
  if (!expected || !given || !safeEqual(expected, given)) {
    throw new Response("Formuläret har gått ut eller kom från en annan webbplats. Ladda om sidan och försök igen.", {
      status: 403,
    });
  }
}

/** The signed-in user, by API token (Authorization: Bearer) or session cookie; null if neither. */
export async function getUser(request: Request): Promise<AuthUser | null> {
  const db = await getDb();
  const auth = request.headers.get("authorization");
  if (auth?.startsWith("Bearer ")) {
    const user = await userFromApiToken({ db, token: auth.slice(7).trim() });
    if (!user) throw new Unauthorized("Ogiltig eller återkallad API-nyckel");
    return user;
  }
  const token = readCookie(request, SESSION_COOKIE);
  return token ? userFromSession({ db, token }) : null;
}

/**
 * The signed-in user or a 401. For state-changing requests made with the session cookie, the CSRF token must
 * be repeated (API-token requests carry no ambient authority and are exempt).
 */
export async function requireUser(request: Request, form: FormData | null = null): Promise<AuthUser> {
  const user = await getUser(request);
  if (!user) throw new Unauthorized();
  if (user.via === "session" && !["GET", "HEAD", "OPTIONS"].includes(request.method)) assertCsrf(request, form);
  return user;
}

/** What a role may do; admin may do everything an analyst, editor or viewer may (but signs for no side). */
export const ROLE_ORDER: Record<Role, Role[]> = {
  viewer: ["viewer", "analyst", "editor", "admin"],
  analyst: ["analyst", "admin"],
  editor: ["editor", "admin"],
  admin: ["admin"],
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

/** The user, checked to hold `role` for the organisation; 401 if not signed in, 403 otherwise. */
export async function requireRole(
  request: Request,
  { organisationId, role, form = null }: { organisationId: number; role: Role; form?: FormData | null },
): Promise<AuthUser> {
  const user = await requireUser(request, form);
  if (!(await hasRole(user, organisationId, role))) throw new Forbidden();
  return user;
}

/**
 * For routes under /app/:kommun: the kommun (by slug) and the user, checked to hold `role` for it.
 * Unknown kommun → 404; no role → 403 (the same for a user of another kommun).
 */
export async function requireKommun(
  request: Request,
  { slug, role, form = null }: { slug: string | undefined; role: Role; form?: FormData | null },
) {
  const db = await getDb();
  const kommun = await db
    .selectFrom("organisation")
    .select(["id", "slug", "name"])
    .where("slug", "=", slug ?? "")
    .where("kind", "=", "kommun")
    .executeTakeFirst();
  const user = await requireUser(request, form);
  if (!kommun) throw new NotFound("Kommunen finns inte");
  if (!(await hasRole(user, kommun.id, role))) throw new Forbidden();
  return { user, kommun, db };
}

/** The requester's address as the proxy chain reports it (used only for hashed rate limits). */
export function clientAddress(request: Request): string {
  return request.headers.get("x-td-client-address") ?? "unknown";
}
