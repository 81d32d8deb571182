import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** The coordinator's EST pages: the week's reports, the picture, the reporters, the categories. */
export function EstNav({ kommun, current }: { kommun: { slug: string; name: string }; current: string }) {
  const t = useT();
  const pages = [
    { to: `/app/${kommun.slug}/est`, label: t("est.nav.week") },
    { to: `/app/${kommun.slug}/est/bild`, label: t("est.nav.picture") },
    { to: `/app/${kommun.slug}/est/rapportorer`, label: t("est.nav.reporters") },
    { to: `/app/${kommun.slug}/est/kategorier`, label: t("est.nav.categories") },
  ];
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
