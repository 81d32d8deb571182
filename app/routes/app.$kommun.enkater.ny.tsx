import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { buildStandardSurvey } from "~/features/surveys/index";
import { BuilderError, defaultDemographics, parseAreas, type Area } from "~/features/surveys/index";
import { createSurvey } from "~/features/surveys/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { Invalid } from "~/platform/errors.server";
import { page, pageInput, readForm } from "~/platform/http.server";
import { localeFromRequest, translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.newSurvey");

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun } = await requireKommun(request, { slug: params.kommun, role: "analyst" });
    return { kommun: { slug: kommun.slug, name: kommun.name }, year: new Date().getFullYear() };
  });

const schema = z.object({
  title: z.string().trim().max(200),
  period: z.string().trim().max(20),
  kind: z.enum(["medborgarenkat", "medarbetardialog"]),
  areas: z.string().max(50_000).default(""),
});

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "analyst", form });
    const locale = localeFromRequest(request);
    const parsed = schema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      throw new Invalid(
        parsed.error.issues.map((i) => ({
          field: String(i.path[0] ?? "form"),
          message: translate(locale, "builder.error.invalidField"),
        })),
      );
    }
    const { title, period, kind } = parsed.data;
    let areas: Area[] = [];
    try {
      areas = kind === "medborgarenkat" ? parseAreas(parsed.data.areas) : [];
    } catch (e) {
      if (!(e instanceof BuilderError)) throw e;
      throw new Invalid([{ field: "areas", message: translate(locale, `builder.error.${e.code}`, e.params) }]);
    }
    if (kind === "medborgarenkat" && areas.length === 0) {
      throw new Invalid([{ field: "areas", message: translate(locale, "builder.new.areasRequired") }]);
    }
    const definition = buildStandardSurvey({ kind, areas });
    const { slug } = await createSurvey({
      db,
      kommunId: kommun.id,
      kommunSlug: kommun.slug,
      period,
      kind,
      title,
      definition,
      settings: { areas, demographics: defaultDemographics(definition) },
    });
    return redirect(`/app/${kommun.slug}/enkater/${slug}/bygg`);
  });

export default function NewSurvey() {
  const t = useT();
  const { kommun, year } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="narrow">
      <p className="kicker">{kommun.name}</p>
      <h1>{t("builder.new.title")}</h1>
      <p>{t("builder.new.intro")}</p>
      <FieldErrors errors={result?.errors} />
      <Form method="post" className="stack">
        <CsrfField />
        <label htmlFor="title">{t("builder.new.surveyTitle")}</label>
        <input
          id="title"
          name="title"
          required
          maxLength={200}
          defaultValue={t("builder.new.defaultTitle", { kommun: kommun.name, year })}
        />
        <label htmlFor="period">{t("builder.new.period")}</label>
        <p id="period-hint" className="hint">
          {t("builder.new.periodHint")}
        </p>
        <input
          id="period"
          name="period"
          required
          maxLength={20}
          defaultValue={String(year)}
          aria-describedby="period-hint"
          inputMode="numeric"
        />
        <fieldset id="kind">
          <legend>{t("builder.new.kind")}</legend>
          <div>
            <input type="radio" id="kind-medborgarenkat" name="kind" value="medborgarenkat" defaultChecked />{" "}
            <label htmlFor="kind-medborgarenkat">{t("builder.new.kindCitizen")}</label>
          </div>
          <div>
            <input type="radio" id="kind-medarbetardialog" name="kind" value="medarbetardialog" />{" "}
            <label htmlFor="kind-medarbetardialog">{t("builder.new.kindStaff")}</label>
          </div>
        </fieldset>
        <label htmlFor="areas">{t("builder.new.areas")}</label>
        <p id="areas-hint" className="hint">
          {t("builder.new.areasHint")}
        </p>
        <textarea id="areas" name="areas" rows={8} aria-describedby="areas-hint" />
        <button type="submit">{t("builder.new.submit")}</button>
      </Form>
    </section>
  );
}
