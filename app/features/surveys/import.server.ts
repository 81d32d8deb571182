/**
 * CSV import of answers collected elsewhere (paper scanned by another tool, a previous supplier's survey ...):
 * parse, map columns to questions, convert cells to typed SurveyJS values, validate every row against the frozen
 * definition, and store all rows or none. The mapping (import-mapping.server.ts), the conversion of cells
 * (import-convert.server.ts) and the request input (import-upload.server.ts) live beside this module, which
 * holds the analysis, preview, storing and report, and is the way in for the rest of the app.
 */
import type { Database } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import type { Locale } from "~/i18n/i18n";
import { planFor, storeResponsesAllOrNothing } from "./responses.server";
import { effectiveStatus } from "./survey-queries.server";
import { validateAnswers, type ValidationPlan } from "./validation.server";
import { CsvSyntaxError, parseCsv as parseCsvText, toCsv, type Delimiter, type ParsedCsv } from "~/platform/csv";
import {
  checkMapping,
  fail,
  importTargets,
  messages,
  suggestMapping,
  type Mapping,
  type MappingInput,
  type Problem,
} from "./import-mapping.server";
import { rowsToAnswers, type ConvertedRow } from "./import-convert.server";

// The CSV helpers live in app/platform/csv.ts (shared with the problembild exports); re-exported for existing callers.
export {
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  decodeCsvBytes,
  detectDelimiter,
  neutraliseCell,
  type Delimiter,
  type ParsedCsv,
} from "~/platform/csv";

export const PREVIEW_ROWS = 20;

// The mapping, the cell conversion and the request input live in their own modules; this one stays the way in.
export {
  DATE_TARGET,
  importTargets,
  suggestMapping,
  type Mapping,
  type MappingInput,
  type Problem,
} from "./import-mapping.server";
export { parseNumber, rowsToAnswers, type ConvertedRow } from "./import-convert.server";
export { mappingFromForm, readCsvUpload } from "./import-upload.server";

/** The CSV parser of app/platform/csv.ts, its errors as Invalid (a 422 with the message for the file field). */
export function parseCsv(text: string, opts: { locale?: Locale; maxBytes?: number; maxRows?: number } = {}): ParsedCsv {
  try {
    return parseCsvText(text, opts);
  } catch (e) {
    if (e instanceof CsvSyntaxError) fail(e.messageKey, e.params);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Preview, import, report
// ---------------------------------------------------------------------------------------------------------

export interface Analysis {
  delimiter: Delimiter;
  headers: string[];
  mapping: Mapping;
  /** A mapping was given for other columns than this file has, so the suggested one is used instead. */
  mappingReset: boolean;
  targets: { id: string; label: string }[];
  rowCount: number;
  invalidRows: number[];
  sample: { row: number; cells: unknown[] }[];
  problems: Problem[];
  converted: ConvertedRow[];
}

/** Parses, converts and validates every row (pure: the survey's plan and definition are given). */
export function analyseCsv({
  plan,
  definition,
  csvText,
  mapping,
  locale = "sv",
}: {
  plan: ValidationPlan;
  definition: Record<string, unknown>;
  csvText: string;
  mapping?: MappingInput | null;
  locale?: Locale;
}): Analysis {
  const t = messages(locale);
  const parsed = parseCsv(csvText, { locale });
  const targets = importTargets(plan, definition, locale);
  const fits =
    !!mapping &&
    mapping.columns.length === parsed.headers.length &&
    mapping.columns.every((h, i) => h === parsed.headers[i]);
  const map = fits
    ? mapping!.columns.map((_, i) => mapping!.targets[i] ?? null)
    : suggestMapping(parsed.headers, definition, plan);
  const problems = checkMapping(parsed.headers, map, new Map(targets.map((x) => [x.id, x])), t);
  const converted = problems.length ? [] : rowsToAnswers(parsed.rows, parsed.headers, map, targets, locale);
  const columnsOf = (question: string) =>
    parsed.headers
      .filter(
        (_, i) =>
          map[i] && (map[i] === question || map[i]!.startsWith(`${question}.`) || map[i] === `${question}-Comment`),
      )
      .join(", ");
  const invalidRows: number[] = [];
  for (const r of converted) {
    const failed = new Set(r.problems.map((p) => p.question));
    const v = validateAnswers(plan, r.data, locale);
    if (!v.ok) {
      for (const e of v.errors) {
        if (!failed.has(e.question))
          r.problems.push({
            row: r.row,
            column: columnsOf(e.question),
            question: e.question,
            value: "",
            message: e.message,
          });
      }
    } else r.data = v.data;
    if (r.problems.length) {
      invalidRows.push(r.row);
      problems.push(...r.problems);
    }
  }
  return {
    delimiter: parsed.delimiter,
    headers: parsed.headers,
    mapping: map,
    mappingReset: !!mapping && !fits,
    targets: targets.map(({ id, label }) => ({ id, label })),
    rowCount: parsed.rows.length,
    invalidRows,
    sample: converted.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, cells: r.cells })),
    problems,
    converted,
  };
}

async function loadSurvey(db: Database, surveyId: number) {
  const s = await db
    .selectFrom("survey as s")
    .innerJoin("survey_version as v", "v.id", "s.current_version_id")
    .select(["s.id", "s.status", "s.opens_at", "s.closes_at", "v.id as versionId", "v.definition"])
    .where("s.id", "=", surveyId)
    .executeTakeFirst();
  if (!s) throw new NotFound("surveys.error.notFound");
  return { ...s, plan: planFor(s.versionId, s.definition) };
}

/** An uploaded file for a survey, with the column mapping the analyst chose (none: the suggested one). */
type ImportInput = {
  db: Database;
  surveyId: number;
  csvText: string;
  mapping?: MappingInput | null;
  locale?: Locale;
};

/** The file analysed against the survey's validation plan. */
function analyseFor(s: Awaited<ReturnType<typeof loadSurvey>>, { csvText, mapping, locale = "sv" }: ImportInput) {
  return analyseCsv({ plan: s.plan, definition: s.definition, csvText, mapping, locale });
}

/** The first rows as they will be stored, the mapping used, and the problems of every row. */
export async function previewImport(input: ImportInput): Promise<Omit<Analysis, "converted">> {
  const s = await loadSurvey(input.db, input.surveyId);
  const { converted: _, ...rest } = analyseFor(s, input);
  return rest;
}

/**
 * Imports every row of the file as an answer with channel "import", or nothing when any row has a problem.
 * Rows are inserted in batches of 500 inside one transaction (storeResponsesAllOrNothing).
 */
export async function importCsv(input: ImportInput): Promise<{ stored: number; problems: Problem[] }> {
  const { db, surveyId } = input;
  const s = await loadSurvey(db, surveyId);
  if (effectiveStatus(s) === "draft") fail("import.draft");
  const a = analyseFor(s, input);
  // Never import with a mapping the analyst has not seen in a preview.
  if (a.mappingReset) fail("import.err.mappingStale");
  if (a.problems.length) return { stored: 0, problems: a.problems };
  const result = await storeResponsesAllOrNothing({
    db,
    surveyId,
    channel: "import",
    rows: a.converted.map((r) => ({ data: r.data, submittedOn: r.submittedOn, locale: "sv" as const })),
  });
  const problems = result.errors.map((e) => ({
    row: a.converted[e.row - 1]?.row ?? 0,
    column: "",
    question: e.question,
    value: "",
    message: e.message,
  }));
  return { stored: result.stored, problems };
}

/**
 * The report of rejected rows: row, column, question, value, message. Semicolon-separated with a BOM, which is
 * what Excel with Swedish settings opens as columns with å, ä and ö intact.
 */
export function rejectedRowsCsv(problems: Problem[], locale: Locale = "sv"): string {
  const t = messages(locale);
  const head = [
    t("import.report.row"),
    t("import.report.column"),
    t("import.report.question"),
    t("import.report.value"),
    t("import.report.message"),
  ];
  const lines = [head, ...problems.map((p) => [String(p.row), p.column, p.question, p.value, p.message])];
  return toCsv(lines);
}
