import { data, redirect } from "@remix-run/node";
import { localeFromRequest, pageLocale, translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { DomainError, Invalid, NotFound, Unauthorized, errorResponse, isConnectionError } from "./errors.server";
import { parseId } from "./validation";

/** What a page's action (or filtered view) answers when its input is invalid: a message and one per field (422). */
export type InvalidData = {
  message: string;
  errors: { field: string; message: string }[];
  /** The fields as sent, when the page asked for them back (Invalid.values). */
  values?: Record<string, string>;
};

/** The language a page answers in (a staff page picked in Finnish is shown in Swedish: i18n.ts pageLocale). */
const localeOf = (request: Request) => pageLocale(localeFromRequest(request), new URL(request.url).pathname);

/** A domain error's message in the locale: pages show it in the user's language, by its key. */
const say = (err: DomainError, locale: Locale) => translate(locale, err.messageKey, err.params);

/** An Invalid as a page's data, its messages in the locale (a field message without a key as it is). */
function invalidData(err: Invalid, locale: Locale): InvalidData {
  return {
    message: say(err, locale),
    errors: err.errors.map((e) => ({
      field: e.field,
      message: e.messageKey ? translate(locale, e.messageKey, e.params) : e.message,
    })),
    ...(err.values ? { values: err.values } : {}),
  };
}

/**
 * The one place where domain errors become HTTP for pages (see page and pageInput), with their messages in the
 * language of the request.
 */
async function run<A extends { request: Request }, R>(
  args: A,
  fn: (args: A) => Promise<R>,
  onInvalid: (invalid: InvalidData) => never | ReturnType<typeof data<InvalidData>>,
) {
  try {
    return await fn(args);
  } catch (err) {
    if (err instanceof Response) throw err;
    if (err instanceof Unauthorized) {
      const url = new URL(args.request.url);
      throw redirect(`/logga-in?next=${encodeURIComponent(url.pathname + url.search)}`);
    }
    if (err instanceof Invalid) return onInvalid(invalidData(err, localeOf(args.request)));
    if (err instanceof DomainError) throw new Response(say(err, localeOf(args.request)), { status: err.status });
    if (isConnectionError(err)) throw new Response("unavailable", { status: 503, headers: { "Retry-After": "5" } });
    throw err;
  }
}

/**
 * Runs a page loader: not signed in → redirect to sign-in; Invalid → a 422 the route's error boundary shows; other
 * domain errors → their status, shown by the error boundary. Used as
 * `export const loader = (args: LoaderFunctionArgs) => page(args, async ({ params }) => ...)`: the page's data type
 * then comes from the function itself (`useLoaderData<typeof loader>()`), and the export is a function expression,
 * which the browser build drops without a purity hint.
 */
export function page<A extends { request: Request }, R>(args: A, fn: (args: A) => Promise<R>): Promise<R> {
  return run(args, fn, (invalid) => {
    // A thrown JSON Response, not data(): a resource route (a CSV or XLSX download) answers it as it is, with the
    // field messages as JSON, and a page's error boundary reads the same body as the error's data.
    throw Response.json(invalid, { status: 422 });
  }) as Promise<R>;
}

type WithData<D> = ReturnType<typeof data<D>>;
type Payload<R> = R extends WithData<infer D> ? D : R extends Response ? never : R;
type KeysOf<T> = T extends unknown ? keyof T : never;
/** T with the keys it lacks among K present but undefined: what an object literal union gets from TypeScript. */
type Fill<T, K extends PropertyKey> = T extends unknown ? T & { [P in Exclude<K, keyof T>]?: undefined } : never;
type Fit<M, K extends PropertyKey> =
  M extends WithData<infer D> ? WithData<Fill<D, K>> : M extends Response ? M : Fill<M, K>;
type AllKeys<R> = KeysOf<Payload<R>> | keyof InvalidData;
/**
 * An action's answers and InvalidData as one union in which every member has every key (absent = undefined), so a
 * form reads `result?.done` or `result?.errors` without narrowing first, and `if (result?.errors)` narrows.
 */
export type InputResult<R> = Fit<R, AllKeys<R>> | WithData<Fill<InvalidData, AllKeys<R>>>;

/**
 * Runs a page action (or a loader of a view whose filters may be invalid) like `page`, except that Invalid becomes
 * 422 data for the form to show per field: `useActionData<typeof action>()` is then the action's own result or
 * `InvalidData` (see InputResult).
 */
export function pageInput<A extends { request: Request }, R>(
  args: A,
  fn: (args: A) => Promise<R>,
): Promise<InputResult<R>> {
  // Only the type changes: the keys it adds are absent, which is what undefined means to the reader.
  return run(args, fn, (invalid) => data(invalid, { status: 422 })) as Promise<InputResult<R>>;
}

/**
 * Runs a JSON API loader or action: domain errors become JSON `{error, errors?}` with their status. Used as
 * `export const loader = (args: LoaderFunctionArgs) => api(args, async ({ params }) => Response.json(...))`.
 */
export async function api<A extends { request: Request }>(
  args: A,
  fn: (args: A) => Promise<Response>,
): Promise<Response> {
  try {
    return await fn(args);
  } catch (err) {
    if (err instanceof Response) return err;
    return errorResponse(err);
  }
}

/** Reads a form body; rejects non-form bodies with 415. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response(translate("sv", "problem.formRequired"), { status: 415 });
  }
}

export const MAX_JSON_BYTES = 64 * 1024;

/** The answers to a JSON body that cannot be read; shared with the lean submission handler (submission-endpoint). */
export const jsonBodyProblems = {
  isJson: (contentType: string) => /^application\/(.+\+)?json\b/i.test(contentType),
  unsupported: { status: 415, error: translate("sv", "problem.jsonRequired") },
  tooLarge: (limit: number) => ({ status: 413, error: translate("sv", "problem.jsonTooLarge", { kib: limit / 1024 }) }),
  malformed: { status: 400, error: translate("sv", "problem.jsonMalformed") },
} as const;

const problem = ({ status, error }: { status: number; error: string }) => Response.json({ error }, { status });

/**
 * Reads a JSON body: 415 unless it says application/json, 413 past the limit (checked while reading, not only
 * from Content-Length), 400 for text that is not JSON. Throws a JSON Response the API returns as is.
 */
export async function readJson(request: Request, limit = MAX_JSON_BYTES): Promise<unknown> {
  if (!jsonBodyProblems.isJson(request.headers.get("content-type") ?? "")) throw problem(jsonBodyProblems.unsupported);
  const tooLarge = () => problem(jsonBodyProblems.tooLarge(limit));
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // No reader.cancel(): it tears the connection down before the 413 can be written.
      if (size > limit) throw tooLarge();
      chunks.push(value);
    }
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  try {
    return JSON.parse(text);
  } catch {
    throw problem(jsonBodyProblems.malformed);
  }
}

/** An id from the URL (a route param or a query value): a 404 (with this message) unless it is one (see parseId). */
export function idParam(raw: string | null | undefined, messageKey?: MessageKey): number {
  const id = parseId(raw);
  if (id === null) throw new NotFound(messageKey);
  return id;
}
