import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireKommun } from "~/features/accounts/index.server";
import { correctReport, kommunCategories, reportForCoordinator } from "~/features/est/index.server";
import { weekNumber } from "~/features/est/index";
import { NotFound } from "~/platform/errors.server";
import { page, pageInput, readForm } from "~/platform/http.server";
import { parseId } from "~/platform/validation";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { EstNav } from "~/components/est/EstNav";
import { ReportFields } from "~/components/est/ReportFields";
import estCss from "~/styles/est.css";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: estCss }];

export const meta = pageTitle("title.estCorrect");

/** One report for the coordinator to correct, with its history. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, permission: "est:coordinate" });
    const id = parseId(params.id);
    if (!id) throw new NotFound("est.err.reportNotFound");
    const report = await reportForCoordinator({ db, kommunId: kommun.id, reportId: id });
    return {
      kommun,
      report: { ...report, history: report.history.map((h) => ({ ...h, created_at: h.created_at.toISOString() })) },
      saved: new URL(request.url).searchParams.get("sparad") === "1",
      categories: await kommunCategories({ db, kommunId: kommun.id }),
    };
  });

/** Saves the coordinator's correction (it counts as reviewed; the history keeps both versions). */
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requireKommun(request, {
      slug: params.kommun,
      permission: "est:coordinate",
      form,
    });
    const id = parseId(params.id);
    if (!id) throw new NotFound("est.err.reportNotFound");
    const fields = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    await correctReport({ db, kommunId: kommun.id, reportId: id, accountId: user.id, fields });
    return redirect(`/app/${kommun.slug}/est/rapporter/${id}?sparad=1`);
  });

export default function CorrectReport() {
  const t = useT();
  const { kommun, report, saved, categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="est-report">
      <EstNav kommun={kommun} current="" />
      <h1>{t("est.correct.title")}</h1>
      <p>
        {t("est.correct.intro", {
          reporter: report.reporter,
          partner: report.partner_name,
          zone: report.zone,
          number: weekNumber(report.week),
        })}
      </p>
      {saved ? (
        <p className="notice" role="status">
          {t("est.correct.saved")}
        </p>
      ) : null}
      <FieldErrors errors={result?.errors} />
      <Form method="post">
        <CsrfField />
        <ReportFields categories={categories} values={report} errors={result?.errors ?? []} />
        <button type="submit" className="est-big">
          {t("est.correct.save")}
        </button>
      </Form>
      <h2>{t("est.correct.history")}</h2>
      <ol>
        {report.history.map((h) => (
          <li key={h.id}>
            {t(`est.revision.${h.kind}` as MessageKey)}: {h.created_at.slice(0, 16).replace("T", " ")} {h.by ?? ""}
          </li>
        ))}
      </ol>
    </section>
  );
}
