import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import {
  getRankingPage,
  saveWeights,
  type RankingSources,
  type RankedThemeDetails,
} from "~/features/results/index.server";
import { SURVEY_MEASURES, type SurveyMeasure } from "~/features/results/index";
import { DEFAULT_WEIGHTS, formatPercent, SOURCE_KEYS, type SourceKey } from "~/features/results/index";
import { THEMES } from "~/features/surveys/index";
import { can, requireKommun } from "~/features/accounts/index.server";
import { readForm, pageInput } from "~/platform/http.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import type { Valid } from "~/components/analysis/InvalidFilters";
import { RankedBars } from "~/components/charts/RankedBars";
import { useChartLabels } from "~/components/charts/labels";
import type { ShareItem } from "~/components/charts/types";
import rankingCss from "~/styles/ranking.css";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta: MetaFunction = () => [{ title: "Rangordning av teman – Trygghetsdialog" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: rankingCss }];

const rawWeightsOf = (get: (k: string) => FormDataEntryValue | string | null) =>
  Object.fromEntries(SOURCE_KEYS.map((s) => [s, (get(`w_${s}`) as string | null) ?? null])) as Record<
    SourceKey,
    string | null
  >;

/** The ranking with the weights of the URL (a shared link shows the same), else the kommun's saved ones. */
export const loader = (args: LoaderFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const { user, kommun, db } = await requireKommun(request, {
      slug: params.kommun,
      role: "viewer",
    });
    const sp = new URL(request.url).searchParams;
    const view = await getRankingPage({
      db,
      kommunId: kommun.id,
      surveySlug: sp.get("survey") || null,
      rawWeights: rawWeightsOf((k) => sp.get(k)),
      rawMeasure: sp.get("measure"),
    });
    return {
      kommun,
      canSave: await can(user, kommun.id, "results:analyse"),
      ...view,
    };
  });

/** Analysts save the weights for the kommun; the ranking then opens with them. */
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { kommun, db } = await requireKommun(request, {
      slug: params.kommun,
      role: "analyst",
      form,
    });
    await saveWeights({
      db,
      kommunId: kommun.id,
      raw: rawWeightsOf((k) => form.get(k)),
    });
    const survey = String(form.get("survey") ?? "");
    return redirect(`/app/${kommun.slug}/rangordning${survey ? `?survey=${encodeURIComponent(survey)}` : ""}`);
  });

const SOURCE_LABEL: Record<SourceKey, MessageKey> = {
  citizen: "ranking.source.citizen",
  staff: "ranking.source.staff",
  meetings: "ranking.source.meetings",
  freetext: "ranking.source.freetext",
};
const WEIGHT_LABEL: Record<SourceKey, MessageKey> = {
  citizen: "ranking.weight.citizen",
  staff: "ranking.weight.staff",
  meetings: "ranking.weight.meetings",
  freetext: "ranking.weight.freetext",
};

function Sources({ sources, kommunSlug }: { sources: RankingSources | undefined; kommunSlug: string }) {
  const t = useT();
  if (!sources) return null;
  const { citizen, staff, meetings, freetext } = sources;
  return (
    <ul>
      <li>
        {citizen
          ? citizen.respondents !== null
            ? t("ranking.src.citizen", {
                title: citizen.title,
                period: citizen.period,
                n: citizen.respondents,
              })
            : t("ranking.src.citizenSuppressed", {
                title: citizen.title,
                period: citizen.period,
              })
          : t("ranking.src.noCitizen")}
      </li>
      <li>
        {staff
          ? staff.respondents !== null
            ? t("ranking.src.staff", {
                title: staff.title,
                period: staff.period,
                n: staff.respondents,
              })
            : t("ranking.src.staffSuppressed", {
                title: staff.title,
                period: staff.period,
              })
          : t("ranking.src.noStaff")}
      </li>
      <li>{meetings ? t("ranking.src.meetings", { n: meetings.meetings }) : t("ranking.src.noMeetings")}</li>
      {citizen && freetext ? (
        <li>
          {freetext.suppressed
            ? t("ranking.src.freetextFew", {
                n: freetext.coded,
                min: freetext.minBase,
              })
            : t("ranking.src.freetext", { n: freetext.coded })}{" "}
          <Link to={`/app/${kommunSlug}/enkater/${citizen.surveySlug}/fritext`}>{t("ranking.src.codeLink")}</Link>
        </li>
      ) : null}
    </ul>
  );
}

function ThemeDetails({ theme, label }: { theme: RankedThemeDetails; label: string }) {
  const t = useT();
  const pct = (p: number) => formatPercent(p, t.locale);
  const num = (n: number) =>
    new Intl.NumberFormat(t.locale === "en" ? "en-GB" : "sv-SE", {
      maximumFractionDigits: 2,
    }).format(n);
  return (
    <details>
      <summary>{t("ranking.details", { theme: label })}</summary>
      {theme.parts.length ? (
        <table>
          <caption>{t("ranking.parts", { theme: label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ranking.col.source")}</th>
              <th scope="col" className="num">
                {t("ranking.col.score")}
              </th>
              <th scope="col" className="num">
                {t("ranking.col.weight")}
              </th>
            </tr>
          </thead>
          <tbody>
            {theme.parts.map((p) => (
              <tr key={p.source}>
                <th scope="row">{t(SOURCE_LABEL[p.source])}</th>
                <td className="num">{pct(p.score)}</td>
                <td className="num">{num(p.weight)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("ranking.noEvidence")}</p>
      )}
      {theme.evidence.length ? (
        <>
          <h4>{t("ranking.evidence")}</h4>
          <ul>
            {theme.evidence.map((e, i) => (
              <li key={i} lang="sv">
                {e.sentenceSv}{" "}
                <Link to={e.href} aria-label={`${t("ranking.open")}: ${e.sentenceSv}`}>
                  ({t("ranking.open")})
                </Link>
              </li>
            ))}
          </ul>
          {t.locale !== "sv" ? <p className="hint">{t("ranking.evidenceNote")}</p> : null}
        </>
      ) : null}
      {theme.quotes?.length ? (
        <>
          <h4>{t("ranking.quotes")}</h4>
          <div className="quote-list">
            {theme.quotes.map((q, i) => (
              <blockquote key={i} lang="sv">
                {q}
              </blockquote>
            ))}
          </div>
        </>
      ) : null}
    </details>
  );
}

/**
 * The survey and the weights, as a GET form so that the view lives in the URL. The fields are controlled and reset
 * from the loader's data whenever the view changes (a client-side navigation keeps the component mounted).
 */
function WeightsForm({
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
  surveys: Data["surveys"];
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

/** The ranked themes, each opening to its figures, with the choice of themes for the promises. */
function RankedList({
  ranking,
  kommunSlug,
  label,
}: {
  ranking: Data["ranking"];
  kommunSlug: string;
  label: (key: string) => string;
}) {
  const t = useT();
  const pct = (p: number) => formatPercent(p, t.locale);
  // The themes for the promises: the top three with a score, until the analyst picks others.
  const [picked, setPicked] = useState<string[]>(() =>
    ranking.themes
      .filter((r) => r.score !== null)
      .slice(0, 3)
      .map((r) => r.theme),
  );
  const surveySlug = ranking.surveySlug ?? "";
  const promiseHref = `/app/${kommunSlug}/loften/ny?themes=${picked.join(",")}${
    surveySlug ? `&survey=${encodeURIComponent(surveySlug)}` : ""
  }`;
  const toggle = (key: string, on: boolean) =>
    setPicked((cur) => (on ? [...cur.filter((k) => k !== key), key] : cur.filter((k) => k !== key)));
  return (
    <>
      <h2 id="rk-list">{t("ranking.list")}</h2>
      <ol className="ranked-themes" aria-labelledby="rk-list">
        {ranking.themes.map((r) => (
          <li key={r.theme}>
            <div className="ranked-head">
              <span className="rank">{t("ranking.rank", { rank: r.rank })}</span>
              <span className="label">{label(r.theme)}</span>
              <span>{r.score !== null ? t("ranking.score", { score: pct(r.score) }) : t("ranking.noScore")}</span>
              <span>
                <input
                  id={`rk-pick-${r.theme}`}
                  type="checkbox"
                  checked={picked.includes(r.theme)}
                  onChange={(e) => toggle(r.theme, e.currentTarget.checked)}
                />{" "}
                <label htmlFor={`rk-pick-${r.theme}`}>{t("ranking.select", { theme: label(r.theme) })}</label>
              </span>
            </div>
            <ThemeDetails theme={r} label={label(r.theme)} />
          </li>
        ))}
      </ol>
      <div className="promise-link">
        <p role="status">
          {picked.length
            ? t("ranking.selectedCount", {
                n: picked.length,
                themes: picked.map(label).join(", "),
              })
            : t("ranking.noneSelected")}
        </p>
        <Link to={promiseHref}>{t("ranking.createPromises")}</Link>
      </div>
    </>
  );
}

/** The page's data once its filters are valid. */
type Data = Valid<ReturnType<typeof useLoaderData<typeof loader>>>;

export default function Ranking() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const chartLabels = useChartLabels({});
  if (!data.ranking) {
    return (
      <section>
        <h1>{t("ranking.title")}</h1>
        <FieldErrors errors={data.errors} />
        <Link to="?">{t("ranking.defaults")}</Link>
      </section>
    );
  }
  const { kommun, canSave, ranking, surveys, weightsFrom } = data;
  const label = (key: string) => {
    const theme = (THEMES as Record<string, { label: { sv: string; en: string } } | undefined>)[key];
    return theme ? (t.locale === "en" ? theme.label.en : theme.label.sv) : key;
  };
  const pct = (p: number) => formatPercent(p, t.locale);
  const num = (n: number) =>
    new Intl.NumberFormat(t.locale === "en" ? "en-GB" : "sv-SE", {
      maximumFractionDigits: 2,
    }).format(n);
  const labels = {
    ...chartLabels,
    suppressed: t("ranking.chart.noData"),
    suppressedLegend: t("ranking.chart.noDataLegend"),
    colItem: t("ranking.chart.colItem"),
    colShare: t("ranking.chart.colShare"),
    colInterval: t("ranking.chart.colInterval"),
    whiskerNote: t("ranking.chart.whisker"),
    shareTooltip: (item: string, value: string, low: string, high: string) =>
      t("ranking.chart.tooltip", { item, value, low, high }),
    suppressedTooltip: (item: string) => `${item}: ${t("ranking.chart.noData")}`,
  };
  const items: ShareItem[] = ranking.themes.map((r) => ({
    key: r.theme,
    label: label(r.theme),
    share: r.score,
    ciLow: r.range?.low ?? r.score,
    ciHigh: r.range?.high ?? r.score,
    suppressed: r.score === null,
  }));
  const top = ranking.themes[0];
  const surveySlug = ranking.surveySlug ?? "";
  // One key per view (survey and weights): the form's fields and the picked themes start again from it.
  const measure = ranking.measure ?? "mean";
  const viewKey = `${surveySlug}|${measure}|${SOURCE_KEYS.map((k) => ranking.weights[k]).join("|")}`;
  const defaultsHref = `?${new URLSearchParams({
    ...(surveySlug ? { survey: surveySlug } : {}),
    ...Object.fromEntries(SOURCE_KEYS.map((s) => [`w_${s}`, String(DEFAULT_WEIGHTS[s])])),
  }).toString()}`;
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}`}>{kommun.name}</Link>
      </p>
      <h1>{t("ranking.title")}</h1>
      <p>{t("ranking.intro")}</p>

      <h2>{t("ranking.settings")}</h2>
      <FieldErrors errors={result?.errors} />
      <WeightsForm
        viewKey={viewKey}
        surveySlug={surveySlug}
        surveys={surveys}
        weights={ranking.weights}
        measure={measure}
        defaultsHref={defaultsHref}
      />
      <p id="rk-weights-hint" className="hint">
        {t("ranking.weightsHint")}
      </p>
      <p>
        {t(`ranking.weightsFrom.${weightsFrom}` as MessageKey)}{" "}
        {t("ranking.weightsNow", {
          weights: SOURCE_KEYS.map((s) => `${t(SOURCE_LABEL[s])} ${num(ranking.weights[s])}`).join(", "),
        })}
      </p>
      {canSave ? (
        <Form method="post">
          <CsrfField />
          <input type="hidden" name="survey" value={surveySlug} />
          {SOURCE_KEYS.map((s) => (
            <input key={s} type="hidden" name={`w_${s}`} value={String(ranking.weights[s])} />
          ))}
          <button type="submit" name="intent" value="save">
            {t("ranking.save")}
          </button>
        </Form>
      ) : null}

      <h2>{t("ranking.sources")}</h2>
      <Sources sources={ranking.sources} kommunSlug={kommun.slug} />

      <RankedBars
        title={t("ranking.chart.title")}
        summary={
          top && top.score !== null
            ? t("ranking.chart.summary", {
                theme: label(top.theme),
                score: pct(top.score),
              })
            : t("ranking.chart.empty")
        }
        items={items}
        labels={labels}
        max={1}
        itemHeader={t("ranking.chart.colItem")}
        fileName={`${kommun.slug}-rangordning`}
      />
      <p className="hint">{t("ranking.chart.rangeNote")}</p>

      <RankedList key={viewKey} ranking={ranking} kommunSlug={kommun.slug} label={label} />
    </section>
  );
}
