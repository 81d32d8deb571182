import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getPublication, publishableQuestions, savePublication } from "~/features/results/index.server";
import { MAX_INTRO_LENGTH, publicResultsPath } from "~/features/results/index";
import { getKommunSurvey } from "~/features/surveys/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { page, pageInput, readForm } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.publishResults");

/** Analysts choose what of a citizen survey's results the public page "Det här svarade ni" shows. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, permission: "results:analyse" });
    const survey = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
    const citizen = survey.kind === "medborgarenkat";
    return {
      kommun,
      survey: { slug: survey.slug, title: survey.title, period: survey.period, status: survey.effectiveStatus },
      citizen,
      questions: citizen ? await publishableQuestions({ db, surveyId: survey.id }) : [],
      publication: await getPublication({ db, surveyId: survey.id }),
    };
  });

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requireKommun(request, {
      slug: params.kommun,
      permission: "results:analyse",
      form,
    });
    const published = form.get("published");
    await savePublication({
      db,
      kommunId: kommun.id,
      slug: params.slug ?? "",
      accountId: user.id,
      input: {
        questions: form.getAll("questions").map(String),
        intro: String(form.get("intro") ?? ""),
        published: published === null ? null : String(published),
      },
    });
    return { done: true as const };
  });

export default function PublishResults() {
  const t = useT();
  const { kommun, survey, citizen, questions, publication } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const chosen = new Set(publication.questions);
  const base = `/app/${kommun.slug}/enkater/${survey.slug}`;
  const date = (iso: string) =>
    new Intl.DateTimeFormat(t.locale === "en" ? "en-GB" : "sv-SE", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "Europe/Stockholm",
    }).format(new Date(iso));
  // The survey's own texts are in Swedish.
  const sv = t.locale === "sv" ? undefined : "sv";
  return (
    <section>
      <p className="kicker">
        <Link to={base}>
          <span lang={sv}>{survey.title}</span>
        </Link>{" "}
        · {kommun.name}
      </p>
      <h1>{t("public.publish.title", { survey: `${survey.title} (${survey.period})` })}</h1>
      {!citizen ? (
        <p className="notice">{t("public.publish.staffSurvey")}</p>
      ) : (
        <>
          <p className="lead">{t("public.publish.lead")}</p>
          <p role="status">
            {publication.published && publication.publishedAt
              ? publication.publishedBy
                ? t("public.publish.isPublished", {
                    name: publication.publishedBy,
                    date: date(publication.publishedAt),
                  })
                : t("public.publish.isPublishedBy", { date: date(publication.publishedAt) })
              : t("public.publish.notPublished")}
            {result?.done ? ` ${t("public.publish.saved")}` : null}
          </p>
          {publication.published && survey.status !== "closed" ? (
            <p className="notice">{t("public.publish.notClosed")}</p>
          ) : null}
          {publication.published && survey.status === "closed" ? (
            <p>
              <Link to={publicResultsPath(kommun.slug, survey.slug)}>{t("public.publish.view")}</Link>
            </p>
          ) : null}
          <FieldErrors errors={result?.errors} />
          <Form method="post" className="stack narrow">
            <CsrfField />
            <fieldset id="questions">
              <legend>{t("public.publish.questions")}</legend>
              {questions.length === 0 ? <p>{t("public.publish.noQuestions")}</p> : null}
              {questions.map((q) => (
                <div key={q.name}>
                  <label>
                    <input type="checkbox" name="questions" value={q.name} defaultChecked={chosen.has(q.name)} />{" "}
                    <span lang={sv}>{q.title}</span>
                    {q.indicator ? ` (${t("public.publish.indicator")})` : null}
                  </label>
                </div>
              ))}
            </fieldset>
            <label htmlFor="intro">{t("public.publish.intro", { max: MAX_INTRO_LENGTH })}</label>
            <textarea id="intro" name="intro" rows={4} maxLength={MAX_INTRO_LENGTH} defaultValue={publication.intro} />
            <label>
              <input
                id="published"
                type="checkbox"
                name="published"
                value="on"
                defaultChecked={publication.published}
              />{" "}
              {t("public.publish.published")}
            </label>
            <button type="submit">{t("public.publish.save")}</button>
          </Form>
        </>
      )}
    </section>
  );
}
