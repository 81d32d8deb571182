/**
 * Compilation of free-text answers: a text question's format (input type or mask), length cap, bounds
 * (fixed or by expression) and step; multiple-text questions, whose fields are text editors with their own
 * required flag and validators; and the length cap of text and comment questions.
 */
import { Helpers } from "survey-core";
import type { QuestionMultipleTextModel, QuestionTextModel } from "survey-core";
import { DEFAULT_TEXT_MAX, HARD_MAX_LENGTH, FORMATTED_MAX, FORBIDDEN_NAMES, capLength } from "./limits.server";
import { toLocText } from "./messages.server";
import type { Bound, TextFormat, TextSpec, MultiTextItem, QuestionBase, QuestionPlan } from "./plan.server";
import type { CompileContext } from "./compile-context.server";
import { compileValidators } from "./compile-validators.server";

/** The format, length cap, bounds and step of a text question (or of one multiple-text field). */
export function compileText(ctx: CompileContext, t: QuestionTextModel, where: string): TextSpec {
  const maskType = t.maskType && t.maskType !== "none" ? t.maskType : "";
  let format: TextFormat;
  if (maskType) {
    const saveMasked = (t.maskSettings as unknown as { saveMaskedValue?: boolean } | undefined)?.saveMaskedValue;
    format = (maskType === "numeric" || maskType === "currency") && !saveMasked ? "number" : "text";
    ctx.warnOnce(
      `mask:${where}`,
      `${where}: inmatningsmasken (${maskType}) kontrolleras bara som ${format === "number" ? "tal" : "text"}.`,
    );
  } else {
    const it = t.inputType;
    format =
      it === "number" || it === "range"
        ? "number"
        : it === "date"
          ? "date"
          : it === "datetime-local"
            ? "datetime"
            : it === "month" || it === "week" || it === "time" || it === "color" || it === "email"
              ? it
              : "text";
  }
  const maxLength =
    format === "text" || format === "email"
      ? textMaxLength(ctx, t.getMaxLength() as number | null, DEFAULT_TEXT_MAX, where)
      : FORMATTED_MAX;
  const bound = (raw: unknown, expr: string, prop: string): Bound => ({
    value:
      raw === undefined || raw === null || raw === ""
        ? null
        : format === "number"
          ? Helpers.isNumber(raw)
            ? Helpers.getNumber(raw)
            : null
          : String(raw),
    expr: ctx.expr(expr, `${where} (${prop})`),
  });
  const step =
    format === "number" && t.inputType === "number" && Helpers.isNumber(t.step)
      ? (Helpers.getNumber(t.step) as number)
      : null;
  return {
    format,
    maxLength,
    min: bound(t.min, t.minValueExpression, "minValueExpression"),
    max: bound(t.max, t.maxValueExpression, "maxValueExpression"),
    step: step !== null && step > 0 ? step : null,
  };
}

export function compileMultipleText(
  ctx: CompileContext,
  m: QuestionMultipleTextModel,
  base: QuestionBase,
  where: string,
): QuestionPlan {
  const names = new Set<string>();
  const items: MultiTextItem[] = [];
  for (const it of m.items) {
    const name = it.name;
    if (!name || FORBIDDEN_NAMES.has(name)) {
      ctx.issues.errors.push(`${where}: ett fält saknar giltigt namn.`);
      continue;
    }
    if (names.has(name)) ctx.issues.errors.push(`${where}: fältnamnet ${name} används flera gånger.`);
    names.add(name);
    const itemWhere = `${where}, fält ${name}`;
    items.push({
      name,
      text: compileText(ctx, it.editor as unknown as QuestionTextModel, itemWhere),
      isRequired: it.isRequired === true,
      requiredText: toLocText((it.toJSON() as Record<string, unknown>).requiredErrorText),
      validators: compileValidators(ctx, it.validators, itemWhere),
    });
  }
  return { ...base, kind: "multipletext", items };
}

/** The length cap of a text or comment question, with a warning when the definition asks for more. */
export function textMaxLength(ctx: CompileContext, defined: number | null, fallback: number, where: string): number {
  if (typeof defined === "number" && defined > HARD_MAX_LENGTH) {
    ctx.issues.warnings.push(
      `${where}: maxLength ${defined} är över serverns gräns; högst ${HARD_MAX_LENGTH} tecken tas emot.`,
    );
  }
  return capLength(defined, fallback);
}
