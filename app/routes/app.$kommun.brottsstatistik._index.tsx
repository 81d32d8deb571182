import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { crimeAreas, crimeSummary, crimeYears } from "~/features/crime/index.server";
import {
  CRIME_CATEGORIES,
  CRIME_GROUPS,
  formatCount,
  formatRate,
  formatRelative,
  type CrimeCategorySummary,
} from "~/features/crime/index";
import { THEMES, type ThemeKey } from "~/features/surveys/index";
import { requireKommun } from "~/features/accounts/index.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { RateLines } from "~/components/charts/RateLines";
import { useChartLabels } from "~/components/charts/labels";
import { DemoBanner } from "~/components/crime/DemoBanner";
import { DataTable } from "~/components/DataTable";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.crime");

const year = z
  .string()
  .regex(/^\d{4}$/)
  .transform(Number)
  .optional();
const query = z.object({ kategori: z.string().max(100).optional(), fran: year, till: year });

/** The trend of one category (the URL's, else all reported crime) and the latest year of every category. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db, permissions } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const sp = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
    const q = query.safeParse(sp);
    if (!q.success) throw new Invalid([fieldError("fran", "crime.err.year", { max: new Date().getFullYear() })]);
    const known = CRIME_CATEGORIES.map((c) => c.sv).join(", ");
    if (q.data.kategori && !CRIME_CATEGORIES.some((c) => c.id === q.data.kategori))
      throw new Invalid([fieldError("kategori", "crime.err.unknownCategory", { known })]);
    const { fran: fromYear = null, till: toYear = null } = q.data;
    const years = await crimeYears({ db, kommunId: kommun.id });
    const summary = await crimeSummary({ db, kommunId: kommun.id, fromYear, toYear });
    const selected =
      summary.categories.find((c) => c.category === q.data.kategori) ??
      summary.categories.find((c) => c.category === "total") ??
      summary.categories[0] ??
      null;
    const areas = selected
      ? await crimeAreas({ db, kommunId: kommun.id, category: selected.category, fromYear, toYear })
      : [];
    return {
      kommun,
      years,
      fromYear,
      toYear,
      summary,
      selected,
      requested: q.data.kategori ?? null,
      areas,
      canImport: permissions.permissions.includes("crime:import"),
    };
  });

export default function CrimeStatistics() {
  const t = useT();
  const { kommun, years, fromYear, toYear, summary, selected, requested, areas, canImport } =
    useLoaderData<typeof loader>();
  const locale = t.locale;
  const name = (c: { label: { sv: string; en: string } }) => (locale === "en" ? c.label.en : c.label.sv);
  const themeNames = (themes: readonly string[]) =>
    themes.map((k) => (locale === "en" ? THEMES[k as ThemeKey].label.en : THEMES[k as ThemeKey].label.sv)).join(", ");
  const county = summary.county ?? t("crime.noCounty");
  const rate = (r: number | null) => formatRate(r, locale);

  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}`}>{kommun.name}</Link>
      </p>
      <h1>{t("crime.title")}</h1>
      <p className="lead">{t("crime.intro")}</p>
      {summary.demo ? <DemoBanner /> : null}
      {canImport ? (
        <p>
          <Link className="button" to={`/app/${kommun.slug}/brottsstatistik/import`}>
            {t("crime.importLink")}
          </Link>
        </p>
      ) : null}

      {years.length === 0 ? (
        <p>{t("crime.empty")}</p>
      ) : (
        <>
          <Form method="get" className="stack" aria-label={t("crime.choose")}>
            <label htmlFor="kategori">{t("crime.category")}</label>
            <select id="kategori" name="kategori" defaultValue={requested ?? selected?.category ?? ""}>
              {CRIME_GROUPS.map((g) => (
                <optgroup key={g} label={t(`crime.group.${g}`)}>
                  {CRIME_CATEGORIES.filter((c) => c.group === g).map((c) => (
                    <option key={c.id} value={c.id}>
                      {locale === "en" ? c.en : c.sv}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <label htmlFor="fran">{t("crime.fromYear")}</label>
            <YearSelect name="fran" years={years} value={fromYear} />
            <label htmlFor="till">{t("crime.toYear")}</label>
            <YearSelect name="till" years={years} value={toYear} />
            <button type="submit">{t("crime.show")}</button>
          </Form>

          {selected ? <Trend category={selected} kommun={kommun.name} county={county} name={name(selected)} /> : null}
          {selected ? (
            <p>
              {selected.themes.length
                ? t("crime.themesOf", { themes: themeNames(selected.themes) })
                : t("crime.noThemes")}
            </p>
          ) : null}

          {areas.length ? (
            <>
              <h2>{t("crime.areasTitle")}</h2>
              <p className="hint">{t("crime.areasIntro")}</p>
              {areas.some((a) => a.demo) ? <p className="notice">{t("crime.demoFigure")}</p> : null}
              <DataTable
                columns={[
                  { label: t("crime.col.area") },
                  { label: t("crime.col.year") },
                  { label: t("crime.col.count"), num: true },
                  { label: t("crime.col.rate"), num: true },
                ]}
              >
                {areas.flatMap((a) =>
                  a.years.map((y) => (
                    <tr key={`${a.area}-${y.year}`}>
                      <th scope="row">{a.area}</th>
                      <td>{y.year}</td>
                      <td className="num">{formatCount(y.count, locale)}</td>
                      <td className="num">{rate(y.rate)}</td>
                    </tr>
                  )),
                )}
              </DataTable>
            </>
          ) : null}

          <h2>{t("crime.overviewTitle")}</h2>
          {summary.demo ? <p className="notice">{t("crime.demoFigure")}</p> : null}
          <DataTable
            columns={[
              { label: t("crime.col.category") },
              { label: t("crime.col.year") },
              { label: t("crime.col.count"), num: true },
              { label: t("crime.col.rate"), num: true },
              { label: t("crime.col.countyRate", { county }), num: true },
              { label: t("crime.col.nationalRate"), num: true },
              { label: t("crime.col.change"), num: true },
            ]}
          >
            {summary.categories.map((c) => {
              const last = c.years[c.years.length - 1]!;
              return (
                <tr key={c.category}>
                  <th scope="row">
                    <Link to={c.link}>{name(c)}</Link>
                  </th>
                  <td>{last.year}</td>
                  <td className="num">{formatCount(last.count, locale)}</td>
                  <td className="num">{rate(last.rate)}</td>
                  <td className="num">{rate(last.countyRate)}</td>
                  <td className="num">{rate(last.nationalRate)}</td>
                  <td className="num">{formatRelative(c.changeFromPreviousYear?.relative ?? null, locale)}</td>
                </tr>
              );
            })}
          </DataTable>
          <p className="hint">{t("crime.smallNumbers")}</p>
          {summary.sources.map((s) => (
            <p key={s} className="hint">
              {t("crime.source", { source: s })}
            </p>
          ))}
        </>
      )}
    </section>
  );
}

/** One category's rates over the years beside the county's and the country's, and its counts as a table. */
function Trend(props: { category: CrimeCategorySummary; kommun: string; county: string; name: string }) {
  const t = useT();
  const labels = useChartLabels();
  const locale = t.locale;
  const rate = (r: number | null) => formatRate(r, locale);
  const { category: c } = props;
  const last = c.years[c.years.length - 1]!;
  const summaryText =
    last.countyRate !== null && last.nationalRate !== null
      ? t("crime.trendSummary", {
          kommun: props.kommun,
          rate: rate(last.rate),
          year: last.year,
          county: props.county,
          countyRate: rate(last.countyRate),
          nationalRate: rate(last.nationalRate),
        })
      : t("crime.trendSummaryNoRef", { kommun: props.kommun, rate: rate(last.rate), year: last.year });
  return (
    <>
      <h2>{props.name}</h2>
      {c.demo ? <p className="notice">{t("crime.demoFigure")}</p> : null}
      <RateLines
        title={t("crime.trendTitle", { category: props.name })}
        summary={summaryText}
        labels={labels}
        periods={c.years.map((y) => String(y.year))}
        itemHeader={t("crime.col.area")}
        series={[
          { key: "kommun", label: props.kommun, values: c.years.map((y) => y.rate) },
          { key: "lan", label: props.county, values: c.years.map((y) => y.countyRate) },
          { key: "riket", label: t("crime.series.national"), values: c.years.map((y) => y.nationalRate) },
        ]}
        format={(v) => formatRate(v, locale, v >= 100 || Number.isInteger(v) ? 0 : 1)}
        pointTooltip={(series, year, value) => t("crime.rateTooltip", { series, year, rate: value })}
        missingTooltip={(series, year) => `${series} ${year}: –`}
        notes={c.demo ? [t("crime.demoFigure")] : []}
      />
      <h3>{t("crime.countsTitle")}</h3>
      <DataTable
        columns={[
          { label: t("crime.col.year") },
          { label: t("crime.col.count"), num: true },
          { label: t("crime.col.population"), num: true },
          { label: t("crime.col.rate"), num: true },
          { label: t("crime.col.countyRate", { county: props.county }), num: true },
          { label: t("crime.col.nationalRate"), num: true },
        ]}
      >
        {c.years.map((y) => (
          <tr key={y.year}>
            <th scope="row">{y.year}</th>
            <td className="num">{formatCount(y.count, locale)}</td>
            <td className="num">{formatCount(y.population, locale)}</td>
            <td className="num">{rate(y.rate)}</td>
            <td className="num">{rate(y.countyRate)}</td>
            <td className="num">{rate(y.nationalRate)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/** A choice of one of the years (or none, "–"), its id and name `name`, preselecting `value`. */
function YearSelect({
  name,
  years,
  value,
}: {
  name: string;
  years: readonly number[];
  value: number | null | undefined;
}) {
  return (
    <select id={name} name={name} defaultValue={value ?? ""}>
      <option value="">–</option>
      {years.map((y) => (
        <option key={y} value={y}>
          {y}
        </option>
      ))}
    </select>
  );
}
