import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FollowUpProgress } from "~/components/followup/Progress";
import { getPublicProgress, listPublicUpdates } from "~/features/promises/index.server";
import { PublicUpdates } from "~/components/public/PublicUpdates";
import { listPublishedResults, publicProblemCharts } from "~/features/results/index.server";
import { publicResultsPath } from "~/features/results/index";
import { PublicQuestionChart } from "~/components/public/PublicQuestionChart";
import { PublishedResultsList } from "~/components/public/PublishedResultsList";
import { getPromiseDocument, versionInForce } from "~/features/promises/index.server";
import { SECTION_KEYS } from "~/features/promises/index";
import { getDb } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { idParam, page } from "~/platform/http.server";
import { formatDateSv } from "~/features/promises/index";
import { useT } from "~/i18n/use-t";
import fuCss from "~/styles/followup.css";
import { stylesheets, titleOf } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links = stylesheets(fuCss);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: titleOf(`${data?.doc.title ?? "Medborgarlöften"}`) },
  ...(data
    ? [
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: data.doc.title,
          href: `/lofte/${data.doc.kommunSlug}/${data.doc.id}/flode.atom`,
        },
      ]
    : []),
];

/** Public, printable: one published promise document, in the style of the published originals. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params }) => {
    const id = idParam(params.id);
    const doc = await getPromiseDocument({ db: await getDb(), id, publishedOnly: true });
    if (doc.kommunSlug !== params.kommun) throw new NotFound();
    const db = await getDb();
    return {
      doc,
      inForce: await versionInForce({ db, documentId: id }),
      progress: await getPublicProgress({ db, documentId: id }),
      results: await listPublishedResults({ db, kommun: doc.kommunSlug }),
      updates: await listPublicUpdates({ db, kommunId: doc.kommun_id, documentId: id }),
      problems: await publicProblemCharts({
        db,
        kommun: doc.kommunSlug,
        themes: doc.focusAreas.flatMap((f) => f.themes),
      }),
    };
  });

export default function PromiseDocumentPage() {
  const t = useT();
  const { doc, inForce, progress, results, updates, problems } = useLoaderData<typeof loader>();
  const sections = doc.sections as Record<string, string>;
  const before: readonly string[] = ["invanare", "inledning", "problembild"];
  const after = SECTION_KEYS.filter((k) => !before.includes(k));
  // The document is written in Swedish: its own text says so on a page shown in another language.
  const sv = t.locale === "sv" ? undefined : "sv";
  return (
    <article className="promise-doc">
      <p className="kicker no-print">
        <Link to={`/lofte/${doc.kommunSlug}`}>{t("promises.back", { kommun: doc.kommunName })}</Link>
      </p>
      <h1 lang={sv}>{doc.title}</h1>
      <p className="lead" lang={sv}>
        {doc.lead}
      </p>
      <p>
        {t("promises.period", { period: doc.period_label })}
        {doc.version > 1 ? ` · ${t("promises.version", { version: doc.version })}` : ""} ·{" "}
        {t("promises.measurable", { measurable: doc.measurableCount, total: doc.promiseCount })}
      </p>
      {inForce.current ? (
        <p className="notice">{t("loften.public.inForce", { version: doc.version })}</p>
      ) : inForce.currentId ? (
        <p className="notice">
          <Link to={`/lofte/${doc.kommunSlug}/${inForce.currentId}`}>
            {t("loften.public.replaced", { version: inForce.currentVersion ?? "" })}
          </Link>
        </p>
      ) : null}
      <button type="button" className="secondary no-print" onClick={() => window.print()}>
        {t("promises.print")}
      </button>
      <p className="no-print">
        <Link to={`/lofte/${doc.kommunSlug}/${doc.id}/affisch`} lang={t.langOf("poster.link")}>
          {t("poster.link")}
        </Link>
      </p>
      {sections.invanare ? (
        <section>
          <h2>{t("loften.public.background")}</h2>
          <p className="prewrap" lang={sv}>
            {sections.invanare}
          </p>
        </section>
      ) : null}
      {problems ? (
        <section aria-labelledby="problems-heading" className="promise-problems">
          <h2 id="problems-heading">{t("loften.public.problemsHeading")}</h2>
          <p>{t("loften.public.problemsLead", { survey: problems.survey.title, period: problems.survey.period })}</p>
          {problems.questions.map((q) => (
            <PublicQuestionChart
              key={q.name}
              question={q}
              minBase={problems.minBase}
              fileName={`${problems.survey.slug}-${q.name}`}
            />
          ))}
          <p className="no-print">
            <Link to={publicResultsPath(doc.kommunSlug, problems.survey.slug)}>{t("loften.public.problemsAll")}</Link>
          </p>
        </section>
      ) : null}
      <TextSections keys={["inledning"]} sections={sections} lang={sv} />
      {sections.invanare && sections.problembild ? (
        // Written for residents: the drafted evidence stays available, as the analysts' material.
        <details>
          <summary>{t("loften.public.evidence")}</summary>
          <TextSections keys={["problembild"]} sections={sections} lang={sv} />
        </details>
      ) : (
        <TextSections keys={["problembild"]} sections={sections} lang={sv} />
      )}
      <h2>{t("promises.focusAreas")}</h2>
      {doc.focusAreas.map((f) => (
        <section key={f.id} className="focus-area">
          <h3 lang={sv}>{f.title}</h3>
          {f.background ? (
            <p className="prewrap" lang={sv}>
              {f.background}
            </p>
          ) : null}
          {f.lead ? <p lang={sv}>{f.lead}</p> : null}
          <ul className="promises">
            {f.promises.map((p) => (
              <li key={p.id}>
                <span lang={sv}>{p.originalText || p.text}</span>
                {!p.measurable ? <span className="not-measurable"> ({t("promises.notMeasurable")})</span> : null}
                {/* The zone by name only: no shape and no point reaches a public page. */}
                {p.zone ? <span className="promise-zone"> · {t("promises.zone", { zone: p.zone.name })}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <TextSections keys={after} sections={sections} lang={sv} />
      {doc.follow_up_due ? <p>{t("promises.followUpDue", { date: formatDateSv(doc.follow_up_due) })}</p> : null}
      <FollowUpProgress data={progress} />
      <PublicUpdates
        items={updates}
        feed={`/lofte/${doc.kommunSlug}/${doc.id}/flode.atom`}
        subscribe={`/lofte/${doc.kommunSlug}/prenumerera?dokument=${doc.id}`}
      />
      <div className="no-print">
        <PublishedResultsList items={results} />
      </div>
    </article>
  );
}

type SectionKey = (typeof SECTION_KEYS)[number];

/** The document's free-text sections among `keys` that have text, each under its heading. */
function TextSections({
  keys,
  sections,
  lang,
}: {
  keys: readonly SectionKey[];
  sections: Record<string, string>;
  lang: string | undefined;
}) {
  const t = useT();
  return keys
    .filter((k) => sections[k])
    .map((k) => (
      <section key={k}>
        <h2>{t(`promises.section.${k}`)}</h2>
        <p className="prewrap" lang={lang}>
          {sections[k]}
        </p>
      </section>
    ));
}
