import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getRankingPage, saveWeights } from "~/features/results/index.server";
import { DEFAULT_WEIGHTS, formatPercent, SOURCE_KEYS, type SourceKey } from "~/features/results/index";
import { THEMES } from "~/features/surveys/index";
import { can, requireKommun } from "~/features/accounts/index.server";
import { readForm, pageInput } from "~/platform/http.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { RankedBars } from "~/components/charts/RankedBars";
import { useChartLabels } from "~/components/charts/labels";
import type { ShareItem } from "~/components/charts/types";
import { RankedList } from "~/components/ranking/RankedList";
import { RankingSources } from "~/components/ranking/RankingSources";
import { WeightsForm } from "~/components/ranking/WeightsForm";
import { SOURCE_LABEL } from "~/components/ranking/labels";
import rankingCss from "~/styles/ranking.css";
import { pageTitle, stylesheets } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.ranking");
export const links = stylesheets(rankingCss);

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
      <RankingSources sources={ranking.sources} kommunSlug={kommun.slug} />

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
