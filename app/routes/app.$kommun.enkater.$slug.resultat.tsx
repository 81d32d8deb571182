import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { getResults, surveyAnalysisPage, type FilterChoice } from "~/features/results/index.server";
import { getParticipation, type Participation } from "~/features/results/index.server";
import { formatPercent, indicatorItem } from "~/features/results/index";
import { pageInput } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { RankedBars } from "~/components/charts/RankedBars";
import { DivergingBars } from "~/components/charts/DivergingBars";
import { useChartLabels } from "~/components/charts/labels";
import type { ShareItem } from "~/components/charts/types";
import { CountColumns } from "~/components/charts/CountColumns";
import { AnalysisNav } from "~/components/analysis/AnalysisNav";
import { FilterForm } from "~/components/analysis/FilterForm";
import { ReportLinks } from "~/components/report/ReportLinks";
import { InvalidFilters, type Valid } from "~/components/analysis/InvalidFilters";
import analysisCss from "~/styles/analysis.css";
import { TableWrap } from "~/components/TableWrap";
import { OptionTable } from "~/components/analysis/OptionTable";
import { ZoneChoropleth } from "~/components/places/ZoneChoropleth";
import { placeMapsOf, type SurveyDefinition } from "~/features/surveys/index";
import { pageTitle, stylesheets } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.problembild");
export const links = stylesheets(analysisCss);

/** The problembild of one survey: filters live in the URL (the same `where=` as the results API). */
export const loader = (args: LoaderFunctionArgs) =>
  pageInput(args, async (ctx) =>
    surveyAnalysisPage(ctx, async ({ db, kommun, survey, filters }) => {
      const [results, participation] = await Promise.all([
        getResults({ db, surveyId: survey.id, filters }),
        getParticipation({ db, kommunId: kommun.id, surveyId: survey.id, filters }),
      ]);
      // Place questions carry their zones' map; the problembild colours it by the published counts.
      return { results, participation, placeMaps: placeMapsOf(survey.definition as SurveyDefinition) };
    }),
  );

/** The page's data once its filters are valid. */
type Data = Valid<ReturnType<typeof useLoaderData<typeof loader>>>;

export default function ProblemPicture() {
  const data = useLoaderData<typeof loader>();
  if (data.errors) return <InvalidFilters data={data} />;
  return <Overview data={data} />;
}

function ParticipationSection({ p, slug, choices }: { p: Participation; slug: string; choices: FilterChoice[] }) {
  const t = useT();
  const labels = useChartLabels({ minBase: p.minBase });
  const count = (n: number) => new Intl.NumberFormat(t.locale).format(n);
  const labelOf = (column: "age_band" | "gender", value: string) =>
    choices.find((c) => c.column === column)?.options.find((o) => o.value === value)?.label ?? value;
  const channels = p.byChannel.filter((c) => c.n !== 0);
  const top = [...channels].filter((c) => c.n !== null).sort((a, b) => b.n! - a.n!)[0];
  const busiest = [...p.byDay].filter((d) => d.n !== null).sort((a, b) => b.n! - a.n!)[0];
  return (
    <section aria-labelledby="participation-heading">
      <h2 id="participation-heading">{t("analysis.participation.title")}</h2>
      {p.responseRate ? (
        <p>
          {t("analysis.participation.rate", {
            rate: formatPercent(p.responseRate.rate, t.locale, 1),
            n: count(p.responseRate.respondents),
            population: count(p.responseRate.population),
            source: p.responseRate.source,
          })}
        </p>
      ) : (
        <p className="hint">{t("analysis.participation.noRate")}</p>
      )}
      {p.rateByCell.length ? (
        <details>
          <summary>{t("analysis.participation.byCellShow")}</summary>
          <TableWrap label={t("analysis.participation.byCell")}>
            <table>
              <caption>{t("analysis.participation.byCell")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("analysis.breakdown.group")}</th>
                  <th scope="col" className="num">
                    {t("analysis.participation.population")}
                  </th>
                  <th scope="col" className="num">
                    {t("analysis.participation.count")}
                  </th>
                  <th scope="col" className="num">
                    {t("analysis.participation.rateCol")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.rateByCell.map((c) => (
                  <tr key={`${c.age_band}|${c.gender}`}>
                    <th scope="row">{`${labelOf("gender", c.gender)}, ${labelOf("age_band", c.age_band)}`}</th>
                    <td className="num">{count(c.population)}</td>
                    {c.suppressed || c.respondents === null ? (
                      <td colSpan={2} className="suppressed">
                        {t("results.suppressed", { min: p.minBase })}
                      </td>
                    ) : (
                      <>
                        <td className="num">{count(c.respondents)}</td>
                        <td className="num">{c.rate !== null ? formatPercent(c.rate, t.locale, 1) : "–"}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </details>
      ) : null}
      {p.suppressed ? null : (
        <div className="chart-grid">
          <CountColumns
            title={t("analysis.participation.byChannel")}
            summary={
              top
                ? t("analysis.participation.byChannelSummary", {
                    channel: t(`analysis.channel.${top.channel}`),
                    n: count(top.n!),
                  })
                : t("results.hiddenSummary", { min: p.minBase })
            }
            items={channels.map((c) => ({
              key: c.channel,
              label: t(`analysis.channel.${c.channel}`),
              n: c.n,
              suppressed: c.suppressed,
            }))}
            labels={labels}
            itemHeader={t("results.channel")}
            countHeader={t("analysis.participation.count")}
            width={360}
            fileName={`${slug}-svar-per-kanal`}
          />
          <CountColumns
            title={t("analysis.participation.byDay")}
            summary={
              busiest
                ? t("analysis.participation.byDaySummary", {
                    first: p.byDay[0]!.day,
                    last: p.byDay.at(-1)!.day,
                    day: busiest.day,
                    n: count(busiest.n!),
                  })
                : t("results.hiddenSummary", { min: p.minBase })
            }
            items={p.byDay.map((d) => ({ key: d.day, label: d.day.slice(5), n: d.n, suppressed: d.suppressed }))}
            labels={labels}
            itemHeader={t("analysis.participation.day")}
            countHeader={t("analysis.participation.count")}
            fileName={`${slug}-svar-per-dag`}
          />
        </div>
      )}
    </section>
  );
}

function Overview({ data }: { data: Data }) {
  const t = useT();
  const { kommun, survey, results, participation, choices, filters, placeMaps } = data;
  const { search } = useLocation();
  const labels = useChartLabels({ minBase: results.minBase });
  const byName = new Map(results.questions.map((q) => [q.name, q]));
  const titleOf = (name: string) => byName.get(name)?.title ?? name;
  const pct = (p: number) => formatPercent(p, t.locale);
  const itemsOf = (kind: "problem" | "safety"): ShareItem[] =>
    results.indicators.filter((i) => i.kind === kind).map((i) => indicatorItem(i, titleOf(i.question)));
  const problems = itemsOf("problem");
  const safety = itemsOf("safety");
  const top = (items: ShareItem[]) =>
    [...items].filter((i) => !i.suppressed && i.share !== null).sort((a, b) => b.share! - a.share!)[0];
  const topProblem = top(problems);
  const topUnsafe = top(safety);
  const matrixRows = results.questions.filter((q) => q.group && q.options.some((o) => o.value === "4"));
  const hiddenSummary = results.suppressed
    ? t("results.tooFew", { min: results.minBase })
    : t("results.hiddenSummary", { min: results.minBase });
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/enkater/${survey.slug}`}>{survey.title}</Link> · {kommun.name}
      </p>
      <h1>{t("results.title", { survey: `${survey.title} (${survey.period})` })}</h1>
      <AnalysisNav base={`/app/${kommun.slug}/enkater/${survey.slug}/resultat`} current="overview" filters={filters} />

      <FilterForm choices={choices} filters={filters} />
      <ReportLinks
        base={`/app/${kommun.slug}/enkater/${survey.slug}`}
        filters={filters}
        suppressed={results.suppressed}
      />

      {results.suppressed ? (
        <p role="status" className="notice">
          {t("results.tooFew", { min: results.minBase })}
        </p>
      ) : (
        <p>{t("results.respondents", { n: results.respondents ?? 0 })}</p>
      )}

      <ParticipationSection p={participation} slug={survey.slug} choices={choices} />

      {problems.length ? (
        <RankedBars
          title={t("results.problems")}
          summary={
            topProblem
              ? t("results.problemsSummary", { item: topProblem.label, share: pct(topProblem.share!) })
              : hiddenSummary
          }
          items={problems}
          labels={labels}
          fileName={`${survey.slug}-problem`}
        />
      ) : (
        <p>{t("results.noIndicators")}</p>
      )}
      {safety.length ? (
        <RankedBars
          title={t("results.safety")}
          summary={
            topUnsafe
              ? t("results.safetySummary", { item: topUnsafe.label, share: pct(topUnsafe.share!) })
              : hiddenSummary
          }
          items={safety}
          labels={labels}
          max={1}
          fileName={`${survey.slug}-otrygghet`}
        />
      ) : null}
      {matrixRows.length ? (
        <DivergingBars
          title={t("results.likert")}
          summary={t("results.likertSummary")}
          leftLabel={t("results.bigProblem")}
          rightLabel={t("results.smallProblem")}
          categories={matrixRows[0]!.options.map((o) => ({
            key: o.value,
            label: o.label,
            side:
              o.value === "4" || o.value === "3"
                ? ("left" as const)
                : o.value === "dont_know"
                  ? ("aside" as const)
                  : ("right" as const),
          }))}
          rows={matrixRows.map((q) => ({
            key: q.name,
            label: q.title,
            shares: Object.fromEntries(q.options.map((o) => [o.value, o.share])),
            suppressed: q.answered === null,
            base: q.answered,
          }))}
          labels={labels}
          initialOrder="left"
          fileName={`${survey.slug}-fordelning`}
        />
      ) : null}

      {placeMaps.map(({ name, map }) => {
        const q = byName.get(name);
        if (!q || !map.shapes.length) return null;
        return (
          <section key={name} aria-labelledby={`place-${name}`}>
            <h2 id={`place-${name}`}>{t("places.choropleth.heading")}</h2>
            <ZoneChoropleth
              title={t("places.choropleth.title", { question: q.title })}
              map={map}
              figures={q.options.map((o) => ({
                value: o.value,
                label: o.label,
                n: o.n,
                share: o.share,
                ciLow: o.ci_low,
                ciHigh: o.ci_high,
                suppressed: o.suppressed,
              }))}
              minBase={results.minBase}
              fileName={`${survey.slug}-${name}`}
            />
            <p>
              <a href={`/app/${kommun.slug}/enkater/${survey.slug}/platser.geojson${search}`} download>
                {t("places.choropleth.export")}
              </a>
            </p>
          </section>
        );
      })}

      <h2>{t("results.distributions")}</h2>
      {results.questions.map((q) => (
        <OptionTable
          key={q.name}
          label={`${q.group ? `${q.group.title}: ` : ""}${q.title}`}
          caption={
            <>
              {q.group ? `${q.group.title}: ` : ""}
              {q.title}
              {q.answered !== null ? ` (${t("results.answered", { n: q.answered })})` : ""}
            </>
          }
          columns={[
            { header: t("results.col.n"), numeric: true },
            { header: t("results.col.share"), numeric: true },
            { header: t("results.col.ci") },
          ]}
          options={q.options}
          isSuppressed={(o) => o.suppressed || o.n === null}
          suppressedText={t("results.suppressed", { min: results.minBase })}
          cells={(o) => [
            o.n,
            o.share !== null ? pct(o.share) : "–",
            o.ci_low !== null && o.ci_high !== null ? `${pct(o.ci_low)}–${pct(o.ci_high)}` : "–",
          ]}
        />
      ))}
      <p className="hint">{t("results.method", { min: results.minBase })}</p>
    </section>
  );
}
