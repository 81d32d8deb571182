import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import type { ReactNode } from "react";
import { Form, useLoaderData } from "@remix-run/react";
import { requireKommun } from "~/features/accounts/index.server";
import { estPicture } from "~/features/est/index.server";
import {
  mapCategory,
  periodFromQuery,
  periodQuery,
  weekNumber,
  tertialOf,
  type EstCategory,
} from "~/features/est/index";
import { listZones } from "~/features/places/index.server";
import { zoneShapes } from "~/features/places/index";
import { stockholmDay } from "~/platform/dates";
import { Invalid, fieldError } from "~/platform/errors.server";
import { page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { RateLines } from "~/components/charts/RateLines";
import { useChartLabels } from "~/components/charts/labels";
import { EstPageHead } from "~/components/est/EstNav";
import { ZoneChoropleth } from "~/components/places/ZoneChoropleth";
import estCss from "~/styles/est.css";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: estCss }];

export const meta = pageTitle("title.estPicture");

const MAP_WIDTH = 640;
const MAP_HEIGHT = 440;

/**
 * The picture of a week, tertial or year from reviewed reports: per category and zone, the trend per week, and one
 * category's figures on the map of the kommun's zones (`kategori`; an unknown category answers 422, as a bad period).
 */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db, permissions } = await requireKommun(request, {
      slug: params.kommun,
      permission: "kommun:read",
    });
    const q = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
    const today = stockholmDay(new Date());
    const period = periodFromQuery(q, today);
    if (!period) throw new Invalid([fieldError("period", "est.err.period")]);
    const picture = await estPicture({ db, kommunId: kommun.id, period });
    const category = mapCategory(picture.categories, q.kategori);
    if (!category) throw new Invalid([fieldError("kategori", "est.err.category")]);
    // The zones' paths are drawn here, so the page carries SVG paths, not the zones' geometry.
    const shapes = picture.zones.length
      ? zoneShapes(await listZones({ db, kommunId: kommun.id }), MAP_WIDTH, MAP_HEIGHT, 40).map((s) => ({
          value: s.code,
          d: s.d,
          name: s.name,
          label: s.label,
        }))
      : [];
    return {
      kommun,
      picture,
      map: { category: category.key, width: MAP_WIDTH, height: MAP_HEIGHT, shapes },
      query: periodQuery(period),
      thisYear: Number(today.slice(0, 4)),
      coordinator: permissions.permissions.includes("est:coordinate"),
    };
  });

export default function EstPictureView() {
  const t = useT();
  const labels = useChartLabels();
  const { kommun, picture, map, query, thisYear } = useLoaderData<typeof loader>();
  const p = picture.period;
  const label = (c: EstCategory) => (t.locale === "en" ? c.label.en : c.label.sv);
  const fmt = (v: number | null | undefined) =>
    v === null || v === undefined ? "–" : v.toLocaleString(t.locale === "en" ? "en-GB" : "sv-SE");
  const heading =
    p.kind === "week"
      ? t("est.picture.heading.week", { number: weekNumber(p.week), year: p.week.slice(0, 4) })
      : p.kind === "tertial"
        ? t("est.picture.heading.tertial", { tertial: p.tertial, year: p.year })
        : t("est.picture.heading.year", { year: p.year });
  const counts = picture.categories.filter((c) => c.measure === "count");
  const year = p.kind === "week" ? Number(p.week.slice(0, 4)) : p.year;
  const tertial = p.kind === "tertial" ? p.tertial : p.kind === "week" ? tertialOf(p.week).tertial : 1;
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  const mapped = picture.categories.find((c) => c.key === map.category)!;
  // The map's category goes with a change of period, and the period with a change of category.
  const mapFigures = picture.zones.map((z) => ({
    value: z.code,
    label: z.name,
    figure: picture.cells[mapped.key]?.[z.id] ?? null,
  }));
  const mapTop = [...mapFigures]
    .filter((f) => f.figure !== null && f.figure > 0)
    .sort((a, b) => b.figure! - a.figure! || a.label.localeCompare(b.label, "sv"))[0];
  /** One of the period pickers: a GET form for the period kind that keeps the map's category. */
  const periodForm = (kind: "week" | "tertial" | "year", period: string, fields: ReactNode) => (
    <Form method="get" aria-label={t(`est.picture.kind.${kind}`)} className="stack">
      <input type="hidden" name="period" value={period} />
      <input type="hidden" name="kategori" value={map.category} />
      {fields}
      <button type="submit">{t("est.picture.show")}</button>
    </Form>
  );
  const yearField = (id: string) => (
    <>
      <label htmlFor={id}>{t("est.picture.year")}</label>
      <select id={id} name="ar" defaultValue={year}>
        {years.map((y) => (
          <option key={y}>{y}</option>
        ))}
      </select>
    </>
  );
  return (
    <section>
      <EstPageHead kommun={kommun} page="picture" />
      {picture.demo ? <p className="notice">{t("est.picture.demo")}</p> : null}
      <div className="est-periods">
        {periodForm(
          "week",
          "vecka",
          <>
            <label htmlFor="vecka">{t("est.picture.kind.week")}</label>
            <input id="vecka" name="vecka" type="week" defaultValue={p.kind === "week" ? p.week : ""} />
          </>,
        )}
        {periodForm(
          "tertial",
          "tertial",
          <>
            <label htmlFor="tertial">{t("est.picture.kind.tertial")}</label>
            <select id="tertial" name="tertial" defaultValue={tertial}>
              {[1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {t(`est.picture.tertial.${n as 1 | 2 | 3}`)}
                </option>
              ))}
            </select>
            {yearField("ar-tertial")}
          </>,
        )}
        {periodForm("year", "ar", yearField("ar"))}
      </div>

      <h2>{heading}</h2>
      {picture.zones.length === 0 ? (
        <p>{t("est.picture.noZones")}</p>
      ) : (
        <>
          <p>{t("est.picture.reports", { reports: picture.reports, pending: picture.pending })}</p>
          {picture.reports === 0 ? <p>{t("est.picture.none")}</p> : null}
          <div className="table-wrap">
            <table>
              <caption>{t("est.picture.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("est.picture.col.category")}</th>
                  {picture.zones.map((z) => (
                    <th key={z.id} scope="col" className="num">
                      {z.name}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t("est.picture.col.total")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {picture.categories.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">
                      {label(c)}
                      {c.measure === "level" ? ` (${t("est.picture.levelNote")})` : ""}
                    </th>
                    {picture.zones.map((z) => (
                      <td key={z.id} className="num">
                        {fmt(picture.cells[c.key]?.[z.id])}
                      </td>
                    ))}
                    <td className="num">{fmt(picture.totals[c.key])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {p.kind === "week" && picture.reports > 0 ? (
            <>
              <h3>{t("est.picture.unusualTitle")}</h3>
              {picture.unusual.length === 0 ? (
                <p>{t("est.picture.unusualNone")}</p>
              ) : (
                <ul>
                  {picture.unusual.map((u) => {
                    const c = picture.categories.find((x) => x.key === u.category);
                    return (
                      <li key={`${u.zoneId}-${u.category}`}>
                        {t("est.picture.unusualItem", {
                          category: c ? label(c) : u.category,
                          zone: picture.zones.find((z) => z.id === u.zoneId)?.name ?? "",
                          value: fmt(u.value),
                          usual: fmt(u.usual),
                          weeks: u.historyWeeks,
                        })}
                      </li>
                    );
                  })}
                </ul>
              )}
              <p className="hint">{t("est.picture.unusualHint")}</p>
            </>
          ) : null}
          <p>
            <a href={`/app/${kommun.slug}/est/bild.csv?${query}`} download>
              {t("est.picture.csv")}
            </a>
          </p>
          {map.shapes.length ? (
            <section aria-labelledby="est-map">
              <h3 id="est-map">{t("est.map.heading")}</h3>
              <Form method="get" aria-label={t("est.map.category")} className="stack narrow" key={map.category}>
                {query.split("&").map((pair) => {
                  const [name, value] = pair.split("=");
                  return <input key={name} type="hidden" name={name} value={value} />;
                })}
                <label htmlFor="kategori">{t("est.map.category")}</label>
                <select id="kategori" name="kategori" defaultValue={map.category}>
                  {picture.categories.map((c) => (
                    <option key={c.key} value={c.key}>
                      {label(c)}
                    </option>
                  ))}
                </select>
                <button type="submit">{t("est.picture.show")}</button>
              </Form>
              <ZoneChoropleth
                title={t("est.map.title", { category: label(mapped), period: heading })}
                map={map}
                fileName={`est-${kommun.slug}-${mapped.key}`}
                values={{
                  figures: mapFigures,
                  unit: t(mapped.measure === "count" ? "est.map.unit.count" : "est.map.unit.level"),
                  missing: t("est.map.missing"),
                  summary: mapTop
                    ? t(mapped.measure === "count" ? "est.map.summary" : "est.map.summaryLevel", {
                        zone: mapTop.label,
                        value: fmt(mapTop.figure),
                      })
                    : t(mapFigures.some((f) => f.figure !== null) ? "est.map.summaryZero" : "est.map.summaryNone"),
                  integer: mapped.measure === "count",
                  top: mapped.measure === "level" ? 3 : undefined,
                  format: (v) => fmt(v),
                }}
              />
              <p className="hint">{t("est.map.note")}</p>
            </section>
          ) : null}
          <RateLines
            title={t("est.picture.trendTitle")}
            summary={t("est.picture.trendSummary", {
              from: picture.trendWeeks[0] ?? "",
              to: picture.trendWeeks[picture.trendWeeks.length - 1] ?? "",
            })}
            labels={labels}
            periods={picture.trendWeeks.map((w) => String(weekNumber(w)))}
            itemHeader={t("est.picture.col.category")}
            series={counts.map((c) => ({ key: c.key, label: label(c), values: picture.trend[c.key] ?? [] }))}
            format={(v) => fmt(v)}
            pointTooltip={(series, period, value) => t("est.picture.pointTooltip", { series, period, value })}
            missingTooltip={(series, period) => t("est.picture.missingTooltip", { series, period })}
            notes={[t("est.picture.missingNote")]}
            locale={t.locale}
          />
        </>
      )}
    </section>
  );
}
