/**
 * The anonymised answers export (CSV and XLSX): one row per response with its choice answers, the date (no time)
 * and the demographics coarsened over the whole survey (anonymise.ts); no id, no channel, no time, no free text.
 * Refused (Invalid) for a filtered group under minBase, for a channel filter, and for a filter on a demographic
 * value that the file hides for some of the rows it selects (export.server.ts has the whole story of the exports).
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { toCsv, type CellValue } from "~/platform/csv";
import { Invalid, fieldError } from "~/platform/errors.server";
import type { Locale } from "~/i18n/i18n";
import { writeXlsx } from "~/platform/xlsx.server";
import { stockholmDay } from "~/platform/dates";
import { DEMOGRAPHIC_KEYS, HIDDEN, coarsenDemographics, type Demographics } from "./domain/anonymise";
import { effectiveMinBase } from "./domain/statistics";
import { filterSql, loadResultsSource, parseResultFilters } from "./counting/source.server";
import { titleOf, translator, type ExportArgs, type ExportRequest, type SurveyHead } from "./export-request.server";

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
    throw new Invalid([fieldError("channel", "report.answers.noChannel")], "report.answers.noChannel");
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
    throw new Invalid([fieldError("where", "report.answers.tooFew", { min })], "report.answers.tooFew", "field", {
      min,
    });
  }
  // A filter on a demographic value tells the reader that value for every row: refused where the file hides it.
  for (const { question } of filters.where) {
    const column = DEMOGRAPHIC_KEYS.find((k) => source.demographics[k] === question);
    if (column && picked.some((p) => p.d[column] === HIDDEN)) {
      throw new Invalid(
        [fieldError("where", "report.answers.coarseFilter", { min })],
        "report.answers.coarseFilter",
        "field",
        { min },
      );
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
export async function answersXlsx(args: ExportArgs): Promise<Uint8Array<ArrayBuffer>> {
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
