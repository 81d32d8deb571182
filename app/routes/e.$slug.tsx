import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  acceptSubmission,
  continueNativeForm,
  readSurveyForm,
  definitionLocales,
  firstNativePage,
  getPublicSurvey,
} from "~/features/surveys/index.server";
import { clientAddress, requireUser } from "~/features/accounts/index.server";
import { getDb } from "~/platform/db.server";
import { Gone, NotFound } from "~/platform/errors.server";
import { page } from "~/platform/http.server";
import { localeFromRequest, translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { publicResultsListPath } from "~/features/results/index";
import { SurveyRunner } from "~/components/survey/SurveyRunner";
import { NativeSurveySent, ProgressiveSurvey } from "~/components/survey/native/ProgressiveSurvey";
import { OWN_STYLESHEET, surveyPageLinks } from "~/styles/page-styles";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

// One stylesheet: the app's and the part of SurveyJS's that surveys use (styles/page-styles.ts).
export const links: LinksFunction = surveyPageLinks;
export const handle = OWN_STYLESHEET;

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  return [{ title: data?.state === "open" ? `${data.title} – ${data.kommunName}` : "Trygghetsdialog" }];
};

/**
 * The page's heading in the respondent's language. The survey's own title is the Swedish name the analyst gave it;
 * in another language the definition's title in that language is shown when it has one (the standard survey has
 * English and Finnish titles), and otherwise the Swedish name, marked as Swedish for screen readers.
 */
function surveyHeading(
  title: string,
  definition: Record<string, unknown>,
  locale: string,
): { title: string; lang: string } {
  const own = definition.title;
  const translated = own && typeof own === "object" ? (own as Record<string, unknown>)[locale] : undefined;
  if (locale !== "sv" && typeof translated === "string" && translated.trim())
    return { title: translated.trim(), lang: locale };
  return { title, lang: "sv" };
}

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params, request }) => {
    const slug = params.slug!;
    const locale = localeFromRequest(request);
    try {
      const s = await getPublicSurvey({ db: await getDb(), slug });
      const heading = surveyHeading(s.title, s.definition, locale);
      return {
        state: "open" as const,
        slug: s.slug,
        title: heading.title,
        titleLang: heading.lang,
        period: s.period,
        kommunName: s.kommunName,
        // Where the kommun publishes what everyone answered (worked out here: the results' face stays off this page).
        resultsPath: publicResultsListPath(s.kommun),
        version: s.version,
        definition: s.definition,
        locales: definitionLocales(s.definition),
        requireCode: s.settings.requireCode === true,
        // One shuffle per page load for definitions with random orders, shared by the server render and hydration.
        randomSeed: 1 + Math.floor(Math.random() * (2 ** 31 - 2)),
        // The first page as a plain form, for a browser without JavaScript (and until the scripts run).
        form: firstNativePage({ definition: s.definition, locale }),
      };
    } catch (err) {
      // Unknown and closed surveys get a page in the respondent's language, with the right status.
      if (err instanceof NotFound)
        return data({ state: "not_found" as const, slug }, { status: 404, headers: { "Content-Language": locale } });
      if (err instanceof Gone) return data({ state: "closed" as const, slug }, { status: 410 });
      throw err;
    }
  });

/**
 * A page of the survey posted without JavaScript (docs/decisions/015-survey-without-javascript.md): the next page,
 * the same page with its errors (422), or the thank-you once the answer is stored through the same path as the
 * JSON API's. A closed or unknown survey answers nothing here: the loader's page says so.
 */
export const action = (args: ActionFunctionArgs) =>
  page(args, async ({ params, request }) => {
    const slug = params.slug!;
    const locale = localeFromRequest(request);
    const db = await getDb();
    const s = await getPublicSurvey({ db, slug }).catch((err) => {
      if (err instanceof NotFound || err instanceof Gone) return null;
      throw err;
    });
    if (!s) return null;
    const outcome = await continueNativeForm({
      definition: s.definition,
      locale,
      form: await readSurveyForm(request),
      send: ({ id, data, code }) =>
        acceptSubmission({
          db,
          slug,
          body: { id, data, locale, channel: "web", ...(code ? { code } : {}) },
          address: clientAddress(request),
          authenticate: () => requireUser(request),
        }),
    });
    if (outcome.state === "sent") return { sent: { earlier: outcome.earlier }, form: null };
    return data({ sent: null, form: outcome.view }, { status: outcome.status });
  });

export default function SurveyPage() {
  const data = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const t = useT();
  if (data.state !== "open") {
    const closed = data.state === "closed";
    return (
      <section className="narrow">
        <h1>{closed ? t("survey.closedTitle") : t("survey.notFoundTitle")}</h1>
        <p>{closed ? t("survey.closed") : t("survey.notFound")}</p>
        <p>
          <Link to="/">{t("error.back")}</Link>
        </p>
      </section>
    );
  }
  // After the thank-you: where the kommun publishes what everyone answered, once the survey has closed.
  const resultsLink = (
    <p>
      <Link to={data.resultsPath}>{t("public.thanks.link")}</Link>
    </p>
  );
  return (
    <article className="survey-page">
      <header>
        <p className="kicker">
          {data.kommunName} · {data.period}
        </p>
        <h1 lang={data.titleLang === t.locale ? undefined : data.titleLang}>{data.title}</h1>
        <p className="hint">{t("survey.anonymous")}</p>
        {data.locales.length > 1 ? <p className="hint">{t("survey.languageHint")}</p> : null}
      </header>
      {posted?.sent ? (
        <NativeSurveySent earlier={posted.sent.earlier} again afterSent={resultsLink} />
      ) : (
        <ProgressiveSurvey
          view={posted?.form ?? data.form}
          requireCode={data.requireCode}
          survey={(carried) => (
            <SurveyRunner
              slug={data.slug}
              version={data.version}
              definition={data.definition}
              locale={t.locale}
              requireCode={data.requireCode}
              randomSeed={data.randomSeed}
              carried={carried}
              afterSent={resultsLink}
            />
          )}
        />
      )}
      <p className="no-print hint">
        <Link to={`/e/${data.slug}/affisch`}>{translate(t.locale, "survey.poster")}</Link>
      </p>
    </article>
  );
}
