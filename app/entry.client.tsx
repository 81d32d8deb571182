import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { isLocale } from "~/i18n/i18n";
import { loadCatalogue } from "~/i18n/load-catalogue";

// The locale picked (root.tsx puts it on <html>): its catalogue first, then hydration. If it cannot be loaded (a
// failed request), the page hydrates in Swedish rather than not at all.
const picked = document.documentElement.dataset.locale;
loadCatalogue(isLocale(picked) ? picked : undefined)
  .catch(() => undefined)
  .then(() =>
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    }),
  );
