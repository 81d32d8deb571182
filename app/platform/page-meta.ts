// What a page puts in the document's head: its title and its own style sheets, the same way on every page.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { isLocale, pageLocale, translate, type Locale, type MessageKey } from "~/i18n/i18n";

/** The product's name, after each page's own in the title. */
export const PRODUCT_NAME = "Trygghetsdialog";

/** A page's title: its own name, then the product's ("Fritextsvar – Trygghetsdialog"). */
export const titleOf = (name: string) => `${name} – ${PRODUCT_NAME}`;

type MetaArgs = Parameters<MetaFunction>[0];

/** The language the page is shown in: the locale the root loader found, where the page has it (pageLocale). */
export function metaLocale({ matches, location }: Pick<MetaArgs, "matches" | "location">): Locale {
  const picked = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  return pageLocale(isLocale(picked) ? picked : "sv", location.pathname);
}

/** A title from the message catalogue in the page's language, then the product's name (see titleOf). */
export const titleFrom = (
  args: Pick<MetaArgs, "matches" | "location">,
  key: MessageKey,
  params?: Record<string, string | number>,
) => titleOf(translate(metaLocale(args), key, params));

/** The `meta` export of a page whose title is a message of the catalogue (see titleFrom). */
export const pageTitle =
  (key: MessageKey): MetaFunction =>
  (args) => [{ title: titleFrom(args, key) }];

/** The `links` export of a page with its own style sheets. */
export const stylesheets =
  (...hrefs: string[]): LinksFunction =>
  () =>
    hrefs.map((href) => ({ rel: "stylesheet", href }));
