import { translate } from "~/i18n/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getActionPlan, requirePlans } from "~/features/plans/index.server";
import { idParam, page } from "~/platform/http.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { DecisionBlock, MeasureView, RollUp } from "~/components/plans/PlanBody";
import plansCss from "~/styles/plans.css";
import { metaLocale, stylesheets, titleFrom } from "~/platform/page-meta";

export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links = stylesheets(plansCss);
export const meta: MetaFunction<typeof loader> = (args) => [
  {
    title: titleFrom(args, "title.print", {
      title: args.data?.plan.title ?? translate(metaLocale(args), "title.atgardsplan"),
    }),
  },
];

/** The åtgärdsplan as an A4 document (print it, or save it as PDF or as HTML for Word). */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requirePlans(request, { slug: params.kommun });
    const planId = idParam(params.id, "plans.error.planNotFound");
    return { kommun, plan: await getActionPlan({ db, kommunId: kommun.id, planId }) };
  });

export default function ActionPlanPrint() {
  const t = useT();
  const { kommun, plan: p } = useLoaderData<typeof loader>();
  return (
    <article className="print-doc">
      <p className="kicker no-print">
        <Link to={`/app/${kommun.slug}/atgardsplan/${p.id}`}>{p.title}</Link> ·{" "}
        <a href={`/app/${kommun.slug}/atgardsplan/${p.id}/utskrift.html`}>{t("plans.word")}</a>
      </p>
      <h1>{p.title}</h1>
      {p.demo ? <p className="notice">{t("plans.demo")}</p> : null}
      <p>
        {kommun.name} · {p.periodLabel} · {t(`plans.status.${p.status}` as MessageKey)},{" "}
        {t("plans.version", { version: p.version })} ·{" "}
        {t("plans.plan.basedOn", { title: p.picture.title, version: p.picture.version })}
      </p>
      {p.summary ? <p className="prewrap">{p.summary}</p> : null}
      <h2>{t("plans.decision.title")}</h2>
      <DecisionBlock decision={p.decision} revision={p.revision} months={p.revisionMonths} />
      <h2>{t("plans.problems.title")}</h2>
      <ol>
        {p.problems.map((x) => (
          <li key={x.id}>{x.problem}</li>
        ))}
      </ol>
      <h2>{t("plans.measures.title")}</h2>
      {p.measures.map((m) => (
        <section key={m.id} aria-labelledby={`pm-${m.id}`}>
          <h3 id={`pm-${m.id}`}>{m.title}</h3>
          <MeasureView m={m} problems={p.problems} kommunSlug={kommun.slug} />
        </section>
      ))}
      <RollUp rollUp={p.rollUp} />
    </article>
  );
}
