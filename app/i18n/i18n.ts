import svBase from "~/i18n/sv.json";
import svBuilder from "~/i18n/builder.sv.json";
import svStaff from "~/i18n/staff.sv.json";
import svImport from "~/i18n/import.sv.json";
import svCharts from "~/i18n/charts.sv.json";
import svDialog from "~/i18n/dialog.sv.json";
import svFollowup from "~/i18n/followup.sv.json";
import svReport from "~/i18n/report.sv.json";
import svPromises from "~/i18n/promises.sv.json";
import svRanking from "~/i18n/ranking.sv.json";
import svAnalysis from "~/i18n/analysis.sv.json";
import svCrime from "~/i18n/crime.sv.json";
import svPlans from "~/i18n/plans.sv.json";
import svSurveyForm from "~/i18n/survey-form.sv.json";
import svPublic from "~/i18n/public.sv.json";
import svPlaces from "~/i18n/places.sv.json";
import svEst from "~/i18n/est.sv.json";
import svTitles from "~/i18n/titles.sv.json";

// One catalogue per locale, assembled from a base file and one file per area of the product (so that parts
// built in parallel do not edit the same file). Swedish is the source: every key must exist in sv.
const sv = {
  ...svBase,
  ...svBuilder,
  ...svStaff,
  ...svImport,
  ...svCharts,
  ...svDialog,
  ...svFollowup,
  ...svReport,
  ...svPromises,
  ...svRanking,
  ...svAnalysis,
  ...svCrime,
  ...svPlans,
  ...svSurveyForm,
  ...svPublic,
  ...svPlaces,
  ...svEst,
  ...svTitles,
};

export const LOCALES = ["sv", "en", "fi"] as const;
export type Locale = (typeof LOCALES)[number];
/** Locales the staff-facing UI is translated into; Finnish covers the public, citizen-facing pages. */
export const UI_LOCALES: readonly Locale[] = ["sv", "en"];
export type MessageKey = keyof typeof sv;

/** A locale's messages: any subset of the Swedish keys (a missing one falls back to Swedish). */
export type Catalogue = Partial<Record<MessageKey, string>>;

/**
 * Swedish is in every bundle. English and Finnish are registered when loaded: on the server at start
 * (catalogues.server.ts), in the browser before hydration, only the locale picked (load-catalogue.ts), so a page in
 * Swedish does not carry the other catalogues (about 150 kB of script).
 */
const catalogues: Record<Locale, Catalogue> = { sv, en: {}, fi: {} };

/** Makes a locale's messages available to translate (see `catalogues`). */
export function registerCatalogue(locale: Exclude<Locale, "sv">, messages: Catalogue): void {
  catalogues[locale] = messages;
}

/** A message with plural forms: the catalogue holds `<key>.one` and `<key>.other` (CLDR categories). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

/**
 * A message in the plural form `n` takes in the locale ("1 ny länk", "2 nya länkar"); `{n}` is filled in. A form
 * the locale's catalogue lacks falls back to the whole Swedish message, with Swedish plural rules.
 */
export function translatePlural(
  locale: Locale,
  key: PluralKey,
  n: number,
  params?: Record<string, string | number>,
): string {
  const has = (l: Locale) => catalogues[l][`${key}.other` as MessageKey] !== undefined;
  const l: Locale = has(locale) ? locale : "sv";
  const form = `${key}.${new Intl.PluralRules(l).select(n)}` as MessageKey;
  const chosen = catalogues[l][form] !== undefined ? form : (`${key}.other` as MessageKey);
  return translate(l, chosen, { n, ...params });
}

/**
 * The public, citizen-facing pages: the only ones with a Finnish catalogue. Every other page (staff pages, sign-in,
 * account) is shown in Swedish to someone who picked Finnish, and must say so in its `lang`.
 */
const FINNISH_PAGES = [/^\/$/, /^\/e\//, /^\/lofte(\/|$)/, /^\/i\//, /^\/resultat(\/|$)/, /^\/oppna-data(\/|$)/];

/** The language a page is actually shown in, for the locale the user picked. */
export function pageLocale(locale: Locale, pathname: string): Locale {
  if (UI_LOCALES.includes(locale)) return locale;
  return FINNISH_PAGES.some((r) => r.test(pathname)) ? locale : "sv";
}

/** The language a message is actually shown in: the locale's, or Swedish where its catalogue lacks the message. */
export function shownLocale(locale: Locale, key: MessageKey): Locale {
  return catalogues[locale][key] !== undefined ? locale : "sv";
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A message in the locale (falling back to Swedish), with {name} placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[locale][key] ?? sv[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/**
 * The locale for a request: ?lang=, then the td_lang cookie, else Swedish. The browser's Accept-Language is
 * deliberately not used: the service is Swedish first, and the language switch is on every page.
 */
export function localeFromRequest(request: Request): Locale {
  const url = new URL(request.url);
  const q = url.searchParams.get("lang");
  if (isLocale(q)) return q;
  const cookie = request.headers.get("cookie")?.match(/(?:^|;\s*)td_lang=(\w+)/)?.[1];
  if (isLocale(cookie)) return cookie;
  return "sv";
}

/** A message in the language of the request (see localeFromRequest): what a route says in an error it throws. */
export function translateFor(request: Request, key: MessageKey, params?: Record<string, string | number>): string {
  return translate(localeFromRequest(request), key, params);
}

/** True for a key of the catalogue: validation schemas carry keys as messages, translated per request. */
export function isMessageKey(value: string): value is MessageKey {
  return Object.prototype.hasOwnProperty.call(sv, value);
}

/** Field errors whose messages are catalogue keys (from a schema), in the language of the request. */
export function translateErrors<E extends { message: string }>(request: Request, errors: E[]): E[] {
  return errors.map((e) => (isMessageKey(e.message) ? { ...e, message: translateFor(request, e.message) } : e));
}
