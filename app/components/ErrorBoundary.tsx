import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";

/** The catalogue's message for an HTTP status a page can answer with (http.server.ts maps domain errors to them). */
export function statusMessageKey(status: number): MessageKey {
  switch (status) {
    case 401:
      return "error.unauthorized";
    case 403:
      return "error.forbidden";
    case 404:
      return "error.notFound";
    case 409:
      return "error.conflict";
    case 410:
      return "error.gone";
    case 422:
      return "error.invalid";
    case 429:
      return "error.tooMany";
    case 503:
      return "error.unavailable";
    default:
      return "error.generic";
  }
}

/** The per-field messages of a 422 (InvalidData, thrown by `page`), or none. */
export function fieldMessages(data: unknown): string[] {
  if (!data || typeof data !== "object") return [];
  const errors: unknown = Reflect.get(data, "errors");
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: unknown) => {
    const message: unknown = e && typeof e === "object" ? Reflect.get(e, "message") : undefined;
    return typeof message === "string" && message ? [message] : [];
  });
}

/**
 * The server's own words for an expected error, when it sent any: a domain error's message ("Dokumentet finns
 * inte"), already in the user's language where the route translated it. Internal markers are not shown.
 */
export function detailOf(data: unknown): string | null {
  return typeof data === "string" && data.trim() && data !== "unavailable" ? data : null;
}

/**
 * An area's error boundary: an expected (domain) error shown in place, inside the layout, with the page's header
 * and navigation still there; a conflict (409) or an outage (503) offers to load the page again. Route modules of
 * every area export it (`export { ErrorBoundary } from "~/components/ErrorBoundary"`); the root keeps its own for
 * errors above them.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const { pathname, search } = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const data: unknown = isRouteErrorResponse(error) ? error.data : undefined;
  const message = t(statusMessageKey(status));
  const detail = detailOf(data);
  const fields = fieldMessages(data);
  const retry = status === 409 || status === 503;
  return (
    <section className="area-error" aria-labelledby="area-error-title">
      <h1 id="area-error-title">{t("error.title")}</h1>
      <div role="alert">
        <p>{message}</p>
        {detail && detail !== message ? <p>{detail}</p> : null}
        {fields.length ? (
          <ul>
            {fields.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <p>
        {retry ? (
          <>
            {/* A plain link, so a full load: the point is to see the data as it is now. */}
            <a href={`${pathname}${search}`}>{t("error.reload")}</a> ·{" "}
          </>
        ) : null}
        <Link to="/">{t("error.back")}</Link>
      </p>
    </section>
  );
}
