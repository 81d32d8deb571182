/**
 * The CSV import's conversion of cell text to typed SurveyJS values by a mapping: numbers with `,` or `.`,
 * choices by value or Swedish text, several choices separated by `|` or `;`, yes/no words for booleans, matrix
 * and multiple-text parts, comments and the answer date (never in the future). A cell that cannot be converted
 * is a problem of its row; validation against the definition happens afterwards (import.server.ts).
 */
import type { ParsedCsv } from "~/platform/csv";
import type { Locale } from "~/i18n/i18n";
import { stockholmDay } from "~/platform/dates";
import {
  DATE_TARGET,
  messages,
  norm,
  type Mapping,
  type Msg,
  type Problem,
  type QuestionPlan,
  type Scalar,
  type Target,
} from "./import-mapping.server";

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
