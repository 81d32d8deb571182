/**
 * The CSV import's mapping of file columns to a survey: the targets a definition offers (question, matrix row or
 * multiple-text field, comment, the answer date) with their Swedish labels read from the raw definition, the
 * suggested mapping by header, and the check of a chosen mapping. Also the import's shared vocabulary: the
 * mapping and problem types, the message lookup and `fail` (a problem with the file as a whole, as Invalid).
 */
import { Invalid, fieldError, type MessageParams } from "~/platform/errors.server";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { planFor } from "./responses.server";
import type { ValidationPlan } from "./validation.server";

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

export type Msg = (key: MessageKey, params?: Record<string, string | number>) => string;
export const messages =
  (locale: Locale): Msg =>
  (key, params) =>
    translate(locale, key, params);
export const fail = (messageKey: MessageKey, params?: MessageParams): never => {
  throw new Invalid([fieldError("file", messageKey, params)], messageKey, "field", params);
};

export type QuestionPlan = ValidationPlan["questions"][number];
export type Scalar = string | number | boolean;
interface Texts {
  title?: string;
  choices: Map<string, string>;
  rows: Map<string, string>;
  items: Map<string, string>;
}
export type Target =
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

export const norm = (s: string) => s.trim().toLocaleLowerCase("sv").replace(/\s+/g, " ");

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

/** Checks a mapping against the headers and targets; the problems are about the file as a whole (row 0). */
export function checkMapping(headers: string[], mapping: Mapping, targets: Map<string, Target>, t: Msg): Problem[] {
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
