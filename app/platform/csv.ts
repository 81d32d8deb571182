/**
 * CSV reading and writing, shared by the CSV import (csv-import.server.ts) and the problembild exports
 * (problembild-export.server.ts). Pure functions, no I/O: one parser, one writer, one neutralisation rule.
 *
 * Writing: semicolon-separated with a UTF-8 BOM and CRLF line ends, which is what Excel with Swedish settings opens
 * as columns with å, ä and ö intact; numbers use the decimal comma for the same reason. Every text cell that a
 * spreadsheet would run as a formula is neutralised (OWASP "CSV injection").
 */
import { translate, type Locale, type MessageKey } from "../i18n/i18n";

export const MAX_CSV_BYTES = 20 * 1024 * 1024;
export const MAX_CSV_ROWS = 100_000;

export type Delimiter = "," | ";" | "\t";
/** `rows[i].row` is the row number a spreadsheet shows for the record (the header is row 1, blank lines count). */
export interface ParsedCsv {
  delimiter: Delimiter;
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

/**
 * A file that cannot be read as CSV; the message is in the caller's locale and says what to do next, and
 * `messageKey` with `params` names it in the catalogue.
 */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly messageKey: MessageKey,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

const fail = (locale: Locale, key: MessageKey, params?: Record<string, string | number>): never => {
  throw new CsvSyntaxError(translate(locale, key, params), key, params);
};

/** The file's bytes as text: UTF-8 (BOM or not), else Windows-1252, which older Excel writes for "CSV". */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** The delimiter used most often outside quotes on the first line (comma when none is). */
export function detectDelimiter(text: string): Delimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c in counts) counts[c as Delimiter]++;
  }
  return (Object.keys(counts) as Delimiter[]).reduce((best, d) => (counts[d] > counts[best] ? d : best), ",");
}

/**
 * RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside, CRLF/LF/CR record ends, a UTF-8 BOM,
 * delimiter detected from the header line. Blank lines are skipped (their row numbers still count). A stray
 * quote inside an unquoted field is kept as text, as spreadsheet programs do. Throws CsvSyntaxError.
 */
export function parseCsv(text: string, opts: { locale?: Locale; maxBytes?: number; maxRows?: number } = {}): ParsedCsv {
  const locale = opts.locale ?? "sv";
  const maxBytes = opts.maxBytes ?? MAX_CSV_BYTES;
  const maxRows = opts.maxRows ?? MAX_CSV_ROWS;
  if (Buffer.byteLength(text, "utf8") > maxBytes)
    fail(locale, "import.err.tooLarge", { maxMb: Math.round(maxBytes / 1048576) });
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = detectDelimiter(text);
  const records: { row: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = "";
  let row = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    cells.push(field);
    field = "";
    if (!(cells.length === 1 && cells[0] === "")) {
      if (records.length > maxRows) fail(locale, "import.err.tooManyRows", { max: maxRows.toLocaleString("sv-SE") });
      records.push({ row, cells });
    }
    cells = [];
    row++;
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '"' && field === "") {
      const start = row;
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) fail(locale, "import.err.unterminatedQuote", { row: start });
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== "\n" && next !== "\r")
        fail(locale, "import.err.badQuote", { row });
      continue;
    }
    if (c === delimiter) {
      cells.push(field);
      field = "";
      i++;
    } else if (c === "\n" || c === "\r") {
      endRecord();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      const stop = nextSpecial(text, i, delimiter);
      field += text.slice(i, stop);
      i = stop;
    }
  }
  if (field !== "" || cells.length > 0) endRecord();
  const header = records.shift();
  if (!header) return fail(locale, "import.err.noHeader");
  const headers = header.cells.map((h) => h.trim());
  // Spreadsheets often export trailing empty columns; cells under them are checked as extra cells per row.
  while (headers.length > 1 && headers[headers.length - 1] === "") headers.pop();
  headers.forEach((h, k) => h === "" && fail(locale, "import.err.emptyHeader", { n: k + 1 }));
  if (records.length === 0) fail(locale, "import.err.noRows");
  return { delimiter, headers, rows: records };
}

function nextSpecial(text: string, from: number, delimiter: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === delimiter || c === "\n" || c === "\r") return i;
  }
  return text.length;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/**
 * A text a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return) gets a leading
 * apostrophe, which spreadsheets show as text (CSV injection, OWASP). Used for CSV and XLSX text cells alike.
 */
export function neutraliseCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** A cell of a written table: text (neutralised), a number (written as a number), or empty. */
export type CellValue = string | number | null | undefined;

/** A number as a CSV cell: decimal comma for Swedish spreadsheets, at most `decimals` places, no grouping. */
export function formatCsvNumber(n: number, decimals = 6): string {
  if (!Number.isFinite(n)) return "";
  const fixed = Number(n.toFixed(decimals));
  // Number → string never starts with = + @; a minus sign is a number here, not a formula.
  return String(fixed).replace(".", ",");
}

/** One CSV field: text is neutralised, then quoted when it holds the delimiter, a quote or a line break. */
export function csvField(value: CellValue, delimiter: Delimiter = ";"): string {
  if (value === null || value === undefined) return "";
  const v = typeof value === "number" ? formatCsvNumber(value) : neutraliseCell(value);
  return v.includes(delimiter) || /[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A whole CSV file: BOM, semicolons, CRLF, a final line end. */
export function toCsv(rows: readonly (readonly CellValue[])[], delimiter: Delimiter = ";"): string {
  return "\uFEFF" + rows.map((r) => r.map((c) => csvField(c, delimiter)).join(delimiter)).join("\r\n") + "\r\n";
}
