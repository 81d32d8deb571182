import { translate } from "~/i18n/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSituationPicture, requirePlans } from "~/features/plans/index.server";
import { idParam, page } from "~/platform/http.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { PictureBody } from "~/components/plans/PictureBody";
import plansCss from "~/styles/plans.css";
import { metaLocale, stylesheets, titleFrom } from "~/platform/page-meta";

export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links = stylesheets(plansCss);
export const meta: MetaFunction<typeof loader> = (args) => [
  {
    title: titleFrom(args, "title.print", {
      title: args.data?.picture.title ?? translate(metaLocale(args), "title.lagesbild"),
    }),
  },
];

/** The lägesbild as an A4 document (print it, or save it as PDF); everyone of the kommun may read it. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requirePlans(request, { slug: params.kommun });
    const pictureId = idParam(params.id, "plans.error.pictureNotFound");
    return { kommun, picture: await getSituationPicture({ db, kommunId: kommun.id, pictureId }) };
  });

export default function SituationPicturePrint() {
  const t = useT();
  const { kommun, picture: p } = useLoaderData<typeof loader>();
  return (
    <article className="print-doc">
      <p className="kicker no-print">
        <Link to={`/app/${kommun.slug}/lagesbild/${p.id}`}>{p.title}</Link> ·{" "}
        <a href={`/app/${kommun.slug}/lagesbild/${p.id}/utskrift.html`}>{t("plans.word")}</a>
      </p>
      <h1>{p.title}</h1>
      {p.demo ? <p className="notice">{t("plans.demo")}</p> : null}
      <p>
        {kommun.name} · {p.periodLabel} ({p.periodStart}–{p.periodEnd}) · {t(`plans.status.${p.status}` as MessageKey)},{" "}
        {t("plans.version", { version: p.version })}
      </p>
      <PictureBody sections={p.sections} figures={p.figures} sources={p.sources} problems={p.problems} />
    </article>
  );
}
