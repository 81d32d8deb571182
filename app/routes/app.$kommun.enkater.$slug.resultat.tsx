import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getResults, type Results, type ResultQuestion } from "~/models/results.server";
import { getSurvey } from "~/models/survey.server";
import { formatPercent } from "~/models/statistics";
import { requireKommun } from "~/utils/auth.server";
import { NotFound } from "~/utils/errors.server";
import { page } from "~/utils/http.server";
import { useT } from "~/utils/use-t";
import { RankedBars } from "~/components/charts/RankedBars";
import { DivergingBars } from "~/components/charts/DivergingBars";
import { useChartLabels } from "~/components/charts/labels";
import type { ShareItem } from "~/components/charts/types";

export const meta: MetaFunction = () => [{ title: "Problembild – Trygghetsdialog" }];

/** The problembild of one survey: filters live in the URL (the same `where=` as the results API). */
export const loader = /* @__PURE__ */ page(async ({ request, params }: LoaderFunctionArgs) => {
  const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
  const survey = await getSurvey({ db, slug: params.slug ?? "" });
  if (survey.kommun_id !== kommun.id) throw new NotFound();
  const url = new URL(request.url);
  // Empty selects submit "" — they mean "all" and are dropped here.
  const where = url.searchParams.getAll("where").filter((w) => !w.endsWith(":") && w.includes(":"));
  const results = await getResults({
    db,
    surveyId: survey.id,
    filters: { where, from: url.searchParams.get("from") || null, to: url.searchParams.get("to") || null, channel: url.searchParams.getAll("channel").filter(Boolean) },
  });
  return Response.json({ kommun, survey: { slug: survey.slug, title: survey.title, period: survey.period }, results, selected: where });
});

type Data = { kommun: { slug: string; name: string }; survey: { slug: string; title: string; period: string }; results: Results; selected: string[] };

function FilterSelect({ q, label, selected }: { q: ResultQuestion | undefined; label: string; selected: string[] }) {
  const t = useT();
  if (!q) return null;
  const current = selected.find((w) => w.startsWith(`${q.name}:`)) ?? "";
  return (
    <div className="stack">
      <label htmlFor={`f-${q.name}`}>{label}</label>
      <select id={`f-${q.name}`} name="where" defaultValue={current}>
        <option value="">{t("results.all")}</option>
        {q.options.map((o) => (
          <option key={o.value} value={`${q.name}:${o.value}`}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function ProblemPicture() {
  const t = useT();
  const { kommun, survey, results, selected } = useLoaderData<Data>();
  const labels = useChartLabels({ minBase: results.minBase });
  const byName = new Map(results.questions.map((q) => [q.name, q]));
  const titleOf = (name: string) => byName.get(name)?.title ?? name;
  const pct = (p: number) => formatPercent(p, t.locale);
  const itemsOf = (kind: "problem" | "safety"): ShareItem[] =>
    results.indicators
      .filter((i) => i.kind === kind)
      .map((i) => ({ key: i.question, label: titleOf(i.question), share: i.share, ciLow: i.ci_low, ciHigh: i.ci_high, suppressed: i.suppressed, base: i.base }));
  const problems = itemsOf("problem");
  const safety = itemsOf("safety");
  const top = (items: ShareItem[]) => [...items].filter((i) => !i.suppressed && i.share !== null).sort((a, b) => b.share! - a.share!)[0];
  const topProblem = top(problems);
  const topUnsafe = top(safety);
  const matrixRows = results.questions.filter((q) => q.group && q.options.some((o) => o.value === "4"));
  const area = byName.get("area");
  const hiddenSummary = results.suppressed ? t("results.tooFew", { min: results.minBase }) : t("results.hiddenSummary", { min: results.minBase });
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}/enkater/${survey.slug}`}>{survey.title}</Link> · {kommun.name}
      </p>
      <h1>{t("results.title", { survey: `${survey.title} (${survey.period})` })}</h1>

      <Form method="get" className="filters no-print" aria-label={t("results.filters")}>
        <FilterSelect q={area} label={t("results.area")} selected={selected} />
        <FilterSelect q={byName.get("age_band")} label={t("results.age")} selected={selected} />
        <FilterSelect q={byName.get("gender")} label={t("results.gender")} selected={selected} />
        <div className="filter-actions">
          <button type="submit">{t("results.apply")}</button>
          <Link to="?">{t("results.reset")}</Link>
        </div>
      </Form>

      {results.suppressed ? (
        <p role="status" className="notice">
          {t("results.tooFew", { min: results.minBase })}
        </p>
      ) : (
        <p>{t("results.respondents", { n: results.respondents ?? 0 })}</p>
      )}

      {problems.length ? (
        <RankedBars
          title={t("results.problems")}
          summary={topProblem ? t("results.problemsSummary", { item: topProblem.label, share: pct(topProblem.share!) }) : hiddenSummary}
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
          summary={topUnsafe ? t("results.safetySummary", { item: topUnsafe.label, share: pct(topUnsafe.share!) }) : hiddenSummary}
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
            side: o.value === "4" || o.value === "3" ? ("left" as const) : o.value === "dont_know" ? ("aside" as const) : ("right" as const),
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

      <h2>{t("results.distributions")}</h2>
      {results.questions.map((q) => (
        <div key={q.name} className="table-wrap">
          <table>
            <caption>
              {q.group ? `${q.group.title}: ` : ""}
              {q.title}
              {q.answered !== null ? ` (${t("results.answered", { n: q.answered })})` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("results.col.option")}</th>
                <th scope="col" className="num">
                  {t("results.col.n")}
                </th>
                <th scope="col" className="num">
                  {t("results.col.share")}
                </th>
                <th scope="col">{t("results.col.ci")}</th>
              </tr>
            </thead>
            <tbody>
              {q.options.map((o) => (
                <tr key={o.value}>
                  <th scope="row">{o.label}</th>
                  {o.suppressed || o.n === null ? (
                    <td colSpan={3} className="suppressed">
                      {t("results.suppressed", { min: results.minBase })}
                    </td>
                  ) : (
                    <>
                      <td className="num">{o.n}</td>
                      <td className="num">{o.share !== null ? pct(o.share) : "–"}</td>
                      <td>{o.ci_low !== null && o.ci_high !== null ? `${pct(o.ci_low)}–${pct(o.ci_high)}` : "–"}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <p className="hint">{t("results.method", { min: results.minBase })}</p>
    </section>
  );
}
