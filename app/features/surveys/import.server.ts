/**
 * CSV import of answers collected elsewhere (paper scanned by another tool, a previous supplier's survey ...):
 * parse, map columns to questions, convert cells to typed SurveyJS values, validate every row against the frozen
 * definition, and store all rows or none.
 */
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { z } from "zod";
import type { Database } from "~/platform/db.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { planFor, storeResponsesAllOrNothing } from "./responses.server";
import { effectiveStatus } from "./surveys.server";
import { stockholmDay } from "../../platform/dates";
import { validateAnswers, type ValidationPlan } from "./validation.server";
import {
  CsvSyntaxError,
  MAX_CSV_BYTES,
  decodeCsvBytes,
  parseCsv as parseCsvText,
  toCsv,
  type Delimiter,
  type ParsedCsv,
} from "~/platform/csv";

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
/** The mapping target for the column that says when an answer was given. */
export const DATE_TARGET = "$date";

/** One problem with the file: `row` 0 means the file or the mapping as a whole. */
export interface Problem {
  row: number;
  column: string;
  question: string;
  value: string;
  message: string;
}
/** Per column of the file: the target id (question name, `name.row`, `name-Comment`, DATE_TARGET) or null. */
export type Mapping = (string | null)[];
/** A mapping as chosen in a preview: the targets and the column headers they were chosen for. */
export interface MappingInput {
  columns: string[];
  targets: Mapping;
}

type Msg = (key: MessageKey, params?: Record<string, string | number>) => string;
const messages =
  (locale: Locale): Msg =>
  (key, params) =>
    translate(locale, key, params);
const fail = (msg: string): never => {
  throw new Invalid([{ field: "file", message: msg }], msg);
};

/** The CSV parser of app/platform/csv.ts, its errors as Invalid (a 422 with the message for the file field). */
export function parseCsv(text: string, opts: { locale?: Locale; maxBytes?: number; maxRows?: number } = {}): ParsedCsv {
  try {
    return parseCsvText(text, opts);
  } catch (e) {
    if (e instanceof CsvSyntaxError) fail(e.message);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Targets: what a column can be mapped to
// ---------------------------------------------------------------------------------------------------------

type QuestionPlan = ValidationPlan["questions"][number];
type Scalar = string | number | boolean;
interface Texts {
  title?: string;
  choices: Map<string, string>;
  rows: Map<string, string>;
  items: Map<string, string>;
}
type Target =
  | { id: string; label: string; kind: "value" | "comment"; q: QuestionPlan; texts: Texts }
  | { id: string; label: string; kind: "part"; q: QuestionPlan; texts: Texts; part: string }
  | { id: string; label: string; kind: "date" };

/** A localisable text of the definition in Swedish (the bank keeps Swedish under `default`). */
function svText(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const s = o.sv ?? o.default;
    return typeof s === "string" ? s : undefined;
  }
  return undefined;
}

function itemTexts(list: unknown, into: Map<string, string>) {
  if (!Array.isArray(list)) return;
  for (const it of list) {
    if (typeof it === "string" && it.includes("|"))
      into.set(it.slice(0, it.indexOf("|")), it.slice(it.indexOf("|") + 1));
    else if (it && typeof it === "object") {
      const o = it as Record<string, unknown>;
      const text = svText(o.text) ?? svText(o.title);
      const key = o.value ?? o.name;
      if (text && key !== undefined) into.set(String(key), text);
    }
  }
}

/** Swedish titles and choice/row/column texts per question name, read from the raw definition. */
function definitionTexts(definition: Record<string, unknown>): Map<string, Texts> {
  const out = new Map<string, Texts>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    if (typeof o.name === "string" && typeof o.type === "string" && o.type !== "panel") {
      const t: Texts = { title: svText(o.title), choices: new Map(), rows: new Map(), items: new Map() };
      itemTexts(o.choices, t.choices);
      itemTexts(o.rateValues, t.choices);
      itemTexts(o.columns, t.choices);
      itemTexts(o.rows, t.rows);
      itemTexts(o.items, t.items);
      out.set(o.name, t);
    }
    for (const k of ["pages", "elements", "questions"]) walk(o[k]);
  };
  walk(definition);
  return out;
}

/** Every column target a definition offers, in definition order. */
export function importTargets(
  plan: ValidationPlan,
  definition: Record<string, unknown>,
  locale: Locale = "sv",
): Target[] {
  const texts = definitionTexts(definition);
  const targets: Target[] = [{ id: DATE_TARGET, label: translate(locale, "import.targetDate"), kind: "date" }];
  for (const q of plan.questions) {
    if (q.kind === "expression") continue;
    const tx: Texts = texts.get(q.name) ?? { choices: new Map(), rows: new Map(), items: new Map() };
    const title = tx.title ? `${tx.title} (${q.name})` : q.name;
    if (q.kind === "matrix" || q.kind === "multipletext") {
      const parts = q.kind === "matrix" ? q.rows.map((r) => String(r.value)) : q.items.map((it) => it.name);
      for (const part of parts) {
        const text = (q.kind === "matrix" ? tx.rows : tx.items).get(part) ?? part;
        targets.push({
          id: `${q.name}.${part}`,
          label: `${tx.title ?? q.name} – ${text} (${q.name}.${part})`,
          kind: "part",
          q,
          texts: tx,
          part,
        });
      }
    } else targets.push({ id: q.name, label: title, kind: "value", q, texts: tx });
    if (q.commentKey)
      targets.push({ id: `${q.name}-Comment`, label: `${title}: kommentar`, kind: "comment", q, texts: tx });
  }
  return targets;
}

const norm = (s: string) => s.trim().toLocaleLowerCase("sv").replace(/\s+/g, " ");

/** A column per header: equal to a target id (name, `name.row`) or a question's Swedish title, ignoring case. */
export function suggestMapping(
  headers: string[],
  definition: Record<string, unknown>,
  plan = planOf(definition),
): Mapping {
  const targets = importTargets(plan, definition);
  const used = new Set<string>();
  return headers.map((h) => {
    const key = norm(h);
    const found =
      key === "datum" || key === "date"
        ? targets[0]
        : (targets.find((t) => norm(t.id) === key) ??
          targets.find((t) => t.kind === "value" && t.texts.title !== undefined && norm(t.texts.title) === key));
    if (!found || used.has(found.id)) return null;
    used.add(found.id);
    return found.id;
  });
}

function planOf(definition: Record<string, unknown>) {
  return planFor(0, definition);
}

// ---------------------------------------------------------------------------------------------------------
// Conversion of cell text to SurveyJS values
// ---------------------------------------------------------------------------------------------------------

/** A number written with `,` or `.` as decimal sign (spaces as thousands separators allowed). */
export function parseNumber(s: string): number | null {
  const c = s.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(c) ? Number(c) : null;
}

function matchChoice(cell: string, values: readonly Scalar[], texts: Map<string, string>): Scalar | undefined {
  const s = cell.trim();
  const num = parseNumber(s);
  return (
    values.find((v) => String(v) === s) ??
    values.find((v) => typeof v === "number" && num !== null && v === num) ??
    values.find((v) => norm(String(v)) === norm(s)) ??
    values.find((v) => texts.has(String(v)) && norm(texts.get(String(v))!) === norm(s))
  );
}

function choiceValues(q: QuestionPlan): Scalar[] {
  if (q.kind === "single" || q.kind === "multi" || q.kind === "ranking") {
    const c = q.choices;
    return [...c.items.map((i) => i.value), ...(c.other !== null ? [c.other] : []), ...c.specials];
  }
  if (q.kind === "rating") return q.items.map((i) => i.value);
  if (q.kind === "matrix") return q.columns.map((c) => c.value);
  return [];
}

const TRUE_WORDS = new Set(["ja", "j", "yes", "true", "sant", "1"]);
const FALSE_WORDS = new Set(["nej", "n", "no", "false", "falskt", "0"]);

type Converted = { value: unknown } | { error: string };

function convertCell(target: Exclude<Target, { kind: "date" }>, cell: string, t: Msg): Converted {
  const { q } = target;
  const one = (s: string): Converted => {
    const values = choiceValues(q);
    const v = matchChoice(s, values, target.texts.choices);
    if (v !== undefined) return { value: v };
    if (q.kind === "rating" && q.numeric && parseNumber(s) !== null) return { value: parseNumber(s) };
    const shown = values.slice(0, 12).map((x) => target.texts.choices.get(String(x)) ?? String(x));
    return {
      error: t("import.err.notAChoice", {
        value: s.trim(),
        choices: shown.join(", ") + (values.length > 12 ? " …" : ""),
      }),
    };
  };
  const many = (): Converted => {
    const out: unknown[] = [];
    for (const part of cell.split(/[|;]/).filter((p) => p.trim() !== "")) {
      const r = one(part);
      if ("error" in r) return r;
      out.push(r.value);
    }
    return { value: out };
  };
  const number = (): Converted => {
    const v = parseNumber(cell);
    return v === null ? { error: t("import.err.notANumber", { value: cell.trim() }) } : { value: v };
  };
  if (target.kind === "comment") return { value: cell };
  if (target.kind === "part") {
    if (q.kind === "multipletext")
      return q.items.find((it) => it.name === target.part)?.text.format === "number" ? number() : { value: cell };
    return q.kind === "matrix" && q.multi ? many() : one(cell);
  }
  switch (q.kind) {
    case "single":
    case "rating":
      return one(cell);
    case "multi":
    case "ranking":
      return many();
    case "boolean": {
      const w = norm(cell);
      if (TRUE_WORDS.has(w) || w === norm(String(q.valueTrue))) return { value: q.valueTrue };
      if (FALSE_WORDS.has(w) || w === norm(String(q.valueFalse))) return { value: q.valueFalse };
      return { error: t("import.err.notABoolean", { value: cell.trim() }) };
    }
    case "text":
      return q.text.format === "number" ? number() : { value: cell };
    default:
      return { value: cell };
  }
}

function convertDate(cell: string, t: Msg, today: string): Converted {
  const s = cell.trim().slice(0, 10);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
  if (!d || d.toISOString().slice(0, 10) !== s || !/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/.test(cell.trim())) {
    return { error: t("import.err.badDate", { value: cell.trim() }) };
  }
  return s > today ? { error: t("import.err.futureDate", { value: s }) } : { value: s };
}

/** Checks a mapping against the headers and targets; the problems are about the file as a whole (row 0). */
function checkMapping(headers: string[], mapping: Mapping, targets: Map<string, Target>, t: Msg): Problem[] {
  const problems: Problem[] = [];
  const byTarget = new Map<string, string[]>();
  headers.forEach((h, i) => {
    const id = mapping[i];
    if (!id) return;
    if (!targets.has(id))
      problems.push({
        row: 0,
        column: h,
        question: id,
        value: "",
        message: t("import.err.unknownTarget", { column: h, target: id }),
      });
    else byTarget.set(id, [...(byTarget.get(id) ?? []), h]);
  });
  for (const [id, cols] of byTarget) {
    if (cols.length > 1)
      problems.push({
        row: 0,
        column: cols.join(", "),
        question: id,
        value: "",
        message: t("import.err.duplicateTarget", { target: id, columns: cols.join(", ") }),
      });
  }
  if (byTarget.size === 0)
    problems.push({ row: 0, column: "", question: "", value: "", message: t("import.err.nothingMapped") });
  return problems;
}

export interface ConvertedRow {
  row: number;
  data: Record<string, unknown>;
  submittedOn?: string;
  cells: unknown[];
  problems: Problem[];
}

/**
 * Converts each row's cells to a SurveyJS answer by the mapping. An empty cell is unanswered; a cell that cannot
 * be converted is a problem of that row (the rest of the row is still converted).
 */
export function rowsToAnswers(
  rows: ParsedCsv["rows"],
  headers: string[],
  mapping: Mapping,
  targets: Target[],
  locale: Locale = "sv",
  today = stockholmDay(new Date()),
): ConvertedRow[] {
  const t = messages(locale);
  const byId = new Map(targets.map((x) => [x.id, x]));
  const cols = mapping.map((id) => (id ? byId.get(id) : undefined));
  return rows.map(({ row, cells }) => {
    const out: ConvertedRow = { row, data: {}, cells: headers.map(() => null), problems: [] };
    const extra = cells.slice(headers.length).some((c) => c.trim() !== "");
    if (extra)
      out.problems.push({
        row,
        column: "",
        question: "",
        value: "",
        message: t("import.err.extraCells", { count: cells.length, expected: headers.length }),
      });
    cols.forEach((target, i) => {
      const cell = cells[i] ?? "";
      if (!target || cell.trim() === "") return;
      const r = target.kind === "date" ? convertDate(cell, t, today) : convertCell(target, cell, t);
      if ("error" in r) {
        out.problems.push({
          row,
          column: headers[i]!,
          question: target.kind === "date" ? DATE_TARGET : target.q.name,
          value: cell,
          message: r.error,
        });
        return;
      }
      out.cells[i] = r.value;
      if (target.kind === "date") out.submittedOn = r.value as string;
      else if (target.kind === "comment") out.data[target.q.commentKey!] = r.value;
      else if (target.kind === "part")
        out.data[target.q.key] = { ...(out.data[target.q.key] as object | undefined), [target.part]: r.value };
      else out.data[target.q.key] = r.value;
    });
    return out;
  });
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
  if (!s) throw new NotFound("Enkäten finns inte");
  return { ...s, plan: planFor(s.versionId, s.definition) };
}

/** The first rows as they will be stored, the mapping used, and the problems of every row. */
export async function previewImport({
  db,
  surveyId,
  csvText,
  mapping,
  locale = "sv",
}: {
  db: Database;
  surveyId: number;
  csvText: string;
  mapping?: MappingInput | null;
  locale?: Locale;
}): Promise<Omit<Analysis, "converted">> {
  const s = await loadSurvey(db, surveyId);
  const { converted: _, ...rest } = analyseCsv({ plan: s.plan, definition: s.definition, csvText, mapping, locale });
  return rest;
}

/**
 * Imports every row of the file as an answer with channel "import", or nothing when any row has a problem.
 * Rows are inserted in batches of 500 inside one transaction (storeResponsesAllOrNothing).
 */
export async function importCsv({
  db,
  surveyId,
  csvText,
  mapping,
  locale = "sv",
}: {
  db: Database;
  surveyId: number;
  csvText: string;
  mapping?: MappingInput | null;
  locale?: Locale;
}): Promise<{ stored: number; problems: Problem[] }> {
  const s = await loadSurvey(db, surveyId);
  if (effectiveStatus(s) === "draft") fail(translate(locale, "import.draft"));
  const a = analyseCsv({ plan: s.plan, definition: s.definition, csvText, mapping, locale });
  // Never import with a mapping the analyst has not seen in a preview.
  if (a.mappingReset) fail(translate(locale, "import.err.mappingStale"));
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

// ---------------------------------------------------------------------------------------------------------
// Request input, shared by the import page and its report
// ---------------------------------------------------------------------------------------------------------

/**
 * Reads a multipart form with one CSV file (field `file`) held in memory, never on disk, up to MAX_CSV_BYTES.
 * Returns the form's fields and the file as text (null when no file was chosen).
 */
export async function readCsvUpload(request: Request, locale: Locale = "sv") {
  const tooLarge = () => fail(translate(locale, "import.err.tooLarge", { maxMb: MAX_CSV_BYTES / 1048576 }));
  if (Number(request.headers.get("content-length") ?? 0) > MAX_CSV_BYTES + 1048576) tooLarge();
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }),
    );
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) tooLarge();
    throw new Response("Skicka filen som ett formulär (multipart/form-data)", { status: 415 });
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return { form, csvText: null, fileName: "" };
  const fileName = "name" in file && typeof file.name === "string" ? file.name : "";
  return { form, csvText: decodeCsvBytes(new Uint8Array(await file.arrayBuffer())), fileName };
}

const columnsSchema = z
  .string()
  .max(1_000_000)
  .transform((s, ctx) => {
    try {
      const v: unknown = JSON.parse(s);
      if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
    } catch {
      /* reported below */
    }
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "columns" });
    return z.NEVER;
  });

/** The mapping posted with a file: `columns` (JSON list of the headers it was made for) and `col.N` selects. */
export function mappingFromForm(form: FormData): MappingInput | null {
  const columns = columnsSchema.safeParse(form.get("columns"));
  if (!columns.success) return null;
  const targets = columns.data.map((_, i) => {
    const v = form.get(`col.${i}`);
    return typeof v === "string" && v !== "" ? v.slice(0, 500) : null;
  });
  return { columns: columns.data, targets };
}
