import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** The coordinator's EST pages: their message names (est.nav.<page>, est.<page>.title) and paths below /est. */
const EST_PAGES = [
  ["week", ""],
  ["picture", "/bild"],
  ["reporters", "/rapportorer"],
  ["categories", "/kategorier"],
] as const;

type EstPage = (typeof EST_PAGES)[number][0];

/** The coordinator's EST pages: the week's reports, the picture, the reporters, the categories. */
export function EstNav({ kommun, current }: { kommun: { slug: string; name: string }; current: string }) {
  const t = useT();
  const pages = EST_PAGES.map(([page, path]) => ({
    to: `/app/${kommun.slug}/est${path}`,
    label: t(`est.nav.${page}`),
  }));
  return (
    <>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}`}>{kommun.name}</Link>
      </p>
      <nav aria-label={t("est.title")}>
        <ul className="est-nav">
          {pages.map((p) => (
            <li key={p.to}>
              {p.to === current ? <span aria-current="page">{p.label}</span> : <Link to={p.to}>{p.label}</Link>}
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

/** The head of one of the EST pages: the navigation with that page current, its heading and its lead paragraph. */
export function EstPageHead({ kommun, page }: { kommun: { slug: string; name: string }; page: EstPage }) {
  const t = useT();
  const path = EST_PAGES.find(([p]) => p === page)![1];
  return (
    <>
      <EstNav kommun={kommun} current={`/app/${kommun.slug}/est${path}`} />
      <h1>{t(`est.${page}.title`)}</h1>
      <p className="lead">{t(`est.${page}.intro`)}</p>
    </>
  );
}
