/**
 * The checks of a visible, editable question once its value has passed the value checks: the Other text when
 * Other is chosen, required (also `requiredIf`), minimum choice counts, matrix `eachRowRequired` and
 * `eachRowUnique`, required fields of multiple text, and the definition's own validators (expression, numeric,
 * text, answer count, regex, e-mail) as survey-core runs them.
 */
import { Helpers } from "survey-core";
import { EMAIL_RE } from "./limits.server";
import type { Failure } from "./messages.server";
import type { Scalar, ValidatorSpec } from "./plan.server";
import { isOtherSelected, valueIncludes, own, isEmptyValue } from "./helpers.server";
import type { Evaluation } from "./evaluation.server";

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
