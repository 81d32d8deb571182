import { registerCatalogue, type Locale } from "./i18n";

/**
 * Loads and registers the catalogue of `locale` in the browser (its own script chunk); Swedish is always there.
 * entry.client.tsx awaits it before hydration, so the first render in the browser has the messages the server
 * rendered with. The language switch is a link that loads a new document, so the locale never changes after that.
 */
export async function loadCatalogue(locale: Locale | undefined): Promise<void> {
  if (locale === "en") registerCatalogue("en", (await import("./catalogue.en")).default);
  else if (locale === "fi") registerCatalogue("fi", (await import("./catalogue.fi")).default);
}
