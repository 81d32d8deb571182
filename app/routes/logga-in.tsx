import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { createSession, verifyLogin } from "~/features/accounts/index.server";
import { assertCsrf, clientAddress, getUser, sessionCookie } from "~/features/accounts/index.server";
import { getDb } from "~/platform/db.server";
import { TooManyRequests, Unauthorized } from "~/platform/errors.server";
import { page, pageInput, readForm } from "~/platform/http.server";
import { localeFromRequest, translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { safeRedirectPath } from "~/platform/safe-redirect";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

// Retry-After of a throttled sign-in must reach the client.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

export const meta = pageTitle("title.signIn");

const schema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request }) => {
    if (await getUser(request).catch(() => null))
      throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("next")));
    return null;
  });

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request }) => {
    const form = await readForm(request);
    assertCsrf(request, form);
    const locale = localeFromRequest(request);
    const parsed = schema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return data({ error: translate(locale, "login.failed") }, { status: 400 });
    const db = await getDb();
    try {
      const accountId = await verifyLogin({ db, ...parsed.data, address: clientAddress(request) });
      // A new session id at every sign-in: a token planted before sign-in (fixation) never becomes authenticated.
      const { token, expires } = await createSession({ db, accountId });
      return redirect(safeRedirectPath(form.get("next")), { headers: { "Set-Cookie": sessionCookie(token, expires) } });
    } catch (err) {
      if (err instanceof TooManyRequests) {
        return data(
          { error: translate(locale, "login.throttled", { minutes: Math.ceil(err.retryAfterSeconds / 60) }) },
          { status: 429, headers: { "Retry-After": String(err.retryAfterSeconds) } },
        );
      }
      if (err instanceof Unauthorized)
        return data(
          { error: translate(locale, "login.failed") + ": " + translate(locale, err.messageKey, err.params) },
          { status: 401 },
        );
      throw err;
    }
  });

export default function Login() {
  const t = useT();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section className="narrow">
      <h1>{t("login.title")}</h1>
      {data?.error ? (
        <p role="alert" className="error-summary" id="login-error">
          {data.error}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <CsrfField />
        <input type="hidden" name="next" value={safeRedirectPath(params.get("next"))} />
        <label htmlFor="email">{t("login.email")}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-describedby={data?.error ? "login-error" : undefined}
        />
        <label htmlFor="password">{t("login.password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit">{t("login.submit")}</button>
      </Form>
      <p className="hint">{t("login.demoHint")}</p>
    </section>
  );
}
