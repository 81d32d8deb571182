import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { assertCsrf } from "~/features/accounts/index.server";
import {
  getPromiseDocument,
  publicKommun,
  requestSubscription,
  UNCONFIRMED_DAYS,
} from "~/features/promises/index.server";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { getDb } from "~/platform/db.server";
import { publicOrigin } from "~/platform/env.server";
import { page, pageInput, readForm } from "~/platform/http.server";
import { parseId } from "~/platform/validation";
import { useT } from "~/i18n/use-t";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.subscribe");

/** Which published document `?dokument=` names, if any (of this kommun; otherwise 404). */
async function followed(request: Request, kommunSlug: string) {
  const id = parseId(new URL(request.url).searchParams.get("dokument"));
  if (id === null) return null;
  const doc = await getPromiseDocument({ db: await getDb(), id, publishedOnly: true });
  if (doc.kommunSlug !== kommunSlug) return null;
  return { id: doc.id, title: doc.title };
}

/** Public: subscribe to the kommun's updates (or one document's) by e-mail, confirmed by a link (double opt-in). */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const kommun = await publicKommun(await getDb(), params.kommun ?? "");
    return { kommun, document: await followed(request, kommun.slug), days: UNCONFIRMED_DAYS };
  });

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    assertCsrf(request, form);
    const document = await followed(request, params.kommun ?? "");
    await requestSubscription({
      db: await getDb(),
      kommunSlug: params.kommun ?? "",
      documentId: document?.id ?? null,
      email: form.get("email"),
      origin: publicOrigin(),
    });
    return { sent: true };
  });

export default function Subscribe() {
  const t = useT();
  const { kommun, document, days } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sv = t.locale === "sv" ? undefined : "sv";
  return (
    <section className="narrow">
      <p className="kicker">
        <Link to={`/lofte/${kommun.slug}`}>{t("promises.back", { kommun: kommun.name })}</Link>
      </p>
      <h1 lang={t.langOf("subscribe.title")}>{t("subscribe.title")}</h1>
      <p lang={t.langOf("subscribe.intro")}>{t("subscribe.intro", { kommun: kommun.name })}</p>
      {document ? (
        <p>
          <span lang={t.langOf("subscribe.documentIntro")}>{t("subscribe.documentIntro", { title: "" })}</span>
          <span lang={sv}>{document.title}</span>
        </p>
      ) : null}
      {result?.sent ? (
        <p role="status" className="ok" lang={t.langOf("subscribe.sent")}>
          {t("subscribe.sent")}
        </p>
      ) : (
        <Form method="post" className="stack" noValidate>
          <CsrfField />
          <FieldErrors errors={result?.errors} />
          <label htmlFor="email" lang={t.langOf("subscribe.email")}>
            {t("subscribe.email")}
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            required
            aria-invalid={result?.errors?.length ? true : undefined}
            aria-describedby="email-hint"
          />
          <p id="email-hint" className="hint" lang={t.langOf("subscribe.emailHint")}>
            {t("subscribe.emailHint", { days })}
          </p>
          <p>
            <button type="submit" lang={t.langOf("subscribe.submit")}>
              {t("subscribe.submit")}
            </button>
          </p>
        </Form>
      )}
    </section>
  );
}
