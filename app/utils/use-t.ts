import { useRouteLoaderData } from "@remix-run/react";
import { translate, type Locale, type MessageKey } from "./i18n";

export interface RootData {
  locale: Locale;
  csrf: string;
  user: { email: string; displayName: string; roles: { org: string; role: string; side: string | null }[] } | null;
}

/** The translator for the current page's locale. */
export function useT() {
  const data = useRouteLoaderData<RootData>("root");
  const locale = data?.locale ?? "sv";
  return Object.assign((key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params), {
    locale,
  });
}

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>("root");
}
