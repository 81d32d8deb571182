import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { deleteSession } from "~/features/accounts/index.server";
import { assertCsrf, clearSessionCookie, sessionToken } from "~/features/accounts/index.server";
import { getDb } from "~/platform/db.server";
import { pageInput, readForm } from "~/platform/http.server";

export const loader = () => redirect("/");

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request }) => {
    assertCsrf(request, await readForm(request));
    const token = sessionToken(request);
    if (token) await deleteSession({ db: await getDb(), token });
    return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
  });
