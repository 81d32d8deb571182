// Vitest setup (vitest.config.ts): every locale's messages, as on the server.
import { registerAllCatalogues } from "../../app/i18n/catalogues.server";

registerAllCatalogues();
