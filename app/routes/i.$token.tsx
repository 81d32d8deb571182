import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import {
  continueNativeForm,
  readSurveyForm,
  firstNativePage,
  getInvitation,
  invitationFormDefinition,
  redeemInvitation,
  tokenFrom,
  type InvitationState,
} from "~/features/surveys/index.server";
import { getDb } from "~/platform/db.server";
import { Gone, NotFound } from "~/platform/errors.server";
import { page } from "~/platform/http.server";
import { localeFromRequest } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { SurveyRunner } from "~/components/survey/SurveyRunner";
import { NativeSurveySent, ProgressiveSurvey } from "~/components/survey/native/ProgressiveSurvey";
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

/** The query parameter of the page a send without JavaScript leads to. */
const SENT = "skickat";

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
    // After a send without JavaScript (see the action): the link is used by then, and the page thanks.
    if (inv.state === "used" && new URL(request.url).searchParams.has(SENT)) return { state: "sent" as const };
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
      // The first page as a plain form, for a browser without JavaScript (and until the scripts run).
      form: firstNativePage({ definition: inv.definition, locale: localeFromRequest(request) }),
    };
  });

/**
 * A page of the invitation's survey posted without JavaScript (docs/decisions/015-survey-without-javascript.md),
 * stored at the send through redeemInvitation as the JSON API does: a repeated send of the same answer is
 * acknowledged, a used, revoked or unknown link answers with the loader's page.
 */
export const action = (args: ActionFunctionArgs) =>
  page(args, async ({ params, request }) => {
    const token = tokenFrom(params.token ?? "");
    const db = await getDb();
    const definition = token ? await invitationFormDefinition({ db, token }) : null;
    if (!token || !definition) return null;
    const locale = localeFromRequest(request);
    try {
      const outcome = await continueNativeForm({
        definition,
        locale,
        form: await readSurveyForm(request),
        send: ({ id, data }) => redeemInvitation({ db, token, id, data, locale }),
      });
      // To a page of its own (a reload does not post again), which the used link's loader answers with thanks.
      if (outcome.state === "sent") {
        const url = new URL(request.url);
        url.searchParams.set(SENT, "1");
        throw redirect(url.pathname + url.search, 303);
      }
      return data({ sent: null, form: outcome.view }, { status: outcome.status });
    } catch (err) {
      if (err instanceof Gone || err instanceof NotFound) return null;
      throw err;
    }
  });

export default function InvitationPage() {
  const data = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const t = useT();
  if (data.state === "sent") {
    return (
      <article className="survey-page">
        <NativeSurveySent earlier={false} />
      </article>
    );
  }
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
      <ProgressiveSurvey
        view={posted?.form ?? data.form}
        survey={(carried) => (
          <SurveyRunner
            slug={`${data.slug}:${data.token.slice(0, 8)}`}
            version={data.version}
            definition={data.definition}
            locale={t.locale}
            endpoint={`/api/v1/invitations/${encodeURIComponent(data.token)}/responses`}
            carried={carried}
          />
        )}
      />
    </article>
  );
}
