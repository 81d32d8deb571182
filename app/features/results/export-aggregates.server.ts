/**
 * The aggregates export (CSV and XLSX): every question's options (n, share, 95 % interval), the indicators, and a
 * breakdown when one is chosen, taken from getResults/getBreakdown so they carry exactly the suppression of the
 * page and the API (a suppressed figure is an empty cell marked "ja" in the "dold" column, with the reason).
 */
import type { Database } from "~/platform/db.server";
import { toCsv, type CellValue } from "~/platform/csv";
import type { Locale, MessageKey } from "~/i18n/i18n";
import { writeXlsx, type Sheet } from "~/platform/xlsx.server";
import { stockholmDay } from "~/platform/dates";
import {
  getBreakdown,
  getResults,
  type Breakdown,
  type ResultIndicator,
  type ResultOption,
  type Results,
} from "./results.server";
import {
  describeFilters,
  titleOf,
  translator,
  type ExportRequest,
  type SurveyHead,
  type T,
  type ExportArgs,
} from "./export-request.server";

/** Percent with two decimals (62.41), the unit of the exported shares. */
const pct = (p: number | null | undefined) => (p === null || p === undefined ? null : Math.round(p * 10000) / 100);

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
    [t("report.meta.protection"), t("report.meta.protectionText", { d: results.protection.max_deviation })],
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
export async function aggregatesCsv(args: ExportArgs): Promise<string> {
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
    [
      t("report.section.protection"),
      "protection",
      t("report.meta.protectionText", { d: results.protection.max_deviation }),
      "",
      "",
      results.protection.method,
      "",
      null,
      null,
      null,
      null,
      null,
      "",
      `max_deviation=${results.protection.max_deviation}`,
    ],
    ...tables.distribution.map((r) => [t("report.section.distribution"), ...r]),
    ...tables.indicators.map((r) => [t("report.section.indicator"), ...r]),
    ...(tables.breakdown ?? []).map((r) => [t("report.section.breakdown"), ...r]),
  ];
  return toCsv(rows);
}

const WIDTHS = [22, 48, 18, 12, 32, 10, 8, 10, 10, 10, 10, 6, 40];

/** The aggregates as a workbook: about the selection, distributions, indicators, and the breakdown if chosen. */
export async function aggregatesXlsx(args: ExportArgs): Promise<Uint8Array<ArrayBuffer>> {
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
