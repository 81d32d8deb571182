/**
 * The choice-like answers of cleaned data as (question, value) pairs, for counting: one pair per chosen choice,
 * boolean, rating, matrix cell and ranked choice, with carried-forward choices (choicesFromQuestion) resolved
 * through the plan. Free text and custom choices are never listed.
 */
import type { Scalar, ChoiceSpec, ValidationPlan } from "./plan.server";
import { isPlainObject, isScalar, own, isEmptyValue } from "./helpers.server";

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
