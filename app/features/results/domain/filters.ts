/**
 * The problembild's filters as they live in the URL (shared by the analysis pages and their links): `where`
 * (question:value, repeatable), `from`/`to` (ÅÅÅÅ-MM-DD) and `channel` (repeatable). Empty values from a form's
 * "all" choice are dropped. The server (`parseResultFilters`, counting/source.server.ts) checks them against the survey.
 */
export type FilterParams = { where: string[]; from: string | null; to: string | null; channel: string[] };

/** The filters in a URL's query string. */
export function filtersFromSearch(search: URLSearchParams): FilterParams {
  return {
    where: search.getAll("where").filter((w) => w.includes(":") && !w.endsWith(":")),
    from: search.get("from") || null,
    to: search.get("to") || null,
    channel: search.getAll("channel").filter(Boolean),
  };
}

/** A query string ("?where=…") of the filters and any extra parameters, for links between the analysis pages. */
export function filterQuery(
  f: FilterParams,
  extra: Record<string, string | readonly string[] | null | undefined> = {},
): string {
  const p = new URLSearchParams();
  for (const w of f.where) p.append("where", w);
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  for (const c of f.channel) p.append("channel", c);
  for (const [k, v] of Object.entries(extra)) {
    if (v === null || v === undefined) continue;
    for (const x of typeof v === "string" ? [v] : v) p.append(k, x);
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}
