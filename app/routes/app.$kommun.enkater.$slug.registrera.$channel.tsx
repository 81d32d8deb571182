import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import surveyCss from "survey-core/survey-core.fontless.min.css";
import { getKommunSurvey } from "~/features/surveys/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { NotFound } from "~/platform/errors.server";
import { page } from "~/platform/http.server";
import { useRootData, useT } from "~/i18n/use-t";
import { SurveyRunner } from "~/components/survey/SurveyRunner";
import { pageTitle, stylesheets } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links = stylesheets(surveyCss);
export const meta = pageTitle("title.registerAnswers");

const ENTRY_CHANNELS = ["paper", "phone"] as const;

/** Staff enter paper or phone answers through the same form and the same validation as respondents. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const channel = ENTRY_CHANNELS.find((c) => c === params.channel);
    if (!channel) throw new NotFound();
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "analyst" });
    const s = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
    return { kommun, channel, survey: { slug: s.slug, title: s.title, version: s.version, definition: s.definition } };
  });

export default function Entry() {
  const t = useT();
  const csrf = useRootData()?.csrf ?? "";
  const { kommun, channel, survey } = useLoaderData<typeof loader>();
  return (
    <article className="survey-page">
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/enkater/${survey.slug}`}>{survey.title}</Link>
      </p>
      <h1>{t("staff.entryTitle", { channel: t(`staff.channel.${channel}`) })}</h1>
      <p>{t("staff.entryIntro")}</p>
      <SurveyRunner
        slug={survey.slug}
        version={survey.version}
        definition={survey.definition}
        locale={t.locale}
        channel={channel}
        headers={{ "x-csrf-token": csrf }}
      />
    </article>
  );
}
