// What a page puts in the document's head: its title and its own style sheets, the same way on every page.
import type { LinksFunction, MetaFunction } from "@remix-run/node";

/** The product's name, after each page's own in the title. */
export const PRODUCT_NAME = "Trygghetsdialog";

/** A page's title: its own name, then the product's ("Fritextsvar – Trygghetsdialog"). */
export const titleOf = (name: string) => `${name} – ${PRODUCT_NAME}`;

/** The `meta` export of a page with a fixed title (see titleOf). */
export const pageTitle =
  (name: string): MetaFunction =>
  () => [{ title: titleOf(name) }];

/** The `links` export of a page with its own style sheets. */
export const stylesheets =
  (...hrefs: string[]): LinksFunction =>
  () =>
    hrefs.map((href) => ({ rel: "stylesheet", href }));
