import { redirect } from "@remix-run/node";
import { DomainError, Invalid, Unauthorized, errorResponse, isConnectionError } from "./errors.server";

type Handler<A> = (args: A) => Promise<Response | unknown>;

/**
 * Wraps a page loader or action: the one place where domain errors become HTTP for pages. Not signed in →
 * redirect to sign-in; Invalid → 422 data for the form to show per field; other domain errors → the error page.
 */
export function page<A extends { request: Request }>(fn: Handler<A>) {
  return async (args: A) => {
    try {
      return await fn(args);
    } catch (err) {
      if (err instanceof Response) throw err;
      if (err instanceof Unauthorized) {
        const url = new URL(args.request.url);
        throw redirect(`/logga-in?next=${encodeURIComponent(url.pathname + url.search)}`);
      }
      if (err instanceof Invalid) return Response.json({ message: err.message, errors: err.errors }, { status: 422 });
      if (err instanceof DomainError) throw new Response(err.message, { status: err.status });
      if (isConnectionError(err)) throw new Response("unavailable", { status: 503, headers: { "Retry-After": "5" } });
      throw err;
    }
  };
}

/** Wraps a JSON API loader or action: domain errors become JSON `{error, errors?}` with their status. */
export function api<A extends { request: Request }>(fn: Handler<A>) {
  return async (args: A) => {
    try {
      return await fn(args);
    } catch (err) {
      if (err instanceof Response) return err;
      return errorResponse(err);
    }
  };
}

/** Reads a form body; rejects non-form bodies with 415. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Expected a form", { status: 415 });
  }
}
