import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { SURVEY_MEASURES, SOURCE_KEYS, type SourceKey, type SurveyMeasure } from "~/features/results/index";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { WEIGHT_LABEL } from "./labels";

/**
 * The survey and the weights, as a GET form so that the view lives in the URL. The fields are controlled and reset
 * from the loader's data whenever the view changes (a client-side navigation keeps the component mounted).
 */
export function WeightsForm({
  viewKey,
  surveySlug,
  surveys,
  weights,
  measure,
  defaultsHref,
}: {
  viewKey: string;
  measure: SurveyMeasure;
  surveySlug: string;
  surveys: { slug: string; title: string; period: string }[];
  weights: Record<SourceKey, number>;
  defaultsHref: string;
}) {
  const t = useT();
  const initial = () =>
    ({ survey: surveySlug, measure, ...Object.fromEntries(SOURCE_KEYS.map((s) => [s, String(weights[s])])) }) as Record<
      string,
      string
    >;
  const [values, setValues] = useState(initial);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setValues(initial()), [viewKey]);
  const set = (k: string) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setValues((cur) => ({ ...cur, [k]: v }));
  };
  return (
    <Form method="get" className="weights" aria-label={t("ranking.settings")}>
      <div className="stack">
        <label htmlFor="rk-survey">{t("ranking.survey")}</label>
        <select id="rk-survey" name="survey" value={values.survey} onChange={set("survey")}>
          {surveys.length === 0 ? <option value="">{t("ranking.noSurvey")}</option> : null}
          {surveys.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.title} ({s.period})
            </option>
          ))}
        </select>
      </div>
      <div className="stack">
        <label htmlFor="rk-measure">{t("ranking.measure")}</label>
        <select id="rk-measure" name="measure" value={values.measure} onChange={set("measure")}>
          {SURVEY_MEASURES.map((m) => (
            <option key={m} value={m}>
              {t(`ranking.measure.${m}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      {SOURCE_KEYS.map((s) => (
        <div className="stack" key={s}>
          <label htmlFor={`rk-w-${s}`}>{t(WEIGHT_LABEL[s])}</label>
          <input
            id={`rk-w-${s}`}
            name={`w_${s}`}
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={values[s]}
            onChange={set(s)}
            aria-describedby="rk-weights-hint"
          />
        </div>
      ))}
      <div className="filter-actions">
        <button type="submit">{t("ranking.apply")}</button>
        <Link to={defaultsHref}>{t("ranking.defaults")}</Link>
      </div>
    </Form>
  );
}
