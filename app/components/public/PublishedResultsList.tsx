import { Link } from "@remix-run/react";
import { publicResultsPath } from "~/features/results/index";
import { useT } from "~/i18n/use-t";

export type PublishedResultsItem = { kommun: string; kommunName: string; slug: string; title: string; period: string };

/**
 * The "Det här svarade ni" links of published survey results (docs/domain/feedback-to-citizens.md), for the public
 * pages that point to them. Renders nothing when there are none. `withKommun` names the kommun of each (the start
 * page lists all kommuner's).
 */
export function PublishedResultsList({
  items,
  headingKey = "public.list.title",
  withKommun = false,
  id = "published-results",
}: {
  items: readonly PublishedResultsItem[];
  headingKey?: "public.list.title" | "public.list.home";
  withKommun?: boolean;
  id?: string;
}) {
  const t = useT();
  if (!items.length) return null;
  // Survey titles are the kommun's own, in Swedish.
  const sv = t.locale === "sv" ? undefined : "sv";
  return (
    <section aria-labelledby={id}>
      <h2 id={id} lang={t.langOf(headingKey)}>
        {t(headingKey)}
      </h2>
      <ul>
        {items.map((r) => (
          <li key={`${r.kommun}/${r.slug}`}>
            <Link to={publicResultsPath(r.kommun, r.slug)}>
              {withKommun ? `${r.kommunName}: ` : null}
              <span lang={sv}>{r.title}</span> ({r.period})
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
