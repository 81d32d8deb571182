/**
 * EST in a promise document's follow-up (docs/domain/est.md, "EST in the promises' follow-up"): for each focus area
 * whose themes an EST category informs, the reviewed figures of those categories per tertial of the document's
 * period, for the whole kommun and for each zone a promise of the area names, with links to the tertial's picture;
 * with two tertials or more, the whole kommun's count categories also as a line chart (with its own table).
 * Nothing when the kommun has no reviewed EST report or no focus area is informed.
 */
import type { EstTertialFigures } from "~/features/est/index.server";
import { useT } from "~/i18n/use-t";
import { TableWrap } from "~/components/TableWrap";
import { RateLines } from "~/components/charts/RateLines";
import { useChartLabels } from "~/components/charts/labels";

export interface EstFollowUpArea {
  id: number;
  title: string;
  themes: readonly string[];
  zones: readonly { id: number; name: string }[];
}

export function EstFollowUp({
  est,
  focusAreas,
  kommunSlug,
}: {
  est: EstTertialFigures | null;
  focusAreas: readonly EstFollowUpArea[];
  kommunSlug: string;
}) {
  const t = useT();
  const labels = useChartLabels();
  if (!est) return null;
  const informed = focusAreas
    .map((f) => ({ ...f, categories: est.categories.filter((c) => c.themes.some((th) => f.themes.includes(th))) }))
    .filter((f) => f.categories.length > 0);
  if (!informed.length) return null;
  const fmt = (v: number | null | undefined) =>
    v === null || v === undefined ? "–" : v.toLocaleString(t.locale === "en" ? "en-GB" : "sv-SE");
  const label = (c: EstTertialFigures["categories"][number]) => (t.locale === "en" ? c.label.en : c.label.sv);
  const any = est.reports.some((n) => n > 0);
  const last = est.tertials[est.tertials.length - 1];
  const pictureLink = `/app/${kommunSlug}/est/bild${last ? `?period=ar&ar=${last.year}` : ""}`;
  const periodLabels = est.tertials.map((p) => t("est.followup.tertial", { tertial: p.tertial, year: p.year }));
  const head = (
    <tr>
      <th scope="col">{t("est.followup.col.category")}</th>
      {est.tertials.map((p) => (
        <th key={`${p.year}-${p.tertial}`} scope="col" className="num">
          <a href={p.link}>{t("est.followup.tertial", { tertial: p.tertial, year: p.year })}</a>
        </th>
      ))}
    </tr>
  );
  return (
    <section aria-labelledby="est-followup">
      <h2 id="est-followup">{t("est.followup.title")}</h2>
      <p>{t("est.followup.intro")}</p>
      {est.demo ? <p className="notice">{t("est.picture.demo")}</p> : null}
      {!any ? (
        <p>{t("est.followup.none")}</p>
      ) : (
        <>
          <p>
            {t("est.followup.reports", {
              reports: est.reports.reduce((a, b) => a + b, 0),
              tertials: est.tertials.length,
            })}
          </p>
          {informed.map((f) => {
            const caption = t("est.followup.caption", { area: f.title });
            return (
              <section key={f.id} aria-labelledby={`est-fa-${f.id}`}>
                <h3 id={`est-fa-${f.id}`}>{f.title}</h3>
                <TableWrap label={caption}>
                  <table>
                    <caption>{caption}</caption>
                    <thead>{head}</thead>
                    <tbody>
                      {f.categories.map((c) => {
                        const unit = c.measure === "level" ? ` (${t("est.picture.levelNote")})` : "";
                        return [
                          <tr key={c.key}>
                            <th scope="row">{t("est.followup.row.kommun", { category: label(c) + unit })}</th>
                            {(est.kommun[c.key] ?? []).map((v, i) => (
                              <td key={i} className="num">
                                {fmt(v)}
                              </td>
                            ))}
                          </tr>,
                          ...f.zones.map((z) => (
                            <tr key={`${c.key}-${z.id}`}>
                              <th scope="row">
                                {t("est.followup.row.zone", { category: label(c) + unit, zone: z.name })}
                              </th>
                              {(est.zones[z.id]?.[c.key] ?? []).map((v, i) => (
                                <td key={i} className="num">
                                  {fmt(v)}
                                </td>
                              ))}
                            </tr>
                          )),
                        ];
                      })}
                      <tr>
                        <th scope="row">{t("est.followup.row.reports")}</th>
                        {est.reports.map((n, i) => (
                          <td key={i} className="num">
                            {fmt(n)}
                          </td>
                        ))}
                      </tr>
                    </tbody>
                  </table>
                </TableWrap>
                {est.tertials.length > 1 && f.categories.some((c) => c.measure === "count") ? (
                  <RateLines
                    title={t("est.followup.chartTitle", { area: f.title })}
                    summary={t("est.followup.chartSummary", {
                      from: periodLabels[0] ?? "",
                      to: periodLabels[periodLabels.length - 1] ?? "",
                    })}
                    labels={labels}
                    periods={periodLabels}
                    itemHeader={t("est.followup.col.category")}
                    series={f.categories
                      .filter((c) => c.measure === "count")
                      .map((c) => ({ key: c.key, label: label(c), values: est.kommun[c.key] ?? [] }))}
                    format={(v) => fmt(v)}
                    pointTooltip={(series, period, value) => t("est.followup.pointTooltip", { series, period, value })}
                    missingTooltip={(series, period) => t("est.followup.missingTooltip", { series, period })}
                    locale={t.locale}
                  />
                ) : null}
              </section>
            );
          })}
          <p className="hint">{t("est.followup.hint")}</p>
        </>
      )}
      <p>
        <a href={pictureLink}>{t("est.followup.link")}</a>
      </p>
    </section>
  );
}
