import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
} from "@remix-run/react";
import { LOCALES, pageLocale, translate, type Locale } from "~/i18n/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { page } from "~/platform/http.server";
import { rootData } from "~/root-data.server";
import { CsrfField } from "~/components/CsrfField";
import { detailOf, statusMessageKey } from "~/components/ErrorBoundary";
import { useNonce } from "~/platform/nonce";
import { appCss, hasOwnStylesheet } from "~/styles/page-styles";

// app.css is linked in Layout, unless the page brings its own complete stylesheet (styles/page-styles.ts).
export const links: LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export const loader = (args: LoaderFunctionArgs) => page(args, async ({ request }) => rootData(request));

function LanguageSwitch() {
  const t = useT();
  const location = useLocation();
  // The locale picked, which may differ from the page's language (a staff page has no Finnish).
  const picked = useRootData()?.locale ?? t.locale;
  const params = new URLSearchParams(location.search);
  return (
    <nav aria-label={t("nav.language")} className="lang-switch">
      <ul>
        {LOCALES.map((l: Locale) => {
          params.set("lang", l);
          return (
            <li key={l}>
              <a
                href={`${location.pathname}?${params.toString()}`}
                lang={l}
                hrefLang={l}
                aria-current={picked === l ? "true" : undefined}
              >
                {translate(l, `lang.${l}`)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function Header() {
  const t = useT();
  const data = useRootData();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="header-row">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        <LanguageSwitch />
      </div>
      <nav aria-label={t("nav.main")} className="main-nav">
        <ul>
          <li>
            <NavLink to="/" end lang={t.langOf("nav.home")}>
              {t("nav.home")}
            </NavLink>
          </li>
          {data?.user ? (
            <>
              <li>
                <NavLink to="/app" lang={t.langOf("nav.dashboard")}>
                  {t("nav.dashboard")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/konto" lang={t.langOf("nav.account")}>
                  {t("nav.account")}
                </NavLink>
              </li>
              <li>
                <Form method="post" action="/logga-ut" className="inline-form">
                  <CsrfField />
                  <button type="submit" className="link-button" lang={t.langOf("nav.signOut")}>
                    {t("nav.signOut")}
                  </button>
                </Form>
              </li>
            </>
          ) : (
            <li>
              <NavLink to="/logga-in" lang={t.langOf("nav.signIn")}>
                {t("nav.signIn")}
              </NavLink>
            </li>
          )}
        </ul>
      </nav>
    </header>
  );
}

function Footer() {
  const t = useT();
  return (
    <footer className="site-footer">
      <p lang={t.langOf("app.tagline")}>{t("app.tagline")}</p>
    </footer>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const { pathname } = useLocation();
  const ownStylesheet = useMatches().some((m) => hasOwnStylesheet(m.handle));
  return (
    // The language the page is shown in, not merely the one picked: Finnish only where a Finnish catalogue exists.
    // data-locale: the locale picked, whose catalogue the browser loads before hydration (entry.client.tsx).
    <html lang={pageLocale(data?.locale ?? "sv", pathname)} data-locale={data?.locale ?? "sv"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {ownStylesheet ? null : <link rel="stylesheet" href={appCss} />}
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <Footer />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  // Errors the areas' own boundaries (components/ErrorBoundary.tsx) did not catch: the root's loader, unknown URLs.
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const detail = isRouteErrorResponse(error) && status === 403 ? detailOf(error.data) : null;
  const message = detail ?? t(statusMessageKey(status));
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <h1>{t("error.title")}</h1>
        <p role="alert">{message}</p>
        <p>
          <Link to="/">{t("error.back")}</Link>
        </p>
      </main>
    </>
  );
}
