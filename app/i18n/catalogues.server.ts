import { registerCatalogue } from "./i18n";
import en from "./catalogue.en";
import fi from "./catalogue.fi";

/**
 * Registers every catalogue: a server renders any page in any locale (the browser loads only the one picked). Called
 * by the server entry (entry.server.tsx) at start and by the test setup; a function, not an import for its side
 * effect, since package.json declares the app free of side effects and the bundler drops such imports.
 */
export function registerAllCatalogues(): void {
  registerCatalogue("en", en);
  registerCatalogue("fi", fi);
}
