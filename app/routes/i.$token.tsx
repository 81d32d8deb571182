import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getInvitation, tokenFrom, type InvitationState } from "~/features/surveys/index.server";
import { getDb } from "~/platform/db.server";
import { page } from "~/platform/http.server";
import { localeFromRequest } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { SurveyRunner } from "~/components/survey/SurveyRunner";
import { OWN_STYLESHEET, surveyPageLinks } from "~/styles/page-styles";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

// One stylesheet: the app's and the part of SurveyJS's that surveys use (styles/page-styles.ts).
export const links: LinksFunction = surveyPageLinks;
export const handle = OWN_STYLESHEET;

// The token is in the address: keep the page out of caches (the global Referrer-Policy is same-origin).
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  return [
    { title: data?.state === "open" ? `${data.title} – ${data.kommunName}` : "Trygghetsdialog" },
    { name: "robots", content: "noindex" },
  ];
};

const STATUS: Record<Exclude<InvitationState, "open">, number> = {
  used: 410,
  revoked: 410,
  closed: 410,
  not_found: 404,
};

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ params, request }) => {
    const token = tokenFrom(params.token ?? "");
    const inv = token ? await getInvitation({ db: await getDb(), token }) : { state: "not_found" as const };
    if (inv.state !== "open") {
      return data(
        { state: inv.state },
        { status: STATUS[inv.state], headers: { "Content-Language": localeFromRequest(request) } },
      );
    }
    return {
      state: "open" as const,
      token: token!,
      slug: inv.survey.slug,
      title: inv.survey.title,
      kommunName: inv.survey.kommunName,
      version: inv.survey.version,
      definition: inv.definition,
    };
  });

export default function InvitationPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  if (data.state !== "open") {
    return (
      <section className="narrow">
        <h1>{t(`dialog.link.${data.state}Title`)}</h1>
        <p>{t(`dialog.link.${data.state}`)}</p>
      </section>
    );
  }
  return (
    <article className="survey-page">
      <header>
        <p className="kicker">{data.kommunName}</p>
        <h1>{data.title}</h1>
        <p className="hint">{t("dialog.link.anonymous")}</p>
      </header>
      <SurveyRunner
        slug={`${data.slug}:${data.token.slice(0, 8)}`}
        version={data.version}
        definition={data.definition}
        locale={t.locale}
        endpoint={`/api/v1/invitations/${encodeURIComponent(data.token)}/responses`}
      />
    </article>
  );
}
