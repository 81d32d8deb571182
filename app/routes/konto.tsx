import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { changePassword, createApiToken, listApiTokens, revokeApiToken } from "~/features/accounts/index.server";
import { clientAddress, requireUser, sessionToken } from "~/features/accounts/index.server";
import { getDb } from "~/platform/db.server";
import { Invalid, TooManyRequests } from "~/platform/errors.server";
import { idField } from "~/platform/validation";
import { page, pageInput, readForm } from "~/platform/http.server";
import { localeFromRequest, translate, translateErrors } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.account");

// Retry-After of a throttled password check must reach the client.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request }) => {
    const user = await requireUser(request);
    const tokens = await listApiTokens({ db: await getDb(), accountId: user.id });
    return { user, tokens };
  });

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("password"), current: z.string().max(1024), next: z.string().max(1024) }),
  z.object({ intent: z.literal("token"), label: z.string().trim().min(1, "problem.tokenLabel").max(100) }),
  z.object({ intent: z.literal("revoke"), tokenId: idField, confirm: z.string().max(10).optional() }),
]);

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request }) => {
    const form = await readForm(request);
    const user = await requireUser(request, form);
    const parsed = schema.safeParse(Object.fromEntries(form));
    if (!parsed.success)
      throw new Invalid(
        translateErrors(
          request,
          parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "form"), message: i.message })),
        ),
      );
    const db = await getDb();
    const input = parsed.data;
    if (input.intent === "password") {
      try {
        await changePassword({
          db,
          accountId: user.id,
          current: input.current,
          next: input.next,
          keepToken: sessionToken(request),
          address: clientAddress(request),
        });
      } catch (err) {
        if (!(err instanceof TooManyRequests)) throw err;
        const message = translate(localeFromRequest(request), "login.throttled", {
          minutes: Math.ceil(err.retryAfterSeconds / 60),
        });
        return data(
          { errors: [{ field: "current", message }] },
          { status: 429, headers: { "Retry-After": String(err.retryAfterSeconds) } },
        );
      }
      return { done: "password" };
    }
    if (input.intent === "token") {
      const token = await createApiToken({ db, accountId: user.id, label: input.label });
      return { done: "token", token };
    }
    // Revoking cannot be undone (programs using the key stop working), so the form asks for a tick first.
    if (input.confirm !== "yes")
      throw new Invalid([
        {
          field: `revoke-confirm-${input.tokenId}`,
          message: translate(localeFromRequest(request), "account.revokeConfirmMissing"),
        },
      ]);
    await revokeApiToken({ db, accountId: user.id, tokenId: input.tokenId });
    return { done: "revoke" };
  });

export default function Account() {
  const t = useT();
  const { user, tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="narrow">
      <h1>{t("account.title")}</h1>
      <p>{t("account.signedInAs", { email: user.email })}</p>
      <h2>{t("account.roles")}</h2>
      <ul>
        {user.memberships.map((m, i) => (
          <li key={i}>
            {m.organisationName}: {t(`role.${m.role}`)}
            {m.side ? ` (${t(`side.${m.side}`)})` : ""}
          </li>
        ))}
      </ul>

      <h2>{t("account.changePassword")}</h2>
      <p>{t("account.passwordHint")}</p>
      {result?.done === "password" ? <p role="status">{t("account.passwordChanged")}</p> : null}
      <FieldErrors errors={result?.errors?.filter((e) => !e.field.startsWith("revoke-confirm"))} />
      <Form method="post" className="stack">
        <CsrfField />
        <input type="hidden" name="intent" value="password" />
        <label htmlFor="current">{t("account.currentPassword")}</label>
        <input id="current" name="current" type="password" autoComplete="current-password" required />
        <label htmlFor="next">{t("account.newPassword")}</label>
        <input id="next" name="next" type="password" autoComplete="new-password" minLength={10} required />
        <button type="submit">{t("account.save")}</button>
      </Form>

      <h2>{t("account.tokens")}</h2>
      <p>{t("account.tokensIntro")}</p>
      {result?.token ? (
        <p role="status">
          {t("account.newToken")} <code data-testid="new-token">{result.token}</code>
        </p>
      ) : null}
      <FieldErrors errors={result?.errors?.filter((e) => e.field.startsWith("revoke-confirm"))} />
      {tokens.length === 0 ? <p>{t("account.noTokens")}</p> : null}
      <ul>
        {tokens.map((tok) => (
          <li key={tok.id}>
            {tok.label} ({new Date(tok.created_at).toISOString().slice(0, 10)}){" "}
            {tok.revoked_at ? (
              t("account.revoked")
            ) : (
              <Form method="post" className="inline-form">
                <CsrfField />
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="tokenId" value={tok.id} />
                <input type="checkbox" id={`revoke-confirm-${tok.id}`} name="confirm" value="yes" required />
                <label htmlFor={`revoke-confirm-${tok.id}`}>{t("account.revokeConfirm")}</label>{" "}
                <button type="submit" aria-label={`${t("account.revoke")} ${tok.label}`}>
                  {t("account.revoke")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <Form method="post" className="stack">
        <CsrfField />
        <input type="hidden" name="intent" value="token" />
        <label htmlFor="label">{t("account.tokenLabel")}</label>
        <input id="label" name="label" required maxLength={100} />
        <button type="submit">{t("account.createToken")}</button>
      </Form>
    </section>
  );
}
