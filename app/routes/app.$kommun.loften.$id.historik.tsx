import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { Change } from "~/models/promise-diff";
import { listHistory, type HistoryEntry } from "~/models/promise-history.server";
import { requireKommun } from "~/utils/auth.server";
import { NotFound } from "~/utils/errors.server";
import { page } from "~/utils/http.server";
import type { MessageKey } from "~/utils/i18n";
import { useT } from "~/utils/use-t";
import promisesCss from "~/styles/promises.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: promisesCss }];
export const meta: MetaFunction = () => [{ title: "Medborgarlöften: historik – Trygghetsdialog" }];

// Everyone of the kommun who may read the document reads its history.
export const loader = /* @__PURE__ */ page(async ({ request, params }: LoaderFunctionArgs) => {
  const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
  const documentId = Number(params.id);
  if (!Number.isInteger(documentId) || documentId <= 0) throw new NotFound("Dokumentet finns inte");
  return Response.json({ kommun, documentId, history: await listHistory({ db, kommunId: kommun.id, documentId }) });
});

function ChangeView({ change }: { change: Change }) {
  const t = useT();
  if (change.kind === "text")
    return (
      <p className="prewrap">
        {change.parts.map((p, i) => (p.op === "add" ? <ins key={i}>{p.text}</ins> : p.op === "del" ? <del key={i}>{p.text}</del> : <span key={i}>{p.text}</span>))}
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

export default function PromiseHistory() {
  const t = useT();
  const { kommun, documentId, history } = useLoaderData<{ kommun: { slug: string; name: string }; documentId: number; history: HistoryEntry[] }>();
  return (
    <article className="promise-editor">
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/loften/${documentId}`}>{t("loften.history.back")}</Link>
      </p>
      <h1>{t("loften.history.title")}</h1>
      <p>{t("loften.history.intro")}</p>
      <ol className="history" reversed>
        {history.map((h) => (
          <li key={h.id}>
            <p>
              <strong>{t(`loften.history.kind.${h.kind}` as MessageKey)}</strong>: {h.summary} – {h.by ?? t("loften.comments.unknown")}, {h.at.slice(0, 16).replace("T", " ")}
            </p>
            {h.changes?.length ? (
              <dl className="diff">
                {h.changes.map((c, i) => (
                  <div key={i}>
                    <dt>
                      {c.label}
                      {c.kind === "added" ? ` (${t("loften.history.added")})` : c.kind === "removed" ? ` (${t("loften.history.removed")})` : ""}
                    </dt>
                    <dd>
                      <ChangeView change={c} />
                    </dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        ))}
      </ol>
    </article>
  );
}
