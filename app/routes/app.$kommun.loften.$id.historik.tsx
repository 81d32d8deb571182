import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { Change } from "~/features/promises/index";
import { changesSincePreviousVersion, listHistory } from "~/features/promises/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { idParam, page } from "~/platform/http.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import promisesCss from "~/styles/promises.css";
import { stockholmTime } from "~/components/promise/time";
import { pageTitle, stylesheets } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links = stylesheets(promisesCss);
export const meta = pageTitle("title.promiseHistory");

// Everyone of the kommun who may read the document reads its history.
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const documentId = idParam(params.id, "problem.documentNotFound");
    const scope = { db, kommunId: kommun.id, documentId };
    return {
      kommun,
      documentId,
      history: await listHistory(scope),
      sinceVersion: await changesSincePreviousVersion(scope),
    };
  });

function ChangeView({ change }: { change: Change }) {
  const t = useT();
  if (change.kind === "text")
    return (
      <p className="prewrap">
        {change.parts.map((p, i) =>
          p.op === "add" ? (
            <ins key={i}>{p.text}</ins>
          ) : p.op === "del" ? (
            <del key={i}>{p.text}</del>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </p>
    );
  if (change.kind === "field")
    return (
      <p>
        <del>{change.before || t("loften.history.empty")}</del> → <ins>{change.after || t("loften.history.empty")}</ins>
      </p>
    );
  return <p className="prewrap">{change.kind === "added" ? <ins>{change.text}</ins> : <del>{change.text}</del>}</p>;
}

function Changes({ changes }: { changes: Change[] }) {
  const t = useT();
  return (
    <dl className="diff">
      {changes.map((c, i) => (
        <div key={i}>
          <dt>
            {c.label}
            {c.kind === "added"
              ? ` (${t("loften.history.added")})`
              : c.kind === "removed"
                ? ` (${t("loften.history.removed")})`
                : ""}
          </dt>
          <dd>
            <ChangeView change={c} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default function PromiseHistory() {
  const t = useT();
  const { kommun, documentId, history, sinceVersion } = useLoaderData<typeof loader>();
  return (
    <article className="promise-editor">
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/loften/${documentId}`}>{t("loften.history.back")}</Link>
      </p>
      <h1>{t("loften.history.title")}</h1>
      <p>{t("loften.history.intro")}</p>
      {sinceVersion ? (
        <section aria-labelledby="since-version">
          <h2 id="since-version">{t("loften.history.sinceVersion", { version: sinceVersion.previousVersion })}</h2>
          <p>
            <Link to={`/app/${kommun.slug}/loften/${sinceVersion.previousId}`}>
              {t("loften.history.previousVersion", { version: sinceVersion.previousVersion })}
            </Link>
          </p>
          {sinceVersion.changes.length ? (
            <Changes changes={sinceVersion.changes} />
          ) : (
            <p>{t("loften.history.noChanges")}</p>
          )}
        </section>
      ) : null}
      <h2>{t("loften.history.events")}</h2>
      <ol className="history" reversed>
        {history.map((h) => (
          <li key={h.id}>
            <p>
              <strong>{t(`loften.history.kind.${h.kind}` as MessageKey)}</strong>: {h.summary} –{" "}
              {h.by ?? t("loften.comments.unknown")}, {stockholmTime(h.at)}
            </p>
            {h.changes?.length ? <Changes changes={h.changes} /> : null}
          </li>
        ))}
      </ol>
    </article>
  );
}
