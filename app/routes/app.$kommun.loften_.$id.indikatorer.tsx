import { ActionButton } from "~/components/PostForm";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { documentOfKommun } from "~/features/promises/index.server";
import {
  createOutcomeIndicator,
  deleteOutcomeIndicator,
  indicatorChoices,
  listBaselineSurveys,
  listOutcomeIndicators,
  promiseAwareness,
} from "~/features/promises/index.server";
import { formatPercent } from "~/features/results/index";
import { estByTertial } from "~/features/est/index.server";
import { stockholmDay } from "~/platform/dates";
import { can, requireKommun, requirePermission } from "~/features/accounts/index.server";
import { idParam, page, readForm, pageInput } from "~/platform/http.server";
import { idField } from "~/platform/validation";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { IndicatorTable } from "~/components/followup/IndicatorTable";
import { AwarenessTable } from "~/components/followup/AwarenessTable";
import { EstFollowUp } from "~/components/est/EstFollowUp";
import fuCss from "~/styles/followup.css";
import { pageTitle, stylesheets } from "~/platform/page-meta";
import { parseInput } from "~/platform/parse.server";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links = stylesheets(fuCss);
export const meta = pageTitle("title.indicators");

type Choices = Awaited<ReturnType<typeof indicatorChoices>>;

// Everyone of the kommun reads the indicators and the EST reports' figures per tertial over the document's period
// (up to today); analysts and editors (either side) add and remove indicators.
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const documentId = idParam(params.id, "problem.documentNotFound");
    const doc = await documentOfKommun({ db, kommunId: kommun.id, documentId });
    const canEdit = await can(user, kommun.id, "indicator:edit");
    const indicators = await listOutcomeIndicators({ db, kommunId: kommun.id, documentId });
    let surveys: { slug: string; title: string; period: string }[] = [];
    let choices: Choices | null = null;
    if (canEdit) {
      surveys = await listBaselineSurveys({ db, kommunId: kommun.id });
      const asked = new URL(request.url).searchParams.get("enkat");
      // Default: the newest survey from before the period started (the one that motivated the promises).
      const fallback = surveys.find((s) => s.period <= doc.period_start.slice(0, 4)) ?? surveys[surveys.length - 1];
      const slug = surveys.some((s) => s.slug === asked) ? asked! : fallback?.slug;
      if (slug) choices = await indicatorChoices({ db, kommunId: kommun.id, surveySlug: slug });
    }
    const today = stockholmDay(new Date());
    const focusAreas = doc.focusAreas.map((f) => ({
      id: f.id,
      title: f.title,
      themes: f.themes,
      // The zones the area's promises name, once each.
      zones: [...new Map(f.promises.flatMap((p) => (p.zone ? [[p.zone.id, p.zone] as const] : []))).values()],
    }));
    const est = await estByTertial({
      db,
      kommunId: kommun.id,
      kommunSlug: kommun.slug,
      fromDay: doc.period_start,
      toDay: doc.period_end < today ? doc.period_end : today,
      zoneIds: focusAreas.flatMap((f) => f.zones.map((z) => z.id)),
    });
    return {
      kommun,
      document: {
        id: doc.id,
        title: doc.title,
        periodLabel: doc.period_label,
        focusAreas: focusAreas.map((f) => ({ id: f.id, title: f.title })),
      },
      est,
      estAreas: focusAreas,
      canEdit,
      indicators,
      awareness: await promiseAwareness({ db, kommunId: kommun.id }),
      surveys,
      choices,
    };
  });

const schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    focusAreaId: z.string(),
    surveySlug: z.string().max(200),
    question: z.string().max(200),
    filter: z.string().max(300).default(""),
    direction: z.string().default(""),
    targetPercent: z.string().max(20).default(""),
    label: z.string().max(1000).default(""),
  }),
  z.object({ intent: z.literal("delete"), indicatorId: idField }),
]);

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer", form });
    await requirePermission(user, kommun.id, "indicator:edit");
    const parsed = parseInput(schema, Object.fromEntries(form));
    const input = parsed;
    const scope = {
      db,
      kommunId: kommun.id,
      documentId: idParam(params.id, "problem.documentNotFound"),
    };
    const here = `/app/${kommun.slug}/loften/${params.id}/indikatorer`;
    if (input.intent === "create") {
      await createOutcomeIndicator({ ...scope, accountId: user.id, input });
      return redirect(`${here}?klart=sparad&enkat=${encodeURIComponent(input.surveySlug)}`);
    }
    await deleteOutcomeIndicator({ ...scope, indicatorId: input.indicatorId });
    return redirect(`${here}?klart=borttagen`);
  });

export default function OutcomeIndicatorsPage() {
  const t = useT();
  const {
    kommun,
    document: d,
    canEdit,
    indicators,
    awareness,
    surveys,
    choices,
    est,
    estAreas,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const done = search.get("klart");
  const bad = (f: string) => (result?.errors?.some((e) => e.field === f) ? true : undefined);
  const base = `/app/${kommun.slug}/loften/${d.id}`;
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/uppfoljning`}>{t("followup.links.dashboard")}</Link> ·{" "}
        <Link to={`${base}/uppfoljning`}>{t("followup.dashboard.log")}</Link> ·{" "}
        <Link to={`${base}/uppfoljning/rapport`}>{t("followup.links.report")}</Link>
      </p>
      <h1>{t("followup.ind.title", { title: d.title })}</h1>
      <p>{t("followup.ind.intro")}</p>
      {done ? (
        <p role="status" className="ok">
          {t(done === "borttagen" ? "followup.ind.deleted" : "followup.ind.saved")}
        </p>
      ) : null}
      {indicators.length === 0 ? (
        <p>{t("followup.ind.none")}</p>
      ) : (
        <IndicatorTable
          indicators={indicators}
          caption={t("followup.ind.caption")}
          onDelete={
            canEdit
              ? (i) => (
                  <ActionButton
                    intent="delete"
                    fields={{ indicatorId: i.id }}
                    label={t("followup.ind.delete")}
                    ariaLabel={t("followup.ind.deleteLabel", { label: i.label })}
                  />
                )
              : undefined
          }
        />
      )}
      <AwarenessTable waves={awareness} />
      <EstFollowUp est={est} focusAreas={estAreas} kommunSlug={kommun.slug} />

      {canEdit ? (
        <section aria-labelledby="ind-add" className="card">
          <h2 id="ind-add">{t("followup.ind.add")}</h2>
          {surveys.length === 0 || !choices ? (
            <p>{t("followup.ind.noSurveys")}</p>
          ) : (
            <>
              <Form method="get" className="stack narrow">
                <label htmlFor="enkat">{t("followup.ind.field.survey")}</label>
                <select id="enkat" name="enkat" defaultValue={choices.survey.slug}>
                  {surveys.map((s) => (
                    <option key={s.slug} value={s.slug}>
                      {s.title} ({s.period})
                    </option>
                  ))}
                </select>
                <button type="submit" className="secondary">
                  {t("followup.ind.showItems")}
                </button>
              </Form>
              <FieldErrors errors={result?.errors} />
              <Form method="post" className="stack narrow" key={choices.survey.slug}>
                <CsrfField />
                <input type="hidden" name="intent" value="create" />
                <input type="hidden" name="surveySlug" value={choices.survey.slug} />
                <label htmlFor="focusAreaId">{t("followup.ind.field.focusArea")}</label>
                <select id="focusAreaId" name="focusAreaId" aria-invalid={bad("focusAreaId")}>
                  {d.focusAreas.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.title}
                    </option>
                  ))}
                </select>
                <label htmlFor="question">{t("followup.ind.field.question")}</label>
                <select id="question" name="question" aria-invalid={bad("question")}>
                  {choices.items.map((i) => (
                    <option key={i.question} value={i.question}>
                      {i.suppressed || i.share === null
                        ? t("followup.ind.itemSuppressed", { title: i.title })
                        : t("followup.ind.itemShare", { title: i.title, share: formatPercent(i.share, t.locale) })}
                    </option>
                  ))}
                </select>
                <label htmlFor="filter">{t("followup.ind.field.filter")}</label>
                <select id="filter" name="filter" aria-invalid={bad("filter")}>
                  <option value="">{t("followup.ind.field.noFilter")}</option>
                  {choices.filters.map((f) => (
                    <option key={f.value} value={f.value}>
                      {f.label}
                    </option>
                  ))}
                </select>
                <fieldset id="direction" aria-invalid={bad("direction")}>
                  <legend>{t("followup.ind.field.direction")}</legend>
                  {(["decrease", "increase"] as const).map((dir) => (
                    <div key={dir}>
                      <input
                        type="radio"
                        id={`direction-${dir}`}
                        name="direction"
                        value={dir}
                        defaultChecked={dir === "decrease"}
                      />{" "}
                      <label htmlFor={`direction-${dir}`}>{t(`followup.ind.direction.${dir}`)}</label>
                    </div>
                  ))}
                </fieldset>
                <label htmlFor="targetPercent">{t("followup.ind.field.target")}</label>
                <input
                  id="targetPercent"
                  name="targetPercent"
                  inputMode="decimal"
                  aria-invalid={bad("targetPercent")}
                />
                <label htmlFor="label">{t("followup.ind.field.label")}</label>
                <input id="label" name="label" maxLength={300} aria-invalid={bad("label")} />
                <button type="submit">{t("followup.ind.save")}</button>
              </Form>
            </>
          )}
        </section>
      ) : null}
    </section>
  );
}
