/**
 * Exports of a survey's problembild as CSV and XLSX, with the URL's filters applied:
 * - the aggregates: every question's options (n, share, 95 % interval), the indicators, and a breakdown when one
 *   is chosen, taken from getResults/getBreakdown, so they carry exactly the suppression of the page and the API
 *   (a suppressed figure is an empty cell marked "ja" in the "dold" column, with the reason; never the number);
 * - the anonymised answers: one row per response with its choice answers, the date (no time) and the
 *   demographics coarsened over the whole survey so that every shown combination of area, age band and gender
 *   covers at least minBase respondents (anonymise.ts), the same in every export. No id, no channel, no time, and
 *   no free text at all: a comment can name or describe its writer, which no rule on group size can prevent, and a
 *   file leaves the product's access control. Refused (Invalid, 422) for a filtered group under minBase, for a
 *   channel filter, and for a filter on a demographic value that the file hides for some of the rows it selects.
 * Every text cell is neutralised against formula injection by the writers (app/platform/csv.ts, xlsx.server.ts).
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import type { DownloadFile } from "~/platform/download.server";
import { toCsv, type CellValue } from "~/platform/csv";
import { Invalid } from "~/platform/errors.server";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { XLSX_CONTENT_TYPE, writeXlsx, type Sheet } from "~/platform/xlsx.server";
import { DEMOGRAPHIC_KEYS, HIDDEN, coarsenDemographics, type Demographics } from "./domain/anonymise";
import { effectiveMinBase } from "./domain/statistics";
import { stockholmDay } from "~/platform/dates";
import { filterSql, loadResultsSource, parseResultFilters, type ResultFilters } from "./counting/source.server";
import {
  getBreakdown,
  getResults,
  type Breakdown,
  type RawResultFilters,
  type ResultIndicator,
  type ResultOption,
  type ResultQuestion,
  type Results,
} from "./results.server";

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
  if (where.length > MAX_WHERE) errors.push({ field: "where", message: `Högst ${MAX_WHERE} where-filter` });
  if (
    [...where, ...channel, ...by, breakdown ?? "", p.get("from") ?? "", p.get("to") ?? ""].some(
      (v) => v.length > MAX_PARAM,
    )
  ) {
    errors.push({ field: "where", message: `Ett filter får vara högst ${MAX_PARAM} tecken` });
  }
  if (channel.length > 5) errors.push({ field: "channel", message: "Högst fem kanaler" });
  if (errors.length) throw new Invalid(errors, "Filtren behöver rättas");
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

export interface SurveyHead {
  slug: string;
  title: string;
  period: string;
  kommunName: string;
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
const translator =
  (locale: Locale): T =>
  (key, params) =>
    translate(locale, key, params);

/** Percent with two decimals (62.41), the unit of the exported shares. */
const pct = (p: number | null | undefined) => (p === null || p === undefined ? null : Math.round(p * 10000) / 100);

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

function note(t: T, minBase: number, x: { suppressed: boolean; reason: string | null }): string {
  if (!x.suppressed) return "";
  return x.reason === "complementary"
    ? t("report.note.complementary")
    : t("report.note.belowMinBase", { min: minBase });
}

const INDICATOR_LABEL: Record<ResultIndicator["kind"], MessageKey> = {
  problem: "report.indicator.problem",
  safety: "report.indicator.safety",
  trust: "report.indicator.trust",
};

/** The columns of the aggregates table; the CSV has a first column naming the section. */
function aggregateHeader(t: T): string[] {
  return [
    t("report.col.question"),
    t("report.col.title"),
    t("report.col.group"),
    t("report.col.value"),
    t("report.col.label"),
    t("report.col.base"),
    t("report.col.n"),
    t("report.col.share"),
    t("report.col.ciLow"),
    t("report.col.ciHigh"),
    t("report.col.dontKnow"),
    t("report.col.suppressed"),
    t("report.col.note"),
  ];
}

const titleOf = (q: { title: string; group: { title: string } | null }) =>
  q.group ? `${q.group.title}: ${q.title}` : q.title;

function optionRow(
  t: T,
  min: number,
  q: { name: string; title: string; group: { title: string } | null },
  group: string,
  answered: number | null,
  o: ResultOption,
): CellValue[] {
  const hidden = o.suppressed || o.n === null;
  return [
    q.name,
    titleOf(q),
    group,
    o.value,
    o.label,
    answered,
    hidden ? null : o.n,
    hidden ? null : pct(o.share),
    hidden ? null : pct(o.ci_low),
    hidden ? null : pct(o.ci_high),
    null,
    hidden ? t("report.yes") : "",
    note(t, min, { suppressed: hidden, reason: o.reason ?? "below_min_base" }),
  ];
}

function indicatorRow(
  t: T,
  min: number,
  q: { name: string; title: string; group: { title: string } | null },
  group: string,
  i: ResultIndicator,
): CellValue[] {
  const hidden = i.suppressed || i.share === null;
  return [
    q.name,
    titleOf(q),
    group,
    i.kind,
    t(INDICATOR_LABEL[i.kind]),
    hidden ? null : i.base,
    null,
    hidden ? null : pct(i.share),
    hidden ? null : pct(i.ci_low),
    hidden ? null : pct(i.ci_high),
    hidden ? null : pct(i.dont_know_share),
    hidden ? t("report.yes") : "",
    note(t, min, { suppressed: hidden, reason: i.reason ?? "below_min_base" }),
  ];
}

interface AggregateTables {
  meta: CellValue[][];
  distribution: CellValue[][];
  indicators: CellValue[][];
  breakdown: CellValue[][] | null;
}

function aggregateTables(
  t: T,
  survey: SurveyHead,
  results: Results,
  breakdown: Breakdown | null,
  locale: Locale,
): AggregateTables {
  const min = results.minBase;
  const byName = new Map(results.questions.map((q) => [q.name, q]));
  const all = t("report.group.all");
  const distribution = results.questions.flatMap((q) => q.options.map((o) => optionRow(t, min, q, all, q.answered, o)));
  const indicators = results.indicators.map((i) =>
    indicatorRow(t, min, byName.get(i.question) ?? { name: i.question, title: i.question, group: null }, all, i),
  );
  let rows: CellValue[][] | null = null;
  if (breakdown) {
    const q = breakdown.question;
    rows = [];
    for (const g of breakdown.groups) {
      for (const o of g.options) rows.push(optionRow(t, min, q, g.label, g.answered, o));
      if (g.indicator) rows.push(indicatorRow(t, min, q, g.label, g.indicator));
    }
    if (breakdown.total)
      for (const o of breakdown.total.options)
        rows.push(optionRow(t, min, q, t("report.group.total"), breakdown.total.answered, o));
  }
  const meta: CellValue[][] = [
    [t("report.meta.field"), t("report.meta.value")],
    [t("report.meta.survey"), `${survey.title} (${survey.period})`],
    [t("report.meta.kommun"), survey.kommunName],
    [t("report.meta.filters"), describeFilters(results.filters, results.questions, locale)],
    [t("report.meta.respondents"), results.respondents],
    ...(results.suppressed ? [[t("report.meta.note"), t("report.tooFew", { min })]] : []),
    ...(breakdown
      ? [[t("report.meta.breakdown"), `${titleOf(breakdown.question)} × ${breakdown.by.join(" × ")}`]]
      : []),
    [t("report.meta.minBase"), min],
    [t("report.meta.method"), t("report.meta.methodText", { min })],
    [t("report.meta.exported"), stockholmDay(new Date())],
  ];
  return { meta, distribution, indicators, breakdown: rows };
}

async function loadAggregates({ db, surveyId, request }: { db: Database; surveyId: number; request: ExportRequest }) {
  const results = await getResults({ db, surveyId, filters: request.filters });
  const breakdown = request.breakdown
    ? await getBreakdown({
        db,
        surveyId,
        question: request.breakdown.question,
        by: request.breakdown.by,
        filters: request.filters,
      })
    : null;
  return { results, breakdown };
}

/** The aggregates as one CSV table: a section column (sample, distribution, indicator, breakdown) and the figures. */
export async function aggregatesCsv(args: {
  db: Database;
  surveyId: number;
  survey: SurveyHead;
  request: ExportRequest;
  locale?: Locale;
}): Promise<string> {
  const locale = args.locale ?? "sv";
  const t = translator(locale);
  const { results, breakdown } = await loadAggregates(args);
  const tables = aggregateTables(t, args.survey, results, breakdown, locale);
  const sample: CellValue[] = [
    "",
    t("report.meta.respondents"),
    describeFilters(results.filters, results.questions, locale),
    "",
    "",
    results.respondents,
    null,
    null,
    null,
    null,
    null,
    results.suppressed ? t("report.yes") : "",
    results.suppressed ? t("report.note.belowMinBase", { min: results.minBase }) : "",
  ];
  const rows: CellValue[][] = [
    [t("report.col.section"), ...aggregateHeader(t)],
    [t("report.section.sample"), ...sample],
    ...tables.distribution.map((r) => [t("report.section.distribution"), ...r]),
    ...tables.indicators.map((r) => [t("report.section.indicator"), ...r]),
    ...(tables.breakdown ?? []).map((r) => [t("report.section.breakdown"), ...r]),
  ];
  return toCsv(rows);
}

const WIDTHS = [22, 48, 18, 12, 32, 10, 8, 10, 10, 10, 10, 6, 40];

/** The aggregates as a workbook: about the selection, distributions, indicators, and the breakdown if chosen. */
export async function aggregatesXlsx(args: {
  db: Database;
  surveyId: number;
  survey: SurveyHead;
  request: ExportRequest;
  locale?: Locale;
}): Promise<Uint8Array<ArrayBuffer>> {
  const locale = args.locale ?? "sv";
  const t = translator(locale);
  const { results, breakdown } = await loadAggregates(args);
  const tables = aggregateTables(t, args.survey, results, breakdown, locale);
  const header = aggregateHeader(t);
  const sheets: Sheet[] = [
    { name: t("report.sheet.about"), rows: tables.meta, widths: [28, 90] },
    { name: t("report.section.distribution"), rows: [header, ...tables.distribution], widths: WIDTHS },
    { name: t("report.sheet.indicators"), rows: [header, ...tables.indicators], widths: WIDTHS },
  ];
  if (tables.breakdown)
    sheets.push({ name: t("report.section.breakdown"), rows: [header, ...tables.breakdown], widths: WIDTHS });
  return new Uint8Array(writeXlsx(sheets));
}

// ---------------------------------------------------------------------------------------------------------------
// Anonymised answers

interface AnswerTable {
  minBase: number;
  header: string[];
  rows: CellValue[][];
  codebook: CellValue[][];
}

/**
 * One row per response in the filtered group: date, coarsened area / age band / gender, then every choice-like
 * question of the current definition (matrix rows as `name.row`) with the answer's value code (several values of
 * a multi-answer question joined with "|"). Rows are sorted by date and content, never by storage order.
 * Throws Invalid when the group has fewer than minBase respondents.
 */
async function answerTable({
  db,
  surveyId,
  request,
  locale,
}: {
  db: Database;
  surveyId: number;
  request: ExportRequest;
  locale: Locale;
}): Promise<AnswerTable> {
  const t = translator(locale);
  const source = await loadResultsSource(db, surveyId);
  const filters = parseResultFilters(source, request.filters);
  const min = effectiveMinBase(source.settings.minBase);
  // A channel filter would tell the reader each row's channel, which the file leaves out on purpose.
  if (filters.channels.length) {
    const message = t("report.answers.noChannel");
    throw new Invalid([{ field: "channel", message }], message);
  }
  // Every row of the survey (codes only for the filtered group): demographics are coarsened over the whole survey
  // (docs/domain/statistics.md#raw-answer-export), so a row reads the same in every export whatever the filter, and exports cannot be combined
  // to undo the coarsening.
  const all = await sql<{
    day: string;
    area: string | null;
    age_band: string | null;
    gender: string | null;
    matched: boolean;
    codes: number[] | null;
  }>`
    select r.submitted_on::text as day, r.area, r.age_band, r.gender, m.matched, case when m.matched then r.codes end as codes
    from response r cross join lateral (select coalesce(${filterSql(source, filters)}, false) as matched) m
    where r.survey_id = ${surveyId}`.execute(db);
  const coarseAll = coarsenDemographics(
    all.rows.map((r): Demographics => ({ area: r.area, age_band: r.age_band, gender: r.gender })),
    min,
  );
  const picked = all.rows.flatMap((r, i) => (r.matched ? [{ r, d: coarseAll[i]! }] : []));
  if (picked.length < min) {
    const message = t("report.answers.tooFew", { min });
    throw new Invalid([{ field: "where", message }], message);
  }
  // A filter on a demographic value tells the reader that value for every row: refused where the file hides it.
  for (const { question } of filters.where) {
    const column = DEMOGRAPHIC_KEYS.find((k) => source.demographics[k] === question);
    if (column && picked.some((p) => p.d[column] === HIDDEN)) {
      const message = t("report.answers.coarseFilter", { min });
      throw new Invalid([{ field: "where", message }], message);
    }
  }
  const demographicNames = new Set(Object.values(source.demographics).filter((n): n is string => !!n));
  const questions = source.catalog.filter((q) => !demographicNames.has(q.name));
  const column = new Map(questions.map((q, i) => [q.name, i]));
  const codeOf = new Map<number, { col: number; value: string }>();
  for (const [question, values] of source.codes) {
    const col = column.get(question);
    if (col === undefined) continue;
    for (const [value, code] of values) codeOf.set(code, { col, value });
  }
  const order = questions.map((q) => new Map(q.options.map((o, i) => [o.value, i])));
  const rows = picked.map(({ r, d }) => {
    const answers: string[][] = questions.map(() => []);
    for (const code of r.codes ?? []) {
      const c = codeOf.get(code);
      if (c) answers[c.col]!.push(c.value);
    }
    const cells = answers.map((vs, col) =>
      vs.length ? vs.sort((a, b) => (order[col]!.get(a) ?? 99) - (order[col]!.get(b) ?? 99)).join("|") : null,
    );
    return [r.day, d.area, d.age_band, d.gender, ...cells] as CellValue[];
  });
  const text = (row: CellValue[]) => row.map((c) => c ?? "").join("\u0000");
  rows.sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
  const header = [
    t("report.answers.date"),
    t("report.answers.area"),
    t("report.answers.age"),
    t("report.answers.gender"),
    ...questions.map((q) => q.name),
  ];
  const codebook: CellValue[][] = [
    [t("report.col.question"), t("report.col.title"), t("report.col.value"), t("report.col.label")],
    ...questions.flatMap((q) => q.options.map((o) => [q.name, titleOf(q), o.value, o.label])),
  ];
  return { minBase: min, header, rows, codebook };
}

/** The anonymised answers as CSV (value codes; the codebook is in the XLSX and in the aggregates export). */
export async function answersCsv(args: {
  db: Database;
  surveyId: number;
  survey?: SurveyHead;
  request: ExportRequest;
  locale?: Locale;
}): Promise<string> {
  const table = await answerTable({ ...args, locale: args.locale ?? "sv" });
  return toCsv([table.header, ...table.rows]);
}

/** The anonymised answers as a workbook: the answers, the codebook, and a sheet saying what was left out and why. */
export async function answersXlsx(args: {
  db: Database;
  surveyId: number;
  survey: SurveyHead;
  request: ExportRequest;
  locale?: Locale;
}): Promise<Uint8Array<ArrayBuffer>> {
  const locale = args.locale ?? "sv";
  const t = translator(locale);
  const table = await answerTable({ ...args, locale });
  const about: CellValue[][] = [
    [t("report.meta.field"), t("report.meta.value")],
    [t("report.meta.survey"), `${args.survey.title} (${args.survey.period})`],
    [t("report.meta.kommun"), args.survey.kommunName],
    [t("report.meta.rows"), table.rows.length],
    [t("report.meta.note"), t("report.answers.about", { min: table.minBase })],
    [t("report.meta.exported"), stockholmDay(new Date())],
  ];
  return new Uint8Array(
    writeXlsx([
      { name: t("report.sheet.answers"), rows: [table.header, ...table.rows] },
      { name: t("report.sheet.codebook"), rows: table.codebook, widths: [24, 60, 14, 40] },
      { name: t("report.sheet.about"), rows: about, widths: [24, 100] },
    ]),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Downloads: the one way the export routes (app and API) answer

export type ExportKind = "aggregates" | "answers";
export type ExportFormat = "csv" | "xlsx";

const EXPORTERS = {
  aggregates: { csv: aggregatesCsv, xlsx: aggregatesXlsx },
  answers: { csv: answersCsv, xlsx: answersXlsx },
} as const;
const FILE_PREFIX: Record<ExportKind, string> = { aggregates: "problembild", answers: "svar" };
const CONTENT_TYPES: Record<ExportFormat, string> = { csv: "text/csv; charset=utf-8", xlsx: XLSX_CONTENT_TYPE };

/** An export of a survey's problembild as a file (content, name, media type), with the URL's filters (and breakdown) applied. */
export async function exportFile({
  db,
  surveyId,
  survey,
  url,
  locale,
  kind,
  format,
}: {
  db: Database;
  surveyId: number;
  survey: SurveyHead;
  url: URL;
  locale: Locale;
  kind: ExportKind;
  format: ExportFormat;
}): Promise<DownloadFile> {
  const body = await EXPORTERS[kind][format]({
    db,
    surveyId,
    survey,
    request: exportRequestFromUrl(url),
    locale: locale === "en" ? "en" : "sv",
  });
  return { body, filename: `${FILE_PREFIX[kind]}-${survey.slug}.${format}`, contentType: CONTENT_TYPES[format] };
}
