import { useLocation, useRouteLoaderData } from "@remix-run/react";
import {
  pageLocale,
  shownLocale,
  translate,
  translatePlural,
  type Locale,
  type MessageKey,
  type PluralKey,
} from "./i18n";

export interface RootData {
  locale: Locale;
  csrf: string;
  user: { email: string; displayName: string; roles: { org: string; role: string; side: string | null }[] } | null;
}

/**
 * The translator for the current page's locale: the one picked, or Swedish on a page without that locale's catalogue
 * (i18n.ts pageLocale). `langOf(key)` is the `lang` attribute an element showing that message needs: undefined when
 * it is in the page's language, else the language it falls back to.
 */
export function useT() {
  const data = useRouteLoaderData<RootData>("root");
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

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>("root");
}
