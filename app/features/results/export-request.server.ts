/**
 * What an export (or the report) is asked for, read from and written to the problembild page's URL, and the words
 * the exports and the report use for it (export.server.ts has the whole story of the exports).
 */
import type { Database } from "~/platform/db.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import type { ResultFilters } from "./counting/source.server";
import type { RawResultFilters, ResultQuestion } from "./results.server";

/** What an export (or the report) is asked for: the problembild page's filters, and optionally a breakdown. */
export interface ExportRequest {
  filters: RawResultFilters;
  breakdown: { question: string; by: string[] } | null;
}

const MAX_WHERE = 50;
const MAX_PARAM = 300;

/**
 * The request's query as the problembild page writes it: `where=question:value` (repeatable; an empty select
 * sends "" or "question:", meaning all), `from`, `to`, `channel`, and for a breakdown `breakdown=<question>` (or `q`)
 * with one or two `by=area|age_band|gender`. Over-long or too many parameters are refused (Invalid); whether they fit
 * the survey is checked by the results model.
 */
export function exportRequestFromUrl(url: URL): ExportRequest {
  const p = url.searchParams;
  const where = p.getAll("where").filter((w) => w !== "" && !w.endsWith(":"));
  const channel = p.getAll("channel").filter(Boolean);
  const by = p.getAll("by").filter(Boolean);
  // `q` is the breakdown page's name for the question; `by` alone (that page's default view) adds no breakdown.
  const breakdown = p.get("breakdown") || p.get("q") || null;
  const errors = [];
  if (where.length > MAX_WHERE) errors.push(fieldError("where", "analysis.error.whereMax", { max: MAX_WHERE }));
  if (
    [...where, ...channel, ...by, breakdown ?? "", p.get("from") ?? "", p.get("to") ?? ""].some(
      (v) => v.length > MAX_PARAM,
    )
  ) {
    errors.push(fieldError("where", "analysis.error.paramMax", { max: MAX_PARAM }));
  }
  if (channel.length > 5) errors.push(fieldError("channel", "analysis.error.channelsMax"));
  if (errors.length) throw new Invalid(errors, "problem.filtersInvalid");
  return {
    filters: { where, from: p.get("from") || null, to: p.get("to") || null, channel },
    breakdown: breakdown ? { question: breakdown, by } : null,
  };
}

/** The query string of a request, for links between the page, the report and the exports. */
export function exportQuery(req: ExportRequest): string {
  const p = new URLSearchParams();
  for (const w of req.filters.where ?? []) p.append("where", w);
  if (req.filters.from) p.set("from", req.filters.from);
  if (req.filters.to) p.set("to", req.filters.to);
  for (const c of req.filters.channel ?? []) p.append("channel", c);
  if (req.breakdown) {
    p.set("breakdown", req.breakdown.question);
    for (const b of req.breakdown.by) p.append("by", b);
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** What every exporter is given: the survey (its id and heading), the request from the URL, and the language. */
export interface ExportArgs {
  db: Database;
  surveyId: number;
  survey: SurveyHead;
  request: ExportRequest;
  locale?: Locale;
}

export interface SurveyHead {
  slug: string;
  title: string;
  period: string;
  kommunName: string;
}

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;
export const translator =
  (locale: Locale): T =>
  (key, params) =>
    translate(locale, key, params);

/** A question's title as the exports write it: with its matrix group's title in front. */
export const titleOf = (q: { title: string; group: { title: string } | null }) =>
  q.group ? `${q.group.title}: ${q.title}` : q.title;

/** The filters in words: "Område: Seskarö eller Nikkala; från 2026-10-01; kanal: web". */
export function describeFilters(
  filters: ResultFilters,
  questions: readonly ResultQuestion[],
  locale: Locale = "sv",
): string {
  const t = translator(locale);
  const byName = new Map(questions.map((q) => [q.name, q]));
  const parts = filters.where.map(({ question, values }) => {
    const q = byName.get(question);
    const labels = values.map((v) => q?.options.find((o) => o.value === v)?.label ?? v);
    return `${q ? (q.group ? `${q.group.title}: ${q.title}` : q.title) : question}: ${labels.join(` ${t("report.filter.or")} `)}`;
  });
  if (filters.from) parts.push(t("report.filter.from", { date: filters.from }));
  if (filters.to) parts.push(t("report.filter.to", { date: filters.to }));
  if (filters.channels.length) parts.push(t("report.filter.channel", { channels: filters.channels.join(", ") }));
  return parts.length ? parts.join("; ") : t("report.filter.none");
}
