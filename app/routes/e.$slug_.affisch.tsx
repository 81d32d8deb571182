import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getPublicSurvey } from "~/features/surveys/index.server";
import { getDb } from "~/platform/db.server";
import { publicUrl } from "~/platform/env.server";
import { page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.poster");

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params }) => {
    const s = await getPublicSurvey({ db: await getDb(), slug: params.slug! });
    const url = publicUrl(`/e/${s.slug}`);
    return { slug: s.slug, title: s.title, kommunName: s.kommunName, url };
  });

/** A printable A4 poster with the QR code, and the same text for a letter or mailing. */
export default function Poster() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const body = t("survey.posterBody", { kommun: d.kommunName });
  return (
    <article className="poster">
      <h1>{t("survey.posterTitle", { kommun: d.kommunName })}</h1>
      <p className="lead">{body}</p>
      <img src={`/e/${d.slug}/qr.svg`} alt={t("survey.qrAlt", { url: d.url })} width={320} height={320} />
      <p>
        {t("survey.posterScan")} <strong>{d.url}</strong>
      </p>
      <section className="no-print">
        <h2>{t("survey.posterLetter")}</h2>
        <textarea
          readOnly
          rows={8}
          aria-label={t("survey.posterLetter")}
          value={`${t("survey.posterTitle", { kommun: d.kommunName })}\n\n${body}\n\n${t("survey.posterScan")} ${d.url}`}
        />
      </section>
    </article>
  );
}
