import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  deletePopulation,
  getWeighting,
  savePopulation,
  type WeightedIndicator,
} from "~/features/results/index.server";
import { getFilterChoices } from "~/features/results/index.server";
import { getKommunSurvey } from "~/features/surveys/index.server";
import { formatPercent } from "~/features/results/index";
import { can, requireKommun } from "~/features/accounts/index.server";
import { readForm, pageInput } from "~/platform/http.server";
import { filterQuery, filtersFromSearch } from "~/features/results/index";
import { useT } from "~/i18n/use-t";
import { SmallMultiples } from "~/components/charts/SmallMultiples";
import { useChartLabels } from "~/components/charts/labels";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { AnalysisNav } from "~/components/analysis/AnalysisNav";
import { FilterForm } from "~/components/analysis/FilterForm";
import { InvalidFilters, type Valid } from "~/components/analysis/InvalidFilters";
import analysisCss from "~/styles/analysis.css";
import { TableWrap } from "~/components/TableWrap";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta: MetaFunction = () => [{ title: "Problembild: vägning – Trygghetsdialog" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: analysisCss }];

/** Weighted and unweighted indicator shares side by side, and (for analysts) the population to weight by. */
export const loader = (args: LoaderFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const survey = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
    const filters = filtersFromSearch(new URL(request.url).searchParams);
    const [weighting, choices, canEdit] = await Promise.all([
      getWeighting({ db, kommunId: kommun.id, surveyId: survey.id, filters }),
      getFilterChoices({ db, surveyId: survey.id }),
      can(user, kommun.id, "results:analyse"),
    ]);
    return {
      kommun,
      survey: { slug: survey.slug, title: survey.title, period: survey.period },
      weighting,
      choices,
      filters,
      canEdit,
    };
  });

// Analysts (and admins) enter or remove the population; everyone else reads.
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requireKommun(request, { slug: params.kommun, role: "analyst", form });
    const survey = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
    const scope = form.get("scope") === "survey" ? "survey" : "kommun";
    if (form.get("intent") === "delete") {
      await deletePopulation({ db, kommunId: kommun.id, surveyId: survey.id, scope });
    } else {
      const cells: Record<string, string> = {};
      for (const [k, v] of form) if (k.startsWith("pop.") && typeof v === "string") cells[k.slice(4)] = v;
      await savePopulation({
        db,
        kommunId: kommun.id,
        surveyId: survey.id,
        scope,
        source: String(form.get("source") ?? ""),
        cells,
        accountId: user.id,
      });
    }
    const url = new URL(request.url);
    return redirect(`${url.pathname}${filterQuery(filtersFromSearch(url.searchParams))}`);
  });

/** The page's data once its filters are valid. */
type Data = Valid<ReturnType<typeof useLoaderData<typeof loader>>>;

export default function WeightingPage() {
  const data = useLoaderData<typeof loader>();
  if (data.errors) return <InvalidFilters data={data} />;
  return <WeightingView data={data} />;
}

function WeightingView({ data }: { data: Data }) {
  const t = useT();
  const { kommun, survey, weighting: w, choices, filters, canEdit } = data;
  const result = useActionData<typeof action>();
  const labels = useChartLabels({ minBase: w.minBase });
  const pct = (p: number) => formatPercent(p, t.locale);
  const count = (n: number) => new Intl.NumberFormat(t.locale, { maximumFractionDigits: 0 }).format(n);
  const interval = (s: number | null, lo: number | null, hi: number | null) =>
    s === null || lo === null || hi === null
      ? t("results.suppressed", { min: w.minBase })
      : `${pct(s)} (${pct(lo)}–${pct(hi)})`;
  const popOf = new Map((w.population?.cells ?? []).map((c) => [`${c.age_band}|${c.gender}`, c.population]));
  const bandLabel = new Map(w.grid.ageBands.map((a) => [a.value, a.label]));
  const genderLabel = new Map(w.grid.genders.map((g) => [g.value, g.label]));
  const cellLabel = (key: string) => {
    const [a, g] = key.split("|");
    return `${genderLabel.get(g ?? "") ?? g}, ${bandLabel.get(a ?? "") ?? a}`;
  };
  const kinds = (["problem", "safety", "trust"] as const)
    .map((kind) => ({ kind, items: w.indicators.filter((i) => i.kind === kind) }))
    .filter((k) => k.items.length);
  const biggestShift = (items: WeightedIndicator[]) =>
    [...items]
      .filter((i) => i.weighted && i.unweighted.share !== null)
      .sort(
        (a, b) => Math.abs(b.weighted!.share - b.unweighted.share!) - Math.abs(a.weighted!.share - a.unweighted.share!),
      )[0];
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/enkater/${survey.slug}`}>{survey.title}</Link> · {kommun.name}
      </p>
      <h1>{t("analysis.weighting.title", { survey: `${survey.title} (${survey.period})` })}</h1>
      <AnalysisNav base={`/app/${kommun.slug}/enkater/${survey.slug}/resultat`} current="weighting" filters={filters} />
      <FilterForm choices={choices} filters={filters} />

      {!w.population ? (
        <p role="status" className="notice">
          {t("analysis.weighting.noPopulation")}
        </p>
      ) : w.problem ? (
        <p role="status" className="notice">
          {t(`analysis.weighting.problem.${w.problem}`)}
        </p>
      ) : null}
      {w.suppressed ? (
        <p role="status" className="notice">
          {t("results.tooFew", { min: w.minBase })}
        </p>
      ) : (
        <p>{t("results.respondents", { n: w.respondents ?? 0 })}</p>
      )}

      {w.applied ? (
        <section aria-labelledby="method" className="method">
          <h2 id="method">{t("analysis.weighting.methodTitle")}</h2>
          <p>{t("analysis.weighting.method1", { source: w.population!.source })}</p>
          <p>{t("analysis.weighting.method2")}</p>
          <p>
            {t("analysis.weighting.method3", {
              neff: w.applied.effectiveN !== null ? count(w.applied.effectiveN) : "–",
              n: w.respondents ?? "–",
            })}
          </p>
          {w.applied.merges.length ? (
            <p>
              {t("analysis.weighting.merges", {
                merges: w.applied.merges
                  .map((m) => t("analysis.weighting.merge", { from: cellLabel(m.from), into: cellLabel(m.into) }))
                  .join("; "),
              })}
            </p>
          ) : null}
        </section>
      ) : null}

      {w.applied
        ? kinds.map(({ kind, items }) => {
            const shift = biggestShift(items);
            return (
              <section key={kind} aria-labelledby={`w-${kind}`}>
                <h2 id={`w-${kind}`}>{t(`analysis.comparison.section.${kind}`)}</h2>
                <SmallMultiples
                  title={t(`analysis.weighting.chartTitle.${kind}`)}
                  summary={
                    shift
                      ? t("analysis.weighting.summary", {
                          item: shift.title,
                          unweighted: pct(shift.unweighted.share!),
                          weighted: pct(shift.weighted!.share),
                        })
                      : t("results.hiddenSummary", { min: w.minBase })
                  }
                  items={items.map((i) => ({ key: i.question, label: i.title }))}
                  groups={[
                    {
                      key: "unweighted",
                      label: t("analysis.weighting.unweighted"),
                      cells: Object.fromEntries(
                        items.map((i) => [
                          i.question,
                          {
                            share: i.unweighted.share,
                            ciLow: i.unweighted.ci_low,
                            ciHigh: i.unweighted.ci_high,
                            suppressed: i.unweighted.suppressed,
                            base: i.unweighted.base,
                          },
                        ]),
                      ),
                    },
                    {
                      key: "weighted",
                      label: t("analysis.weighting.weighted"),
                      cells: Object.fromEntries(
                        items.map((i) => [
                          i.question,
                          i.weighted
                            ? {
                                share: i.weighted.share,
                                ciLow: i.weighted.ci_low,
                                ciHigh: i.weighted.ci_high,
                                suppressed: false,
                              }
                            : { share: null, ciLow: null, ciHigh: null, suppressed: true },
                        ]),
                      ),
                    },
                  ]}
                  labels={labels}
                  width={900}
                  max={kind === "problem" ? undefined : 1}
                  fileName={`${survey.slug}-vagning-${kind}`}
                />
                <TableWrap label={t("analysis.weighting.tableCaption", { kind: t(`analysis.kind.${kind}`) })}>
                  <table>
                    <caption>{t("analysis.weighting.tableCaption", { kind: t(`analysis.kind.${kind}`) })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("charts.col.item")}</th>
                        <th scope="col">{t("analysis.weighting.unweighted")}</th>
                        <th scope="col" className="num">
                          {t("analysis.weighting.base")}
                        </th>
                        <th scope="col">{t("analysis.weighting.weighted")}</th>
                        <th scope="col" className="num">
                          {t("analysis.weighting.effectiveN")}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((i) => (
                        <tr key={i.question}>
                          <th scope="row">{i.title}</th>
                          <td>{interval(i.unweighted.share, i.unweighted.ci_low, i.unweighted.ci_high)}</td>
                          <td className="num">{i.unweighted.base ?? "–"}</td>
                          <td>
                            {i.weighted
                              ? interval(i.weighted.share, i.weighted.ci_low, i.weighted.ci_high)
                              : t("results.suppressed", { min: w.minBase })}
                          </td>
                          <td className="num">{i.weighted ? count(i.weighted.effective_n) : "–"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              </section>
            );
          })
        : null}

      {w.applied && w.questions.length ? (
        <section aria-labelledby="w-questions">
          <h2 id="w-questions">{t("analysis.weighting.questionsTitle")}</h2>
          <details>
            <summary>{t("analysis.weighting.questionsShow", { n: w.questions.length })}</summary>
            {w.questions.map((q) => (
              <TableWrap key={q.name} label={q.group ? `${q.group}: ${q.title}` : q.title}>
                <table>
                  <caption>{q.group ? `${q.group}: ${q.title}` : q.title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("results.col.option")}</th>
                      <th scope="col" className="num">
                        {t("analysis.weighting.unweighted")}
                      </th>
                      <th scope="col" className="num">
                        {t("analysis.weighting.weighted")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {q.options.map((o) => (
                      <tr key={o.value}>
                        <th scope="row">{o.label}</th>
                        {o.suppressed || o.unweighted === null ? (
                          <td colSpan={2} className="suppressed">
                            {t("results.suppressed", { min: w.minBase })}
                          </td>
                        ) : (
                          <>
                            <td className="num">{pct(o.unweighted)}</td>
                            <td className="num">{o.weighted !== null ? pct(o.weighted) : "–"}</td>
                          </>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            ))}
          </details>
        </section>
      ) : null}

      <section aria-labelledby="population">
        <h2 id="population">{t("analysis.weighting.populationTitle")}</h2>
        {w.population ? (
          <p>
            {t(`analysis.weighting.populationFrom.${w.population.scope}`, {
              source: w.population.source,
              date: w.population.updatedAt.slice(0, 10),
            })}
          </p>
        ) : null}
        {w.grid.ageBands.length === 0 || w.grid.genders.length === 0 ? (
          <p>{t("analysis.weighting.noGrid")}</p>
        ) : canEdit ? (
          <Form method="post" className="population-grid">
            <CsrfField />
            <FieldErrors errors={result?.errors} />
            <p className="hint">{t("analysis.weighting.formHint")}</p>
            <div className="stack">
              <label htmlFor="source">{t("analysis.weighting.source")}</label>
              <input
                id="source"
                name="source"
                required
                maxLength={200}
                defaultValue={w.population?.source ?? ""}
                aria-describedby="source-hint"
              />
              <span id="source-hint" className="hint">
                {t("analysis.weighting.sourceHint")}
              </span>
            </div>
            <fieldset>
              <legend>{t("analysis.weighting.scope")}</legend>
              <label>
                <input type="radio" name="scope" value="kommun" defaultChecked={w.population?.scope !== "survey"} />{" "}
                {t("analysis.weighting.scope.kommun")}
              </label>
              <br />
              <label>
                <input type="radio" name="scope" value="survey" defaultChecked={w.population?.scope === "survey"} />{" "}
                {t("analysis.weighting.scope.survey")}
              </label>
            </fieldset>
            <TableWrap label={t("analysis.weighting.gridCaption")}>
              <table>
                <caption>{t("analysis.weighting.gridCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("results.age")}</th>
                    {w.grid.genders.map((g) => (
                      <th key={g.value} scope="col">
                        {g.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {w.grid.ageBands.map((a) => (
                    <tr key={a.value}>
                      <th scope="row">{a.label}</th>
                      {w.grid.genders.map((g) => {
                        const key = `${a.value}|${g.value}`;
                        return (
                          <td key={g.value}>
                            <input
                              id={`pop.${key}`}
                              name={`pop.${key}`}
                              inputMode="numeric"
                              aria-label={t("analysis.weighting.cellLabel", { gender: g.label, age: a.label })}
                              defaultValue={popOf.has(key) ? String(popOf.get(key)) : ""}
                              aria-invalid={result?.errors?.some((e) => e.field === `pop.${key}`) ? true : undefined}
                            />
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <div className="filter-actions">
              <button type="submit" name="intent" value="save">
                {t("analysis.weighting.save")}
              </button>
              {w.population ? (
                <button type="submit" name="intent" value="delete" className="secondary" formNoValidate>
                  {t("analysis.weighting.delete")}
                </button>
              ) : null}
            </div>
          </Form>
        ) : w.population ? (
          <TableWrap label={t("analysis.weighting.gridCaption")}>
            <table>
              <caption>{t("analysis.weighting.gridCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("results.age")}</th>
                  {w.grid.genders.map((g) => (
                    <th key={g.value} scope="col" className="num">
                      {g.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {w.grid.ageBands.map((a) => (
                  <tr key={a.value}>
                    <th scope="row">{a.label}</th>
                    {w.grid.genders.map((g) => (
                      <td key={g.value} className="num">
                        {popOf.has(`${a.value}|${g.value}`) ? count(popOf.get(`${a.value}|${g.value}`)!) : "–"}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>{t("analysis.weighting.askAnalyst")}</p>
        )}
      </section>
    </section>
  );
}
