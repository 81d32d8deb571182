import { Link } from "@remix-run/react";
import { useState } from "react";
import { formatPercent } from "~/features/results/index";
import type { RankedThemeDetails } from "~/features/results/index.server";
import { useT } from "~/i18n/use-t";
import { SOURCE_LABEL } from "./labels";

/** One theme's figures: its score per source with the weights, the sentences behind them, and pinned quotes. */
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

/** The ranked themes, each opening to its figures, with the choice of themes for the promises. */
export function RankedList({
  ranking,
  kommunSlug,
  label,
}: {
  ranking: { themes: RankedThemeDetails[]; surveySlug: string | null };
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
