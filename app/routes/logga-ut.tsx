import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { deleteSession } from "~/models/account.server";
import { assertCsrf, clearSessionCookie, sessionToken } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { page, readForm } from "~/utils/http.server";

export const loader = () => redirect("/");

export const action = /* @__PURE__ */ page(async ({ request }: ActionFunctionArgs) => {
  assertCsrf(request, await readForm(request));
  const token = sessionToken(request);
  if (token) await deleteSession({ db: await getDb(), token });
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
});
