import { surveyLocalization } from "survey-core";
import type { Question, QuestionMatrixModel, QuestionSelectBase, SurveyModel } from "survey-core";
import { DEMO_KOMMUNER, DEMO_PROFILES, generateAnswerList, type SyntheticAnswer } from "./synthetic";

// What the synthetic answer tests share: the answers of every demo kommun at one seed, the check of answers against
// survey-core's Model, and the indicator share of docs/domain/statistics.md#indicator-shares.

// The bank's texts are Swedish under `default`; survey-core must know that before any Model is built.
surveyLocalization.defaultLocale = "sv";

export const SEED = 20260115;
export const COUNT = 2000;

export const answersByKommun = new Map(
  DEMO_KOMMUNER.map((k) => [k, generateAnswerList({ seed: SEED, count: COUNT, profile: DEMO_PROFILES[k]! })]),
);
export const ALL: readonly SyntheticAnswer[] = [...answersByKommun.values()].flat();

const SELECT_TYPES = new Set(["radiogroup", "dropdown", "checkbox", "tagbox"]);

/**
 * Why two levels of checking: survey-core needs 5–9 ms for `model.clear(); model.data = answer` plus
 * `hasErrors` (every value change re-runs every condition and choice list of the survey), so the literal
 * per-answer check of 10,000 answers takes well over a minute. Every answer is therefore checked against the
 * question, choice, row and column lists of the survey-core Model and against the visibility survey-core computes
 * for its condition values (cached per distinct combination of the values conditions read), and a deterministic
 * sample (the first answers, and as many again among those answering a conditional question) also goes through
 * the full `model.data = answer` + `hasErrors(false)` check.
 * SYNTHETIC_FULL_VALIDATION=1 runs the full check on every answer.
 */
const FULL_VALIDATION = process.env["SYNTHETIC_FULL_VALIDATION"] === "1";
const FULL_SAMPLE = 20;
// Only the full mode needs this; the default run keeps each test well under vitest's 5 s.
export const SLOW = { timeout: FULL_VALIDATION ? 600_000 : 5_000 };

/** What survey-core's Model says each question accepts, read once per Model (its getters are slow). */
interface QuestionPlan {
  type: string;
  allowed: ReadonlySet<string>;
  rows: ReadonlySet<string>;
  columns: ReadonlySet<string>;
  maxSelected: number;
  maxLength: number;
  required: boolean;
}

const plans = new WeakMap<SurveyModel, ReadonlyMap<string, QuestionPlan>>();
function planOf(model: SurveyModel): ReadonlyMap<string, QuestionPlan> {
  let plan = plans.get(model);
  if (plan) return plan;
  const map = new Map<string, QuestionPlan>();
  for (const q of model.getAllQuestions(false)) {
    const type = q.getType();
    const select = SELECT_TYPES.has(type) ? (q as QuestionSelectBase) : null;
    const matrix = type === "matrix" ? (q as QuestionMatrixModel) : null;
    const allowed = select ? select.choices.map((c) => String(c.value)) : [];
    if (select?.showNoneItem) allowed.push("none");
    map.set(q.name, {
      type,
      allowed: new Set(allowed),
      rows: new Set(matrix ? matrix.rows.map((r) => String(r.value)) : []),
      columns: new Set(matrix ? matrix.columns.map((c) => String(c.value)) : []),
      maxSelected: select ? (q as QuestionSelectBase & { maxSelectedChoices: number }).maxSelectedChoices : 0,
      maxLength: type === "comment" ? (q as Question & { maxLength: number }).maxLength : 0,
      required: q.isRequired,
    });
  }
  plan = map;
  plans.set(model, plan);
  return plan;
}

/** Problems with the values of one answer, given the questions visible for it (empty when valid). */
function valueProblems(model: SurveyModel, answer: SyntheticAnswer, visible: ReadonlySet<string>): string[] {
  const plan = planOf(model);
  const problems: string[] = [];
  for (const [name, value] of Object.entries(answer)) {
    const q = plan.get(name);
    if (!q) {
      problems.push(`${name}: no such question`);
      continue;
    }
    if (!visible.has(name)) problems.push(`${name}: answered but hidden`);
    if (SELECT_TYPES.has(q.type)) {
      const values = Array.isArray(value) ? value : [value];
      if (q.type === "checkbox" || q.type === "tagbox") {
        if (!Array.isArray(value)) problems.push(`${name}: not an array`);
        if (q.maxSelected > 0 && values.length > q.maxSelected) problems.push(`${name}: ${values.length} ticks`);
        if (values.length === 0) problems.push(`${name}: empty`);
        if (values.includes("none") && values.length > 1) problems.push(`${name}: none with other ticks`);
        if (new Set(values).size !== values.length) problems.push(`${name}: duplicate ticks`);
      } else if (typeof value !== "string") {
        problems.push(`${name}: not a string`);
      }
      for (const v of values)
        if (typeof v !== "string" || !q.allowed.has(v)) problems.push(`${name}: bad ${String(v)}`);
    } else if (q.type === "matrix") {
      if (typeof value !== "object" || Array.isArray(value) || Object.keys(value).length === 0) {
        problems.push(`${name}: not a non-empty object`);
        continue;
      }
      for (const [row, col] of Object.entries(value)) {
        if (!q.rows.has(row) || !q.columns.has(col)) problems.push(`${name}: bad ${row}=${col}`);
      }
    } else if (q.type === "boolean") {
      if (typeof value !== "boolean") problems.push(`${name}: not a boolean`);
    } else if (q.type === "comment") {
      if (typeof value !== "string" || value.trim() === "") problems.push(`${name}: empty or not text`);
      else if (q.maxLength > 0 && value.length > q.maxLength) problems.push(`${name}: too long`);
    } else {
      problems.push(`${name}: unexpected type ${q.type}`);
    }
  }
  for (const [name, q] of plan) {
    if (q.required && visible.has(name) && answer[name] === undefined) problems.push(`${name}: required`);
  }
  return problems;
}

/** The validity check: survey-core holds the whole answer and no visible question has an error. */
function fullProblems(model: SurveyModel, answer: SyntheticAnswer): string[] {
  model.clear();
  model.data = answer;
  const problems: string[] = [];
  for (const q of model.getAllQuestions(true)) {
    if (q.hasErrors(false)) problems.push(`${q.name}: ${q.errors.map((e) => e.text).join("; ")}`);
  }
  const visible = new Set(model.getAllQuestions(true).map((q) => q.name));
  for (const name of Object.keys(answer)) {
    if (!model.getQuestionByName(name)?.isVisible) problems.push(`${name}: missing or hidden`);
  }
  return [...problems, ...valueProblems(model, answer, visible)];
}

/** Checks every answer as described above; returns the first few failures. */
export function validateAll(model: SurveyModel, answers: readonly SyntheticAnswer[], sample = FULL_SAMPLE): string[] {
  // The questions any condition of the survey reads: visibility depends on their values only.
  const elements = [...model.pages, ...model.getAllQuestions(false)];
  const conditions = elements
    .map((el) => el.visibleIf)
    .filter((expr): expr is string => typeof expr === "string" && expr !== "");
  const conditional = model
    .getAllQuestions(false)
    .filter((q) => typeof q.visibleIf === "string" && q.visibleIf !== "")
    .map((q) => q.name);
  let conditionalChecked = 0;
  const read = [...new Set(conditions.flatMap((expr) => [...expr.matchAll(/\{([^}.[]+)/g)].map((m) => m[1]!.trim())))];
  const visibleByContext = new Map<string, ReadonlySet<string>>();
  const visibleFor = (answer: SyntheticAnswer): ReadonlySet<string> => {
    const context = Object.fromEntries(read.filter((n) => answer[n] !== undefined).map((n) => [n, answer[n]]));
    const key = JSON.stringify(context);
    let visible = visibleByContext.get(key);
    if (!visible) {
      model.clear();
      model.data = context;
      visible = new Set(model.getAllQuestions(true).map((q) => q.name));
      visibleByContext.set(key, visible);
    }
    return visible;
  };
  const failures: string[] = [];
  answers.forEach((answer, i) => {
    const problems = valueProblems(model, answer, visibleFor(answer));
    const answersConditional = conditional.some((name) => answer[name] !== undefined);
    if (FULL_VALIDATION || i < sample || (answersConditional && conditionalChecked < sample)) {
      if (answersConditional) conditionalChecked++;
      problems.push(...fullProblems(model, answer));
    }
    if (problems.length > 0 && failures.length < 10) failures.push(`#${i}: ${problems.join(", ")}`);
  });
  return failures;
}

/** Problem/unsafe share as docs/domain/statistics.md#indicator-shares defines it: numerator over answered minus "vet ej". */
export function share(values: readonly string[], numerator: readonly string[]): number {
  const base = values.filter((v) => v !== "dont_know");
  return base.filter((v) => numerator.includes(v)).length / base.length;
}
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const matrixCell = (a: SyntheticAnswer, q: string, row: string): string | undefined => {
  const m = a[q];
  return m && typeof m === "object" && !Array.isArray(m) ? m[row] : undefined;
};
export const defined = <T>(v: T | undefined): v is T => v !== undefined;
export const UNSAFE = ["rather_unsafe", "very_unsafe"];
export const BIG = ["4", "3"];
