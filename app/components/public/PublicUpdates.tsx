import { Link } from "@remix-run/react";
import { formatDateSv } from "~/features/promises/index";
import { useT } from "~/i18n/use-t";

export type PublicUpdateItem = { id: number; doneOn: string; text: string; promiseText: string; documentId: number };

/**
 * "Det här har vi gjort": the follow-up updates editors marked public (docs/domain/feedback-to-citizens.md), newest
 * first, each dated and under the promise it was done for, with the feed to follow them. `more` links to the page
 * that lists them all (the kommun's page shows only the latest).
 */
export function PublicUpdates({
  items,
  feed,
  subscribe,
  headingKey = "public.updates.title",
  more,
}: {
  items: readonly PublicUpdateItem[];
  feed: string;
  /** The page to subscribe to the same updates by e-mail. */
  subscribe: string;
  headingKey?: "public.updates.title" | "public.updates.latest";
  more?: { to: string; title: string };
}) {
  const t = useT();
  // The texts are the kommun's own, in Swedish.
  const sv = t.locale === "sv" ? undefined : "sv";
  return (
    <section aria-labelledby="public-updates" className="public-updates">
      <h2 id="public-updates" lang={t.langOf(headingKey)}>
        {t(headingKey)}
      </h2>
      {items.length === 0 ? (
        <p lang={t.langOf("public.updates.none")}>{t("public.updates.none")}</p>
      ) : (
        <>
          <p lang={t.langOf("public.updates.intro")}>{t("public.updates.intro")}</p>
          <ol className="updates">
            {items.map((u) => (
              <li key={u.id} id={`uppdatering-${u.id}`}>
                <time dateTime={u.doneOn}>{formatDateSv(u.doneOn)}</time>
                <p className="prewrap" lang={sv}>
                  {u.text}
                </p>
                <p className="hint">
                  <span lang={t.langOf("public.updates.forPromise")}>
                    {t("public.updates.forPromise", { promise: "" })}
                  </span>
                  <span lang={sv}>{u.promiseText}</span>
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
      <p className="no-print">
        {more ? (
          <>
            <Link to={more.to}>{t("public.updates.all", { title: more.title })}</Link> ·{" "}
          </>
        ) : null}
        <Link to={subscribe} lang={t.langOf("subscribe.link")}>
          {t("subscribe.link")}
        </Link>{" "}
        ·{" "}
        <a href={feed} type="application/atom+xml" lang={t.langOf("public.updates.feed")}>
          {t("public.updates.feed")}
        </a>
      </p>
    </section>
  );
}
