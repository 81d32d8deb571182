import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { assertCsrf } from "~/features/accounts/index.server";
import {
  confirmSubscription,
  endSubscription,
  publicKommun,
  subscriptionByToken,
} from "~/features/promises/index.server";
import { CsrfField } from "~/components/CsrfField";
import { getDb } from "~/platform/db.server";
import { Invalid } from "~/platform/errors.server";
import { page, pageInput, readForm } from "~/platform/http.server";
import { zodErrors } from "~/platform/validation";
import { useT } from "~/i18n/use-t";
import { titleFrom } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta: MetaFunction = (args) => [
  { title: titleFrom(args, "title.subscription") },
  { name: "robots", content: "noindex" },
];

const token = (request: Request) => new URL(request.url).searchParams.get("token") ?? "";

/** Public, by the link in a mail: confirm the subscription (double opt-in) or end it. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const db = await getDb();
    const kommun = await publicKommun(db, params.kommun ?? "");
    // After "Avsluta": the subscription is gone, and so is what its token named.
    if (new URL(request.url).searchParams.has("avslutad")) return { kommun, subscription: null };
    return { kommun, subscription: await subscriptionByToken({ db, kommunSlug: kommun.slug, token: token(request) }) };
  });

const schema = z.object({ intent: z.enum(["confirm", "unsubscribe"]) });

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    assertCsrf(request, form);
    const parsed = schema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw new Invalid(zodErrors(parsed.error));
    const db = await getDb();
    if (parsed.data.intent === "confirm") {
      await confirmSubscription({ db, kommunSlug: params.kommun ?? "", token: token(request) });
      return { confirmed: true };
    }
    await endSubscription({ db, token: token(request) });
    throw redirect(`/lofte/${params.kommun}/prenumeration?avslutad=1`);
  });

export default function Subscription() {
  const t = useT();
  const { kommun, subscription: s } = useLoaderData<typeof loader>();
  const sv = t.locale === "sv" ? undefined : "sv";
  if (!s)
    return (
      <section className="narrow">
        <h1 lang={t.langOf("subscribe.manage.title")}>{t("subscribe.manage.title")}</h1>
        <p role="status" className="ok" lang={t.langOf("subscribe.manage.ended")}>
          {t("subscribe.manage.ended")}
        </p>
        <p>
          <Link to={`/lofte/${kommun.slug}`}>{t("promises.back", { kommun: kommun.name })}</Link>
        </p>
      </section>
    );
  return (
    <section className="narrow">
      <h1 lang={t.langOf("subscribe.manage.title")}>{t("subscribe.manage.title")}</h1>
      <p lang={sv}>
        {s.documentTitle
          ? t("subscribe.manage.forDocument", { title: s.documentTitle, email: s.maskedEmail })
          : t("subscribe.manage.for", { kommun: s.kommunName, email: s.maskedEmail })}
      </p>
      <p role="status" className={s.confirmed ? "ok" : "notice"}>
        {t(s.confirmed ? "subscribe.manage.confirmed" : "subscribe.manage.unconfirmed")}
      </p>
      <div className="fu-actions">
        {!s.confirmed ? (
          <Form method="post">
            <CsrfField />
            <button type="submit" name="intent" value="confirm">
              {t("subscribe.manage.confirm")}
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <CsrfField />
          <button type="submit" name="intent" value="unsubscribe" className="secondary">
            {t("subscribe.manage.unsubscribe")}
          </button>
        </Form>
      </div>
      <p>
        <Link to={`/lofte/${kommun.slug}`}>{t("promises.back", { kommun: kommun.name })}</Link>
      </p>
    </section>
  );
}
