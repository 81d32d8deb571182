import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { endSubscription } from "~/features/promises/index.server";
import { getDb } from "~/platform/db.server";
import { api, page } from "~/platform/http.server";
import { translateFor } from "~/i18n/i18n";

/**
 * One-click unsubscribe (RFC 8058): a mail program posts `List-Unsubscribe=One-Click` here, with no cookies and no
 * form token: the link's token is the permission. Answers 200 whether or not the subscription still existed.
 * Opened in a browser (GET), it leads to the page with a button, so that a link checker cannot end anything.
 */
export const action = (args: ActionFunctionArgs) =>
  api(args, async ({ request }) => {
    await endSubscription({ db: await getDb(), token: new URL(request.url).searchParams.get("token") ?? "" });
    return new Response(translateFor(request, "subscribe.manage.ended"), {
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  });

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const token = new URL(request.url).searchParams.get("token") ?? "";
    throw redirect(`/lofte/${params.kommun}/prenumeration?token=${encodeURIComponent(token)}`);
  });
