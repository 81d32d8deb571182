import { useLocation, useRouteLoaderData } from "@remix-run/react";
import type { rootData } from "~/root-data.server";
import { pageLocale, shownLocale, translate, translatePlural, type MessageKey, type PluralKey } from "./i18n";

/**
 * The translator for the current page's locale: the one picked, or Swedish on a page without that locale's catalogue
 * (i18n.ts pageLocale). `langOf(key)` is the `lang` attribute an element showing that message needs: undefined when
 * it is in the page's language, else the language it falls back to.
 */
export function useT() {
  const data = useRouteLoaderData<typeof rootData>("root");
  const { pathname } = useLocation();
  const locale = pageLocale(data?.locale ?? "sv", pathname);
  return Object.assign((key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params), {
    locale,
    langOf: (key: MessageKey) => (shownLocale(locale, key) === locale ? undefined : shownLocale(locale, key)),
    /** The plural form for `n` (catalogue keys `<key>.one`, `<key>.other`). */
    plural: (key: PluralKey, n: number, params?: Record<string, string | number>) =>
      translatePlural(locale, key, n, params),
  });
}

/** The root route's data (locale, CSRF token, user), typed from its loader (app/root-data.server.ts). */
export function useRootData() {
  return useRouteLoaderData<typeof rootData>("root");
}
