import { MAX_ANSWER_DEPTH, nestedDeeperThan } from "~/platform/json-depth";
import { Helpers } from "survey-core";
import {
  type Locale,
  type ValidationError,
  DEFAULT_COMMENT_MAX,
  MAX_UNKNOWN_KEY_ERRORS,
  EMAIL_RE,
} from "./limits.server";
import { type Failure, formatMessage } from "./messages.server";
import type {
  Values,
  Scalar,
  Cond,
  Bound,
  ChoiceItem,
  ChoiceSpec,
  TextFormat,
  TextSpec,
  ValidatorSpec,
  ValidationPlan,
} from "./plan.server";
import { capLength } from "./compile.server";
import {
  isOtherSelected,
  valueIncludes,
  isPlainObject,
  isScalar,
  own,
  isEmptyValue,
  hasBadChars,
  looseEquals,
  sameJson,
  safeRun,
  roundValue,
  isStepMultiple,
  isRealDate,
} from "./helpers.server";

// ---------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------

export type { Values };

/** Per-answer evaluation state: memoised visibility, read-only state and visible choices. */
export class Evaluation {
  readonly values: Values;
  private readonly cVis: Int8Array;
  private readonly cRO: Int8Array;
  private readonly qVis: Int8Array;
  private readonly qRO: Int8Array;
  private readonly choiceMemo: Array<ChoiceItem[] | undefined>;
  private readonly rowMemo: Array<ChoiceItem[] | undefined>;
  private readonly colMemo: Array<ChoiceItem[] | undefined>;

  constructor(
    readonly plan: ValidationPlan,
    readonly data: Values,
    locale: Locale,
  ) {
    // survey-core resolves {locale} before any data key; plain spread keeps a "__proto__" key inert.
    this.values = { ...data, locale };
    const nq = plan.questions.length;
    const nc = plan.containers.length;
    this.cVis = new Int8Array(nc);
    this.cRO = new Int8Array(nc);
    this.qVis = new Int8Array(nq);
    this.qRO = new Int8Array(nq);
    this.choiceMemo = new Array(nq);
    this.rowMemo = new Array(nq);
    this.colMemo = new Array(nq);
    if (plan.derived.length > 0) this.computeDerived();
  }

  private computeDerived(): void {
    const derived = this.plan.derived;
    // Calculated values and expression questions may depend on each other; iterate to a fixed point.
    for (let pass = 0; pass <= derived.length; pass++) {
      let changed = false;
      for (const d of derived) {
        const v = roundValue(safeRun(d.runner, this.values), d.precision);
        if (!sameJson(this.values[d.key], v)) changed = true;
        this.values[d.key] = v;
      }
      if (!changed) break;
    }
  }

  cond(c: Cond, self?: unknown): boolean {
    if (!c.usesSelf) return safeRun(c.runner, this.values) === true;
    const scoped: Values = Object.create(this.values) as Values;
    scoped.self = self;
    return safeRun(c.runner, scoped) === true;
  }

  /** survey-core evaluates {item}/{choice}/{self} in choice conditions as the item's value. */
  private itemVisible(item: ChoiceItem, fallback: Cond | null): boolean {
    const c = item.visibleIf ?? fallback;
    if (!c) return true;
    const scoped: Values = Object.create(this.values) as Values;
    scoped.item = item.value;
    scoped.choice = item.value;
    scoped.self = item.value;
    return safeRun(c.runner, scoped) === true;
  }

  containerVisible(i: number): boolean {
    const memo = this.cVis[i];
    if (memo !== 0) return memo === 1;
    const c = this.plan.containers[i];
    let v = c.visibleIf ? this.cond(c.visibleIf) : c.visible;
    if (v && c.parent >= 0) v = this.containerVisible(c.parent);
    this.cVis[i] = v ? 1 : 2;
    return v;
  }

  containerReadOnly(i: number): boolean {
    const memo = this.cRO[i];
    if (memo !== 0) return memo === 1;
    const c = this.plan.containers[i];
    let ro = this.plan.readOnlyAll || (c.enableIf ? !this.cond(c.enableIf) : c.readOnly);
    if (!ro && c.parent >= 0) ro = this.containerReadOnly(c.parent);
    this.cRO[i] = ro ? 1 : 2;
    return ro;
  }

  questionVisible(i: number): boolean {
    const memo = this.qVis[i];
    if (memo !== 0) return memo === 1;
    const q = this.plan.questions[i];
    let v = q.visibleIf ? this.cond(q.visibleIf, own(this.values, q.key)) : q.visible;
    if (v) v = this.containerVisible(q.container);
    if (v && "choices" in q && q.choices.hideIfEmpty && this.visibleChoices(i).length === 0) {
      // With carried choices survey-core counts the built-in items (Other, None ...) too.
      v = q.choices.carry !== null && (q.choices.other !== null || q.choices.specials.length > 0);
    }
    if (v && q.kind === "matrix" && q.hideIfRowsEmpty && this.visibleRows(i).length === 0) v = false;
    this.qVis[i] = v ? 1 : 2;
    return v;
  }

  questionReadOnly(i: number): boolean {
    const memo = this.qRO[i];
    if (memo !== 0) return memo === 1;
    const q = this.plan.questions[i];
    const ro =
      (q.enableIf ? !this.cond(q.enableIf, own(this.values, q.key)) : q.readOnly) ||
      this.containerReadOnly(q.container);
    this.qRO[i] = ro ? 1 : 2;
    return ro;
  }

  questionRequired(i: number): boolean {
    const q = this.plan.questions[i];
    return q.requiredIf ? this.cond(q.requiredIf, own(this.values, q.key)) : q.isRequired;
  }

  containerRequired(i: number): boolean {
    const c = this.plan.containers[i];
    return c.requiredIf ? this.cond(c.requiredIf) : c.isRequired;
  }

  /** The visible regular choices (no Other/None items) of a choice question for this answer. */
  visibleChoices(i: number): ChoiceItem[] {
    const memo = this.choiceMemo[i];
    if (memo) return memo;
    const q = this.plan.questions[i];
    if (!("choices" in q)) return [];
    const cs = q.choices;
    let base = cs.items;
    if (cs.carry) {
      const src = this.plan.questions[cs.carry.source];
      base = this.visibleChoices(cs.carry.source);
      if (cs.carry.mode !== "all" && "choices" in src) {
        const raw = own(this.values, src.key);
        const selected = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
        const isSel = (v: Scalar) => selected.some((s) => looseEquals(s, v));
        base = base.filter((c) => isSel(c.value) === (cs.carry!.mode === "selected"));
        const srcOther = src.choices.other;
        if (cs.carry.mode === "selected" && cs.other === null && srcOther !== null) {
          const otherText = src.choices.otherAsComment && src.commentKey ? own(this.values, src.commentKey) : null;
          const otherSelected = src.choices.otherAsComment
            ? isSel(srcOther)
            : selected.some((s) => typeof s === "string" && !src.choices.items.some((c) => looseEquals(s, c.value)));
          if (otherSelected && (!src.choices.otherAsComment || (typeof otherText === "string" && otherText))) {
            base = [...base, { value: srcOther, visibleIf: null, exclusive: false }];
          }
        }
      }
    }
    const out = base.filter((item) => this.itemVisible(item, cs.choicesVisibleIf));
    this.choiceMemo[i] = out;
    return out;
  }

  visibleRows(i: number): ChoiceItem[] {
    const q = this.plan.questions[i];
    if (q.kind !== "matrix") return [];
    return (this.rowMemo[i] ??= q.rows.filter((r) => this.itemVisible(r, q.rowsVisibleIf)));
  }

  visibleColumns(i: number): ChoiceItem[] {
    const q = this.plan.questions[i];
    if (q.kind !== "matrix") return [];
    return (this.colMemo[i] ??= q.columns.filter((c) => this.itemVisible(c, q.columnsVisibleIf)));
  }

  visibleRateItems(i: number): ChoiceItem[] {
    const q = this.plan.questions[i];
    if (q.kind !== "rating") return [];
    const memo = this.choiceMemo[i];
    if (memo) return memo;
    let items = q.items.filter((it) => this.itemVisible(it, null));
    if (q.cap !== null && items.length > q.cap) items = items.slice(0, q.cap);
    this.choiceMemo[i] = items;
    return items;
  }

  bound(b: Bound, numeric: boolean): number | string | null {
    if (b.expr) {
      const v: unknown = safeRun(b.expr, this.values);
      if (v !== undefined && v !== null && v !== "") {
        if (numeric) return Helpers.isNumber(v) ? (Helpers.getNumber(v) as number) : null;
        return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
      }
    }
    return b.value;
  }
}

/** Validates one answer against a compiled plan. Never throws for bad input. */
export function validateAnswers(
  plan: ValidationPlan,
  data: unknown,
  locale: Locale,
): { ok: true; data: Record<string, unknown> } | { ok: false; errors: ValidationError[] } {
  if (!isPlainObject(data)) {
    return { ok: false, errors: [{ question: "", message: formatMessage(locale, { key: "not_an_object" }) }] };
  }
  // The walks below recurse; refuse hostile nesting before them (iteratively).
  const tooDeep = Object.keys(data).filter((k) => nestedDeeperThan(data[k], MAX_ANSWER_DEPTH - 1));
  if (tooDeep.length) {
    return {
      ok: false,
      errors: tooDeep.map((question) => ({ question, message: formatMessage(locale, { key: "too_deep" }) })),
    };
  }
  const errors: ValidationError[] = [];
  const failed = new Set<string>();
  const fail = (question: string, f: Failure) => {
    if (failed.has(question)) return;
    failed.add(question);
    errors.push({ question, message: formatMessage(locale, f) });
  };

  let unknown = 0;
  for (const key of Object.keys(data)) {
    if (!plan.keys.has(key) && unknown++ < MAX_UNKNOWN_KEY_ERRORS) fail(key, { key: "unknown_question" });
  }

  const ev = new Evaluation(plan, data, locale);
  const out: Record<string, unknown> = {};
  const qs = plan.questions;
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i];
    if (q.kind === "expression") {
      const v = own(ev.values, q.key);
      if (!Helpers.isValueEmpty(v) && ev.questionVisible(i)) out[q.key] = v instanceof Date ? v.toISOString() : v;
      continue;
    }
    const raw = own(data, q.key);
    const present = !isEmptyValue(raw);
    const rawComment = q.commentKey !== null ? own(data, q.commentKey) : undefined;
    const commentPresent = !isEmptyValue(rawComment);
    const visible = ev.questionVisible(i);
    if (!visible && !present && !commentPresent) continue;
    if (!visible && !q.keepHidden) {
      fail(q.name, { key: "hidden_question" });
      continue;
    }
    if ((present && hasBadChars(raw)) || (commentPresent && hasBadChars(rawComment))) {
      fail(q.name, { key: "invalid_characters" });
      continue;
    }
    let value: unknown = undefined;
    if (present) {
      const r = checkValue(ev, i, raw);
      if ("key" in r) {
        fail(q.name, r);
        continue;
      }
      value = r.value;
    }
    let comment: string | undefined;
    if (commentPresent) {
      if (typeof rawComment !== "string") {
        fail(q.name, { key: "wrong_type" });
        continue;
      }
      if (!q.showCommentArea && !isOtherSelected(q, value)) {
        fail(q.name, { key: "comment_not_allowed" });
        continue;
      }
      if (rawComment.length > capLength(null, DEFAULT_COMMENT_MAX)) {
        fail(q.name, { key: "too_long", params: { max: DEFAULT_COMMENT_MAX } });
        continue;
      }
      comment = rawComment;
    }
    const editable = visible && !ev.questionReadOnly(i);
    if (editable) {
      const f = checkAnswered(ev, i, value, raw, comment);
      if (f) {
        fail(q.name, f);
        continue;
      }
    }
    if (present) out[q.key] = value;
    if (comment !== undefined && q.commentKey) out[q.commentKey] = comment;
  }

  for (let c = 0; c < plan.containers.length; c++) {
    const cont = plan.containers[c];
    if (cont.kind !== "panel" || cont.questions.length === 0) continue;
    if (!ev.containerVisible(c) || !ev.containerRequired(c)) continue;
    const visibleQs = cont.questions.filter((i) => ev.questionVisible(i));
    if (visibleQs.length === 0) continue;
    if (visibleQs.every((i) => isEmptyValue(own(data, qs[i].key)))) {
      fail(cont.name || qs[visibleQs[0]].name, { key: "panel_required", custom: cont.requiredText });
    }
  }

  for (const d of plan.derived) {
    if (d.output && !Helpers.isValueEmpty(ev.values[d.key])) {
      const v = ev.values[d.key];
      out[d.key] = v instanceof Date ? v.toISOString() : v;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, data: out };
}

export type CheckResult = { value: unknown } | Failure;

/** Type, choice and range checks of a non-empty value; returns the value to store. */
export function checkValue(ev: Evaluation, i: number, raw: unknown): CheckResult {
  const q = ev.plan.questions[i];
  switch (q.kind) {
    case "single":
      return checkSingle(ev, i, q.choices, raw);
    case "multi":
      return checkMulti(ev, i, q.choices, raw, q.maxSelected);
    case "ranking": {
      if (!Array.isArray(raw)) return { key: "wrong_type" };
      const vis = ev.visibleChoices(i);
      for (const v of raw) {
        if (!isScalar(v)) return { key: "wrong_type" };
        if (!vis.some((c) => c.value === v)) return { key: "not_a_choice" };
      }
      if (new Set(raw).size !== raw.length) return { key: "duplicate_choice" };
      if (q.selectToRank && q.maxSelected > 0 && raw.length > q.maxSelected) {
        return { key: "too_many_choices", params: { max: q.maxSelected } };
      }
      return { value: raw.slice() };
    }
    case "rating": {
      if (!isScalar(raw)) return { key: "wrong_type" };
      if (ev.visibleRateItems(i).some((it) => it.value === raw)) return { value: raw };
      if (q.numeric) {
        if (typeof raw !== "number") return { key: "not_a_number" };
        if (raw < q.numeric.min || raw > q.numeric.max) {
          return { key: "out_of_range", params: { min: q.numeric.min, max: q.numeric.max } };
        }
      }
      return { key: "not_a_choice" };
    }
    case "boolean":
      return raw === q.valueTrue || raw === q.valueFalse ? { value: raw } : { key: "not_a_boolean" };
    case "text":
      return checkText(ev, q.text, raw);
    case "comment":
      if (typeof raw !== "string") return { key: "wrong_type" };
      return raw.length > q.maxLength ? { key: "too_long", params: { max: q.maxLength } } : { value: raw };
    case "matrix":
      return checkMatrix(ev, i, raw);
    case "multipletext": {
      if (!isPlainObject(raw)) return { key: "wrong_type" };
      const value: Record<string, unknown> = {};
      for (const k of Object.keys(raw)) {
        if (!q.items.some((it) => it.name === k)) return { key: "unknown_item" };
      }
      for (const it of q.items) {
        const v = own(raw, it.name);
        if (isEmptyValue(v)) continue;
        const r = checkText(ev, it.text, v);
        if ("key" in r) return r;
        value[it.name] = r.value;
      }
      return { value };
    }
    default:
      return { key: "wrong_type" };
  }
}

export function checkSingle(ev: Evaluation, i: number, cs: ChoiceSpec, raw: unknown): CheckResult {
  if (!isScalar(raw)) return { key: "wrong_type" };
  if (ev.visibleChoices(i).some((c) => c.value === raw)) return { value: raw };
  if (cs.other !== null && raw === cs.other) return { value: raw };
  if (cs.specials.includes(raw)) return { value: raw };
  if (typeof raw === "string" && ((cs.other !== null && !cs.otherAsComment) || cs.customAllowed)) {
    // The Other text stored in place of the value (storeOthersAsComment false), or a custom choice.
    return raw.length > DEFAULT_COMMENT_MAX
      ? { key: "too_long", params: { max: DEFAULT_COMMENT_MAX } }
      : { value: raw };
  }
  return { key: "not_a_choice" };
}

export function checkMulti(ev: Evaluation, i: number, cs: ChoiceSpec, raw: unknown, maxSelected: number): CheckResult {
  if (!Array.isArray(raw)) return { key: "wrong_type" };
  const vis = ev.visibleChoices(i);
  let freeText = 0;
  let exclusive: Scalar | null = null;
  for (const v of raw) {
    if (!isScalar(v)) return { key: "wrong_type" };
    const item = vis.find((c) => c.value === v);
    if (item) {
      if (item.exclusive) exclusive = v;
      continue;
    }
    if (cs.other !== null && v === cs.other) continue;
    if (cs.specials.includes(v)) {
      exclusive = v;
      continue;
    }
    if (typeof v === "string" && cs.customAllowed) continue;
    if (typeof v === "string" && cs.other !== null && !cs.otherAsComment && freeText++ === 0) {
      if (v.length > DEFAULT_COMMENT_MAX) return { key: "too_long", params: { max: DEFAULT_COMMENT_MAX } };
      continue;
    }
    return { key: "not_a_choice" };
  }
  if (new Set(raw).size !== raw.length) return { key: "duplicate_choice" };
  if (exclusive !== null && raw.length > 1) return { key: "exclusive_choice", params: { value: String(exclusive) } };
  if (maxSelected > 0 && raw.length > maxSelected) return { key: "too_many_choices", params: { max: maxSelected } };
  return { value: raw.slice() };
}

export const FORMAT_RE: Partial<Record<TextFormat, RegExp>> = {
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  datetime: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  week: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
  time: /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/,
  color: /^#[0-9a-fA-F]{6}$/,
};

export function checkText(ev: Evaluation, t: TextSpec, raw: unknown): CheckResult {
  if (t.format === "number") {
    if (typeof raw !== "number" || !Number.isFinite(raw)) return { key: "not_a_number" };
    const min = ev.bound(t.min, true) as number | null;
    const max = ev.bound(t.max, true) as number | null;
    if ((min !== null && raw < min) || (max !== null && raw > max)) {
      if (min !== null && max !== null) return { key: "out_of_range", params: { min, max } };
      return min !== null ? { key: "below_min", params: { min } } : { key: "above_max", params: { max: max! } };
    }
    if (t.step !== null && !isStepMultiple(raw, t.step)) return { key: "step", params: { step: t.step } };
    return { value: raw };
  }
  if (typeof raw !== "string") return { key: "wrong_type" };
  if (raw.length > t.maxLength) {
    return t.format === "text" || t.format === "email"
      ? { key: "too_long", params: { max: t.maxLength } }
      : { key: "invalid_format" };
  }
  if (t.format === "text") return { value: raw };
  if (t.format === "email") return EMAIL_RE.test(raw) ? { value: raw } : { key: "invalid_email" };
  const re = FORMAT_RE[t.format];
  const badFormat: Failure = { key: t.format === "date" ? "invalid_date" : "invalid_format" };
  if (re && !re.test(raw)) return badFormat;
  if ((t.format === "date" || t.format === "datetime") && !isRealDate(raw)) return badFormat;
  const min = ev.bound(t.min, false);
  const max = ev.bound(t.max, false);
  if (typeof min === "string" && raw < min)
    return max !== null ? { key: "out_of_range", params: { min, max } } : { key: "below_min", params: { min } };
  if (typeof max === "string" && raw > max)
    return min !== null ? { key: "out_of_range", params: { min, max } } : { key: "above_max", params: { max } };
  return { value: raw };
}

export function checkMatrix(ev: Evaluation, i: number, raw: unknown): CheckResult {
  const q = ev.plan.questions[i];
  if (q.kind !== "matrix") return { key: "wrong_type" };
  if (!isPlainObject(raw)) return { key: "wrong_type" };
  const rows = ev.visibleRows(i);
  const cols = ev.visibleColumns(i);
  for (const key of Object.keys(raw)) {
    if (isEmptyValue(raw[key])) continue;
    if (!rows.some((r) => String(r.value) === key)) return { key: "not_in_matrix" };
  }
  const value: Record<string, unknown> = {};
  for (const row of q.rows) {
    const key = String(row.value);
    const v = own(raw, key);
    if (isEmptyValue(v)) continue;
    if (q.multi) {
      if (!Array.isArray(v)) return { key: "wrong_type" };
      let exclusive = false;
      for (const x of v) {
        const col = cols.find((c) => c.value === x);
        if (!col) return isScalar(x) ? { key: "not_in_matrix" } : { key: "wrong_type" };
        exclusive ||= col.exclusive;
      }
      if (new Set(v).size !== v.length) return { key: "duplicate_choice" };
      if (exclusive && v.length > 1)
        return {
          key: "exclusive_choice",
          params: { value: String(v.find((x) => cols.some((c) => c.exclusive && c.value === x))) },
        };
      value[key] = v.slice();
    } else {
      if (!isScalar(v)) return { key: "wrong_type" };
      if (!cols.some((c) => c.value === v)) return { key: "not_in_matrix" };
      value[key] = v;
    }
  }
  return { value };
}

/** Required, completeness and definition-validator checks for a visible, editable question. */
export function checkAnswered(
  ev: Evaluation,
  i: number,
  value: unknown,
  raw: unknown,
  comment: string | undefined,
): Failure | null {
  const q = ev.plan.questions[i];
  const answered = !isEmptyValue(raw) && !(typeof raw === "string" && !q.allowSpace && raw.trim() === "");
  if ("choices" in q && q.choices.other !== null && isOtherSelected(q, value)) {
    const hasText = q.choices.otherAsComment
      ? !!comment && comment.trim() !== ""
      : !valueIncludes(value, q.choices.other);
    if (!hasText) return { key: "other_required" };
  }
  if (!answered && ev.questionRequired(i)) return { key: "required", custom: q.requiredText };
  if (q.kind === "multi" && q.minSelected > 0) {
    const n = Array.isArray(value) ? value.length : 0;
    const onlyExclusive =
      n === 1 &&
      (q.choices.specials.includes((value as Scalar[])[0]) ||
        q.choices.items.some((c) => c.exclusive && c.value === (value as Scalar[])[0]));
    if (n < q.minSelected && !onlyExclusive) return { key: "too_few_choices", params: { min: q.minSelected } };
  }
  if (q.kind === "ranking" && q.selectToRank && q.minSelected > 0 && answered) {
    if ((value as unknown[]).length < q.minSelected) return { key: "too_few_choices", params: { min: q.minSelected } };
  }
  if (q.kind === "matrix" && (q.eachRowRequired || q.eachRowUnique)) {
    const obj = (value ?? {}) as Record<string, unknown>;
    const seen = new Set<string>();
    for (const row of ev.visibleRows(i)) {
      const v = own(obj, String(row.value));
      if (isEmptyValue(v)) {
        if (q.eachRowRequired) return { key: "all_rows_required" };
        continue;
      }
      if (q.eachRowUnique) {
        const k = JSON.stringify(v);
        if (seen.has(k)) return { key: "rows_unique" };
        seen.add(k);
      }
    }
  }
  if (q.kind === "multipletext") {
    const obj = (value ?? {}) as Record<string, unknown>;
    for (const it of q.items) {
      const v = own(obj, it.name);
      if (it.isRequired && (isEmptyValue(v) || (typeof v === "string" && v.trim() === ""))) {
        return { key: "required", custom: it.requiredText };
      }
      const f = runValidators(ev, it.validators, v);
      if (f) return f;
    }
  }
  return runValidators(ev, q.validators, value);
}

export function runValidators(ev: Evaluation, validators: readonly ValidatorSpec[], value: unknown): Failure | null {
  for (const v of validators) {
    const custom = v.text;
    switch (v.type) {
      case "expression":
        // survey-core runs expression validators even on empty values.
        if (!ev.cond(v.cond, value)) return { key: "expression_failed", custom };
        break;
      case "numeric": {
        if (Helpers.isValueEmpty(value)) break;
        if (!Helpers.isNumber(value)) return { key: "not_a_number", custom };
        const n = Helpers.getNumber(value) as number;
        if ((v.min !== null && n < v.min) || (v.max !== null && n > v.max)) {
          if (v.min !== null && v.max !== null)
            return { key: "out_of_range", params: { min: v.min, max: v.max }, custom };
          return v.min !== null
            ? { key: "below_min", params: { min: v.min }, custom }
            : { key: "above_max", params: { max: v.max! }, custom };
        }
        break;
      }
      case "text": {
        if (typeof value !== "string" || value === "") break;
        // survey-core's TextValidator tests /\d+$/ (digits at the end only); mirror it, not stricter.
        if (!v.allowDigits && /\d+$/.test(value)) return { key: "no_digits", custom };
        if (v.minLength > 0 && value.length < v.minLength)
          return { key: "too_short", params: { min: v.minLength }, custom };
        if (v.maxLength > 0 && value.length > v.maxLength)
          return { key: "too_long", params: { max: v.maxLength }, custom };
        break;
      }
      case "answercount": {
        if (!Array.isArray(value) || value.length === 0) break;
        if (v.min > 0 && value.length < v.min) return { key: "too_few_choices", params: { min: v.min }, custom };
        if (v.max > 0 && value.length > v.max) return { key: "too_many_choices", params: { max: v.max }, custom };
        break;
      }
      case "regex": {
        if (Helpers.isValueEmpty(value)) break;
        const list = Array.isArray(value) ? value : [value];
        if (list.some((x) => !v.re.test(String(x)))) return { key: "invalid_format", custom };
        break;
      }
      case "email":
        if (typeof value === "string" && value && !EMAIL_RE.test(value)) return { key: "invalid_email", custom };
        break;
    }
  }
  return null;
}

/** Which questions are visible for this answer (question name → visible), as survey-core would show them. */
export function getQuestionVisibility(
  plan: ValidationPlan,
  data: unknown,
  locale: Locale = "sv",
): Record<string, boolean> {
  const ev = new Evaluation(plan, isPlainObject(data) ? data : {}, locale);
  const out: Record<string, boolean> = {};
  plan.questions.forEach((q, i) => {
    out[q.name] = ev.questionVisible(i);
  });
  return out;
}

/**
 * Lists the (question, value) pairs of the choice-like answers in cleaned data (from `validateAnswers`), in
 * definition order: radiogroup/dropdown/imagepicker → the choice; checkbox/tagbox → one per ticked choice;
 * boolean → "true"/"false"; rating → String(value); matrix → `name.row` with the column; ranking → `name.choice`
 * with the 1-based rank. Other answers give the Other item's value ("other"); free text and custom choices are
 * never listed.
 */
export function encodeChoiceAnswers(
  plan: ValidationPlan,
  data: Record<string, unknown>,
): Array<{ question: string; value: string }> {
  const out: Array<{ question: string; value: string }> = [];
  for (const q of plan.questions) {
    const v = own(data, q.key);
    if (isEmptyValue(v)) continue;
    switch (q.kind) {
      case "single":
      case "multi": {
        const known = knownChoiceValues(plan, q.choices);
        const given = Array.isArray(v) ? v : [v];
        const has = (x: Scalar) => given.some((g) => g === x);
        for (const c of known) if (has(c)) out.push({ question: q.name, value: String(c) });
        const other = q.choices.other;
        if (other !== null) {
          const otherText =
            !q.choices.otherAsComment &&
            given.some(
              (g) =>
                typeof g === "string" &&
                !known.includes(g) &&
                !q.choices.specials.includes(g) &&
                !q.choices.customAllowed,
            );
          if (has(other) || otherText) out.push({ question: q.name, value: String(other) });
        }
        for (const s of q.choices.specials) if (has(s)) out.push({ question: q.name, value: String(s) });
        break;
      }
      case "ranking": {
        if (!Array.isArray(v)) break;
        for (const c of knownChoiceValues(plan, q.choices)) {
          const rank = v.indexOf(c);
          if (rank >= 0) out.push({ question: `${q.name}.${String(c)}`, value: String(rank + 1) });
        }
        break;
      }
      case "rating":
        if (isScalar(v)) out.push({ question: q.name, value: String(v) });
        break;
      case "boolean":
        if (v === q.valueTrue) out.push({ question: q.name, value: "true" });
        else if (v === q.valueFalse) out.push({ question: q.name, value: "false" });
        break;
      case "matrix": {
        if (!isPlainObject(v)) break;
        for (const row of q.rows) {
          const key = String(row.value);
          const cell = own(v, key);
          if (isEmptyValue(cell)) continue;
          const cells = Array.isArray(cell) ? cell : [cell];
          for (const col of q.columns) {
            if (cells.some((c) => c === col.value))
              out.push({ question: `${q.name}.${key}`, value: String(col.value) });
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

export function knownChoiceValues(plan: ValidationPlan, cs: ChoiceSpec, depth = 0): Scalar[] {
  if (!cs.carry || depth > plan.questions.length) return cs.items.map((c) => c.value);
  const src = plan.questions[cs.carry.source];
  if (!("choices" in src)) return [];
  const base = knownChoiceValues(plan, src.choices, depth + 1);
  return cs.carry.mode === "selected" && cs.other === null && src.choices.other !== null
    ? [...base, src.choices.other]
    : base;
}
