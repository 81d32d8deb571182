import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { accessibleKommuner } from "~/features/accounts/index.server";
import { requireUser } from "~/features/accounts/index.server";
import { getDb } from "~/platform/db.server";
import { page } from "~/platform/http.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.overview");

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request }) => {
    const user = await requireUser(request);
    const kommuner = await accessibleKommuner({ db: await getDb(), memberships: user.memberships });
    // A reporter of one kommun and nothing else goes straight to the weekly report: the one page they use.
    const onlyReports = (k: (typeof kommuner)[number]) => k.roles.every((r) => r.role === "reporter");
    if (kommuner.length === 1 && onlyReports(kommuner[0]!)) throw redirect(`/app/${kommuner[0]!.slug}/est/rapport`);
    return {
      kommuner: kommuner.map((k) => ({ ...k, home: onlyReports(k) ? `/app/${k.slug}/est/rapport` : `/app/${k.slug}` })),
    };
  });

export default function Dashboard() {
  const t = useT();
  const { kommuner } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("dashboard.title")}</h1>
      {kommuner.length === 0 ? (
        <p>{t("dashboard.noAccess")}</p>
      ) : (
        <>
          <h2>{t("dashboard.intro")}</h2>
          <ul className="cards">
            {kommuner.map((k) => (
              <li key={k.id} className="card">
                <h3>
                  <Link to={k.home}>{k.name}</Link>
                </h3>
                <p>
                  {k.roles
                    .map(
                      (r) =>
                        t(`role.${r.role}` as MessageKey) + (r.side ? ` (${t(`side.${r.side}` as MessageKey)})` : ""),
                    )
                    .join(", ")}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
