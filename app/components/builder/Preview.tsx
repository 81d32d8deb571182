import { useEffect, useMemo, useState } from "react";
import { Form, useSearchParams } from "@remix-run/react";
import { Model } from "survey-core";
import { LocalizedSurvey } from "~/components/survey/LocalizedSurvey";
import { useT } from "~/i18n/use-t";
import { EDIT_LOCALES } from "./types";
import { registerPlaceType } from "~/features/surveys/index";
// The same setup and colours as the public survey, so the preview looks like it and passes the same contrast checks.
import { THEME } from "~/components/survey/surveyjs-setup";

export type PreviewLocale = (typeof EDIT_LOCALES)[number];

/**
 * The current definition as a respondent would see it, in one language, with every question on one page.
 * It can be tried out (required questions complain), but it never completes and sends nothing.
 *
 * Rendered in the browser only: server-rendered, survey-react-ui 2.5 did not hydrate this single-page preview
 * without mismatches (React errors 418/423, then a full client re-render). The public survey page needs server
 * rendering; an analyst's preview does not, so the server sends a placeholder instead.
 */
export function Preview({ definition, locale }: { definition: Record<string, unknown>; locale: PreviewLocale }) {
  const t = useT();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return <p className="hint">{t("builder.preview.loading")}</p>;
  return (
    <div lang={locale} className="builder-preview-survey">
      <PreviewSurvey definition={definition} locale={locale} />
    </div>
  );
}

function PreviewSurvey({ definition, locale }: { definition: Record<string, unknown>; locale: PreviewLocale }) {
  const model = useMemo(() => {
    registerPlaceType();
    const m = new Model(definition);
    m.locale = locale;
    m.applyTheme(THEME);
    m.questionsOnPageMode = "singlePage";
    m.showCompletedPage = false;
    m.showProgressBar = false;
    return m;
  }, [definition, locale]);
  useEffect(() => {
    const refuse = (_: unknown, options: { allow: boolean }) => {
      options.allow = false;
    };
    model.onCompleting.add(refuse);
    return () => model.onCompleting.remove(refuse);
  }, [model]);
  return <LocalizedSurvey model={model} />;
}

/** The language switch of the preview: a GET form, so it works before (and without) JavaScript. */
export function PreviewLanguage({ locale }: { locale: PreviewLocale }) {
  const t = useT();
  const [search] = useSearchParams();
  const keep = [...search.entries()].filter(([k]) => k !== "preview");
  return (
    <Form method="get" preventScrollReset className="builder-preview-lang">
      {keep.map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label htmlFor="preview-locale">{t("builder.preview.language")}</label>
      <select id="preview-locale" name="preview" defaultValue={locale}>
        {EDIT_LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`builder.locale.${l}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="secondary">
        {t("builder.preview.show")}
      </button>
    </Form>
  );
}
