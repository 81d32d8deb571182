import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPromiseDocument, getPublicProgress, listPublicUpdates } from "~/features/promises/index.server";
import { formatDateSv } from "~/features/promises/index";
import { StatusLabel, progressText } from "~/components/followup/Progress";
import { getDb } from "~/platform/db.server";
import { publicUrl } from "~/platform/env.server";
import { NotFound } from "~/platform/errors.server";
import { idParam, page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { pageTitle } from "~/platform/page-meta";
import fuCss from "~/styles/followup.css";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.promisePoster");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: fuCss }];

/** Public: a printable A4 poster of a published promise document, "Vi lovade – så gick det", with a QR code. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params }) => {
    const db = await getDb();
    const id = idParam(params.id);
    const doc = await getPromiseDocument({ db, id, publishedOnly: true });
    if (doc.kommunSlug !== params.kommun) throw new NotFound();
    return {
      doc: {
        id: doc.id,
        title: doc.title,
        kommunSlug: doc.kommunSlug,
        kommunName: doc.kommunName,
        period: doc.period_label,
      },
      progress: await getPublicProgress({ db, documentId: id }),
      updates: (await listPublicUpdates({ db, kommunId: doc.kommun_id, documentId: id, limit: 3 })).map((u) => ({
        id: u.id,
        doneOn: u.doneOn,
        text: u.text,
      })),
      url: publicUrl(`/lofte/${doc.kommunSlug}/${doc.id}`),
    };
  });

export default function PromisePoster() {
  const t = useT();
  const { doc, progress, updates, url } = useLoaderData<typeof loader>();
  // The document and its texts are Swedish; the poster's own words follow the page's language.
  const sv = t.locale === "sv" ? undefined : "sv";
  return (
    <article className="poster promise-poster">
      <p className="kicker no-print">
        <Link to={`/lofte/${doc.kommunSlug}/${doc.id}`}>{doc.title}</Link>
      </p>
      <h1 lang={t.langOf("poster.title")}>{t("poster.title")}</h1>
      <p className="lead">
        <span lang={sv}>{doc.title}</span> · {t("promises.period", { period: doc.period })}
      </p>
      <ul className="fu-list">
        {progress.promises.map((p) => (
          <li key={p.id}>
            <span lang={sv}>{p.text}</span> <StatusLabel status={p.progress.status} />
            <span className="fu-progress-text"> {progressText(t, p.progress, p.target ?? { kind: "quantity" })}</span>
          </li>
        ))}
      </ul>
      {updates.length ? (
        <section aria-labelledby="poster-latest">
          <h2 id="poster-latest" lang={t.langOf("poster.latest")}>
            {t("poster.latest")}
          </h2>
          <ul>
            {updates.map((u) => (
              <li key={u.id}>
                <time dateTime={u.doneOn}>{formatDateSv(u.doneOn)}</time>: <span lang={sv}>{u.text}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <img
        src={`/lofte/${doc.kommunSlug}/${doc.id}/qr.svg`}
        alt={t("poster.qrAlt", { url })}
        width={200}
        height={200}
      />
      <p>
        <span lang={t.langOf("poster.scan")}>{t("poster.scan")}</span> <strong>{url}</strong>
      </p>
      <p className="hint">{t("followup.public.asOf", { date: progress.asOf })}</p>
      <button type="button" className="secondary no-print" onClick={() => window.print()}>
        {t("promises.print")}
      </button>
    </article>
  );
}
