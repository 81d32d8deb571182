import { data } from "@remix-run/node";
import { csrfToken, getUser } from "~/features/accounts/index.server";
import { localeFromRequest, LOCALES } from "~/i18n/i18n";

/** The signed-in user as the header shows them, or null (also when the session cannot be read). */
async function headerUser(request: Request) {
  try {
    // Shown in the header only; signed-in pages' own loaders move the session's last-seen time.
    const u = await getUser(request, { touch: false });
    return u
      ? {
          email: u.email,
          displayName: u.displayName,
          roles: u.memberships.map((m) => ({ org: m.organisationName, role: m.role, side: m.side })),
        }
      : null;
  } catch {
    return null;
  }
}

/**
 * The root route's data (app/root.tsx runs it inside `page()`): the locale, the CSRF token and the user, with the
 * cookies that set them. Components read it through `useRootData()` (app/i18n/use-t.ts), typed from this function.
 */
export async function rootData(request: Request) {
  const locale = localeFromRequest(request);
  const { token, setCookie } = csrfToken(request);
  const user = await headerUser(request);
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  const lang = new URL(request.url).searchParams.get("lang");
  if (lang && (LOCALES as readonly string[]).includes(lang))
    headers.append("Set-Cookie", `td_lang=${lang}; Path=/; SameSite=Lax; Max-Age=31536000`);
  return data({ locale, csrf: token, user }, { headers });
}
