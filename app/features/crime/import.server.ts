/**
 * Importing a kommun's crime statistics from a CSV file (docs/domain/crime-statistics.md): parse with the
 * platform's CSV reader, read and check every row (domain/rows.ts), and store all rows or none. Every year in
 * the file replaces what was stored for that year. Each import, stored or rejected, leaves a record (who, when,
 * the file's name, rows accepted and rejected); nothing personal is in a file of public statistics.
 */
import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { CsvSyntaxError, parseCsv, toCsv, type Delimiter } from "~/platform/csv";
import { translate, type Locale } from "~/i18n/i18n";
import { assertCsrf, requireKommun } from "~/features/accounts/index.server";
import { readCsvUpload } from "~/features/surveys/index.server";
import { COLUMN_HEADERS, mapHeaders, readCrimeRows, type CrimeRow, type RowProblem } from "./domain/rows";

/** A file's rows at most: a kommun's areas × categories × years stay far below it. */
export const MAX_CRIME_ROWS = 50_000;

/** A rejected row's problem as the page and the report show it. */
export interface CrimeProblem {
  line: number;
  field: string;
  value: string;
  message: string;
}

export interface CrimeAnalysis {
  delimiter: Delimiter;
  rowCount: number;
  rows: CrimeRow[];
  rejectedLines: number[];
  problems: CrimeProblem[];
  years: number[];
}

const translated = (p: RowProblem, locale: Locale): CrimeProblem => ({
  line: p.line,
  field: p.column ? COLUMN_HEADERS[p.column] : "",
  value: p.value,
  message: translate(locale, p.messageKey, p.params),
});

/** Parses and checks every row of a file for a kommun (pure: no database). Throws Invalid for an unreadable file. */
export function analyseCrimeCsv({
  csvText,
  kommunName,
  locale = "sv",
  currentYear = new Date().getFullYear(),
}: {
  csvText: string;
  kommunName: string;
  locale?: Locale;
  currentYear?: number;
}): CrimeAnalysis {
  let parsed;
  try {
    parsed = parseCsv(csvText, { locale, maxRows: MAX_CRIME_ROWS });
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new Invalid([fieldError("file", e.messageKey, e.params)]);
    throw e;
  }
  const headers = mapHeaders(parsed.headers);
  if (!headers.ok)
    throw new Invalid([
      fieldError("file", "crime.err.missingColumns", {
        columns: headers.missing.map((c) => COLUMN_HEADERS[c]).join(", "),
      }),
    ]);
  const read = readCrimeRows({ columns: headers.columns, rows: parsed.rows, kommunName, currentYear });
  return {
    delimiter: parsed.delimiter,
    rowCount: parsed.rows.length,
    rows: read.rows,
    rejectedLines: read.rejectedLines,
    problems: read.problems.map((p) => translated(p, locale)),
    years: [...new Set(read.rows.map((r) => r.year))].sort((a, b) => a - b),
  };
}

export interface CrimeImportResult {
  stored: boolean;
  rowCount: number;
  accepted: number;
  rejected: number;
  years: number[];
  problems: CrimeProblem[];
}

/**
 * Checks a file (`store: false`) or imports it: when every row is accepted, each year in the file replaces
 * that year's stored figures, in one transaction; otherwise nothing is stored. An import (not a check) is
 * recorded either way.
 */
export async function importCrimeCsv({
  db,
  kommun,
  accountId,
  csvText,
  fileName,
  store,
  locale = "sv",
  currentYear,
}: {
  db: Database;
  kommun: { id: number; name: string };
  accountId: number | null;
  csvText: string;
  fileName: string;
  store: boolean;
  locale?: Locale;
  currentYear?: number;
}): Promise<CrimeImportResult> {
  const a = analyseCrimeCsv({ csvText, kommunName: kommun.name, locale, currentYear });
  const ok = a.problems.length === 0;
  const result: CrimeImportResult = {
    stored: false,
    rowCount: a.rowCount,
    accepted: ok ? a.rows.length : 0,
    rejected: a.rejectedLines.length,
    years: a.years,
    problems: a.problems,
  };
  if (!store) return result;
  await db.transaction().execute(async (trx) => {
    // Two imports for the same kommun at once: the second waits for the first, then replaces its years.
    await sql`select id from organisation where id = ${kommun.id} for no key update`.execute(trx);
    const record = await trx
      .insertInto("crime_import")
      .values({
        kommun_id: kommun.id,
        imported_by: accountId,
        file_name: fileName.slice(0, 255),
        outcome: ok ? "stored" : "rejected",
        rows_accepted: result.accepted,
        rows_rejected: result.rejected,
        from_year: a.years[0] ?? null,
        to_year: a.years[a.years.length - 1] ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (!ok) return;
    if (a.years.length)
      await trx.deleteFrom("crime_figure").where("kommun_id", "=", kommun.id).where("year", "in", a.years).execute();
    for (let i = 0; i < a.rows.length; i += 500)
      await trx
        .insertInto("crime_figure")
        .values(
          a.rows.slice(i, i + 500).map((r) => ({
            kommun_id: kommun.id,
            year: r.year,
            level: r.level,
            area: r.area,
            category: r.category,
            count: r.count,
            population: r.population,
            rate: r.rate,
            demo: false,
            source: fileName.slice(0, 255),
            import_id: record.id,
          })),
        )
        .execute();
  });
  return { ...result, stored: ok };
}

/** The report of rejected rows: line, field, value, message (semicolons, BOM, as Excel with Swedish settings reads). */
export function crimeRejectedRowsCsv(problems: readonly CrimeProblem[], locale: Locale = "sv"): string {
  const head = ["line", "field", "value", "message"].map((k) =>
    translate(locale, `crime.import.col.${k}` as "crime.import.col.line"),
  );
  return toCsv([head, ...problems.map((p) => [p.line, p.field, p.value, p.message])]);
}

/** The kommun's latest imports, newest first, with the importing account's name. */
export async function listCrimeImports({
  db,
  kommunId,
  limit = 10,
}: {
  db: Database;
  kommunId: number;
  limit?: number;
}) {
  return db
    .selectFrom("crime_import as i")
    .leftJoin("account as a", "a.id", "i.imported_by")
    .select([
      "i.id",
      "i.imported_at as importedAt",
      "i.file_name as fileName",
      "i.outcome",
      "i.rows_accepted as accepted",
      "i.rows_rejected as rejected",
      "i.from_year as fromYear",
      "i.to_year as toYear",
      "a.display_name as importedBy",
    ])
    .where("i.kommun_id", "=", kommunId)
    .orderBy("i.id", "desc")
    .limit(limit)
    .execute();
}

/**
 * An import request's who and what, for the import page and the API alike: who may import is settled before a body
 * of up to 20 MB is read, and a browser session's CSRF token is checked right after. `csvText` is null without a file.
 */
export async function readCrimeUpload(request: Request, slug: string | undefined) {
  const { user, kommun, db } = await requireKommun(request, { slug, permission: "crime:import", form: "later" });
  const { form, csvText, fileName } = await readCsvUpload(request);
  if (user.via === "session") assertCsrf(request, form);
  return { user, kommun, db, form, csvText, fileName };
}
