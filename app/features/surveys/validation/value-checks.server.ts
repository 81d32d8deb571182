/**
 * Type, choice and range checks of one non-empty answer value, per question kind: single and multiple choice
 * (Other, None/Refuse/Don't know, exclusive and custom choices), ranking, rating, boolean, text in every format
 * (numbers with bounds and step, dates, times, e-mail ...), comment, matrix cells and multiple text fields.
 * Each check either returns the value to store or a failure; required state and the definition's validators
 * are checked afterwards (answered-checks.server.ts).
 */
import { DEFAULT_COMMENT_MAX, EMAIL_RE } from "./limits.server";
import type { Failure } from "./messages.server";
import type { Scalar, ChoiceSpec, TextFormat, TextSpec } from "./plan.server";
import { isPlainObject, isScalar, own, isEmptyValue, isStepMultiple, isRealDate } from "./helpers.server";
import type { Evaluation } from "./evaluation.server";

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
